// Names and ids in the contracts: the claim key that keeps account and category names unique
// (contracts/unique-names.ts, checked again by firestore.rules), import rules' payees and slots
// (import-rules.ts), and the ids of the activity entries the rules look up by name (merge.ts,
// import-undo.ts, activity.ts, admin-users.ts). An id here that changed would orphan entries
// already written, and a key that changed would let a second "Cash" in.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  IMPORT_RULES_FULL,
  IMPORT_RULES_MAX,
  accountNameClaimPath,
  accountNameKey,
  accountNameTaken,
  categoryNameClaimPath,
  categoryNameKey,
  categoryNameTaken,
  cleanName,
  comparableName,
  duplicateNames,
  freeImportRuleSlot,
  importRollbackEntryId,
  importRuleProblems,
  importRuleSlotId,
  importUndoChunkEntryId,
  importUndoRollbackEntryId,
  importUndoneEntryId,
  mergeChunkEntryId,
  mergeEntryId,
  mergeItemEntryId,
  mergeRollbackEntryId,
  nameKey,
  normalisePayee,
  onboardedEntryId,
} from '@maestro/contracts';

describe('unique names', () => {
  test('a stored name: every whitespace run one space, none at the ends', () => {
    assert.equal(cleanName('  Cash \t\n register  '), 'Cash register');
    assert.equal(cleanName('Cash'), 'Cash');
  });
  test('the claim key: spaces collapsed, ends trimmed, letters lowered one at a time', () => {
    assert.equal(nameKey('  Cash \t Register '), 'cash register');
    assert.equal(nameKey('Cash\u00a0\u2003Register'), 'cash register', 'Unicode space separators are spaces');
    assert.equal(nameKey('CAFÉ'), 'café');
    assert.equal(nameKey('ÜBER  Grill '), 'über grill', 'letters beyond A–Z are lowered too');
    assert.equal(nameKey('İSTANBUL'), 'İstanbul', 'a letter whose lowercase is two letters stays');
    assert.equal(nameKey('ΣΟΦΙΑΣ'), 'σοφιασ', 'the final sigma is σ');
    assert.equal(nameKey('σοφιας'), 'σοφιασ');
    assert.equal(nameKey(' '), '');
  });
  test('the claim key escapes what a document id cannot hold', () => {
    assert.equal(nameKey('Food/Drinks 100%'), 'food%2Fdrinks 100%25');
    assert.equal(nameKey('Back\\Slash'), 'back%5Cslash');
    assert.equal(nameKey('%2F'), '%252f', 'the escape character itself first, so keys never collide');
    assert.notEqual(nameKey('a/b'), nameKey('a%2Fb'));
  });
  test('names compare by their key', () => {
    assert.equal(comparableName(' cash  REGISTER'), comparableName('Cash register'));
    assert.equal(comparableName('CAFÉ'), comparableName('Café'));
    assert.notEqual(comparableName('Cash'), comparableName('Cash 2'));
  });
  test('accounts are unique per currency, categories per parent (top level: "root")', () => {
    assert.equal(accountNameKey('EUR', ' Cash '), 'EUR:cash');
    assert.equal(categoryNameKey('cat-1', 'Produce'), 'cat-1:produce');
    assert.equal(categoryNameKey(null, 'Produce'), 'root:produce');
    assert.equal(categoryNameKey(undefined, 'Produce'), 'root:produce');
    assert.equal(categoryNameKey('', 'Produce'), 'root:produce');
    assert.equal(accountNameClaimPath('USD', 'CAFÉ'), 'accountNames/USD:café');
    assert.equal(categoryNameClaimPath(null, 'Food/Drinks'), 'categoryNames/root:food%2Fdrinks');
  });
  test('the name field says which name is taken, and what to do about an archived one', () => {
    assert.equal(accountNameTaken({ name: 'Cash', currency: 'EUR' }), 'An account named “Cash” in EUR already exists.');
    assert.equal(
      accountNameTaken({ name: 'Cash', currency: 'EUR', archived: true }),
      'An account named “Cash” in EUR already exists (archived: unarchive it instead, or choose another name).',
    );
    assert.equal(categoryNameTaken({ name: 'Fish' }, 'Food › Fresh'), 'A category named “Fish” already exists under “Food › Fresh”.');
    assert.equal(categoryNameTaken({ name: 'Fish' }, null), 'A top-level category named “Fish” already exists.');
  });
  test('duplicate groups: two or more items with one key, in the order first seen', () => {
    const items = ['Cash', 'Bank', 'cash ', 'Card', 'CASH', 'bank'];
    assert.deepEqual(duplicateNames(items, nameKey), [
      ['Cash', 'cash ', 'CASH'],
      ['Bank', 'bank'],
    ]);
    assert.deepEqual(duplicateNames(['a', 'b'], nameKey), []);
    assert.deepEqual(duplicateNames([], nameKey), []);
  });
});

describe('import rules', () => {
  test('a payee is matched in NFKC, lower case, single spaces, trimmed', () => {
    assert.equal(normalisePayee('  ＭＥＴＲＯ   Cash&Carry\t'), 'metro cash&carry');
    assert.equal(normalisePayee('ﬁsh'), 'fish', 'compatibility ligatures are letters');
  });
  test('rule slots are r0 … r499; the first free one is taken, none when all are', () => {
    assert.equal(importRuleSlotId(7), 'r7');
    assert.equal(freeImportRuleSlot([]), 'r0');
    assert.equal(freeImportRuleSlot(['r0', 'r1', 'r3']), 'r2');
    const all = Array.from({ length: IMPORT_RULES_MAX }, (_, slot) => `r${slot}`);
    assert.equal(freeImportRuleSlot(all), null);
    assert.equal(freeImportRuleSlot(all.slice(0, -1)), 'r499', 'the last slot is a slot');
    assert.equal(freeImportRuleSlot(new Set(['r0'])), 'r1', 'any iterable of ids');
  });
  test('a rule’s problems, in words', () => {
    const rule = { pattern: 'metro', match: 'contains' as const, categoryId: 'cat-1' };
    assert.deepEqual(importRuleProblems(rule), []);
    assert.deepEqual(importRuleProblems({ ...rule, match: 'exact', pattern: 'p'.repeat(120) }), []);
    assert.deepEqual(importRuleProblems({ pattern: '', match: 'regex' as never, categoryId: '' }), [
      'Say which payee the rule is for.',
      'Choose whether the payee must match exactly or only contain the words.',
      'Choose a category for the rule.',
    ]);
    assert.deepEqual(importRuleProblems({ ...rule, pattern: 'p'.repeat(121) }), ['Keep the payee to 120 characters.']);
    for (const pattern of ['Metro', 'metro  cash', ' metro'])
      assert.deepEqual(importRuleProblems({ ...rule, pattern }), ['The payee must be written in lower case with single spaces.'], pattern);
  });
  test('a full workspace is told what to do', () => {
    assert.equal(IMPORT_RULES_FULL, 'There are already 500 import rules, the most a workspace keeps. Delete rules you no longer need first.');
  });
});

describe('activity entry ids the rules look up', () => {
  test('merges, import undos, import rollbacks and onboarding', () => {
    assert.equal(mergeEntryId('m1'), 'merge-m1');
    assert.equal(mergeChunkEntryId('m1', 3), 'merge-m1-chunk-3');
    assert.equal(mergeRollbackEntryId('m1'), 'merge-m1-rollback');
    assert.equal(mergeItemEntryId('m1', 'expense', 'e9'), 'merge-m1-expense-e9');
    assert.equal(importUndoneEntryId('i1'), 'undone-i1');
    assert.equal(importUndoChunkEntryId('ev1', 0), 'undo-ev1-chunk-0');
    assert.equal(importUndoRollbackEntryId('ev1'), 'undo-ev1-rollback');
    assert.equal(importRollbackEntryId('i1'), 'rollback-i1');
    assert.equal(onboardedEntryId('u1'), 'onboarded-u1');
  });
});

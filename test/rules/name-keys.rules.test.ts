// Names that differ only in the case of letters beyond A–Z (É/é, Ü/ü, Σ/σ) collide in the rules as
// they do in the app. The rules' lower() knows A–Z only, so the app sends each name's key
// (contracts/unique-names.ts `nameKey`) and the rules check it: no capital left, and the name's
// letters in Unicode's case folding. A member with the console cannot claim "CAFÉ" under another key.
import { beforeEach, describe, test } from 'node:test';
import { assertSucceeds } from '@firebase/rules-unit-testing';
import { accountNameClaimPath, categoryNameClaimPath, nameKey } from '../../contracts/unique-names';
import { STAFF, assertRefused, commitWithEntry, dbOf, entryData, given, newEntryId, now, type Op } from './audited-writes';
import { useRulesEnvironment } from './rules-env';

const rules = useRulesEnvironment('demo-maestro-name-keys-rules');
const account = (name: string, key: string | null = nameKey(name), currency = 'USD') => ({
  name, type: 'cash', currency, openingBalanceMinor: 0, archived: false, createdBy: STAFF.uid, createdAt: now(),
  ...(key === null ? {} : { nameKey: key }),
});

/** Creates the account with its claim at `claimKey` (the app's: the name's key), as a member's batch. */
function create(id: string, data: Record<string, unknown>, claimKey = `${data['currency']}:${String(data['nameKey'] ?? nameKey(String(data['name'])))}`) {
  const entryId = newEntryId();
  const ops: Op[] = [
    { kind: 'set', path: `accounts/${id}`, data },
    { kind: 'set', path: `accountNames/${claimKey}`, data: { accountId: id } },
  ];
  return commitWithEntry(dbOf(rules(), STAFF), ops, { id: entryId, data: entryData(STAFF, entryId, { type: 'account', id }, 'ACCOUNT_CREATED') });
}

describe('name keys beyond A–Z', () => {
  beforeEach(async () => {
    await given(rules(), 'accounts/cafe', account('Café'));
    await given(rules(), accountNameClaimPath('USD', 'Café'), { accountId: 'cafe' });
  });

  test('the app’s own keys go through, for names in several scripts', async () => {
    const names = ['CAFÉ', 'ÜBER Grill', 'ΣΟΦΙΑΣ', 'Ölçü İSTANBUL', 'Zürich / Genève 50%', 'Back\\slash', 'ǅemal', 'Straße'];
    for (const [i, name] of names.entries()) await assertSucceeds(create(`n${i}`, account(name, nameKey(name), 'EUR')));
  });

  test('“CAFÉ” collides with “Café”: under its key the claim is taken', async () => {
    await assertRefused(create('cafe2', account('CAFÉ')), 'CAFÉ under the app’s key');
  });

  test('a forged key is refused: a capital left, another letter, another name, none at all', async () => {
    await assertRefused(create('f1', account('CAFÉ', 'cafÉ')), 'key with É left');
    await assertRefused(create('f2', account('CAFÉ', 'cafè')), 'key with another letter');
    await assertRefused(create('f3', account('CAFÉ', 'cafe')), 'key without the accent');
    await assertRefused(create('f4', account('CAFÉ', 'bistro')), 'key of another name');
    // Without a key the rules use their own (É kept), which is no valid key: its claim is refused.
    await assertRefused(create('f5', account('CAFÉ', null), 'USD:cafÉ'), 'no key, claim under É');
    await assertRefused(create('f6', account('CAFÉ', 'café'), 'USD:cafÉ'), 'claim elsewhere than the key');
  });

  test('a rename that changes only É’s case needs no new claim; a rename to another account’s name is refused', async () => {
    await assertSucceeds(create('menu', account('Menü')));
    const rename = (name: string, key: string) => {
      const entryId = newEntryId();
      const ops: Op[] = [{ kind: 'update', path: 'accounts/menu', data: { name, nameKey: key, updatedBy: STAFF.uid, updatedAt: now() } }];
      return commitWithEntry(dbOf(rules(), STAFF), ops, { id: entryId, data: entryData(STAFF, entryId, { type: 'account', id: 'menu' }, 'ACCOUNT_UPDATED') });
    };
    await assertSucceeds(rename('MENÜ', nameKey('MENÜ')));
    await assertRefused(rename('CAFÉ', nameKey('CAFÉ')), 'renamed onto Café’s claim');
    await assertRefused(rename('MENÜ', 'menÜ'), 'forged key on rename');
  });

  test('categories: “PRODUCE ÉPICES” collides with “Produce épices” under one parent', async () => {
    const category = (name: string) => ({ name, nameKey: nameKey(name), colour: '#66bb6a', icon: 'eco', parentId: null, createdBy: STAFF.uid, createdAt: now() });
    const createCategory = (id: string, name: string) => {
      const entryId = newEntryId();
      const ops: Op[] = [
        { kind: 'set', path: `categories/${id}`, data: category(name) },
        { kind: 'set', path: categoryNameClaimPath(null, name), data: { categoryId: id } },
      ];
      return commitWithEntry(dbOf(rules(), STAFF), ops, { id: entryId, data: entryData(STAFF, entryId, { type: 'category', id }, 'CATEGORY_CREATED') });
    };
    await assertSucceeds(createCategory('p1', 'Produce épices'));
    await assertRefused(createCategory('p2', 'PRODUCE ÉPICES'), 'same name, other case beyond A–Z');
  });
});

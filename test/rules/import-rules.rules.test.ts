// Import rules (payee → category) from a browser: members keep them, each change with its activity
// entry; strangers get nothing; bad shapes, unknown categories and a flood past 500 are refused.
import { beforeEach, describe, test } from 'node:test';
import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { Timestamp, deleteDoc, doc, getDoc, getDocs, collection, setDoc } from 'firebase/firestore';
import {
  ADMIN,
  OTHER_STAFF,
  STAFF,
  STRANGER,
  assertRefused,
  audited,
  commitWithEntry,
  dbOf,
  entryData,
  given,
  givenLedger,
  now,
  type Member,
} from './audited-writes';
import { useRulesEnvironment } from './rules-env';

const rules = useRulesEnvironment('demo-maestro-import-rules');
const db = (who: Member) => dbOf(rules(), who);
beforeEach(() => givenLedger(rules()));

const rule = (overrides: object = {}) => ({ pattern: 'sysco', match: 'exact', categoryId: 'rent', createdBy: 'staff-1', createdAt: now(), ...overrides });
const create = (data: object, id = 'r0', who = STAFF, action = 'IMPORT_RULE_CREATED') =>
  audited(db(who), who, { kind: 'set', path: `importRules/${id}`, data: data as Record<string, unknown> }, { type: 'importRule', id }, action);
const edit = (data: object, id = 'r0', who = STAFF) =>
  audited(
    db(who),
    who,
    { kind: 'update', path: `importRules/${id}`, data: { updatedBy: who.uid, updatedAt: now(), ...data } },
    { type: 'importRule', id },
    'IMPORT_RULE_UPDATED',
  );
const remove = (who: Member, id = 'r0', auditId = 'none') =>
  commitWithEntry(db(who), [{ kind: 'delete', path: `importRules/${id}` }], {
    id: `del-${id}-${auditId}`,
    data: entryData(who, `del-${id}-${auditId}`, { type: 'importRule', id }, 'IMPORT_RULE_DELETED'),
  });
const stored = { pattern: 'sysco', match: 'exact', categoryId: 'rent', createdBy: 'staff-1' };

describe('import rules', () => {
  test('a member creates a rule with its entry, and every member reads the rules', async () => {
    await assertSucceeds(create(rule()));
    await assertSucceeds(create(rule({ pattern: 'amazon mktp', match: 'contains' }), 'r499'));
    await assertSucceeds(getDoc(doc(db(OTHER_STAFF), 'importRules/r0')));
    await assertSucceeds(getDocs(collection(db(ADMIN), 'importRules')));
  });

  test('a stranger with a Firebase account reads and writes nothing', async () => {
    await given(rules(), 'importRules/r0', stored);
    await assertFails(getDoc(doc(db(STRANGER), 'importRules/r0')));
    await assertFails(getDocs(collection(db(STRANGER), 'importRules')));
    await assertRefused(create(rule({ createdBy: STRANGER.uid }), 'r1', STRANGER), 'a stranger creating a rule');
    await assertRefused(edit({ categoryId: 'rent' }, 'r0', STRANGER), 'a stranger editing a rule');
    await assertRefused(remove(STRANGER), 'a stranger deleting a rule');
  });

  test('a member writing straight to Firestore without the entry is refused', async () => {
    await assertFails(setDoc(doc(db(STAFF), 'importRules/r0'), rule()));
    await assertRefused(create(rule(), 'r0', STAFF, 'CATEGORY_CREATED'), 'an entry with another subject’s action');
    await given(rules(), 'importRules/r1', stored);
    await assertFails(deleteDoc(doc(db(STAFF), 'importRules/r1')));
  });

  test('malformed and oversized rules are refused', async () => {
    for (const [bad, what] of [
      [{ pattern: '' }, 'an empty pattern'],
      [{ pattern: 'x'.repeat(121) }, 'a pattern over 120 characters'],
      [{ pattern: 'Sysco' }, 'a pattern not in lower case'],
      [{ pattern: ' sysco' }, 'a pattern with a leading space'],
      [{ pattern: 'sysco  foods' }, 'a pattern with a double space'],
      [{ pattern: 42 }, 'a pattern that is not text'],
      [{ match: 'regex' }, 'an unknown match kind'],
      [{ categoryId: 'x'.repeat(201) }, 'an oversized category id'],
      [{ createdBy: 'staff-2' }, 'someone else as creator'],
      [{ createdAt: Timestamp.fromDate(new Date('2020-01-01')) }, 'a back-dated creation'],
      [{ extra: 'x'.repeat(10_000) }, 'an unknown field'],
    ] as const) {
      await assertRefused(create(rule(bad)), what);
    }
  });

  test('a rule must name a category that exists', async () => {
    await assertRefused(create(rule({ categoryId: 'no-such-category' })), 'an unknown category');
    await given(rules(), 'importRules/r0', stored);
    await assertRefused(edit({ categoryId: 'no-such-category' }), 'an edit to an unknown category');
  });

  test('a flood is capped: only the slots r0…r499 exist', async () => {
    for (const id of ['r500', 'r999', 'r0001', 'r-1', 'sysco', 'r1a']) {
      await assertRefused(create(rule(), id), `the id ${id}`);
    }
  });

  test('a create over a taken slot is refused: it would silently replace someone else’s rule', async () => {
    await given(rules(), 'importRules/r0', { ...stored, createdAt: Timestamp.fromDate(new Date('2025-01-01')) });
    await assertRefused(create(rule({ createdBy: OTHER_STAFF.uid }), 'r0', OTHER_STAFF), 'a second create on r0');
  });

  test('members edit and delete rules with their entries; the creator and creation time stay', async () => {
    await given(rules(), 'importRules/r0', stored);
    await assertSucceeds(edit({ categoryId: 'rent', match: 'contains' }, 'r0', OTHER_STAFF));
    await assertRefused(edit({ createdBy: 'staff-2' }, 'r0', OTHER_STAFF), 'a changed creator');
    // The rule now names the edit's entry: a deletion entry must name that version.
    await given(rules(), 'importRules/r0', stored);
    await assertSucceeds(remove(OTHER_STAFF));
    await given(rules(), 'importRules/r1', stored);
    await assertSucceeds(remove(ADMIN, 'r1'));
  });
});

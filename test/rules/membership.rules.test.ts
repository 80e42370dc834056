// Membership is a positive claim: an account anyone can make with the public web key reads and
// writes nothing, and neither does an account carrying only the pre-membership `admin` flag.
import { beforeEach, describe, test } from 'node:test';
import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { collection, doc, getDoc, getDocs, increment, setDoc } from 'firebase/firestore';
import { STAFF, STRANGER, audited, dbOf, given, givenLedger, now } from './audited-writes';
import { useRulesEnvironment } from './rules-env';

const rules = useRulesEnvironment('demo-maestro-membership-rules');
const stranger = () => dbOf(rules(), STRANGER);
const legacyAdmin = () => rules().authenticatedContext('old-admin', { email: 'old@maestro.test', admin: true }).firestore();
const forgedRole = () => rules().authenticatedContext('odd-1', { email: 'odd@maestro.test', role: 'owner' }).firestore();

const READABLE = [
  'orders/o1',
  'orders/o1/items/i1',
  'menuItems/espresso',
  'accounts/usd',
  'categories/rent',
  'expenses/e1',
  'transfers/t1',
  'budgets/rent_USD',
  'metadata/ledger',
  'metadata/counters',
  'users/stranger-1',
];

beforeEach(async () => {
  await givenLedger(rules());
  for (const path of ['orders/o1', 'orders/o1/items/i1', 'menuItems/espresso', 'expenses/e1', 'transfers/t1', 'budgets/rent_USD', 'metadata/ledger', 'metadata/counters', 'users/stranger-1']) {
    await given(rules(), path, { createdBy: 'stranger-1', customerName: 'Ada', street: '1 Main St' });
  }
});

describe('a signed-in account that is not a member', () => {
  for (const path of READABLE) {
    test(`reads nothing: ${path}`, async () => {
      await assertFails(getDoc(doc(stranger(), path)));
      await assertFails(getDoc(doc(legacyAdmin(), path)));
      await assertFails(getDoc(doc(forgedRole(), path)));
      await assertSucceeds(getDoc(doc(dbOf(rules(), STAFF), path.startsWith('users/') ? 'users/staff-1' : path)));
    });
  }
  test('lists nothing: orders, expenses, the activity log', async () => {
    for (const name of ['orders', 'expenses', 'activity', 'accounts']) await assertFails(getDocs(collection(stranger(), name)));
  });
  test('writes nothing, even as the ledger asks (change + entry + ledger bump)', async () => {
    const account = { name: 'Mine', type: 'cash', currency: 'USD', openingBalanceMinor: 0, archived: false, createdBy: STRANGER.uid, createdAt: now() };
    await assertFails(audited(stranger(), STRANGER, { kind: 'set', path: 'accounts/a1', data: account }, { type: 'account', id: 'a1' }, 'ACCOUNT_CREATED'));
    await assertFails(setDoc(doc(stranger(), 'metadata/ledger'), { version: increment(1) }, { merge: true }));
    await assertSucceeds(
      audited(dbOf(rules(), STAFF), STAFF, { kind: 'set', path: 'accounts/a1', data: { ...account, createdBy: STAFF.uid } }, { type: 'account', id: 'a1' }, 'ACCOUNT_CREATED'),
    );
  });
  test('the old `admin: true` flag alone grants nothing, admin pages included', async () => {
    await given(rules(), 'sagas/o1', { status: 'x' });
    await given(rules(), 'activitySeals/000000000001', { hash: 'h' });
    await assertFails(getDoc(doc(legacyAdmin(), 'sagas/o1')));
    await assertFails(getDoc(doc(legacyAdmin(), 'activitySeals/000000000001')));
    await assertFails(getDocs(collection(legacyAdmin(), 'activity')));
  });
});

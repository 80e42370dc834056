// Firestore rules are the real gate: every allow and every deny is proven against the emulator.
import { readFileSync } from 'node:fs';
import { after, afterEach, before, describe, test } from 'node:test';
import {
  assertFails,
  assertSucceeds,
  initializeTestEnvironment,
  type RulesTestEnvironment,
} from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, serverTimestamp, setDoc, updateDoc } from 'firebase/firestore';

let env: RulesTestEnvironment;

before(async () => {
  const [host, port] = (process.env['FIRESTORE_EMULATOR_HOST'] ?? '127.0.0.1:8080').split(':');
  env = await initializeTestEnvironment({
    projectId: process.env['GCLOUD_PROJECT'] ?? 'demo-maestro',
    firestore: { rules: readFileSync('firestore.rules', 'utf8'), host, port: Number(port) },
  });
});
afterEach(() => env.clearFirestore());
after(() => env.cleanup());

const staff = () => env.authenticatedContext('staff-1', { email: 'staff@maestro.test' }).firestore();
const otherStaff = () => env.authenticatedContext('staff-2').firestore();
const admin = () => env.authenticatedContext('admin-1', { admin: true }).firestore();
const anonymous = () => env.unauthenticatedContext().firestore();

async function given(path: string, data: object): Promise<void> {
  await env.withSecurityRulesDisabled(async (context) => {
    await setDoc(doc(context.firestore(), path), data);
  });
}

describe('users', () => {
  test('a user reads their own profile', async () => {
    await given('users/staff-1', { displayName: 'Sam' });
    await assertSucceeds(getDoc(doc(staff(), 'users/staff-1')));
  });
  test('a user cannot read another user\'s profile', async () => {
    await given('users/staff-2', { displayName: 'Kim' });
    await assertFails(getDoc(doc(staff(), 'users/staff-2')));
  });
  test('an admin reads every profile', async () => {
    await given('users/staff-2', { displayName: 'Kim' });
    await assertSucceeds(getDocs(collection(admin(), 'users')));
  });
  test('nobody writes profiles from a client, not even an admin about themselves', async () => {
    await assertFails(setDoc(doc(staff(), 'users/staff-1'), { role: 'admin' }));
    await assertFails(setDoc(doc(admin(), 'users/admin-1'), { displayName: 'A' }));
  });
  test('a signed-out visitor reads nothing', async () => {
    await given('users/staff-1', { displayName: 'Sam' });
    await assertFails(getDoc(doc(anonymous(), 'users/staff-1')));
  });
});

describe('menu, orders and expense basics', () => {
  for (const path of ['menuItems/burger', 'orders/o1', 'orders/o1/items/i1', 'categories/rent']) {
    test(`${path}: staff read it, signed-out visitors do not`, async () => {
      await given(path, { name: 'x' });
      await assertSucceeds(getDoc(doc(staff(), path)));
      await assertFails(getDoc(doc(anonymous(), path)));
    });
    test(`${path}: no client writes it, admin included`, async () => {
      await given(path, { name: 'x' });
      await assertFails(setDoc(doc(staff(), path), { name: 'y' }));
      await assertFails(updateDoc(doc(admin(), path), { name: 'y' }));
      await assertFails(deleteDoc(doc(admin(), path)));
    });
  }
});

describe('accounts and their counter', () => {
  const account = (overrides: object = {}) => ({
    name: 'Till',
    type: 'cash',
    currency: 'USD',
    openingBalanceMinor: 0,
    archived: false,
    createdBy: 'staff-1',
    ...overrides,
  });

  test('staff create a valid account in their own name', async () => {
    await assertSucceeds(setDoc(doc(staff(), 'accounts/a1'), account()));
  });
  test('an account with a bad name, type, currency or balance is refused', async () => {
    for (const bad of [{ name: '' }, { name: 'x'.repeat(61) }, { type: 'crypto' }, { currency: 'usd' }, { openingBalanceMinor: 1.5 }, { archived: 'no' }]) {
      await assertFails(setDoc(doc(staff(), 'accounts/a1'), account(bad)));
    }
  });
  test('an account cannot be created in someone else\'s name or signed out', async () => {
    await assertFails(setDoc(doc(staff(), 'accounts/a1'), account({ createdBy: 'staff-2' })));
    await assertFails(setDoc(doc(anonymous(), 'accounts/a1'), account()));
  });
  test('staff rename or archive an account but cannot change its creator', async () => {
    await given('accounts/a1', account());
    await assertSucceeds(updateDoc(doc(otherStaff(), 'accounts/a1'), { name: 'Front till', archived: true }));
    await assertFails(updateDoc(doc(otherStaff(), 'accounts/a1'), { createdBy: 'staff-2' }));
  });
  test('only admins delete accounts', async () => {
    await given('accounts/a1', account());
    await assertFails(deleteDoc(doc(staff(), 'accounts/a1')));
    await assertSucceeds(deleteDoc(doc(admin(), 'accounts/a1')));
  });
  test('the account counter only ever goes up by one', async () => {
    await assertSucceeds(setDoc(doc(staff(), 'metadata/counters'), { accounts: 1 }));
    await assertFails(setDoc(doc(staff(), 'metadata/counters'), { accounts: 5 }));
    await assertSucceeds(updateDoc(doc(staff(), 'metadata/counters'), { accounts: 2 }));
    await assertFails(updateDoc(doc(staff(), 'metadata/counters'), { accounts: 0 }));
    await assertFails(updateDoc(doc(staff(), 'metadata/counters'), { accounts: 3, other: 1 }));
    await assertFails(setDoc(doc(anonymous(), 'metadata/counters'), { accounts: 3 }));
  });
});

describe('expenses', () => {
  const expense = (overrides: object = {}) => ({ amountMinor: 1250, currency: 'USD', createdBy: 'staff-1', ...overrides });

  test('staff record an expense in their own name', async () => {
    await assertSucceeds(setDoc(doc(staff(), 'expenses/e1'), expense()));
  });
  test('an expense cannot be recorded in someone else\'s name or signed out', async () => {
    await assertFails(setDoc(doc(staff(), 'expenses/e1'), expense({ createdBy: 'staff-2' })));
    await assertFails(setDoc(doc(anonymous(), 'expenses/e1'), expense()));
  });
  test('amounts are positive integers of minor units', async () => {
    for (const amountMinor of [12.5, 0, -100, '1250', null]) {
      await assertFails(setDoc(doc(staff(), 'expenses/e1'), expense({ amountMinor })));
    }
  });
  test('the currency is a three-letter ISO code', async () => {
    for (const currency of ['usd', 'US', 'USDX', 42]) {
      await assertFails(setDoc(doc(staff(), 'expenses/e1'), expense({ currency })));
    }
  });
  test('another staff member edits an expense but cannot change who recorded it', async () => {
    await given('expenses/e1', expense());
    await assertSucceeds(updateDoc(doc(otherStaff(), 'expenses/e1'), { amountMinor: 999 }));
    await assertFails(updateDoc(doc(otherStaff(), 'expenses/e1'), { createdBy: 'staff-2' }));
    await assertFails(updateDoc(doc(otherStaff(), 'expenses/e1'), { amountMinor: 'lots' }));
  });
  test('staff delete an expense; signed-out visitors cannot read or delete', async () => {
    await given('expenses/e1', expense());
    await assertFails(getDoc(doc(anonymous(), 'expenses/e1')));
    await assertFails(deleteDoc(doc(anonymous(), 'expenses/e1')));
    await assertSucceeds(deleteDoc(doc(staff(), 'expenses/e1')));
  });
});

describe('activity log', () => {
  const entry = (actorUid: string) => ({ actorUid, action: 'ACCOUNT_CREATED', at: serverTimestamp() });

  test('a user appends an entry in their own name', async () => {
    await assertSucceeds(setDoc(doc(staff(), 'activity/a1'), entry('staff-1')));
  });
  test('a user cannot append an entry in someone else\'s name', async () => {
    await assertFails(setDoc(doc(staff(), 'activity/a1'), entry('staff-2')));
  });
  test('an entry must carry the server time and an action', async () => {
    await assertFails(setDoc(doc(staff(), 'activity/a1'), { actorUid: 'staff-1', action: 'X', at: new Date(0) }));
    await assertFails(setDoc(doc(staff(), 'activity/a1'), { actorUid: 'staff-1', action: '', at: serverTimestamp() }));
  });
  test('a signed-out visitor cannot append', async () => {
    await assertFails(setDoc(doc(anonymous(), 'activity/a1'), entry('staff-1')));
  });
  test('entries are append-only: nobody updates or deletes them, admins included', async () => {
    await given('activity/a1', { actorUid: 'staff-1', action: 'X' });
    await assertFails(updateDoc(doc(staff(), 'activity/a1'), { action: 'Y' }));
    await assertFails(deleteDoc(doc(staff(), 'activity/a1')));
    await assertFails(updateDoc(doc(admin(), 'activity/a1'), { action: 'Y' }));
    await assertFails(deleteDoc(doc(admin(), 'activity/a1')));
  });
  test('staff may look up an entry that does not exist (it reveals nothing)', async () => {
    await assertSucceeds(getDoc(doc(staff(), 'activity/missing')));
  });
  test('an admin reads every entry', async () => {
    await given('activity/a1', { actorUid: 'staff-1', action: 'X' });
    await given('activity/a2', { actorUid: 'staff-2', action: 'X' });
    await assertSucceeds(getDocs(collection(admin(), 'activity')));
  });
  test('staff read their own entries but not the whole log', async () => {
    await given('activity/a1', { actorUid: 'staff-1', action: 'X' });
    await given('activity/a2', { actorUid: 'staff-2', action: 'X' });
    await assertSucceeds(getDoc(doc(staff(), 'activity/a1')));
    await assertFails(getDoc(doc(staff(), 'activity/a2')));
    await assertFails(getDocs(collection(otherStaff(), 'activity')));
  });
});

describe('anything else', () => {
  test('an unlisted collection is closed to everyone', async () => {
    await assertFails(setDoc(doc(admin(), 'secrets/s1'), { a: 1 }));
    await assertFails(getDoc(doc(admin(), 'secrets/s1')));
  });
});

// Firestore rules are the real gate: every allow and every deny is proven against the emulator.
import { describe, test } from 'node:test';
import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { useRulesEnvironment } from './rules-env';
import { collection, deleteDoc, doc, getDoc, getDocs, setDoc, updateDoc } from 'firebase/firestore';

const rules = useRulesEnvironment('demo-maestro-rules');

const staff = () => rules().authenticatedContext('staff-1', { email: 'staff@maestro.test', role: 'staff' }).firestore();
const admin = () => rules().authenticatedContext('admin-1', { email: 'admin@maestro.test', role: 'admin' }).firestore();
const anonymous = () => rules().unauthenticatedContext().firestore();

async function given(path: string, data: object): Promise<void> {
  await rules().withSecurityRulesDisabled(async (context) => {
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

describe('menu and orders', () => {
  for (const path of ['menuItems/burger', 'orders/o1', 'orders/o1/items/i1']) {
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

describe('anything else', () => {
  test('an unlisted collection is closed to everyone', async () => {
    await assertFails(setDoc(doc(admin(), 'secrets/s1'), { a: 1 }));
    await assertFails(getDoc(doc(admin(), 'secrets/s1')));
  });
});

describe('fulfillment saga records and idempotency keys (written by the API only)', () => {
  for (const path of ['sagas/o1', 'payments/o1', 'deliveries/o1', 'inventoryReservations/o1']) {
    test(`${path}: an admin reads it; staff and visitors do not`, async () => {
      await given(path, { status: 'x' });
      await assertSucceeds(getDoc(doc(admin(), path)));
      await assertFails(getDoc(doc(staff(), path)));
      await assertFails(getDoc(doc(anonymous(), path)));
    });
    test(`${path}: no client writes it, admin included`, async () => {
      await given(path, { status: 'x' });
      await assertFails(setDoc(doc(staff(), path), { status: 'refunded' }));
      await assertFails(updateDoc(doc(admin(), path), { status: 'refunded' }));
      await assertFails(deleteDoc(doc(admin(), path)));
    });
  }
  test('idempotencyKeys: nobody reads or writes them from a client, admin included', async () => {
    await given('idempotencyKeys/k1', { uid: 'staff-1', orderId: 'o1' });
    await assertFails(getDoc(doc(staff(), 'idempotencyKeys/k1')));
    await assertFails(getDoc(doc(admin(), 'idempotencyKeys/k1')));
    await assertFails(setDoc(doc(staff(), 'idempotencyKeys/k2'), { uid: 'staff-1', orderId: 'o2' }));
    await assertFails(deleteDoc(doc(admin(), 'idempotencyKeys/k1')));
  });
});

// Firestore rules are the real gate: every allow and every deny is proven against the emulator.
import { beforeEach, describe, test } from 'node:test';
import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { useRulesEnvironment } from './rules-env';
import { collection, deleteDoc, doc, getDoc, getDocs, serverTimestamp, setDoc, updateDoc } from 'firebase/firestore';

const rules = useRulesEnvironment('demo-maestro-rules');

const staff = () => rules().authenticatedContext('staff-1', { email: 'staff@maestro.test' }).firestore();
const otherStaff = () => rules().authenticatedContext('staff-2').firestore();
const admin = () => rules().authenticatedContext('admin-1', { admin: true }).firestore();
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
    await assertFails(updateDoc(doc(otherStaff(), 'accounts/a1'), { currency: 'EUR' }));
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

const USD_ACCOUNT = { name: 'Till', type: 'cash', currency: 'USD', openingBalanceMinor: 0, archived: false, createdBy: 'staff-1' };
const EUR_ACCOUNT = { ...USD_ACCOUNT, name: 'Euro bank', type: 'bank', currency: 'EUR' };
const givenAccounts = async () => {
  await given('accounts/usd', USD_ACCOUNT);
  await given('accounts/usd2', { ...USD_ACCOUNT, name: 'Card' });
  await given('accounts/eur', EUR_ACCOUNT);
  await given('categories/rent', { name: 'Rent', colour: '#6a1b9a', icon: 'home', parentId: null });
};
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('expenses', () => {
  const expense = (overrides: Record<string, unknown> = {}) => {
    const date = (overrides['date'] as string | undefined) ?? '2026-03-14';
    return {
      accountId: 'usd',
      categoryId: 'rent',
      amountMinor: 1250,
      currency: 'USD',
      date,
      month: date.slice(0, 7),
      payee: 'Landlord',
      note: '',
      tags: ['march'],
      keywords: ['la', 'lan'],
      deleted: false,
      createdBy: 'staff-1',
      updatedBy: 'staff-1',
      ...overrides,
    };
  };
  beforeEach(givenAccounts);

  test('staff record an expense in their own name, against an existing account', async () => {
    await assertSucceeds(setDoc(doc(staff(), 'expenses/e1'), expense()));
  });
  test('an expense cannot be recorded in someone else\'s name or signed out', async () => {
    await assertFails(setDoc(doc(staff(), 'expenses/e1'), expense({ createdBy: 'staff-2' })));
    await assertFails(setDoc(doc(staff(), 'expenses/e1'), expense({ updatedBy: 'staff-2' })));
    await assertFails(setDoc(doc(anonymous(), 'expenses/e1'), expense()));
  });
  test('amounts are positive integers of minor units, within reason', async () => {
    for (const amountMinor of [12.5, 0, -100, '1250', null, 10_000_000_000_001]) {
      await assertFails(setDoc(doc(staff(), 'expenses/e1'), expense({ amountMinor })));
    }
  });
  test('the currency is a three-letter ISO code and the account\'s own', async () => {
    for (const currency of ['usd', 'US', 'USDX', 42, 'EUR']) {
      await assertFails(setDoc(doc(staff(), 'expenses/e1'), expense({ currency })));
    }
    await assertSucceeds(setDoc(doc(staff(), 'expenses/e2'), expense({ accountId: 'eur', currency: 'EUR' })));
  });
  test('an expense against an unknown account is refused', async () => {
    await assertFails(setDoc(doc(staff(), 'expenses/e1'), expense({ accountId: 'no-such-account' })));
  });
  test('dates are real calendar dates, at most a year ahead, with a matching month', async () => {
    for (const date of ['2026-13-01', '2026-00-10', '2026-02-32', '14/03/2026', '2026-3-14', isoDay(400)]) {
      await assertFails(setDoc(doc(staff(), 'expenses/e1'), expense({ date })));
    }
    await assertFails(setDoc(doc(staff(), 'expenses/e1'), { ...expense(), month: '2026-04' }));
    await assertSucceeds(setDoc(doc(staff(), 'expenses/e2'), expense({ date: isoDay(300) })));
  });
  test('unknown fields and oversized text are refused', async () => {
    await assertFails(setDoc(doc(staff(), 'expenses/e1'), expense({ approved: true })));
    await assertFails(setDoc(doc(staff(), 'expenses/e1'), expense({ payee: 'x'.repeat(121) })));
    await assertFails(setDoc(doc(staff(), 'expenses/e1'), expense({ note: 'x'.repeat(501) })));
    await assertFails(setDoc(doc(staff(), 'expenses/e1'), expense({ tags: Array(11).fill('t') })));
  });
  test('a new expense cannot be born deleted', async () => {
    await assertFails(setDoc(doc(staff(), 'expenses/e1'), expense({ deleted: true })));
  });
  test('another staff member edits, deletes (softly) and restores an expense but cannot change who recorded it', async () => {
    await given('expenses/e1', expense());
    await assertSucceeds(updateDoc(doc(otherStaff(), 'expenses/e1'), { amountMinor: 999, updatedBy: 'staff-2' }));
    await assertSucceeds(updateDoc(doc(otherStaff(), 'expenses/e1'), { deleted: true, updatedBy: 'staff-2' }));
    await assertSucceeds(updateDoc(doc(otherStaff(), 'expenses/e1'), { deleted: false, updatedBy: 'staff-2' }));
    await assertFails(updateDoc(doc(otherStaff(), 'expenses/e1'), { createdBy: 'staff-2', updatedBy: 'staff-2' }));
    await assertFails(updateDoc(doc(otherStaff(), 'expenses/e1'), { amountMinor: 'lots', updatedBy: 'staff-2' }));
    // The last editor is always the one who saves: staff-1 cannot save under staff-2's name.
    await assertFails(updateDoc(doc(staff(), 'expenses/e1'), { amountMinor: 1000 }));
    await assertFails(updateDoc(doc(otherStaff(), 'expenses/e1'), { importId: 'imp-1', updatedBy: 'staff-2' }));
  });
  test('hard deletes are for the recorder (an import rolled back) and admins', async () => {
    await given('expenses/e1', expense());
    await given('expenses/e2', expense());
    await assertFails(deleteDoc(doc(otherStaff(), 'expenses/e1')));
    await assertFails(deleteDoc(doc(anonymous(), 'expenses/e1')));
    await assertSucceeds(deleteDoc(doc(staff(), 'expenses/e1')));
    await assertSucceeds(deleteDoc(doc(admin(), 'expenses/e2')));
  });
  test('signed-out visitors cannot read expenses', async () => {
    await given('expenses/e1', expense());
    await assertFails(getDoc(doc(anonymous(), 'expenses/e1')));
    await assertSucceeds(getDoc(doc(otherStaff(), 'expenses/e1')));
  });
});

describe('categories', () => {
  const category = (overrides: object = {}) => ({ name: 'Produce', colour: '#66bb6a', icon: 'eco', parentId: null, createdBy: 'staff-1', ...overrides });
  beforeEach(givenAccounts);

  test('staff create a category, top-level or under an existing parent', async () => {
    await assertSucceeds(setDoc(doc(staff(), 'categories/c1'), category()));
    await assertSucceeds(setDoc(doc(staff(), 'categories/c2'), category({ parentId: 'rent' })));
  });
  test('a bad name, colour, icon, parent or creator is refused', async () => {
    for (const bad of [{ name: '' }, { name: 'x'.repeat(61) }, { colour: 'green' }, { icon: 'Bad Icon' }, { parentId: 'missing' }, { parentId: 'c1' }, { createdBy: 'staff-2' }, { extra: 1 }]) {
      await assertFails(setDoc(doc(staff(), 'categories/c1'), category(bad)));
    }
    await assertFails(setDoc(doc(anonymous(), 'categories/c1'), category()));
  });
  test('staff rename and recolour a category (seeded ones too) but not change its creator', async () => {
    await assertSucceeds(updateDoc(doc(otherStaff(), 'categories/rent'), { name: 'Rent & rates', colour: '#000000' }));
    await given('categories/c1', category());
    await assertFails(updateDoc(doc(otherStaff(), 'categories/c1'), { createdBy: 'staff-2' }));
  });
  test('staff delete a category; signed-out visitors cannot', async () => {
    await assertFails(deleteDoc(doc(anonymous(), 'categories/rent')));
    await assertSucceeds(deleteDoc(doc(staff(), 'categories/rent')));
  });
});

describe('transfers', () => {
  const transfer = (overrides: object = {}) => ({
    fromAccountId: 'usd',
    toAccountId: 'usd2',
    sentMinor: 5000,
    sentCurrency: 'USD',
    receivedMinor: 5000,
    receivedCurrency: 'USD',
    date: '2026-03-14',
    month: '2026-03',
    note: '',
    deleted: false,
    createdBy: 'staff-1',
    updatedBy: 'staff-1',
    ...overrides,
  });
  beforeEach(givenAccounts);

  test('staff move money between two accounts of one currency, same amount both sides', async () => {
    await assertSucceeds(setDoc(doc(staff(), 'transfers/t1'), transfer()));
    await assertFails(setDoc(doc(staff(), 'transfers/t2'), transfer({ receivedMinor: 4999 })));
  });
  test('across currencies the received amount is its own, in the receiving account\'s currency', async () => {
    await assertSucceeds(setDoc(doc(staff(), 'transfers/t1'), transfer({ toAccountId: 'eur', receivedCurrency: 'EUR', receivedMinor: 4610 })));
    await assertFails(setDoc(doc(staff(), 'transfers/t2'), transfer({ toAccountId: 'eur', receivedCurrency: 'USD', receivedMinor: 4610 })));
  });
  test('a transfer to the same account, from an unknown one, of nothing, or in another\'s name is refused', async () => {
    for (const bad of [{ toAccountId: 'usd' }, { fromAccountId: 'missing' }, { sentMinor: 0, receivedMinor: 0 }, { sentMinor: 1.5, receivedMinor: 1.5 }, { createdBy: 'staff-2' }, { deleted: true }, { date: '2026-02-31' }]) {
      await assertFails(setDoc(doc(staff(), 'transfers/t1'), transfer(bad)));
    }
    await assertFails(setDoc(doc(anonymous(), 'transfers/t1'), transfer()));
  });
  test('afterwards only the deleted flag changes', async () => {
    await given('transfers/t1', transfer());
    await assertSucceeds(updateDoc(doc(otherStaff(), 'transfers/t1'), { deleted: true, updatedBy: 'staff-2' }));
    await assertFails(updateDoc(doc(otherStaff(), 'transfers/t1'), { sentMinor: 1, receivedMinor: 1, updatedBy: 'staff-2' }));
  });
});

describe('budgets', () => {
  const budget = (overrides: object = {}) => ({ categoryId: 'rent', currency: 'USD', amountMinor: 250_000, updatedBy: 'staff-1', ...overrides });
  beforeEach(givenAccounts);

  test('staff set a monthly budget for a category and currency', async () => {
    await assertSucceeds(setDoc(doc(staff(), 'budgets/rent_USD'), budget()));
    await assertSucceeds(setDoc(doc(staff(), 'budgets/rent_USD'), budget({ amountMinor: 0 })));
  });
  test('the id names its category and currency; amounts are whole and not negative', async () => {
    await assertFails(setDoc(doc(staff(), 'budgets/rent_EUR'), budget()));
    await assertFails(setDoc(doc(staff(), 'budgets/missing_USD'), budget({ categoryId: 'missing' })));
    for (const amountMinor of [-1, 2.5, '100']) {
      await assertFails(setDoc(doc(staff(), 'budgets/rent_USD'), budget({ amountMinor })));
    }
    await assertFails(setDoc(doc(staff(), 'budgets/rent_USD'), budget({ updatedBy: 'staff-2' })));
    await assertFails(setDoc(doc(anonymous(), 'budgets/rent_USD'), budget()));
  });
});

describe('ledger version', () => {
  test('only ever goes up by one', async () => {
    await assertSucceeds(setDoc(doc(staff(), 'metadata/ledger'), { version: 1 }));
    await assertSucceeds(updateDoc(doc(staff(), 'metadata/ledger'), { version: 2 }));
    await assertFails(updateDoc(doc(staff(), 'metadata/ledger'), { version: 10 }));
    await assertFails(updateDoc(doc(staff(), 'metadata/ledger'), { version: 3, other: true }));
    await assertFails(updateDoc(doc(anonymous(), 'metadata/ledger'), { version: 3 }));
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

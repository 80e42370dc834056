// The expense ledger from a browser: shape, authority, and no write without its activity entry.
// Each case that names an attack was accepted by the rules before issue 13.
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { Timestamp, deleteDoc, doc, getDoc, increment, setDoc, updateDoc } from 'firebase/firestore';
import {
  ADMIN,
  OTHER_STAFF,
  assertRefused,
  STAFF,
  audited,
  commitWithEntry,
  dbOf,
  entryData,
  given,
  givenLedger,
  isoDay,
  nameClaim,
  newEntryId,
  now,
  type Member,
} from './audited-writes';
import { useRulesEnvironment } from './rules-env';

const rules = useRulesEnvironment('demo-maestro-ledger-rules');
const db = (who: Member) => dbOf(rules(), who);
const staff = () => db(STAFF);
const other = () => db(OTHER_STAFF);
const admin = () => db(ADMIN);
beforeEach(() => givenLedger(rules()));

describe('accounts', () => {
  const account = (overrides: object = {}) => ({
    name: 'Till',
    type: 'cash',
    currency: 'USD',
    openingBalanceMinor: 0,
    archived: false,
    createdBy: 'staff-1',
    createdAt: now(),
    ...overrides,
  });
  const create = (data: object, who = STAFF, id = 'a1') =>
    audited(db(who), who, { kind: 'set', path: `accounts/${id}`, data: data as Record<string, unknown> }, { type: 'account', id }, 'ACCOUNT_CREATED');
  const edit = (data: object, who = STAFF, id = 'usd') =>
    audited(db(who), who, { kind: 'update', path: `accounts/${id}`, data: { updatedBy: who.uid, updatedAt: now(), ...data } }, { type: 'account', id }, 'ACCOUNT_UPDATED');

  test('a member creates a valid account with its entry', async () => {
    await assertSucceeds(create(account()));
  });
  test('without its entry, or with an entry about another account, it is refused', async () => {
    await assertFails(setDoc(doc(staff(), 'accounts/a1'), account()));
    await assertFails(
      audited(staff(), STAFF, { kind: 'set', path: 'accounts/a1', data: account() }, { type: 'account', id: 'a2' }, 'ACCOUNT_CREATED'),
    );
  });
  test('an entry written earlier cannot cover a later write', async () => {
    const entryId = newEntryId();
    await assertSucceeds(commitWithEntry(staff(), [], { id: entryId, data: entryData(STAFF, entryId, { type: 'account', id: 'a1' }, 'ACCOUNT_CREATED') }));
    await assertFails(setDoc(doc(staff(), 'accounts/a1'), { ...account(), auditId: entryId }));
  });
  test('bad name, type, currency, balance or extra fields are refused', async () => {
    for (const bad of [
      { name: '' },
      { name: 'x'.repeat(61) },
      { type: 'crypto' },
      { currency: 'usd' },
      { openingBalanceMinor: 1.5 },
      { openingBalanceMinor: -9_007_199_254_740_991 },
      { openingBalanceMinor: 10_000_000_000_001 },
      { archived: 'no' },
      { archived: true },
      { junk: 'x'.repeat(900_000) },
    ]) {
      await assertFails(create(account(bad)));
    }
  });
  test('a forged or non-timestamp creation time, or another creator, is refused', async () => {
    await assertFails(create(account({ createdAt: Timestamp.fromDate(new Date('2020-01-01')) })));
    await assertFails(create(account({ createdAt: '2026-01-01' })));
    await assertFails(create(account({ createdBy: 'staff-2' })));
  });
  test('staff rename and archive an account, stamped with who and when', async () => {
    const renameId = newEntryId();
    await assertSucceeds(
      commitWithEntry(
        other(),
        [
          { kind: 'update', path: 'accounts/usd', data: { name: 'Front till', archived: true, updatedBy: 'staff-2', updatedAt: now() } },
          ...nameClaim('accounts/usd', { name: 'Front till', currency: 'USD' }),
        ],
        { id: renameId, data: entryData(OTHER_STAFF, renameId, { type: 'account', id: 'usd' }, 'ACCOUNT_UPDATED') },
      ),
    );
    await assertFails(updateDoc(doc(other(), 'accounts/usd'), { name: 'No entry', updatedBy: 'staff-2', updatedAt: now() }));
    await assertFails(edit({ updatedBy: 'staff-1' }, OTHER_STAFF));
  });
  test('the creator, the currency and (for staff) the opening balance stay as they were', async () => {
    await assertFails(edit({ createdBy: 'staff-2' }, OTHER_STAFF));
    await assertFails(edit({ currency: 'EUR' }));
    await assertFails(edit({ openingBalanceMinor: -9_007_199_254_740_991 }));
    await assertFails(edit({ openingBalanceMinor: 500 }));
    await assertSucceeds(edit({ openingBalanceMinor: 500 }, ADMIN));
    await assertFails(edit({ junk: 'x'.repeat(900_000) }, ADMIN));
  });
  test('only admins delete accounts, with the deletion entry', async () => {
    const del = (who: Member, entryId: string) =>
      commitWithEntry(db(who), [{ kind: 'delete', path: 'accounts/usd' }], {
        id: entryId,
        data: entryData(who, entryId, { type: 'account', id: 'usd' }, 'ACCOUNT_DELETED'),
      });
    await assertFails(del(STAFF, 'del-usd-none'));
    await assertFails(deleteDoc(doc(admin(), 'accounts/usd')));
    await assertFails(del(ADMIN, 'del-usd-someone-else'));
    await assertSucceeds(del(ADMIN, 'del-usd-none'));
  });
});

describe('the account counter', () => {
  test('moves by one only together with the creation of the account it names', async () => {
    const entryId = newEntryId();
    const entry = { id: entryId, data: entryData(STAFF, entryId, { type: 'account', id: 'a1' }, 'ACCOUNT_CREATED') };
    const accountData = { ...{ name: 'Till', type: 'cash', currency: 'USD', openingBalanceMinor: 0, archived: false, createdBy: 'staff-1' }, createdAt: now() };
    await assertSucceeds(
      commitWithEntry(
        staff(),
        [
          { kind: 'set', path: 'accounts/a1', data: accountData },
          ...nameClaim('accounts/a1', accountData),
          { kind: 'set', path: 'metadata/counters', data: { accounts: increment(1), lastAccountId: 'a1' }, merge: true },
        ],
        entry,
        {},
      ),
    );
  });
  test('a bump with nothing created, an existing account, or a jump is refused', async () => {
    await assertFails(setDoc(doc(staff(), 'metadata/counters'), { accounts: 1, lastAccountId: 'nothing' }));
    await given(rules(), 'metadata/counters', { accounts: 4 });
    await assertFails(updateDoc(doc(staff(), 'metadata/counters'), { accounts: 5, lastAccountId: 'usd' }));
    await assertFails(updateDoc(doc(staff(), 'metadata/counters'), { accounts: 5 }));
    await assertFails(updateDoc(doc(staff(), 'metadata/counters'), { accounts: 9, lastAccountId: 'usd' }));
  });
});

describe('the ledger version', () => {
  test('moves by one beside a new entry about money, never alone', async () => {
    const entryId = newEntryId();
    await assertSucceeds(
      commitWithEntry(
        staff(),
        [{ kind: 'set', path: 'metadata/ledger', data: { version: increment(1), auditId: entryId }, merge: true }],
        { id: entryId, data: entryData(STAFF, entryId, { type: 'expense', id: 'e1' }, 'EXPENSE_DELETED') },
        { stamp: false },
      ),
    );
    await assertFails(updateDoc(doc(staff(), 'metadata/ledger'), { version: 2 }));
    await assertRefused(updateDoc(doc(staff(), 'metadata/ledger'), { version: 2, auditId: entryId }), 'an old entry does not count');
    await assertFails(updateDoc(doc(staff(), 'metadata/ledger'), { version: 10, auditId: 'x' }));
  });
});

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
      createdAt: now(),
      updatedAt: now(),
      ...overrides,
    };
  };
  const record = (data: object, who = STAFF, id = 'e1') =>
    audited(db(who), who, { kind: 'set', path: `expenses/${id}`, data: data as Record<string, unknown> }, { type: 'expense', id }, 'EXPENSE_RECORDED');
  const edit = (who: Member, data: object, id = 'e1') =>
    audited(db(who), who, { kind: 'update', path: `expenses/${id}`, data: { updatedBy: who.uid, updatedAt: now(), ...data } }, { type: 'expense', id }, 'EXPENSE_UPDATED');

  test('a member records an expense with its entry', async () => {
    await assertSucceeds(record(expense()));
    await assertSucceeds(record(expense({ accountId: 'eur', currency: 'EUR' }), STAFF, 'e2'));
  });
  test('without its entry it is refused', async () => {
    await assertFails(setDoc(doc(staff(), 'expenses/e1'), expense()));
  });
  test('not in someone else\'s name, nor born deleted', async () => {
    await assertFails(record(expense({ createdBy: 'staff-2' })));
    await assertFails(record(expense({ updatedBy: 'staff-2' })));
    await assertFails(record(expense({ deleted: true })));
  });
  test('amounts are positive integers of minor units, within reason', async () => {
    for (const amountMinor of [12.5, 0, -100, '1250', null, 10_000_000_000_001]) await assertFails(record(expense({ amountMinor })));
  });
  test('the currency is the account\'s; the account is known and open; the category exists', async () => {
    for (const currency of ['usd', 'US', 'EUR']) await assertFails(record(expense({ currency })));
    await assertFails(record(expense({ accountId: 'no-such-account' })));
    await assertRefused(record(expense({ accountId: 'old' })), 'archived accounts take no new expenses');
    await assertFails(record(expense({ categoryId: 'no-such-category' })));
  });
  test('dates are real, at most a year ahead, with a matching month; times are the commit\'s', async () => {
    for (const date of ['2026-13-01', '2026-02-32', '14/03/2026', isoDay(400)]) await assertFails(record(expense({ date })));
    await assertFails(record({ ...expense(), month: '2026-04' }));
    await assertSucceeds(record(expense({ date: isoDay(300) })));
    await assertFails(record(expense({ createdAt: Timestamp.fromDate(new Date('2020-01-01')) }), STAFF, 'e3'));
    await assertFails(record(expense({ updatedAt: 'yesterday' }), STAFF, 'e4'));
  });
  test('unknown fields, oversized text, nested or huge tags and keywords are refused', async () => {
    for (const bad of [
      { approved: true },
      { payee: 'x'.repeat(121) },
      { note: 'x'.repeat(501) },
      { tags: Array(11).fill('t') },
      { tags: ['x'.repeat(31)] },
      { tags: ['x'.repeat(400_000)] },
      { tags: [{ nested: { deep: true } }] },
      { tags: [''] },
      { tags: ['two\nlines'] },
      { keywords: ['x'.repeat(400_000)] },
      { keywords: [{ a: 1 }] },
      { keywords: Array(61).fill('ab') },
    ]) {
      await assertRefused(record(expense(bad)), JSON.stringify(bad).slice(0, 60));
    }
  });
  test('the recorder edits, deletes softly and restores; someone else cannot, an admin can', async () => {
    await assertSucceeds(record(expense()));
    await assertSucceeds(edit(STAFF, { amountMinor: 999 }));
    await assertFails(edit(OTHER_STAFF, { amountMinor: 100_000_000, accountId: 'usd2' }), 'the attack: rewriting someone else\'s expense');
    await assertFails(edit(OTHER_STAFF, { deleted: true }));
    await assertSucceeds(edit(ADMIN, { deleted: true }));
    await assertSucceeds(edit(STAFF, { deleted: false }));
  });
  test('an edit keeps creator, creation time and import; needs its entry; moves only to an open account', async () => {
    await assertSucceeds(record(expense()));
    await assertFails(edit(STAFF, { createdBy: 'staff-2' }));
    await assertFails(edit(STAFF, { createdAt: now() }));
    await assertFails(edit(STAFF, { importId: 'imp-1' }));
    await assertFails(updateDoc(doc(staff(), 'expenses/e1'), { amountMinor: 1, updatedBy: 'staff-1', updatedAt: now() }));
    await assertFails(edit(STAFF, { accountId: 'old' }));
    await assertSucceeds(edit(STAFF, { accountId: 'usd2' }));
  });
  test('an expense already on an account that was archived since can still be corrected', async () => {
    await given(rules(), 'expenses/e9', { ...expense(), accountId: 'old', createdAt: Timestamp.now(), updatedAt: Timestamp.now() });
    await assertSucceeds(edit(STAFF, { note: 'corrected' }, 'e9'));
  });
  test('no hard delete, but of one\'s own imported rows while the import is rolled back', async () => {
    await assertSucceeds(record(expense()));
    await assertFails(deleteDoc(doc(staff(), 'expenses/e1')));
    await assertFails(deleteDoc(doc(admin(), 'expenses/e1')));
  });
});

describe('an import', () => {
  const row = (n: number, overrides: object = {}) => ({
    accountId: 'usd',
    categoryId: 'rent',
    amountMinor: 100 + n,
    currency: 'USD',
    date: '2026-03-14',
    month: '2026-03',
    payee: `Supplier ${n}`,
    note: '',
    tags: [],
    keywords: ['su', 'sup'],
    deleted: false,
    createdBy: 'staff-1',
    updatedBy: 'staff-1',
    importId: 'imp1',
    createdAt: now(),
    updatedAt: now(),
    ...overrides,
  });
  const chunk = (who: Member, rows: object[], action = 'EXPENSES_IMPORT_CHUNK_WRITTEN', importId = 'imp1') => {
    const id = newEntryId();
    return commitWithEntry(
      db(who),
      rows.map((data, i) => ({ kind: 'set' as const, path: `expenses/${importId}-${i + 1}`, data: data as Record<string, unknown> })),
      { id, data: entryData(who, id, { type: 'import', id: importId }, action, { count: { from: null, to: rows.length } }) },
    );
  };
  const rollback = (who: Member, paths: string[], entry = true) =>
    commitWithEntry(
      db(who),
      paths.map((path) => ({ kind: 'delete' as const, path })),
      entry ? { id: 'rollback-imp1', data: entryData(who, 'rollback-imp1', { type: 'import', id: 'imp1' }, 'EXPENSES_IMPORT_ROLLED_BACK') } : undefined,
    );

  test('a chunk of rows shares one entry about the import', async () => {
    await assertSucceeds(chunk(STAFF, [row(1), row(2), row(3)]));
  });
  test('rows of another import, or with no import, cannot ride on it', async () => {
    await assertFails(chunk(STAFF, [row(1, { importId: 'imp2' })]));
    await assertFails(chunk(STAFF, [row(1, { importId: null })]));
  });
  test('a rollback deletes the importer\'s rows with its entry; not without, not someone else\'s', async () => {
    await assertSucceeds(chunk(STAFF, [row(1), row(2)]));
    await assertFails(rollback(STAFF, ['expenses/imp1-1'], false));
    await assertFails(rollback(OTHER_STAFF, ['expenses/imp1-1']));
    await assertSucceeds(rollback(STAFF, ['expenses/imp1-1']));
    // Later rollback commits rely on the entry the first one wrote.
    await assertSucceeds(deleteDoc(doc(staff(), 'expenses/imp1-2')));
  });
  test('its rows are created, never overwritten: a chunk that lands on an existing document is refused whole', async () => {
    // The import reads no before-image of its rows and its rollback deletes them: this is its precondition.
    await assertSucceeds(chunk(STAFF, [row(1), row(2)]));
    await assertRefused(chunk(STAFF, [row(1), row(2)]), 'the same import sent again');
    await assertRefused(chunk(STAFF, [row(1), row(2)], 'EXPENSES_IMPORTED'), 'the same rows as the last chunk');
    const imp2 = (n: number) => row(n, { importId: 'imp2' });
    await given(rules(), 'expenses/imp2-2', { ...imp2(2), createdBy: 'staff-2', updatedBy: 'staff-2', importId: null });
    await assertRefused(chunk(STAFF, [imp2(1), imp2(2), imp2(3)], 'EXPENSES_IMPORT_CHUNK_WRITTEN', 'imp2'), "over someone else's expense");
    await given(rules(), 'expenses/imp2-2', { ...imp2(2), importId: 'imp0' });
    await assertRefused(chunk(STAFF, [imp2(1), imp2(2), imp2(3)], 'EXPENSES_IMPORT_CHUNK_WRITTEN', 'imp2'), "over one's own row of another import");
    // Nothing of the refused chunks landed: not even the rows that were new.
    for (const path of ['expenses/imp2-1', 'expenses/imp2-3']) assert.equal((await getDoc(doc(staff(), path))).exists(), false, path);
    assert.equal((await getDoc(doc(staff(), 'expenses/imp2-2'))).get('importId'), 'imp0');
  });
  test('a chunk whose rows read 18 accounts and categories together fits the rules\' read limit', async () => {
    for (let i = 0; i < 9; i++) {
      await given(rules(), `accounts/acc${i}`, { name: `A${i}`, type: 'cash', currency: 'USD', openingBalanceMinor: 0, archived: false, createdBy: 'x' });
      await given(rules(), `categories/cat${i}`, { name: `C${i}`, colour: '#000000', icon: 'home', parentId: null });
    }
    const rows = Array.from({ length: 90 }, (_, i) => row(i, { accountId: `acc${i % 9}`, categoryId: `cat${(i * 4) % 9}` }));
    await assertSucceeds(chunk(STAFF, rows));
  });
});

describe('categories', () => {
  const category = (overrides: object = {}) => ({ name: 'Produce', colour: '#66bb6a', icon: 'eco', parentId: null, createdBy: 'staff-1', createdAt: now(), ...overrides });
  const create = (data: object, id = 'c1', who = STAFF) =>
    audited(db(who), who, { kind: 'set', path: `categories/${id}`, data: data as Record<string, unknown> }, { type: 'category', id }, 'CATEGORY_CREATED');
  // A move changes the parent its name is unique under: the new name claim goes with it.
  const move = (id: string, name: string, parentId: string | null, who = STAFF) => {
    const entryId = newEntryId();
    return commitWithEntry(
      db(who),
      [
        { kind: 'update', path: `categories/${id}`, data: { parentId, updatedBy: who.uid, updatedAt: now() } },
        ...nameClaim(`categories/${id}`, { name, parentId }),
      ],
      { id: entryId, data: entryData(who, entryId, { type: 'category', id }, 'CATEGORY_UPDATED') },
    );
  };

  test('a member creates a category, top-level or under an existing parent, with its entry', async () => {
    await assertSucceeds(create(category()));
    await assertSucceeds(create(category({ parentId: 'rent' }), 'c2'));
    await assertFails(setDoc(doc(staff(), 'categories/c3'), category()));
  });
  test('a bad name, colour, icon, parent, creator or time is refused', async () => {
    for (const bad of [
      { name: '' },
      { name: 'x'.repeat(61) },
      { colour: 'green' },
      { icon: 'Bad Icon' },
      { parentId: 'missing' },
      { parentId: 'c1' },
      { createdBy: 'staff-2' },
      { extra: 1 },
      { createdAt: Timestamp.fromDate(new Date('2020-01-01')) },
    ]) {
      await assertFails(create(category(bad)));
    }
  });
  test('an update cannot make a cycle, nor nest deeper than four levels', async () => {
    await assertSucceeds(create(category({ parentId: 'rent' }), 'c1'));
    await assertSucceeds(create(category({ parentId: 'c1' }), 'c2'));
    await assertRefused(move('rent', 'Rent', 'c2'), 'rent → c1 → c2 → rent');
    await assertFails(move('c1', 'Produce', 'c1'));
    await assertSucceeds(create(category({ name: 'Herbs', parentId: 'c2' }), 'c3'));
    await assertRefused(create(category({ parentId: 'c3' }), 'c4'), 'a fifth level');
    await assertSucceeds(move('c3', 'Herbs', 'rent'));
  });
  test('members rename; the creator stays; only admins delete, with the deletion entry', async () => {
    const renameId = newEntryId();
    await assertSucceeds(
      commitWithEntry(
        other(),
        [
          { kind: 'update', path: 'categories/rent', data: { name: 'Rent & rates', updatedBy: 'staff-2', updatedAt: now() } },
          ...nameClaim('categories/rent', { name: 'Rent & rates', parentId: null }),
        ],
        { id: renameId, data: entryData(OTHER_STAFF, renameId, { type: 'category', id: 'rent' }, 'CATEGORY_UPDATED') },
      ),
    );
    const del = (who: Member) =>
      commitWithEntry(db(who), [{ kind: 'delete', path: 'categories/rent' }], {
        id: `del-rent-${'none'}`,
        data: entryData(who, 'del-rent-none', { type: 'category', id: 'rent' }, 'CATEGORY_DELETED'),
      });
    // The stored category now names the rename's entry: a deletion entry must name that version.
    await given(rules(), 'categories/rent', { name: 'Rent', colour: '#6a1b9a', icon: 'home', parentId: null });
    await assertFails(deleteDoc(doc(staff(), 'categories/rent')));
    await assertFails(del(STAFF));
    await assertFails(deleteDoc(doc(admin(), 'categories/rent')));
    await assertSucceeds(del(ADMIN));
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
    createdAt: now(),
    updatedAt: now(),
    ...overrides,
  });
  const record = (data: object, id = 't1', who = STAFF) =>
    audited(db(who), who, { kind: 'set', path: `transfers/${id}`, data: data as Record<string, unknown> }, { type: 'transfer', id }, 'TRANSFER_RECORDED');
  const softDelete = (who: Member, id = 't1') =>
    audited(db(who), who, { kind: 'update', path: `transfers/${id}`, data: { deleted: true, updatedBy: who.uid, updatedAt: now() } }, { type: 'transfer', id }, 'TRANSFER_DELETED');

  test('same amount both sides within a currency; its own amount across currencies, at a real rate', async () => {
    await assertSucceeds(record(transfer()));
    await assertFails(record(transfer({ receivedMinor: 4999 }), 't2'));
    await assertSucceeds(record(transfer({ toAccountId: 'eur', receivedCurrency: 'EUR', receivedMinor: 4610 }), 't3'));
    await assertRefused(record(transfer({ sentMinor: 1, toAccountId: 'eur', receivedCurrency: 'EUR', receivedMinor: 10_000_000_000_000 }), 't4'), '0.01 USD → 10¹¹ EUR');
    await assertFails(record(transfer({ sentMinor: 10_000_000_000_000, toAccountId: 'eur', receivedCurrency: 'EUR', receivedMinor: 1 }), 't5'));
  });
  test('without its entry, to the same account, from an unknown or archived one, or in another\'s name it is refused', async () => {
    await assertFails(setDoc(doc(staff(), 'transfers/t1'), transfer()));
    for (const bad of [{ toAccountId: 'usd' }, { fromAccountId: 'missing' }, { fromAccountId: 'old' }, { toAccountId: 'old' }, { sentMinor: 0, receivedMinor: 0 }, { createdBy: 'staff-2' }, { deleted: true }, { date: '2026-02-31' }, { createdAt: Timestamp.fromDate(new Date('2020-01-01')) }]) {
      await assertFails(record(transfer(bad)));
    }
  });
  test('afterwards only the deleted flag changes, by the recorder or an admin', async () => {
    await assertSucceeds(record(transfer()));
    await assertSucceeds(record(transfer(), 't2'));
    await assertFails(softDelete(OTHER_STAFF), 'the attack: soft-deleting someone else\'s transfer');
    await assertSucceeds(softDelete(STAFF));
    await assertSucceeds(softDelete(ADMIN, 't2'));
    await assertFails(
      audited(staff(), STAFF, { kind: 'update', path: 'transfers/t1', data: { sentMinor: 1, receivedMinor: 1, updatedBy: 'staff-1', updatedAt: now() } }, { type: 'transfer', id: 't1' }, 'TRANSFER_DELETED'),
    );
    await assertFails(deleteDoc(doc(admin(), 'transfers/t1')));
  });
});

describe('budgets', () => {
  const budget = (overrides: object = {}) => ({ categoryId: 'rent', currency: 'USD', amountMinor: 250_000, updatedBy: 'admin-1', updatedAt: now(), ...overrides });
  const set = (who: Member, data: object, id = 'rent_USD') =>
    audited(db(who), who, { kind: 'set', path: `budgets/${id}`, data: data as Record<string, unknown> }, { type: 'budget', id }, 'BUDGET_SET');

  test('an admin sets a monthly budget for a category and currency, with its entry', async () => {
    await assertSucceeds(set(ADMIN, budget()));
    await assertFails(setDoc(doc(admin(), 'budgets/rent_USD'), budget()));
  });
  test('staff cannot set or remove budgets', async () => {
    await assertFails(set(STAFF, budget({ updatedBy: 'staff-1' })));
    await given(rules(), 'budgets/rent_USD', budget({ updatedAt: Timestamp.now() }));
    await assertFails(
      commitWithEntry(staff(), [{ kind: 'delete', path: 'budgets/rent_USD' }], {
        id: 'del-rent_USD-none',
        data: entryData(STAFF, 'del-rent_USD-none', { type: 'budget', id: 'rent_USD' }, 'BUDGET_REMOVED'),
      }),
    );
  });
  test('the id names its category and currency; amounts are whole, positive and within reason', async () => {
    await assertFails(set(ADMIN, budget(), 'rent_EUR'));
    await assertFails(set(ADMIN, budget({ categoryId: 'missing' }), 'missing_USD'));
    for (const amountMinor of [-1, 0, 2.5, '100', 10_000_000_000_001]) await assertFails(set(ADMIN, budget({ amountMinor })));
  });
  test('an admin removes a budget with its removal entry, not without', async () => {
    await given(rules(), 'budgets/rent_USD', budget({ updatedAt: Timestamp.now(), auditId: 'ev-old' }));
    await assertFails(deleteDoc(doc(admin(), 'budgets/rent_USD')));
    await assertSucceeds(
      commitWithEntry(admin(), [{ kind: 'delete', path: 'budgets/rent_USD' }], {
        id: 'del-rent_USD-ev-old',
        data: entryData(ADMIN, 'del-rent_USD-ev-old', { type: 'budget', id: 'rent_USD' }, 'BUDGET_REMOVED'),
      }),
    );
  });
});

describe('reading the ledger', () => {
  test('members read it; strangers and signed-out visitors do not', async () => {
    for (const path of ['accounts/usd', 'categories/rent', 'metadata/ledger']) {
      await assertSucceeds(getDoc(doc(staff(), path)));
    }
  });
});

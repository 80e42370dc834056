// Merging duplicates from a browser: an admin moves what points at same-named accounts (or sibling
// categories) to the one that stays and deletes the others, each commit with its merge entry. The
// writes here are the app's own (planMergeWrites); staff, strangers and forged moves are refused.
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { assertSucceeds } from '@firebase/rules-unit-testing';
import { Timestamp, doc, getDoc, increment, serverTimestamp, writeBatch, type Firestore } from 'firebase/firestore';
import { mergeChunkEntryId, mergeRollbackEntryId } from '../../contracts/merge';
import type { BatchWrite } from '../../src/app/core/persistence/batch-write';
import { planMergeWrites } from '../../src/app/expenses/data/merge-writes';
import { planAccountMerge, planCategoryMerge } from '../../src/app/expenses/model/merge-plan';
import { ADMIN, STAFF, STRANGER, USD_ACCOUNT, assertRefused, commitWithEntry, dbOf, entryData, given, now, type Member } from './audited-writes';
import { useRulesEnvironment } from './rules-env';

const rules = useRulesEnvironment('demo-maestro-merge-rules');
const db = (who: Member) => dbOf(rules(), who);
const BEFORE = Timestamp.fromDate(new Date('2026-03-14T10:00:00Z'));
const fs = { serverTimestamp, increment };

const expense = (accountId: string, categoryId = 'rent') => ({
  accountId,
  categoryId,
  amountMinor: 1_000,
  currency: 'USD',
  date: '2026-03-14',
  month: '2026-03',
  payee: 'Sysco',
  note: '',
  tags: [],
  keywords: ['sy'],
  deleted: false,
  createdBy: STAFF.uid,
  updatedBy: STAFF.uid,
  createdAt: BEFORE,
  updatedAt: BEFORE,
  auditId: 'recorded',
});
const transfer = (fromAccountId: string, toAccountId: string) => ({
  fromAccountId,
  toAccountId,
  sentMinor: 500,
  sentCurrency: 'USD',
  receivedMinor: 500,
  receivedCurrency: 'USD',
  date: '2026-03-14',
  month: '2026-03',
  note: '',
  deleted: false,
  createdBy: STAFF.uid,
  createdAt: BEFORE,
  auditId: 'sent',
});
const cashA = { ...USD_ACCOUNT, name: 'Cash register', openingBalanceMinor: 10_000 };
const cashB = { ...USD_ACCOUNT, name: 'cash  Register', type: 'card', openingBalanceMinor: 2_500, auditId: 'made' };

beforeEach(async () => {
  const env = rules();
  await given(env, 'metadata/ledger', { version: 3, auditId: 'earlier' });
  await given(env, 'accounts/cashA', cashA);
  await given(env, 'accounts/cashB', cashB);
  await given(env, 'accounts/bank', { ...USD_ACCOUNT, name: 'Bank' });
  await given(env, 'categories/rent', { name: 'Rent', colour: '#6a1b9a', icon: 'home', parentId: null });
  await given(env, 'expenses/e1', expense('cashB'));
  await given(env, 'expenses/e2', expense('cashB'));
  await given(env, 'transfers/t-out', transfer('cashB', 'bank'));
  await given(env, 'transfers/t-between', transfer('cashA', 'cashB'));
});

/** Commits the writes as one batch, as BatchOperation commits one chunk. */
function commit(database: Firestore, writes: readonly BatchWrite[]): Promise<void> {
  const batch = writeBatch(database);
  for (const w of writes) {
    const ref = doc(database, w.path);
    if (w.kind === 'set') batch.set(ref, w.data, { merge: w.merge ?? false });
    else if (w.kind === 'update') batch.update(ref, w.data);
    else batch.delete(ref);
  }
  return batch.commit();
}

/** The app's writes of merging cashB into cashA, by `who`. */
function accountMerge(who: Member, mergeId = 'm1') {
  const plan = planAccountMerge({ ...cashA, id: 'cashA' }, [{ ...cashB, id: 'cashB' }], [{ id: 'e1', accountId: 'cashB' }, { id: 'e2', accountId: 'cashB' }], [
    { id: 't-out', fromAccountId: 'cashB', toAccountId: 'bank', deleted: false },
    { id: 't-between', fromAccountId: 'cashA', toAccountId: 'cashB', deleted: false },
  ]);
  return planMergeWrites(plan, { mergeId, correlationId: 'corr-1', actor: { uid: who.uid, email: who.email }, claimHolders: new Map() }, fs);
}
const read = async (path: string) => (await getDoc(doc(db(ADMIN), path))).data();

describe('merging duplicate accounts', () => {
  test('an admin’s merge moves expenses and transfers, drops the transfer between them, sums the opening balances', async () => {
    await assertSucceeds(commit(db(ADMIN), accountMerge(ADMIN).writes));
    assert.equal((await read('expenses/e1'))?.['accountId'], 'cashA');
    assert.equal((await read('expenses/e1'))?.['amountMinor'], 1_000);
    assert.equal((await read('transfers/t-out'))?.['fromAccountId'], 'cashA');
    assert.equal((await read('transfers/t-between'))?.['deleted'], true);
    assert.equal((await read('accounts/cashA'))?.['openingBalanceMinor'], 12_500);
    assert.equal(await read('accounts/cashB'), undefined);
    assert.equal((await read('accountNames/USD:cash register'))?.['accountId'], 'cashA');
    assert.equal((await read('metadata/ledger'))?.['version'], 4);
  });

  test('staff and a stranger are refused the same writes', async () => {
    await assertRefused(commit(db(STAFF), accountMerge(STAFF).writes), 'staff merge');
    await assertRefused(commit(db(STRANGER), accountMerge(STRANGER).writes), 'stranger merge');
    assert.equal((await read('expenses/e1'))?.['accountId'], 'cashB');
  });

  test('staff may not even log a merge entry', async () => {
    const id = 'merge-m9';
    await assertRefused(
      commitWithEntry(db(STAFF), [], { id, data: entryData(STAFF, id, { type: 'account', id: 'cashA' }, 'ACCOUNTS_MERGED', { expenses: { from: null, to: 0 } }) }),
      'staff merge entry',
    );
  });

  /** One move beside a merge entry about cashA, as an admin; `data` is the expense's change. */
  const forgedMove = (data: Record<string, unknown>, path = 'expenses/e1', survivor = 'cashA') => {
    const id = 'merge-m2';
    return commitWithEntry(db(ADMIN), [{ kind: 'update', path, data: { updatedBy: ADMIN.uid, updatedAt: now(), ...data } }], {
      id,
      data: entryData(ADMIN, id, { type: 'account', id: survivor }, 'ACCOUNTS_MERGED', { expenses: { from: null, to: 1 } }),
    });
  };

  test('a forged merge that changes an amount, moves to a non-duplicate or to another account than the entry’s is refused', async () => {
    await assertRefused(forgedMove({ accountId: 'cashA', amountMinor: 1 }), 'amount changed by a merge');
    await assertRefused(forgedMove({ accountId: 'cashA', payee: 'Someone else' }), 'payee changed by a merge');
    await assertRefused(forgedMove({ accountId: 'bank' }, 'expenses/e1', 'bank'), 'moved to a differently named account');
    await assertRefused(forgedMove({ accountId: 'bank' }), 'moved elsewhere than the survivor');
    await assertSucceeds(forgedMove({ accountId: 'cashA' }));
  });

  test('a transfer is not moved onto itself, nor rerouted to a non-duplicate', async () => {
    const id = 'merge-m3';
    const move = (data: Record<string, unknown>, path: string) =>
      commitWithEntry(db(ADMIN), [{ kind: 'update', path, data: { updatedBy: ADMIN.uid, updatedAt: now(), ...data } }], {
        id,
        data: entryData(ADMIN, id, { type: 'account', id: 'cashA' }, 'ACCOUNTS_MERGED'),
      });
    await assertRefused(move({ toAccountId: 'cashA' }, 'transfers/t-between'), 'transfer to itself');
    await assertRefused(move({ toAccountId: 'cashA', fromAccountId: 'cashA' }, 'transfers/t-out'), 'transfer rerouted from the bank');
    await assertRefused(move({ deleted: true }, 'transfers/t-out'), 'a transfer to another account dropped');
  });

  test('a failed large merge is put back by its admin after the rollback entry, by nobody else', async () => {
    const chunk = mergeChunkEntryId('m4', 1);
    await assertSucceeds(
      commitWithEntry(db(ADMIN), [{ kind: 'update', path: 'expenses/e1', data: { accountId: 'cashA', updatedBy: ADMIN.uid, updatedAt: now() } }], {
        id: chunk,
        data: entryData(ADMIN, chunk, { type: 'account', id: 'cashA' }, 'ACCOUNT_MERGE_CHUNK_WRITTEN', { moved: { from: null, to: '1 moved' } }),
      }),
    );
    const restore = (who: Member, withEntry: boolean, data = expense('cashB')) => {
      const id = mergeRollbackEntryId('m4');
      return commitWithEntry(db(who), [{ kind: 'set', path: 'expenses/e1', data }], withEntry ? { id, data: entryData(who, id, { type: 'account', id: 'cashA' }, 'ACCOUNT_MERGE_ROLLED_BACK') } : undefined, {
        stamp: false,
      });
    };
    await assertRefused(restore(ADMIN, false), 'restore without the rollback entry');
    await assertRefused(restore(STAFF, true), 'restore by staff');
    await assertRefused(restore(ADMIN, true, { ...expense('cashB'), amountMinor: 5 }), 'restore that changes the amount');
    await assertSucceeds(restore(ADMIN, true));
    assert.equal((await read('expenses/e1'))?.['accountId'], 'cashB');
  });
});

describe('merging duplicate categories', () => {
  beforeEach(async () => {
    const env = rules();
    const category = (name: string, parentId: string | null, auditId = 'made') => ({ name, colour: '#6a1b9a', icon: 'eco', parentId, auditId });
    await given(env, 'categories/ing', category('Ingredients', null));
    await given(env, 'categories/p1', category('Produce', 'ing'));
    await given(env, 'categories/p2', category('PRODUCE', 'ing'));
    await given(env, 'categories/herbs', category('Herbs', 'p2'));
    await given(env, 'expenses/e3', expense('bank', 'p2'));
    await given(env, 'budgets/p2_USD', { categoryId: 'p2', currency: 'USD', amountMinor: 900, updatedBy: ADMIN.uid, updatedAt: BEFORE, auditId: 'b1' });
    await given(env, 'importRules/r0', { pattern: 'sysco', match: 'exact', categoryId: 'p2', createdBy: STAFF.uid, createdAt: BEFORE, updatedBy: STAFF.uid, updatedAt: BEFORE, auditId: 'r' });
  });
  const categoryMerge = (who: Member) => {
    const cats = [
      { id: 'ing', name: 'Ingredients', parentId: null },
      { id: 'p1', name: 'Produce', parentId: 'ing' },
      { id: 'p2', name: 'PRODUCE', parentId: 'ing', auditId: 'made' },
      { id: 'herbs', name: 'Herbs', parentId: 'p2' },
    ];
    const plan = planCategoryMerge(cats[1], [cats[2]], cats, [{ id: 'e3', categoryId: 'p2' }], [{ id: 'p2_USD', categoryId: 'p2', currency: 'USD', amountMinor: 900, auditId: 'b1' }], [
      { id: 'r0', categoryId: 'p2' },
    ]);
    return planMergeWrites(plan, { mergeId: 'c1', correlationId: 'corr-2', actor: { uid: who.uid, email: who.email }, claimHolders: new Map() }, fs);
  };

  test('an admin’s merge moves expenses, the child, the budget and the import rule, and deletes the duplicate', async () => {
    await assertSucceeds(commit(db(ADMIN), categoryMerge(ADMIN).writes));
    assert.equal((await read('expenses/e3'))?.['categoryId'], 'p1');
    assert.equal((await read('categories/herbs'))?.['parentId'], 'p1');
    assert.equal((await read('budgets/p1_USD'))?.['amountMinor'], 900);
    assert.equal(await read('budgets/p2_USD'), undefined);
    assert.equal((await read('importRules/r0'))?.['categoryId'], 'p1');
    assert.equal(await read('categories/p2'), undefined);
  });

  test('staff are refused it', async () => {
    await assertRefused(commit(db(STAFF), categoryMerge(STAFF).writes), 'staff category merge');
  });

  test('an expense is not moved to a category of another name or parent', async () => {
    const id = 'merge-c2';
    await assertRefused(
      commitWithEntry(db(ADMIN), [{ kind: 'update', path: 'expenses/e3', data: { categoryId: 'ing', updatedBy: ADMIN.uid, updatedAt: now() } }], {
        id,
        data: entryData(ADMIN, id, { type: 'category', id: 'ing' }, 'CATEGORIES_MERGED'),
      }),
      'expense moved to its parent category',
    );
  });
});

import type { BatchWrite } from '../../core/persistence/batch-write';
import { planAccountMerge, planCategoryMerge } from '../model/merge-plan';
import { planMergeWrites } from './merge-writes';

const fs = { serverTimestamp: () => 'NOW' as never, increment: (n: number) => ({ inc: n }) as never };
const request = (claimHolders: [string, unknown][] = []) => ({
  mergeId: 'm1',
  correlationId: 'corr-1',
  actor: { uid: 'admin-1', email: 'admin@maestro.test' },
  claimHolders: new Map(claimHolders),
});
const survivor = { id: 'a1', name: 'Cash register', currency: 'USD', type: 'cash', openingBalanceMinor: 1_000 };
const other = { id: 'a2', name: 'Cash register', currency: 'USD', type: 'card', openingBalanceMinor: 500, auditId: 'old-entry' };
const expenses = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `e${i}`, accountId: 'a2' }));
const data = (w: BatchWrite) => (w.kind === 'delete' ? {} : (w.data as Record<string, unknown>));

/** The chunks BatchOperation would make: a new one before each write the plan says opens one. */
function chunksOf(plan: ReturnType<typeof planMergeWrites>): BatchWrite[][] {
  const chunks: BatchWrite[][] = [];
  for (const write of plan.writes) {
    const open = chunks.at(-1);
    if (!open || open.length >= plan.options.maxWritesPerChunk || plan.options.closeChunkBefore(open, write)) chunks.push([write]);
    else open.push(write);
  }
  return chunks;
}

describe('planMergeWrites', () => {
  it('does a small account merge in one commit: moves, opening balance, the other deleted with its entry, the claim, the ledger', () => {
    const plan = planMergeWrites(planAccountMerge(survivor, [other], expenses(3), []), request(), fs);
    expect(plan.commits).toBe(1);
    expect(chunksOf(plan).length).toBe(1);
    const paths = plan.writes.map((w) => `${w.kind} ${w.path}`);
    expect(paths).toEqual([
      'set activity/merge-m1',
      'update expenses/e0',
      'update expenses/e1',
      'update expenses/e2',
      'update accounts/a1',
      'set activity/del-a2-old-entry',
      'delete accounts/a2',
      'set accountNames/USD:cash register',
      'set metadata/ledger',
    ]);
    const head = data(plan.writes[0]!);
    expect(head['action']).toBe('ACCOUNTS_MERGED');
    expect(head['subject']).toEqual({ type: 'account', id: 'a1' });
    expect(head['changes']).toEqual({
      merged: { from: 'Cash register (card)', to: 'Cash register (cash)' },
      expenses: { from: null, to: 3 },
      moved: { from: null, to: '3 expenses moved' },
      openingBalanceMinor: { from: 1_000, to: 1_500 },
    });
    expect(data(plan.writes[1]!)).toEqual({ accountId: 'a1', updatedBy: 'admin-1', updatedAt: 'NOW', auditId: 'merge-m1' });
    expect(data(plan.writes[5]!)['subject']).toEqual({ type: 'account', id: 'a2' });
  });

  it('leaves the claim alone when the survivor holds it already', () => {
    const plan = planMergeWrites(planAccountMerge(survivor, [other], [], []), request([['accountNames/USD:cash register', 'a1']]), fs);
    expect(plan.writes.some((w) => w.path.startsWith('accountNames/'))).toBeFalse();
  });

  it('splits a large merge into commits that each open with their own entry; only moves come before the last', () => {
    const plan = planMergeWrites(planAccountMerge(survivor, [other], expenses(1200), []), request(), fs);
    const chunks = chunksOf(plan);
    expect(plan.commits).toBe(3);
    expect(chunks.length).toBe(3);
    expect(chunks.map((c) => c[0]!.path)).toEqual(['activity/merge-m1-chunk-1', 'activity/merge-m1-chunk-2', 'activity/merge-m1']);
    expect(chunks.every((c) => c.length <= 500)).toBeTrue();
    for (const chunk of chunks.slice(0, -1)) {
      expect(chunk.slice(1).every((w) => w.path.startsWith('expenses/') && data(w)['auditId'] === chunk[0]!.path.slice('activity/'.length))).toBeTrue();
    }
    expect(chunks.flat().filter((w) => w.path.startsWith('expenses/')).length).toBe(1200);
    expect(plan.options.keepOnRollback('activity/merge-m1-chunk-1')).toBeTrue();
    expect(data(plan.options.rollbackLead[0]!)['action']).toBe('ACCOUNT_MERGE_ROLLED_BACK');
    expect(plan.options.rollbackLead[0]!.path).toBe('activity/merge-m1-rollback');
  });

  it('writes a category merge’s children, budgets, rules and deletion through their own entries', () => {
    const produce = { id: 'c1', name: 'Produce', parentId: 'ing' };
    const produce2 = { id: 'c2', name: 'Produce', parentId: 'ing', auditId: 'v1' };
    const herbs = { id: 'k1', name: 'Herbs', parentId: 'c2' };
    const merge = planCategoryMerge(produce, [produce2], [produce, produce2, herbs], [{ id: 'e1', categoryId: 'c2' }], [
      { id: 'c2_USD', categoryId: 'c2', currency: 'USD', amountMinor: 900, auditId: 'b1' },
    ], [{ id: 'r7', categoryId: 'c2' }]);
    const plan = planMergeWrites(merge, request([['categoryNames/ing:produce', 'c1']]), fs);
    expect(plan.writes.map((w) => `${w.kind} ${w.path}`)).toEqual([
      'set activity/merge-m1',
      'update expenses/e1',
      'set activity/merge-m1-c-k1',
      'update categories/k1',
      'set categoryNames/c1:herbs',
      'set activity/merge-m1-b-c1_USD',
      'set budgets/c1_USD',
      'set activity/del-c2_USD-b1',
      'delete budgets/c2_USD',
      'set activity/merge-m1-r-r7',
      'update importRules/r7',
      'set activity/del-c2-v1',
      'delete categories/c2',
      'set metadata/ledger',
    ]);
    expect(data(plan.writes[2]!)['subject']).toEqual({ type: 'category', id: 'k1' });
    expect(data(plan.writes[6]!)).toEqual(jasmine.objectContaining({ categoryId: 'c1', currency: 'USD', amountMinor: 900, auditId: 'merge-m1-b-c1_USD' }));
    expect(data(plan.writes[0]!)['action']).toBe('CATEGORIES_MERGED');
  });
});

import { MergeRefusedError, mergeSummary, planAccountMerge, planCategoryMerge, type MergeAccount, type MergeCategory } from './merge-plan';

const account = (id: string, name = 'Cash register', openingBalanceMinor = 0, currency = 'USD'): MergeAccount => ({ id, name, currency, type: 'cash', openingBalanceMinor });
const category = (id: string, name: string, parentId: string | null = null): MergeCategory => ({ id, name, parentId });

describe('planAccountMerge', () => {
  it('moves the others’ expenses, sums the opening balances and leaves other accounts’ rows alone', () => {
    const plan = planAccountMerge(account('a1', 'Cash register', 10_000), [account('a2', 'cash  REGISTER', 2_500)], [
      { id: 'e1', accountId: 'a2' },
      { id: 'e2', accountId: 'a1' },
      { id: 'e3', accountId: 'bank' },
    ], []);
    expect(plan.expenseIds).toEqual(['e1']);
    expect(plan.openingBalanceMinor).toEqual({ from: 10_000, to: 12_500 });
    expect(mergeSummary(plan)).toBe('1 expense moved');
  });

  it('moves a transfer end to the survivor and removes a transfer between two merged accounts', () => {
    const plan = planAccountMerge(account('a1'), [account('a2'), account('a3')], [], [
      { id: 't-out', fromAccountId: 'a2', toAccountId: 'bank', deleted: false },
      { id: 't-in', fromAccountId: 'bank', toAccountId: 'a3', deleted: false },
      { id: 't-between', fromAccountId: 'a2', toAccountId: 'a1', deleted: false },
      { id: 't-gone', fromAccountId: 'a3', toAccountId: 'a2', deleted: true },
      { id: 't-other', fromAccountId: 'bank', toAccountId: 'a1', deleted: false },
    ]);
    expect(plan.transferMoves).toEqual([
      { id: 't-out', fromAccountId: 'a1', toAccountId: 'bank' },
      { id: 't-in', fromAccountId: 'bank', toAccountId: 'a1' },
    ]);
    expect(plan.transferDrops).toEqual(['t-between']);
    expect(mergeSummary(plan)).toBe('0 expenses, 2 transfers moved; 1 transfer between them removed');
  });

  it('refuses what is not a duplicate, in words', () => {
    const refused = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(MergeRefusedError);
        return (error as Error).message;
      }
      return 'not refused';
    };
    expect(refused(() => planAccountMerge(account('a1'), [account('a2', 'Cash register', 0, 'EUR')], [], []))).toContain('is not a duplicate of “Cash register”');
    expect(refused(() => planAccountMerge(account('a1'), [account('a2', 'Bank')], [], []))).toContain('“Bank” is not a duplicate');
    expect(refused(() => planAccountMerge(account('a1'), [], [], []))).toContain('Choose at least one other account');
    expect(refused(() => planAccountMerge(account('a1'), [account('a1')], [], []))).toContain('another one than the account that stays');
    expect(refused(() => planAccountMerge(undefined, [account('a2')], [], []))).toContain('no longer exists');
    expect(refused(() => planAccountMerge(account('a1'), [undefined], [], []))).toContain('no longer exists');
    expect(refused(() => planAccountMerge(account('a1', 'X', 9_000_000_000_000), [account('a2', 'X', 9_000_000_000_000)], [], []))).toContain('beyond what an account can hold');
  });
});

describe('planCategoryMerge', () => {
  const produce = category('c1', 'Produce', 'ing');
  const produce2 = category('c2', 'produce', 'ing');

  it('moves expenses, children, import rules and adds budgets up per currency', () => {
    const plan = planCategoryMerge(produce, [produce2], [produce, produce2, category('k1', 'Herbs', 'c2'), category('k2', 'Roots', 'c1')], [
      { id: 'e1', categoryId: 'c2' },
      { id: 'e2', categoryId: 'c1' },
    ], [
      { id: 'c1_USD', categoryId: 'c1', currency: 'USD', amountMinor: 10_000, auditId: 'x' },
      { id: 'c2_USD', categoryId: 'c2', currency: 'USD', amountMinor: 2_000 },
      { id: 'c2_EUR', categoryId: 'c2', currency: 'EUR', amountMinor: 500 },
    ], [{ id: 'r1', categoryId: 'c2' }, { id: 'r2', categoryId: 'c1' }]);
    expect(plan.expenseIds).toEqual(['e1']);
    expect(plan.children.map((c) => c.id)).toEqual(['k1']);
    expect(plan.budgetsSet).toEqual([
      { id: 'c1_USD', currency: 'USD', amountMinor: 12_000, previous: 10_000, auditId: 'x' },
      { id: 'c1_EUR', currency: 'EUR', amountMinor: 500, previous: null, auditId: null },
    ]);
    expect(plan.budgetsRemoved.map((b) => b.id)).toEqual(['c2_USD', 'c2_EUR']);
    expect(plan.ruleIds).toEqual(['r1']);
    expect(mergeSummary(plan)).toBe('1 expense, 1 child category, 2 budgets, 1 import rule moved');
  });

  it('refuses when a child name would be twice under the survivor, naming it', () => {
    expect(() =>
      planCategoryMerge(produce, [produce2], [produce, produce2, category('k1', 'Herbs', 'c1'), category('k2', 'HERBS', 'c2')], [], [], []),
    ).toThrowError(MergeRefusedError, '“Produce” would then hold two categories named “Herbs” and “HERBS”: rename one of them, or merge those first.');
  });

  it('refuses categories under different parents', () => {
    expect(() => planCategoryMerge(produce, [category('c3', 'Produce', null)], [], [], [], [])).toThrowError(MergeRefusedError, /not a duplicate/);
  });
});

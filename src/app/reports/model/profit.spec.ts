import { formatMoney } from '../../shared/money';
import { shiftMonth } from './month-math';
import { expensesByTopCategory, outcomeOf, profitMonths, readProfitQuery, signedMoney, type CategoryNode } from './profit';

describe('profit arithmetic', () => {
  it('takes each month net sales less spending, zero where either has no entry', () => {
    const months = ['2026-01', '2026-02', '2026-03'];
    const sales = [
      { month: '2026-01', netMinor: 10_000 },
      { month: '2026-03', netMinor: 2_500 },
    ];
    const spent = [
      { month: '2026-01', totalMinor: 4_000 },
      { month: '2026-02', totalMinor: 1_000 },
      { month: '2026-03', totalMinor: 2_500 },
    ];
    expect(profitMonths(months, sales, spent)).toEqual([
      { month: '2026-01', salesNetMinor: 10_000, expensesMinor: 4_000, profitMinor: 6_000 },
      { month: '2026-02', salesNetMinor: 0, expensesMinor: 1_000, profitMinor: -1_000 },
      { month: '2026-03', salesNetMinor: 2_500, expensesMinor: 2_500, profitMinor: 0 },
    ]);
    expect(['2026-01', '2026-02', '2026-03'].map((m, i) => outcomeOf(profitMonths(months, sales, spent)[i]!.profitMinor))).toEqual(['profit', 'loss', 'even']);
  });

  it('ignores sales of months not asked for (the report never adds another month in)', () => {
    expect(profitMonths(['2026-02'], [{ month: '2026-01', netMinor: 99 }], [])).toEqual([{ month: '2026-02', salesNetMinor: 0, expensesMinor: 0, profitMinor: 0 }]);
  });

  it('writes the sign, so a loss reads as one without colour', () => {
    expect(signedMoney(1_250, 'USD', formatMoney)).toBe(`+${formatMoney(1_250, 'USD')}`);
    expect(signedMoney(-1_250, 'USD', formatMoney)).toBe(`−${formatMoney(1_250, 'USD')}`);
    expect(signedMoney(0, 'JPY', formatMoney)).toBe(formatMoney(0, 'JPY'));
  });

  it('shifts months across years', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2025-12', 13)).toBe('2027-01');
  });

  describe('expenses by top-level category', () => {
    const tree: CategoryNode[] = [
      { id: 'food', name: 'Ingredients', parentId: null, colour: '#2e7d32' },
      { id: 'veg', name: 'Produce', parentId: 'food', colour: '#2e7d32' },
      { id: 'herbs', name: 'Herbs', parentId: 'veg', colour: '#2e7d32' },
      { id: 'rent', name: 'Rent', parentId: null, colour: '#6a1b9a' },
      { id: 'loop-a', name: 'Loop A', parentId: 'loop-b', colour: '#000' },
      { id: 'loop-b', name: 'Loop B', parentId: 'loop-a', colour: '#000' },
    ];

    it('rolls subcategories into their top-level category, most first, adding up to the month', () => {
      const rows = expensesByTopCategory(
        tree,
        [
          { categoryId: 'veg', totalMinor: 300 },
          { categoryId: 'herbs', totalMinor: 50 },
          { categoryId: 'food', totalMinor: 100 },
          { categoryId: 'rent', totalMinor: 1_000 },
        ],
        1_450,
      );
      expect(rows).toEqual([
        { categoryId: 'rent', name: 'Rent', colour: '#6a1b9a', totalMinor: 1_000 },
        { categoryId: 'food', name: 'Ingredients', colour: '#2e7d32', totalMinor: 450 },
      ]);
    });

    it("shows what deleted categories account for as Other, with no link, so the parts add up", () => {
      const rows = expensesByTopCategory(tree, [{ categoryId: 'rent', totalMinor: 700 }, { categoryId: 'gone', totalMinor: 200 }], 900);
      expect(rows.at(-1)).toEqual(jasmine.objectContaining({ categoryId: null, name: 'Other (category deleted)', totalMinor: 200 }));
      expect(rows.reduce((sum, row) => sum + row.totalMinor, 0)).toBe(900);
    });

    it('survives a parent cycle written by hand, counting the spending once', () => {
      const rows = expensesByTopCategory(tree, [{ categoryId: 'loop-a', totalMinor: 10 }], 10);
      expect(rows.reduce((sum, row) => sum + row.totalMinor, 0)).toBe(10);
      expect(rows.length).toBe(1);
    });
  });

  it('reads the month from the URL, and says when it is no month', () => {
    expect(readProfitQuery({}, '2026-03')).toEqual({ month: '2026-03', currency: '', problem: null });
    expect(readProfitQuery({ month: '2025-11', currency: 'usd' }, '2026-03')).toEqual({ month: '2025-11', currency: 'USD', problem: null });
    expect(readProfitQuery({ month: '2025-13' }, '2026-03')).toEqual({ month: '2026-03', currency: '', problem: '“2025-13” is not a month (YYYY-MM): this month is shown.' });
  });
});

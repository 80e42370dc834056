import { budgetCurrencies, budgetTables } from './budgets-rows';
import type { Budget } from './budgets-repository';
import { categoryTree } from './categories-repository';

describe('budget rows', () => {
  const tree = categoryTree([
    { id: 'food', name: 'Food', colour: '#2e7d32', icon: 'x', parentId: null },
    { id: 'produce', name: 'Produce', colour: '#66bb6a', icon: 'x', parentId: 'food' },
    { id: 'rent', name: 'Rent', colour: '#6a1b9a', icon: 'x', parentId: null },
  ]);
  const budget = (categoryId: string, currency: string, amountMinor: number): Budget => ({ id: `${categoryId}_${currency}`, categoryId, currency, amountMinor });

  it('shows a table for every account currency and any budget currency', () => {
    expect(budgetCurrencies(['USD', 'EUR'], [budget('food', 'GBP', 1), budget('rent', 'USD', 1)])).toEqual(['EUR', 'GBP', 'USD']);
  });

  it('counts a parent with its children, and compares with the budget of that currency only', () => {
    const budgets = [budget('food', 'USD', 50_000), budget('produce', 'USD', 10_000), budget('rent', 'EUR', 100_000), budget('rent', 'USD', 0)];
    const cells = [
      { categoryId: 'food', currency: 'USD', totalMinor: 30_000 },
      { categoryId: 'produce', currency: 'USD', totalMinor: 12_500 },
      { categoryId: 'rent', currency: 'USD', totalMinor: 90_000 },
      { categoryId: 'rent', currency: 'EUR', totalMinor: 40_000 },
    ];
    const [eur, usd] = budgetTables(tree, budgets, cells, ['EUR', 'USD']);

    const usdRows = usd!.rows.map((row) => [row.category.id, row.budgetMinor, row.spentMinor, row.remainingMinor, row.percent, row.over]);
    expect(usdRows).toEqual([
      ['food', 50_000, 42_500, 7_500, 85, false],
      ['produce', 10_000, 12_500, -2_500, 100, true], // over: the bar is full, never past it
      ['rent', null, 90_000, null, 0, false], // an amount of 0 is no budget
    ]);
    expect(usd!.budgeted).toBe(2);
    expect(usd!.overCount).toBe(1);
    expect(eur!.rows.find((row) => row.category.id === 'rent')).toEqual(
      jasmine.objectContaining({ budgetMinor: 100_000, spentMinor: 40_000, remainingMinor: 60_000, percent: 40, over: false }),
    );
    expect(eur!.overCount).toBe(0);
  });

  it('spending exactly the budget is not over it', () => {
    const [usd] = budgetTables(tree, [budget('rent', 'USD', 1_000)], [{ categoryId: 'rent', currency: 'USD', totalMinor: 1_000 }], ['USD']);
    expect(usd!.rows[2]).toEqual(jasmine.objectContaining({ remainingMinor: 0, percent: 100, over: false }));
  });
});

import { categoryTree } from './categories-repository';
import { categoryBreakdown, currenciesOf, monthSeries, OTHER_COLOUR, rolledUp, type CategoryCell } from './summary-grouping';

describe('summary grouping', () => {
  const tree = categoryTree([
    { id: 'food', name: 'Food', colour: '#2e7d32', icon: 'x', parentId: null },
    { id: 'produce', name: 'Produce', colour: '#66bb6a', icon: 'x', parentId: 'food' },
    { id: 'herbs', name: 'Herbs', colour: '#a5d6a7', icon: 'x', parentId: 'produce' },
    { id: 'rent', name: 'Rent', colour: '#6a1b9a', icon: 'x', parentId: null },
  ]);
  const cell = (categoryId: string, currency: string, totalMinor: number): CategoryCell => ({ categoryId, currency, totalMinor });

  it('lists each currency once, sorted', () => {
    expect(currenciesOf([{ currency: 'USD' }, { currency: 'EUR' }, { currency: 'USD' }])).toEqual(['EUR', 'USD']);
  });

  it('lines up one series per currency with the months and leaves out currencies with no spending', () => {
    const months = ['2026-01', '2026-02', '2026-03'];
    const series = monthSeries(months, ['EUR', 'JPY', 'USD'], [
      { month: '2026-01', currency: 'USD', totalMinor: 1_000 },
      { month: '2026-03', currency: 'USD', totalMinor: 250 },
      { month: '2026-02', currency: 'EUR', totalMinor: 700 },
      { month: '2026-02', currency: 'JPY', totalMinor: 0 },
      { month: '2025-12', currency: 'USD', totalMinor: 9_999 }, // not one of the months
    ]);
    expect(series).toEqual([
      { currency: 'EUR', values: [0, 700, 0], totalMinor: 700 },
      { currency: 'USD', values: [1_000, 0, 250], totalMinor: 1_250 },
    ]);
  });

  it('rolls subcategories (at any depth) into their parents, per currency only', () => {
    const cells = [cell('food', 'USD', 100), cell('produce', 'USD', 20), cell('herbs', 'USD', 3), cell('herbs', 'EUR', 5_000), cell('rent', 'USD', 900)];
    const usd = rolledUp(tree, cells, 'USD');
    expect(Object.fromEntries(usd)).toEqual({ food: 123, produce: 23, herbs: 3, rent: 900 });
    expect(Object.fromEntries(rolledUp(tree, cells, 'EUR'))).toEqual({ food: 5_000, produce: 5_000, herbs: 5_000, rent: 0 });
  });

  it('breaks a month down per currency, with shares of that currency only and what deleted categories spent as Other', () => {
    const cells = [cell('food', 'USD', 300), cell('herbs', 'USD', 100), cell('rent', 'EUR', 2_000)];
    const totals = [
      { currency: 'EUR', totalMinor: 2_000 },
      { currency: 'USD', totalMinor: 500 }, // 100 of it in a category that no longer exists
      { currency: 'GBP', totalMinor: 0 },
    ];
    const [eur, usd, ...rest] = categoryBreakdown(tree, cells, totals);

    expect(rest).toEqual([]);
    expect(eur).toEqual({
      currency: 'EUR',
      totalMinor: 2_000,
      rows: [{ categoryId: 'rent', name: 'Rent', path: 'Rent', depth: 0, colour: '#6a1b9a', totalMinor: 2_000, share: 1 }],
    });
    expect(usd!.rows.map((row) => [row.categoryId, row.depth, row.totalMinor, row.share])).toEqual([
      ['food', 0, 400, 0.8],
      ['produce', 1, 100, 0.2],
      ['herbs', 2, 100, 0.2],
      [null, 0, 100, 0.2],
    ]);
    expect(usd!.rows[3]!.colour).toBe(OTHER_COLOUR);
    // The chart's slices (top level) add up to the currency's total.
    expect(usd!.rows.filter((row) => row.depth === 0).reduce((sum, row) => sum + row.totalMinor, 0)).toBe(500);
  });

  it('survives a cycle written by hand', () => {
    const cyclic = [
      { id: 'x', name: 'X', colour: '#000000', icon: 'x', parentId: 'y', depth: 0, path: 'X' },
      { id: 'y', name: 'Y', colour: '#000000', icon: 'x', parentId: 'x', depth: 0, path: 'Y' },
    ];
    const rolled = rolledUp(cyclic, [cell('x', 'USD', 1), cell('y', 'USD', 2)], 'USD');
    // Each category's own spending counted once along the cycle, and no endless recursion.
    expect(Object.fromEntries(rolled)).toEqual({ x: 3, y: 2 });
  });
});

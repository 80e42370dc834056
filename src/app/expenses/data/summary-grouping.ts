import type { CategoryOption } from './categories-repository';

// Pure shaping of server sums into what the charts and tables show. Every figure stays in its
// own currency: nothing here adds amounts of two currencies together.

/** A server sum for one month in one currency. */
export interface MonthCell {
  month: string;
  currency: string;
  totalMinor: number;
}

/** A server sum for one category (its own expenses only) in one currency. */
export interface CategoryCell {
  categoryId: string;
  currency: string;
  totalMinor: number;
}

export interface CurrencySeries {
  currency: string;
  /** One value per month, in the order of the months asked for. */
  values: number[];
  totalMinor: number;
}

/** Sorted distinct currencies. */
export function currenciesOf(items: readonly { currency: string }[]): string[] {
  return [...new Set(items.map((item) => item.currency))].sort();
}

/** One series per currency that has any spending in the months, aligned to `months`. */
export function monthSeries(months: readonly string[], currencies: readonly string[], cells: readonly MonthCell[]): CurrencySeries[] {
  return currencies
    .map((currency) => {
      const values = months.map((month) =>
        cells.filter((cell) => cell.month === month && cell.currency === currency).reduce((sum, cell) => sum + cell.totalMinor, 0),
      );
      return { currency, values, totalMinor: values.reduce((a, b) => a + b, 0) };
    })
    .filter((series) => series.totalMinor !== 0);
}

/**
 * Each category's spending in one currency with its descendants' rolled in (a parent's row
 * counts its subcategories' expenses too). Categories without spending get 0.
 */
export function rolledUp(tree: readonly CategoryOption[], cells: readonly CategoryCell[], currency: string): Map<string, number> {
  const own = new Map<string, number>();
  for (const cell of cells) {
    if (cell.currency === currency) own.set(cell.categoryId, (own.get(cell.categoryId) ?? 0) + cell.totalMinor);
  }
  const children = new Map<string, string[]>();
  const ids = new Set(tree.map((category) => category.id));
  for (const category of tree) {
    if (category.parentId && ids.has(category.parentId)) children.set(category.parentId, [...(children.get(category.parentId) ?? []), category.id]);
  }
  const rolled = new Map<string, number>();
  const total = (id: string, seen: Set<string>): number => {
    const known = rolled.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) return 0; // a cycle written by hand: count each category once
    seen.add(id);
    const sum = (own.get(id) ?? 0) + (children.get(id) ?? []).reduce((acc, child) => acc + total(child, seen), 0);
    rolled.set(id, sum);
    return sum;
  };
  for (const category of tree) total(category.id, new Set());
  return rolled;
}

export interface BreakdownRow {
  /** Null for the spending whose category no longer exists. */
  categoryId: string | null;
  name: string;
  path: string;
  depth: number;
  colour: string;
  /** Own spending plus the subcategories'. */
  totalMinor: number;
  /** Of the currency's total for the month, 0–1. */
  share: number;
}

export interface CurrencyBreakdown {
  currency: string;
  totalMinor: number;
  /** Every category with spending, in tree order; the chart slices are the top-level rows. */
  rows: BreakdownRow[];
}

export const OTHER_COLOUR = '#9e9e9e';

/**
 * The month's spending by category in each currency that has any. What no known category
 * accounts for (its category was deleted) shows as "Other", so the parts add up to the total.
 */
export function categoryBreakdown(
  tree: readonly CategoryOption[],
  cells: readonly CategoryCell[],
  monthTotals: readonly { currency: string; totalMinor: number }[],
): CurrencyBreakdown[] {
  return monthTotals
    .filter((total) => total.totalMinor !== 0)
    .map(({ currency, totalMinor }) => {
      const rolled = rolledUp(tree, cells, currency);
      const rows: BreakdownRow[] = tree
        .filter((category) => (rolled.get(category.id) ?? 0) !== 0)
        .map((category) => ({
          categoryId: category.id,
          name: category.name,
          path: category.path,
          depth: category.depth,
          colour: category.colour,
          totalMinor: rolled.get(category.id)!,
          share: rolled.get(category.id)! / totalMinor,
        }));
      const known = rows.filter((row) => row.depth === 0).reduce((sum, row) => sum + row.totalMinor, 0);
      const other = totalMinor - known;
      if (other !== 0) {
        rows.push({ categoryId: null, name: 'Other', path: 'Other (category deleted)', depth: 0, colour: OTHER_COLOUR, totalMinor: other, share: other / totalMinor });
      }
      return { currency, totalMinor, rows };
    });
}

import type { SalesFigures } from '@maestro/contracts';

// The profit view's arithmetic, pure: sales net of tax less what was spent, per month and in one
// currency (currencies are never added together; there are no exchange rates).

/** One month of the trend: all three figures in minor units of the view's currency. */
export interface ProfitMonth {
  month: string;
  salesNetMinor: number;
  expensesMinor: number;
  /** `salesNetMinor − expensesMinor`: negative is a loss. */
  profitMinor: number;
}

export type ProfitOutcome = 'profit' | 'loss' | 'even';

export function outcomeOf(profitMinor: number): ProfitOutcome {
  return profitMinor > 0 ? 'profit' : profitMinor < 0 ? 'loss' : 'even';
}

/**
 * Each month of `months` with its net sales (from the sales-months report, zero when the report
 * has no entry for it) and its spending (zero when none), and their difference.
 */
export function profitMonths(
  months: readonly string[],
  sales: readonly (Pick<SalesFigures, 'netMinor'> & { month: string })[],
  expenses: readonly { month: string; totalMinor: number }[],
): ProfitMonth[] {
  const netOf = new Map(sales.map((entry) => [entry.month, entry.netMinor]));
  const spentOf = new Map<string, number>();
  for (const cell of expenses) spentOf.set(cell.month, (spentOf.get(cell.month) ?? 0) + cell.totalMinor);
  return months.map((month) => {
    const salesNetMinor = netOf.get(month) ?? 0;
    const expensesMinor = spentOf.get(month) ?? 0;
    return { month, salesNetMinor, expensesMinor, profitMinor: salesNetMinor - expensesMinor };
  });
}

/** A category as the profit view needs it: where it sits in the tree, and its colour. */
export interface CategoryNode {
  id: string;
  name: string;
  parentId: string | null;
  colour: string;
}

export interface ExpenseCategoryRow {
  /** The top-level category (its subcategories' spending rolled in); null for "Other". */
  categoryId: string | null;
  name: string;
  colour: string;
  totalMinor: number;
}

export const OTHER_CATEGORY_COLOUR = '#9e9e9e';

/**
 * A month's spending per top-level category, most first. Spending of a subcategory counts for its
 * top-level ancestor (the expense list's category filter takes a category with everything below
 * it, so each row's link finds exactly these expenses). What no known category accounts for
 * (deleted categories) is "Other", so the rows add up to `monthTotalMinor`.
 */
export function expensesByTopCategory(
  categories: readonly CategoryNode[],
  cells: readonly { categoryId: string; totalMinor: number }[],
  monthTotalMinor: number,
): ExpenseCategoryRow[] {
  const byId = new Map(categories.map((category) => [category.id, category]));
  const rootOf = (id: string): CategoryNode | undefined => {
    let node = byId.get(id);
    // A cycle or a chain written by hand must not hang the page: the tree is at most four deep.
    for (let hops = 0; node?.parentId && byId.has(node.parentId) && hops < 10; hops++) node = byId.get(node.parentId);
    return node;
  };
  const totals = new Map<string, number>();
  for (const cell of cells) {
    const root = rootOf(cell.categoryId);
    if (root) totals.set(root.id, (totals.get(root.id) ?? 0) + cell.totalMinor);
  }
  const rows: ExpenseCategoryRow[] = [...totals]
    .filter(([, totalMinor]) => totalMinor !== 0)
    .map(([id, totalMinor]) => ({ categoryId: id, name: byId.get(id)!.name, colour: byId.get(id)!.colour, totalMinor }))
    .sort((a, b) => b.totalMinor - a.totalMinor || a.name.localeCompare(b.name));
  const other = monthTotalMinor - rows.reduce((sum, row) => sum + row.totalMinor, 0);
  if (other !== 0) rows.push({ categoryId: null, name: 'Other (category deleted)', colour: OTHER_CATEGORY_COLOUR, totalMinor: other });
  return rows;
}

/** "+$12.50", "−$3.00" (a true minus sign), "$0.00": the sign says profit or loss without colour. */
export function signedMoney(minor: number, currency: string, format: (minor: number, currency: string) => string): string {
  if (minor > 0) return `+${format(minor, currency)}`;
  if (minor < 0) return `−${format(-minor, currency)}`;
  return format(0, currency);
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface ProfitQuery {
  month: string;
  currency: string;
  /** Why the URL's month was not used (the current month is shown instead). */
  problem: string | null;
}

/** The month and currency a URL asks for: this month when it names none or one that is no month. */
export function readProfitQuery(query: Record<string, string | null | undefined>, currentMonth: string): ProfitQuery {
  const month = query['month']?.trim() ?? '';
  const currency = query['currency']?.trim().toUpperCase() ?? '';
  if (!month) return { month: currentMonth, currency, problem: null };
  if (!MONTH.test(month)) return { month: currentMonth, currency, problem: `“${month.slice(0, 20)}” is not a month (YYYY-MM): this month is shown.` };
  return { month, currency, problem: null };
}

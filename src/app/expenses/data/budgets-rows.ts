import { budgetId } from '@maestro/contracts';
import type { Budget } from './budgets-repository';
import type { CategoryOption } from './categories-repository';
import { rolledUp, type CategoryCell } from './summary-grouping';

export interface BudgetRow {
  category: CategoryOption;
  /** Null when the category has no budget in this currency. */
  budgetMinor: number | null;
  /** This month, the category's own expenses and its subcategories'. */
  spentMinor: number;
  /** Budget − spent; negative when over. Null without a budget. */
  remainingMinor: number | null;
  /** Spent as a share of the budget for the bar, 0–100 (capped). */
  percent: number;
  over: boolean;
}

export interface BudgetTable {
  currency: string;
  rows: BudgetRow[];
  budgeted: number;
  /** Rows over budget, for the table's heading. */
  overCount: number;
}

/** The currencies to show a table for: every account's, and any that has a budget. */
export function budgetCurrencies(accountCurrencies: readonly string[], budgets: readonly Budget[]): string[] {
  return [...new Set([...accountCurrencies, ...budgets.map((budget) => budget.currency)])].sort();
}

/** One table per currency, a row per category in tree order (parents count their children). */
export function budgetTables(
  tree: readonly CategoryOption[],
  budgets: readonly Budget[],
  cells: readonly CategoryCell[],
  currencies: readonly string[],
): BudgetTable[] {
  const amounts = new Map(budgets.filter((budget) => budget.amountMinor > 0).map((budget) => [budget.id, budget.amountMinor]));
  return currencies.map((currency) => {
    const spent = rolledUp(tree, cells, currency);
    const rows = tree.map((category): BudgetRow => {
      const budgetMinor = amounts.get(budgetId(category.id, currency)) ?? null;
      const spentMinor = spent.get(category.id) ?? 0;
      const remainingMinor = budgetMinor === null ? null : budgetMinor - spentMinor;
      return {
        category,
        budgetMinor,
        spentMinor,
        remainingMinor,
        percent: budgetMinor ? Math.min(100, (spentMinor / budgetMinor) * 100) : 0,
        over: remainingMinor !== null && remainingMinor < 0,
      };
    });
    return {
      currency,
      rows,
      budgeted: rows.filter((row) => row.budgetMinor !== null).length,
      overCount: rows.filter((row) => row.over).length,
    };
  });
}

import { Injectable, inject } from '@angular/core';
import type { SalesFigures } from '@maestro/contracts';
import { shiftMonth } from '../model/month-math';
import { expensesByTopCategory, profitMonths, type ExpenseCategoryRow, type ProfitMonth } from '../model/profit';
import { ExpenseFigures } from './expense-figures';
import { ReportsApi } from './reports-api';

/** Months in the profit view's trend, ending with the chosen one. */
export const TREND_MONTHS = 12;

export interface ProfitView {
  month: string;
  currency: string;
  timeZone: string;
  /** The month's sales, as the sales report counts them. */
  sales: SalesFigures;
  expensesMinor: number;
  categories: ExpenseCategoryRow[];
  trend: ProfitMonth[];
}

const NO_SALES: SalesFigures = { orders: 0, grossMinor: 0, taxMinor: 0, serviceMinor: 0, netMinor: 0, cancelledOrders: 0, cancelledMinor: 0, failedOrders: 0, failedMinor: 0 };

/**
 * Everything the profit view shows for one month and currency, read at once: the sales of the
 * last 12 months from the API (the chosen month is the last), what was spent in each of them, and
 * the chosen month's spending by category.
 */
@Injectable({ providedIn: 'root' })
export class ProfitData {
  private readonly api = inject(ReportsApi);
  private readonly expenses = inject(ExpenseFigures);

  async load(month: string, currency: string): Promise<ProfitView> {
    const months = Array.from({ length: TREND_MONTHS }, (_, i) => shiftMonth(month, i - TREND_MONTHS + 1));
    const [sales, spent, categories] = await Promise.all([
      this.api.salesMonths(currency, month, TREND_MONTHS),
      this.expenses.monthTotals(months, currency),
      this.expenses.categories(),
    ]);
    const byCategory = await this.expenses.categoryTotals(
      month,
      currency,
      categories.map((category) => category.id),
    );
    return {
      month,
      currency,
      timeZone: sales.timeZone,
      sales: sales.months.find((entry) => entry.month === month) ?? NO_SALES,
      expensesMinor: byCategory.totalMinor,
      categories: expensesByTopCategory(categories, byCategory.cells, byCategory.totalMinor),
      trend: profitMonths(months, sales.months, spent),
    };
  }
}

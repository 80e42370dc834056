import { Injectable, inject } from '@angular/core';
import type { Firestore, QueryConstraint } from 'firebase/firestore';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import type { CategoryCell, MonthCell } from './summary-grouping';

type FirestoreModule = typeof import('firebase/firestore');

/**
 * Spending as server-side sums: one aggregate query per (month or category, currency), all at
 * once, re-run whenever the ledger moves. Measured on the emulator against downloading the
 * expenses and grouping them here (8 categories, 2 currencies; median of 5):
 * - 12-month chart, 24 sums vs one range query: 78 vs 157 ms (600 expenses), 532 vs 662 ms (3,000),
 *   1.8 vs 2.9 s (12,000). Sums win.
 * - one month by category, 16 sums vs the month's expenses: 67 vs 24 ms (600), 269 vs 86 ms (3,000),
 *   1.0 vs 0.28 s (12,000). The emulator scans for every sum; Firestore answers a sum from the
 *   index, bills one read per 1,000 entries instead of one per expense, and sends a number instead
 *   of every expense of the month on every change. Sums here too, for the production cost.
 */
@Injectable({ providedIn: 'root' })
export class SpendingQueries {
  private readonly loader = inject(FirestoreLoader);

  /** Non-deleted spending for each month and currency. */
  async monthTotals(months: readonly string[], currencies: readonly string[]): Promise<MonthCell[]> {
    const [fs, db] = await this.sdk();
    return Promise.all(
      months.flatMap((month) =>
        currencies.map(async (currency) => ({
          month,
          currency,
          totalMinor: await sum(fs, db, [fs.where('month', '==', month), fs.where('currency', '==', currency)]),
        })),
      ),
    );
  }

  /**
   * One month's non-deleted spending per category (own expenses, not rolled up) and per currency,
   * and the month's total per currency (which also counts expenses of deleted categories).
   */
  async categoryTotals(
    month: string,
    categoryIds: readonly string[],
    currencies: readonly string[],
  ): Promise<{ cells: CategoryCell[]; totals: { currency: string; totalMinor: number }[] }> {
    const [fs, db] = await this.sdk();
    const inMonth = (currency: string) => [fs.where('month', '==', month), fs.where('currency', '==', currency)];
    const [cells, totals] = await Promise.all([
      Promise.all(
        categoryIds.flatMap((categoryId) =>
          currencies.map(async (currency) => ({
            categoryId,
            currency,
            totalMinor: await sum(fs, db, [...inMonth(currency), fs.where('categoryId', '==', categoryId)]),
          })),
        ),
      ),
      Promise.all(currencies.map(async (currency) => ({ currency, totalMinor: await sum(fs, db, inMonth(currency)) }))),
    ]);
    return { cells: cells.filter((cell) => cell.totalMinor !== 0), totals };
  }

  private sdk(): Promise<[FirestoreModule, Firestore]> {
    return Promise.all([import('firebase/firestore'), this.loader.firestore()]);
  }
}

async function sum(fs: FirestoreModule, db: Firestore, constraints: QueryConstraint[]): Promise<number> {
  const query = fs.query(fs.collection(db, 'expenses'), ...constraints, fs.where('deleted', '==', false));
  const snapshot = await fs.getAggregateFromServer(query, { total: fs.sum('amountMinor') });
  return snapshot.data().total ?? 0;
}

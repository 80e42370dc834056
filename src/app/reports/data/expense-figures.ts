import { Injectable, inject } from '@angular/core';
import type { Firestore, QueryConstraint } from 'firebase/firestore';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import type { CategoryNode } from '../model/profit';

type FirestoreModule = typeof import('firebase/firestore');

/**
 * What was spent, for the profit view: server-side sums over the `expenses` collection (deleted
 * ones left out), the same queries and indexes as the expense summary. The reports feature reads
 * them itself because features do not import each other (the activity log reads its names the
 * same way); a handful of sums per view, never the expenses themselves.
 */
@Injectable({ providedIn: 'root' })
export class ExpenseFigures {
  private readonly loader = inject(FirestoreLoader);

  /** Spending in `currency` for each month asked, in the order asked. */
  async monthTotals(months: readonly string[], currency: string): Promise<{ month: string; totalMinor: number }[]> {
    const [fs, db] = await this.sdk();
    return Promise.all(
      months.map(async (month) => ({ month, totalMinor: await sum(fs, db, [fs.where('month', '==', month), fs.where('currency', '==', currency)]) })),
    );
  }

  /**
   * One month's spending in `currency` per category (its own expenses, not its subcategories'),
   * the categories with none left out, and the month's total (expenses of deleted categories too).
   */
  async categoryTotals(month: string, currency: string, categoryIds: readonly string[]): Promise<{ cells: { categoryId: string; totalMinor: number }[]; totalMinor: number }> {
    const [fs, db] = await this.sdk();
    const inMonth = [fs.where('month', '==', month), fs.where('currency', '==', currency)];
    const [cells, totalMinor] = await Promise.all([
      Promise.all(categoryIds.map(async (categoryId) => ({ categoryId, totalMinor: await sum(fs, db, [...inMonth, fs.where('categoryId', '==', categoryId)]) }))),
      sum(fs, db, inMonth),
    ]);
    return { cells: cells.filter((cell) => cell.totalMinor !== 0), totalMinor };
  }

  /** Every category with its parent and colour; a field written oddly by hand reads as absent. */
  async categories(): Promise<CategoryNode[]> {
    const [fs, db] = await this.sdk();
    const snapshot = await fs.getDocs(fs.collection(db, 'categories'));
    return snapshot.docs.map((doc) => {
      const data = doc.data() as { name?: unknown; parentId?: unknown; colour?: unknown };
      return {
        id: doc.id,
        name: typeof data.name === 'string' && data.name.trim() ? data.name : doc.id,
        parentId: typeof data.parentId === 'string' && data.parentId ? data.parentId : null,
        colour: typeof data.colour === 'string' ? data.colour : '#9e9e9e',
      };
    });
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

import { Injectable, inject } from '@angular/core';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import type { ExpenseIdentity } from '../model/csv-import-review';

/** Recorded expenses an import could duplicate: the non-deleted ones in the file's date range. */
@Injectable({ providedIn: 'root' })
export class ImportExistingExpenses {
  private readonly loader = inject(FirestoreLoader);

  async inDateRange(from: string, to: string): Promise<ExpenseIdentity[]> {
    const [db, fs] = await Promise.all([this.loader.firestore(), import('firebase/firestore')]);
    // One range on `date` needs no composite index; `deleted` is filtered here instead.
    const snapshot = await fs.getDocs(fs.query(fs.collection(db, 'expenses'), fs.where('date', '>=', from), fs.where('date', '<=', to)));
    return snapshot.docs
      .map((d) => d.data())
      .filter((e) => e['deleted'] !== true)
      .map((e) => ({ date: String(e['date']), amountMinor: Number(e['amountMinor']), payee: String(e['payee'] ?? '') }));
  }
}

import { Injectable, inject } from '@angular/core';
import type { BudgetDraft } from '@maestro/contracts';
import type { Observable } from 'rxjs';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { watchQuery, type WithId } from '../../core/firebase/watch-query';

export type Budget = WithId<BudgetDraft>;

/** Every monthly budget, live: a budget set in one browser shows in the others at once. */
@Injectable({ providedIn: 'root' })
export class BudgetsRepository {
  private readonly loader = inject(FirestoreLoader);

  watchAll(): Observable<Budget[]> {
    return watchQuery<BudgetDraft>(this.loader, (fs, db) => fs.collection(db, 'budgets'));
  }
}

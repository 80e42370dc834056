import { Injectable, inject } from '@angular/core';
import type { ImportRuleDraft } from '@maestro/contracts';
import type { Observable } from 'rxjs';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { watchQuery } from '../../core/firebase/watch-query';
import type { ImportRule } from '../model/import-rule-match';

/** The import rules (payee → category), live; at most 500, so always read whole. */
@Injectable({ providedIn: 'root' })
export class ImportRulesRepository {
  private readonly loader = inject(FirestoreLoader);

  watchAll(): Observable<ImportRule[]> {
    return watchQuery<ImportRuleDraft>(this.loader, (fs, db) => fs.collection(db, 'importRules'));
  }
}

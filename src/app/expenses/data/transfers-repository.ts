import { Injectable, inject } from '@angular/core';
import type { TransferDoc } from '@maestro/contracts';
import type { Observable } from 'rxjs';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { watchQuery, type WithId } from '../../core/firebase/watch-query';

export type Transfer = WithId<TransferDoc>;

/** Recent transfers, newest first, live. */
@Injectable({ providedIn: 'root' })
export class TransfersRepository {
  private readonly loader = inject(FirestoreLoader);

  watchRecent(limit: number): Observable<Transfer[]> {
    return watchQuery<TransferDoc>(this.loader, (fs, db) =>
      fs.query(fs.collection(db, 'transfers'), fs.where('deleted', '==', false), fs.orderBy('date', 'desc'), fs.orderBy('createdAt', 'desc'), fs.limit(limit)),
    );
  }
}

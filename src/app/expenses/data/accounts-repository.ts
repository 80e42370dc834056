import { Injectable, inject } from '@angular/core';
import type { AccountType } from '@maestro/contracts';
import { Observable } from 'rxjs';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';

export interface Account {
  id: string;
  name: string;
  type: AccountType;
  currency: string;
  openingBalanceMinor: number;
  archived: boolean;
}

/** Accounts as Firestore has them, live: every browser sees a new account as it is created. */
@Injectable({ providedIn: 'root' })
export class AccountsRepository {
  private readonly loader = inject(FirestoreLoader);

  watchAll(): Observable<Account[]> {
    return new Observable<Account[]>((subscriber) => {
      let stop: (() => void) | undefined;
      let closed = false;
      void Promise.all([this.loader.firestore(), import('firebase/firestore')]).then(
        ([db, { collection, onSnapshot, orderBy, query }]) => {
          if (closed) return;
          stop = onSnapshot(
            query(collection(db, 'accounts'), orderBy('name')),
            (snapshot) => subscriber.next(snapshot.docs.map((d) => ({ id: d.id, ...(d.data() as Omit<Account, 'id'>) }))),
            (error) => subscriber.error(error),
          );
        },
        (error: unknown) => subscriber.error(error),
      );
      return () => {
        closed = true;
        stop?.();
      };
    });
  }
}

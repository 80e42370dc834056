import { Injectable, inject } from '@angular/core';
import type { AccountType } from '@maestro/contracts';
import type { Observable } from 'rxjs';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { watchQuery } from '../../core/firebase/watch-query';

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
    return watchQuery<Omit<Account, 'id'>>(this.loader, (fs, db) => fs.query(fs.collection(db, 'accounts'), fs.orderBy('name')));
  }
}

import { Injectable, inject } from '@angular/core';
import { EMPTY, combineLatest, distinctUntilChanged, map, shareReplay, startWith, type Observable } from 'rxjs';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { AccountsRepository, type Account } from './accounts-repository';
import { balanceMinor, type AccountMovement, type BalanceState } from './balances';
import { LedgerVersion, reloadOn, type Loadable } from './summary-live';

export interface AccountBalance extends Account {
  balance: BalanceState;
}

/**
 * Balances derived on the server with aggregate sums: opening balance − expenses + transfers in −
 * transfers out, non-deleted rows only. Re-derived when the ledger version moves or the set of
 * accounts changes; an opening balance edit needs no query (it is on the account itself).
 */
@Injectable({ providedIn: 'root' })
export class BalancesRepository {
  private readonly loader = inject(FirestoreLoader);
  private readonly accounts = inject(AccountsRepository);
  private readonly ledger = inject(LedgerVersion);

  /** Every account (archived too) with its balance; `retry$` asks again after a failed read. */
  watchBalances(retry$: Observable<unknown> = EMPTY): Observable<AccountBalance[]> {
    const accounts$ = this.accounts.watchAll().pipe(shareReplay({ bufferSize: 1, refCount: true }));
    const ids$ = accounts$.pipe(
      map((accounts) => accounts.map((account) => account.id).sort().join('/')),
      distinctUntilChanged(),
    );
    const trigger$ = combineLatest([ids$, this.ledger.changes(), retry$.pipe(startWith(null))]).pipe(
      map(([ids]) => (ids ? ids.split('/') : [])),
    );
    const movements$ = reloadOn(trigger$, (ids) => this.movements(ids), 'Balances could not be worked out.').pipe(
      startWith<Loadable<Map<string, AccountMovement>>>({ state: 'loading' }),
    );
    return combineLatest([accounts$, movements$]).pipe(
      map(([accounts, movements]) => accounts.map((account) => ({ ...account, balance: balanceState(account, movements) }))),
    );
  }

  /** Three server-side sums per account, all at once; ids with no rows move 0. */
  async movements(accountIds: readonly string[]): Promise<Map<string, AccountMovement>> {
    const [fs, db] = await Promise.all([import('firebase/firestore'), this.loader.firestore()]);
    const total = async (collection: 'expenses' | 'transfers', field: string, match: string, id: string) => {
      const query = fs.query(fs.collection(db, collection), fs.where(match, '==', id), fs.where('deleted', '==', false));
      const snapshot = await fs.getAggregateFromServer(query, { total: fs.sum(field) });
      return snapshot.data().total ?? 0;
    };
    const entries = await Promise.all(
      accountIds.map(async (id): Promise<[string, AccountMovement]> => {
        const [expensesMinor, receivedMinor, sentMinor] = await Promise.all([
          total('expenses', 'amountMinor', 'accountId', id),
          total('transfers', 'receivedMinor', 'toAccountId', id),
          total('transfers', 'sentMinor', 'fromAccountId', id),
        ]);
        return [id, { expensesMinor, receivedMinor, sentMinor }];
      }),
    );
    return new Map(entries);
  }
}

function balanceState(account: Account, movements: Loadable<Map<string, AccountMovement>>): BalanceState {
  if (movements.state === 'error') return { state: 'error' };
  const movement = movements.state === 'ready' ? movements.value.get(account.id) : undefined;
  // A new account shows as loading until the read that includes it answers.
  return movement ? { state: 'ready', balanceMinor: balanceMinor(account.openingBalanceMinor, movement) } : { state: 'loading' };
}

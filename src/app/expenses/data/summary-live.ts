import { Injectable, inject } from '@angular/core';
import { asyncScheduler, catchError, distinctUntilChanged, from, map, of, switchMap, throttleTime, type Observable } from 'rxjs';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { watchDocument } from '../../core/firebase/watch-query';

/** A value read from the server: loading the first time, then the last good value or an error. */
export type Loadable<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; message: string };

/** Bursts of ledger moves (an import) are read once per this many ms, the last one always. */
const LEDGER_THROTTLE_MS = 300;

/**
 * `metadata/ledger.version` goes up with every batch that moves money. Derived figures (balances,
 * spending) are read again when it moves, so every browser sees every other browser's changes.
 */
@Injectable({ providedIn: 'root' })
export class LedgerVersion {
  private readonly loader = inject(FirestoreLoader);

  /** The version now, then each new one (0 before the first money ever moved). */
  changes(): Observable<number> {
    // Confirmed versions only: the figures are read again with server-side sums, which would not
    // yet see this browser's own batch while it is pending (a merge's balance stayed stale).
    return watchDocument<{ version?: number }>(this.loader, 'metadata/ledger', { confirmedOnly: true }).pipe(
      map((ledger) => ledger?.version ?? 0),
      distinctUntilChanged(),
      throttleTime(LEDGER_THROTTLE_MS, asyncScheduler, { leading: true, trailing: true }),
    );
  }
}

/**
 * Runs `load` for every value of `trigger$` (dropping a read still in flight) and reports it as a
 * Loadable; a failed read becomes an error state and the next trigger tries again.
 */
export function reloadOn<I, T>(trigger$: Observable<I>, load: (input: I) => Promise<T>, errorMessage: string): Observable<Loadable<T>> {
  return trigger$.pipe(
    switchMap((input) =>
      from(load(input)).pipe(
        map((value): Loadable<T> => ({ state: 'ready', value })),
        catchError(() => of<Loadable<T>>({ state: 'error', message: errorMessage })),
      ),
    ),
  );
}

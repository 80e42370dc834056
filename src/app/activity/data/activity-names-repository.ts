import { Injectable, InjectionToken, inject } from '@angular/core';
import { catchError, combineLatest, map, of, startWith, type Observable } from 'rxjs';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { watchQuery } from '../../core/firebase/watch-query';
import { categoryPaths, type AccountName, type MemberName } from '../model/activity-names';

/** The lists the log's ids point into, live; undefined while loading, null when it cannot be read. */
export interface ActivityLists {
  accounts: ReadonlyMap<string, AccountName> | null | undefined;
  categories: ReadonlyMap<string, string> | null | undefined;
  members: ReadonlyMap<string, MemberName> | null | undefined;
}

export interface ActivityNamesRepository {
  /** Emits at once (lists unknown) and again as each list arrives or changes. */
  watchLists(): Observable<ActivityLists>;
  /** The currency of each expense that still exists (deleted ones too: deletes are soft). */
  expenseCurrencies(ids: readonly string[]): Promise<Map<string, string>>;
}

/**
 * Reads the ledger's accounts and categories and the members' profiles itself: the activity
 * feature imports no other feature (they meet on the EventBus), and it only needs names.
 */
@Injectable({ providedIn: 'root' })
export class FirestoreActivityNamesRepository implements ActivityNamesRepository {
  private readonly loader = inject(FirestoreLoader);

  watchLists(): Observable<ActivityLists> {
    const live = <T, V>(collection: string, toValue: (docs: (T & { id: string })[]) => ReadonlyMap<string, V>) =>
      watchQuery<T>(this.loader, (fs, db) => fs.query(fs.collection(db, collection))).pipe(
        map(toValue),
        // Unreadable (a staff member reading users/, a lost connection): ids stay ids.
        catchError(() => of(null)),
        startWith(undefined),
      );
    return combineLatest([
      live<{ name?: unknown; currency?: unknown }, AccountName>('accounts', (docs) => new Map(docs.map((d) => [d.id, { name: text(d.name) ?? d.id, currency: text(d.currency) ?? '' }]))),
      live<{ name?: unknown; parentId?: unknown }, string>('categories', (docs) =>
        categoryPaths(docs.map((d) => ({ id: d.id, name: text(d.name) ?? d.id, parentId: text(d.parentId) }))),
      ),
      live<{ displayName?: unknown; email?: unknown }, MemberName>('users', (docs) => new Map(docs.map((d) => [d.id, { name: text(d.displayName), email: text(d.email) }]))),
    ]).pipe(map(([accounts, categories, members]) => ({ accounts, categories, members })));
  }

  async expenseCurrencies(ids: readonly string[]): Promise<Map<string, string>> {
    const [fs, db] = await Promise.all([import('firebase/firestore'), this.loader.firestore()]);
    const found = new Map<string, string>();
    await Promise.all(
      [...new Set(ids)].map(async (id) => {
        const snapshot = await fs.getDoc(fs.doc(db, 'expenses', id)).catch(() => null);
        const currency = text(snapshot?.data()?.['currency']);
        if (currency) found.set(id, currency);
      }),
    );
    return found;
  }
}

export const ACTIVITY_NAMES_REPOSITORY = new InjectionToken<ActivityNamesRepository>('ACTIVITY_NAMES_REPOSITORY', {
  providedIn: 'root',
  factory: () => inject(FirestoreActivityNamesRepository),
});

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

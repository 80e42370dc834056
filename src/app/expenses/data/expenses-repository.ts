import { Injectable, inject } from '@angular/core';
import { searchKey, type ExpenseDoc } from '@maestro/contracts';
import type { DocumentData, Query, QueryConstraint, QueryDocumentSnapshot } from 'firebase/firestore';
import { Observable, map } from 'rxjs';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { watchDocument, type WithId } from '../../core/firebase/watch-query';

type FirestoreModule = typeof import('firebase/firestore');

export type Expense = WithId<ExpenseDoc>;

export type ExpenseSort = 'date-desc' | 'date-asc' | 'amount-desc' | 'amount-asc';
export const EXPENSE_SORTS: readonly ExpenseSort[] = ['date-desc', 'date-asc', 'amount-desc', 'amount-asc'];

export interface ExpenseFilter {
  /** Inclusive calendar dates, YYYY-MM-DD. */
  from: string | null;
  to: string | null;
  accountId: string | null;
  /** A category and its subcategories (Firestore takes at most 30 in one `in`). */
  categoryIds: readonly string[];
  /** What the user typed; its first word is matched against the stored keywords. */
  text: string;
}

export const NO_FILTER: ExpenseFilter = { from: null, to: null, accountId: null, categoryIds: [], text: '' };
export const MAX_CATEGORY_IDS = 30;

/** A page boundary, kept to ask for the page after or before it. Opaque outside this file. */
export interface PageCursor {
  readonly snapshot: QueryDocumentSnapshot;
}

/** Which page: cursors, never offsets, so page 400 costs what page 1 costs. */
export type PagePosition =
  | { at: 'first' }
  | { at: 'after'; cursor: PageCursor }
  | { at: 'before'; cursor: PageCursor }
  /** The last `size` expenses of the ordering (the last page holds what is left over). */
  | { at: 'last'; size: number }
  /** After the first `skip` expenses: a page opened from a link or a reload, with no cursor at hand. */
  | { at: 'skip'; skip: number };

export interface ExpensePage {
  expenses: Expense[];
  first: PageCursor | null;
  last: PageCursor | null;
}

export interface CurrencyTotal {
  currency: string;
  count: number;
  totalMinor: number;
}

export const EXPORT_CHUNK = 500;

/**
 * The expense list's reads: one page live, the filtered count and per-currency sums as server
 * aggregations (nothing is downloaded to count), and every filtered expense in chunks for export.
 */
/** How long a page waits for the server before it shows what the local cache holds. */
const CACHE_FALLBACK_MS = 3_000;

@Injectable({ providedIn: 'root' })
export class ExpensesRepository {
  private readonly loader = inject(FirestoreLoader);

  /** The page, live: emits again whenever an expense on it (or entering it) changes. */
  watchPage(filter: ExpenseFilter, sort: ExpenseSort, size: number, position: PagePosition): Observable<ExpensePage> {
    return new Observable<ExpensePage>((subscriber) => {
      let stop: (() => void) | undefined;
      let closed = false;
      void this.sdk()
        .then(async ([fs, db]) => {
          if (closed) return;
          const base = expensesQuery(fs, db, filter, sort);
          const start = await skipTo(fs, base, position);
          if (closed) return;
          if (start === 'past-end') {
            subscriber.next({ expenses: [], first: null, last: null });
            return;
          }
          const emit = (docs: QueryDocumentSnapshot[]) =>
            subscriber.next({
              expenses: docs.map(toExpense),
              first: docs.length ? { snapshot: docs[0]! } : null,
              last: docs.length ? { snapshot: docs[docs.length - 1]! } : null,
            });
          // A first answer from the local cache holds only what earlier queries left there (seen:
          // 10 of a page's 30, the EUR ones the page before had read) and would give the page
          // wrong cursors: wait for the server's, unless it takes CACHE_FALLBACK_MS (offline).
          let fromServer = false;
          let cached: QueryDocumentSnapshot[] | undefined;
          const fallback = setTimeout(() => {
            if (!fromServer && cached && !closed) emit(cached);
          }, CACHE_FALLBACK_MS);
          const unsubscribe = fs.onSnapshot(
            fs.query(base, ...(start ? [fs.startAfter(start)] : []), ...positionConstraints(fs, size, position)),
            { includeMetadataChanges: true },
            (snapshot) => {
              if (snapshot.metadata.fromCache && !fromServer) {
                cached = snapshot.docs;
                return;
              }
              // Metadata-only changes (a pending write acknowledged) change nothing on the page.
              if (fromServer && !snapshot.docChanges().length) return;
              fromServer = true;
              emit(snapshot.docs);
            },
            (error) => subscriber.error(error),
          );
          stop = () => {
            clearTimeout(fallback);
            unsubscribe();
          };
        })
        .catch((error: unknown) => subscriber.error(error));
      return () => {
        closed = true;
        stop?.();
      };
    });
  }

  /** The ledger's version: it moves with every change to money, so counts and sums are asked again. */
  watchLedgerVersion(): Observable<number> {
    return watchDocument<{ version?: number }>(this.loader, 'metadata/ledger').pipe(map((ledger) => ledger?.version ?? 0));
  }

  /** How many expenses match, counted by the server. */
  async count(filter: ExpenseFilter): Promise<number> {
    const [fs, db] = await this.sdk();
    const snapshot = await fs.getCountFromServer(fs.query(fs.collection(db, 'expenses'), ...filterConstraints(fs, filter)));
    return snapshot.data().count;
  }

  /** Count and sum of the matching expenses in each currency; currencies without any are left out. */
  async totals(filter: ExpenseFilter, currencies: readonly string[]): Promise<CurrencyTotal[]> {
    const [fs, db] = await this.sdk();
    const totals = await Promise.all(
      [...new Set(currencies)].sort().map(async (currency) => {
        const query = fs.query(fs.collection(db, 'expenses'), ...filterConstraints(fs, filter), fs.where('currency', '==', currency));
        const snapshot = await fs.getAggregateFromServer(query, { count: fs.count(), total: fs.sum('amountMinor') });
        return { currency, count: snapshot.data().count, totalMinor: snapshot.data().total ?? 0 };
      }),
    );
    return totals.filter((total) => total.count > 0);
  }

  /**
   * Every matching expense in the list's order, fetched in chunks of 500 by cursor.
   * `onChunk` hears the running total; aborting stops before the next chunk.
   */
  async fetchAll(
    filter: ExpenseFilter,
    sort: ExpenseSort,
    options: { onChunk?: (fetched: number) => void; signal?: AbortSignal; chunkSize?: number } = {},
  ): Promise<Expense[]> {
    const chunkSize = options.chunkSize ?? EXPORT_CHUNK;
    const [fs, db] = await this.sdk();
    const base = expensesQuery(fs, db, filter, sort);
    const expenses: Expense[] = [];
    let last: QueryDocumentSnapshot | undefined;
    for (;;) {
      options.signal?.throwIfAborted();
      const chunk = await fs.getDocs(last ? fs.query(base, fs.startAfter(last), fs.limit(chunkSize)) : fs.query(base, fs.limit(chunkSize)));
      expenses.push(...chunk.docs.map(toExpense));
      options.onChunk?.(expenses.length);
      if (chunk.docs.length < chunkSize) return expenses;
      last = chunk.docs[chunk.docs.length - 1];
    }
  }

  private sdk(): Promise<[FirestoreModule, Awaited<ReturnType<FirestoreLoader['firestore']>>]> {
    return Promise.all([import('firebase/firestore'), this.loader.firestore()]);
  }
}

function toExpense(snapshot: QueryDocumentSnapshot): Expense {
  return { ...(snapshot.data() as ExpenseDoc), id: snapshot.id };
}

function expensesQuery(
  fs: FirestoreModule,
  db: Awaited<ReturnType<FirestoreLoader['firestore']>>,
  filter: ExpenseFilter,
  sort: ExpenseSort,
): Query<DocumentData> {
  return fs.query(fs.collection(db, 'expenses'), ...filterConstraints(fs, filter), ...orderConstraints(fs, sort));
}

/** The filter as Firestore constraints; `firestore.indexes.json` declares the indexes they need. */
export function filterConstraints(fs: FirestoreModule, filter: ExpenseFilter): QueryConstraint[] {
  const constraints = [fs.where('deleted', '==', false)];
  if (filter.accountId) constraints.push(fs.where('accountId', '==', filter.accountId));
  const categories = filter.categoryIds.slice(0, MAX_CATEGORY_IDS);
  if (categories.length === 1) constraints.push(fs.where('categoryId', '==', categories[0]));
  else if (categories.length > 1) constraints.push(fs.where('categoryId', 'in', categories));
  const key = searchKey(filter.text);
  if (key) constraints.push(fs.where('keywords', 'array-contains', key));
  if (filter.from) constraints.push(fs.where('date', '>=', filter.from));
  if (filter.to) constraints.push(fs.where('date', '<=', filter.to));
  return constraints;
}

/** Ties are broken by date, then by document id: a total order, so cursors never skip or repeat. */
function orderConstraints(fs: FirestoreModule, sort: ExpenseSort): QueryConstraint[] {
  const direction = sort.endsWith('desc') ? 'desc' : 'asc';
  const byDate = [fs.orderBy('date', direction), fs.orderBy(fs.documentId(), direction)];
  return sort.startsWith('amount') ? [fs.orderBy('amountMinor', direction), ...byDate] : byDate;
}

/**
 * Where a skipped-to page starts: the last of the expenses before it, read once (a link to page
 * 40 reads the 39 pages before it; paging on from there uses cursors again).
 */
async function skipTo(fs: FirestoreModule, base: Query<DocumentData>, position: PagePosition): Promise<QueryDocumentSnapshot | null | 'past-end'> {
  if (position.at !== 'skip' || position.skip <= 0) return null;
  const before = await fs.getDocs(fs.query(base, fs.limit(position.skip)));
  return before.docs.length < position.skip ? 'past-end' : before.docs[before.docs.length - 1]!;
}

function positionConstraints(fs: FirestoreModule, size: number, position: PagePosition): QueryConstraint[] {
  switch (position.at) {
    case 'first':
    case 'skip':
      return [fs.limit(size)];
    case 'after':
      return [fs.startAfter(position.cursor.snapshot), fs.limit(size)];
    case 'before':
      return [fs.endBefore(position.cursor.snapshot), fs.limitToLast(size)];
    case 'last':
      return [fs.limitToLast(Math.max(1, position.size))];
  }
}

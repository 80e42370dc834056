import { Injectable, computed, inject } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import {
  Subject,
  catchError,
  combineLatest,
  distinctUntilChanged,
  from,
  map,
  of,
  scan,
  shareReplay,
  startWith,
  switchMap,
  throttleTime,
} from 'rxjs';
import { AccountsRepository, type Account } from '../../data/accounts-repository';
import { CategoriesRepository, type CategoryOption } from '../../data/categories-repository';
import {
  ExpensesRepository,
  type CurrencyTotal,
  type ExpenseFilter,
  type ExpensePage,
  type ExpenseSort,
  type PagePosition,
} from '../../data/expenses-repository';
import { DEFAULT_PARAMS, hasFilters, paramsFromQuery, queryFromParams, toFilter, type ListParams } from './list-params';

export interface ListQuery {
  filter: ExpenseFilter;
  sort: ExpenseSort;
  size: number;
}

export interface PageState {
  status: 'loading' | 'ready' | 'error';
  /** 0-based index of the page shown (or being loaded). */
  index: number;
  /** The rows on screen: while the next page loads, the previous one stays. */
  page: ExpensePage | null;
}

export type SummaryState =
  | { status: 'loading'; previous: { count: number; totals: CurrencyTotal[] } | null }
  | { status: 'ready'; count: number; totals: CurrencyTotal[] }
  | { status: 'error' };

interface Move {
  index: number;
  position: PagePosition;
}
const FIRST: Move = { index: 0, position: { at: 'first' } };

const sameJson = <T>(a: T, b: T) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The expense list's state: URL params in, the live page and the server-side count and totals out.
 * Provided by the list page, so it lives and dies with it.
 */
@Injectable()
export class ExpensesListStore {
  private readonly repository = inject(ExpensesRepository);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);

  readonly params = toSignal(
    this.route.queryParamMap.pipe(map((query) => paramsFromQuery(Object.fromEntries(query.keys.map((key) => [key, query.get(key)]))))),
    { initialValue: DEFAULT_PARAMS },
  );
  readonly filtered = computed(() => hasFilters(this.params()));

  private readonly accounts$ = inject(AccountsRepository).watchAll().pipe(shareReplay({ bufferSize: 1, refCount: true }));
  private readonly categories$ = inject(CategoriesRepository).watchAll().pipe(shareReplay({ bufferSize: 1, refCount: true }));
  readonly accounts = toSignal(this.accounts$.pipe(catchError(() => of<Account[]>([]))), { initialValue: [] as Account[] });
  readonly categories = toSignal(this.categories$.pipe(catchError(() => of<CategoryOption[]>([]))), {
    initialValue: [] as CategoryOption[],
  });

  private readonly query$ = combineLatest([
    toObservable(this.params),
    // Without the tree a category filters only itself; the list does not wait for it.
    this.categories$.pipe(
      startWith<CategoryOption[]>([]),
      catchError(() => of<CategoryOption[]>([])),
    ),
  ]).pipe(
    map(([params, categories]): ListQuery => ({ filter: toFilter(params, categories), sort: params.sort, size: params.size })),
    distinctUntilChanged(sameJson),
    shareReplay({ bufferSize: 1, refCount: true }),
  );

  private readonly moves$ = new Subject<Move>();
  private readonly reloadPage$ = new Subject<void>();
  private readonly reloadSummary$ = new Subject<void>();

  readonly page = toSignal(
    this.query$.pipe(
      // A new filter, sort or size starts again on the first page.
      switchMap((query) =>
        combineLatest([this.moves$.pipe(startWith(FIRST)), this.reloadPage$.pipe(startWith(undefined))]).pipe(
          switchMap(([move]) =>
            this.repository.watchPage(query.filter, query.sort, query.size, move.position).pipe(
              map((page): PageState => ({ status: 'ready', index: move.index, page })),
              startWith<PageState>({ status: 'loading', index: move.index, page: null }),
              catchError(() => of<PageState>({ status: 'error', index: move.index, page: null })),
            ),
          ),
        ),
      ),
      scan((shown: PageState, next: PageState): PageState => (next.status === 'loading' ? { ...next, page: shown.page } : next)),
    ),
    { initialValue: { status: 'loading', index: 0, page: null } as PageState },
  );

  private readonly currencies$ = combineLatest([this.query$, this.accounts$.pipe(catchError(() => of<Account[]>([])))]).pipe(
    map(([query, accounts]) => {
      // Expenses are in their account's currency: one filtered account means one currency.
      const chosen = accounts.filter((a) => !query.filter.accountId || a.id === query.filter.accountId);
      return [...new Set(chosen.map((a) => a.currency))].sort();
    }),
  );

  readonly summary = toSignal(
    combineLatest([
      this.query$.pipe(map((q) => q.filter), distinctUntilChanged(sameJson)),
      this.currencies$.pipe(distinctUntilChanged(sameJson)),
      // Every change to money moves the ledger version: count and sum again, at most twice a
      // second (an import moves it once per chunk).
      this.repository.watchLedgerVersion().pipe(
        throttleTime(500, undefined, { leading: true, trailing: true }),
        catchError(() => of(0)),
      ),
      this.reloadSummary$.pipe(startWith(undefined)),
    ]).pipe(
      switchMap(([filter, currencies]) =>
        from(Promise.all([this.repository.count(filter), this.repository.totals(filter, currencies)])).pipe(
          map(([count, totals]): SummaryState => ({ status: 'ready', count, totals })),
          startWith<SummaryState>({ status: 'loading', previous: null }),
          catchError(() => of<SummaryState>({ status: 'error' })),
        ),
      ),
      scan((shown: SummaryState, next: SummaryState): SummaryState => {
        if (next.status !== 'loading') return next;
        const previous = shown.status === 'ready' ? { count: shown.count, totals: shown.totals } : shown.status === 'loading' ? shown.previous : null;
        return { status: 'loading', previous };
      }),
    ),
    { initialValue: { status: 'loading', previous: null } as SummaryState },
  );

  /** The filtered count, the one being refreshed while it loads. */
  readonly count = computed(() => {
    const summary = this.summary();
    return summary.status === 'ready' ? summary.count : summary.status === 'loading' ? (summary.previous?.count ?? null) : null;
  });

  /** Changes filters, sort or page size in the URL; the list follows the URL. */
  update(patch: Partial<ListParams>): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: queryFromParams({ ...this.params(), ...patch }),
      replaceUrl: true,
    });
  }

  clearFilters(): void {
    this.update({ from: null, to: null, account: null, category: null, q: '' });
  }

  /** The paginator's move: next and previous by cursor, first and last without one. */
  goToPage(index: number): void {
    const state = this.page();
    const size = this.params().size;
    const count = this.count();
    if (index === 0) this.moves$.next(FIRST);
    else if (index === state.index + 1 && state.page?.last) this.moves$.next({ index, position: { at: 'after', cursor: state.page.last } });
    else if (index === state.index - 1 && state.page?.first) this.moves$.next({ index, position: { at: 'before', cursor: state.page.first } });
    else if (count !== null && index === Math.ceil(count / size) - 1) this.moves$.next({ index, position: { at: 'last', size: count - index * size } });
    else this.moves$.next(FIRST);
  }

  retryPage(): void {
    this.reloadPage$.next();
  }

  retrySummary(): void {
    this.reloadSummary$.next();
  }
}

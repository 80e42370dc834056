import { Injectable, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import {
  Subject,
  catchError,
  combineLatest,
  distinctUntilChanged,
  filter,
  from,
  map,
  of,
  scan,
  shareReplay,
  startWith,
  switchMap,
  tap,
  throttleTime,
} from 'rxjs';
import { AccountsRepository, type Account } from '../../data/accounts-repository';
import { CategoriesRepository } from '../../data/categories-repository';
import {
  ExpensesRepository,
  type CurrencyTotal,
  type ExpenseFilter,
  type ExpensePage,
  type ExpenseSort,
  type PagePosition,
} from '../../data/expenses-repository';
import {
  DEFAULT_PARAMS,
  checkReferences,
  effectiveParams,
  hasFilters,
  queryFromParams,
  readQuery,
  toFilter,
  type ListParams,
  type ParamProblem,
} from './list-params';

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

  private readonly read = toSignal(
    this.route.queryParamMap.pipe(map((query) => readQuery(Object.fromEntries(query.keys.map((key) => [key, query.get(key)]))))),
    { initialValue: { params: DEFAULT_PARAMS, problems: [] as ParamProblem[] } },
  );

  private readonly accounts$ = inject(AccountsRepository).watchAll().pipe(shareReplay({ bufferSize: 1, refCount: true }));
  private readonly categories$ = inject(CategoriesRepository).watchAll().pipe(shareReplay({ bufferSize: 1, refCount: true }));
  // undefined while loading, null when unreadable: neither is a reason to call an id unknown.
  private readonly accountList = toSignal(this.accounts$.pipe(catchError(() => of(null))), { initialValue: undefined });
  private readonly categoryList = toSignal(this.categories$.pipe(catchError(() => of(null))), { initialValue: undefined });
  readonly accounts = computed(() => this.accountList() ?? []);
  readonly categories = computed(() => this.categoryList() ?? []);

  private readonly checked = computed(() => checkReferences(this.read().params, this.accountList(), this.categoryList()));
  /** What the URL asks, less the accounts and categories that do not exist: the form shows these. */
  readonly params = computed(() => this.checked().params);
  /** Each value of the URL (or the form) that was ignored, and why. */
  readonly problems = computed(() => [...this.read().problems, ...this.checked().problems, ...this.pageProblem()]);
  readonly filtered = computed(() => hasFilters(effectiveParams(this.params())));
  /** Set when the page asked for was past the end and the last one is shown instead. */
  private readonly pageProblem = signal<ParamProblem[]>([]);

  /** The list's request; null while an account or category named by the URL is still being checked. */
  private readonly request = computed(() => {
    const asked = this.read().params;
    if ((asked.account && this.accountList() === undefined) || (asked.category && this.categoryList() === undefined)) return null;
    const params = effectiveParams(this.params());
    const query: ListQuery = { filter: toFilter(params, this.categories()), sort: params.sort, size: params.size };
    return { query, index: params.page - 1 };
  });
  private readonly request$ = toObservable(this.request).pipe(
    filter((request) => request !== null),
    shareReplay({ bufferSize: 1, refCount: true }),
  );
  private readonly query$ = this.request$.pipe(
    map((request) => request.query),
    distinctUntilChanged(sameJson),
    shareReplay({ bufferSize: 1, refCount: true }),
  );

  private readonly reloadPage$ = new Subject<void>();
  private readonly reloadSummary$ = new Subject<void>();

  readonly page = toSignal(
    this.query$.pipe(
      // A new filter, sort or size starts again; the page number follows the URL.
      switchMap((query) => {
        let shown: { index: number; page: ExpensePage } | null = null;
        return combineLatest([this.request$.pipe(map((request) => request.index), distinctUntilChanged()), this.reloadPage$.pipe(startWith(undefined))]).pipe(
          switchMap(([index]) =>
            this.repository.watchPage(query.filter, query.sort, query.size, this.positionOf(index, shown, query.size)).pipe(
              tap((page) => (shown = { index, page })),
              map((page): PageState => ({ status: 'ready', index, page })),
              startWith<PageState>({ status: 'loading', index, page: null }),
              catchError(() => of<PageState>({ status: 'error', index, page: null })),
            ),
          ),
        );
      }),
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

  /** Changes filters, sort or page size in the URL (back to page 1); the list follows the URL. */
  update(patch: Partial<ListParams>): void {
    this.pageProblem.set([]);
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: queryFromParams({ ...this.params(), page: 1, ...patch }),
      replaceUrl: true,
    });
  }

  clearFilters(): void {
    this.update({ from: null, to: null, account: null, category: null, q: '' });
  }

  /** The paginator's move: a page of its own in the history, so Back returns to the page before. */
  goToPage(index: number): void {
    this.pageProblem.set([]);
    void this.router.navigate([], { relativeTo: this.route, queryParams: { page: index > 0 ? String(index + 1) : null }, queryParamsHandling: 'merge' });
  }

  /** The page asked for is past the end (a stale link, rows deleted): show the last one, and say so. */
  showLastPage(asked: number, pages: number): void {
    const last = Math.max(1, pages);
    void this.router
      .navigate([], { relativeTo: this.route, queryParams: { page: last > 1 ? String(last) : null }, queryParamsHandling: 'merge', replaceUrl: true })
      .then(() => this.pageProblem.set([{ field: 'page', message: `Page ${asked} is past the end: the list has ${last} ${last === 1 ? 'page' : 'pages'}, showing page ${last}.` }]));
  }

  /** Next and previous by cursor, the last by its size, any other by skipping the pages before it. */
  private positionOf(index: number, shown: { index: number; page: ExpensePage } | null, size: number): PagePosition {
    const count = this.count();
    if (index === 0) return { at: 'first' };
    if (shown && index === shown.index + 1 && shown.page.last) return { at: 'after', cursor: shown.page.last };
    if (shown && index === shown.index - 1 && shown.page.first) return { at: 'before', cursor: shown.page.first };
    if (count !== null && count > index * size && index === Math.ceil(count / size) - 1) return { at: 'last', size: count - index * size };
    return { at: 'skip', skip: index * size };
  }

  retryPage(): void {
    this.reloadPage$.next();
  }

  retrySummary(): void {
    this.reloadSummary$.next();
  }
}

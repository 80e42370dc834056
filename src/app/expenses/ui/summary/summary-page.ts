import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Subject, catchError, combineLatest, distinctUntilChanged, map, of, shareReplay, startWith } from 'rxjs';
import { CLOCK } from '../../../core/time/clock';
import { EmptyState } from '../../../shared/ui/empty-state';
import { LoadFailure } from '../../../shared/ui/load-failure';
import { PageHeader } from '../../../shared/ui/page-header';
import { AccountsRepository } from '../../data/accounts-repository';
import { BalancesRepository, type AccountBalance } from '../../data/balances-repository';
import { CategoriesRepository, type CategoryOption } from '../../data/categories-repository';
import { categoryBreakdown, currenciesOf, monthSeries, type CategoryCell, type MonthCell } from '../../data/summary-grouping';
import { LedgerVersion, reloadOn, type Loadable } from '../../data/summary-live';
import { monthLabel, monthOfLocal, monthsEndingWith } from '../../data/summary-months';
import { SpendingQueries } from '../../data/summary-queries';
import { MonthPicker } from '../budgets/month-picker';
import { BalancesTable } from './balances-table';
import { CategorySpending } from './category-spending';
import { MonthSpending } from './month-spending';

interface CategoryTotals {
  month: string;
  cells: CategoryCell[];
  totals: { currency: string; totalMinor: number }[];
}
type Accounts = { state: 'loading' } | { state: 'ready'; accounts: AccountBalance[] } | { state: 'error' };

const sameList = <T extends readonly string[]>(a: T, b: T) => a.join('/') === b.join('/');
const FAILED = 'These figures could not be added up.';

/**
 * Where the money went: spending by month (12 months) and by category (a chosen month), and
 * every account's balance. All figures are per currency; currencies are never added together.
 */
@Component({
  selector: 'app-summary-page',
  imports: [PageHeader, EmptyState, LoadFailure, MonthPicker, MonthSpending, CategorySpending, BalancesTable, MatProgressBarModule],
  templateUrl: './summary-page.html',
  styleUrl: './summary-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SummaryPage {
  private readonly queries = inject(SpendingQueries);
  private readonly retry$ = new Subject<void>();
  protected readonly monthLabel = monthLabel;
  protected readonly current = monthOfLocal(inject(CLOCK).now());
  protected readonly months = monthsEndingWith(this.current, 12);
  protected readonly categoryMonth = signal(this.current);

  private readonly ledger$ = inject(LedgerVersion).changes().pipe(shareReplay({ bufferSize: 1, refCount: true }));
  private readonly currencies$ = inject(AccountsRepository)
    .watchAll()
    .pipe(map(currenciesOf), distinctUntilChanged(sameList), shareReplay({ bufferSize: 1, refCount: true }));
  private readonly categories$ = inject(CategoriesRepository).watchAll().pipe(shareReplay({ bufferSize: 1, refCount: true }));
  private readonly categories = toSignal(this.categories$, { initialValue: [] as CategoryOption[] });

  private readonly monthCells = toSignal(
    reloadOn(
      combineLatest([this.currencies$, this.ledger$, this.retry$.pipe(startWith(null))]),
      ([currencies]) => this.queries.monthTotals(this.months, currencies),
      FAILED,
    ).pipe(startWith<Loadable<MonthCell[]>>({ state: 'loading' }), catchError(() => of<Loadable<MonthCell[]>>({ state: 'error', message: FAILED }))),
    { requireSync: true },
  );

  private readonly categoryCells = toSignal(
    reloadOn(
      combineLatest([
        toObservable(this.categoryMonth),
        this.categories$.pipe(map((tree) => tree.map((category) => category.id)), distinctUntilChanged(sameList)),
        this.currencies$,
        this.ledger$,
        this.retry$.pipe(startWith(null)),
      ]),
      async ([month, ids, currencies]): Promise<CategoryTotals> => ({ month, ...(await this.queries.categoryTotals(month, ids, currencies)) }),
      FAILED,
    ).pipe(startWith<Loadable<CategoryTotals>>({ state: 'loading' }), catchError(() => of<Loadable<CategoryTotals>>({ state: 'error', message: FAILED }))),
    { requireSync: true },
  );

  protected readonly accounts = toSignal(
    inject(BalancesRepository)
      .watchBalances(this.retry$)
      .pipe(
        map((accounts): Accounts => ({ state: 'ready', accounts })),
        startWith<Accounts>({ state: 'loading' }),
        catchError(() => of<Accounts>({ state: 'error' })),
      ),
    { requireSync: true },
  );

  protected readonly byMonth = computed((): Loadable<ReturnType<typeof monthSeries>> => {
    const cells = this.monthCells();
    if (cells.state !== 'ready') return cells;
    return { state: 'ready', value: monthSeries(this.months, currenciesOf(cells.value), cells.value) };
  });

  protected readonly byCategory = computed((): Loadable<ReturnType<typeof categoryBreakdown>> => {
    const totals = this.categoryCells();
    if (totals.state !== 'ready') return totals;
    // A read for the month before is not this month's answer.
    if (totals.value.month !== this.categoryMonth()) return { state: 'loading' };
    return { state: 'ready', value: categoryBreakdown(this.categories(), totals.value.cells, totals.value.totals) };
  });

  protected retry(): void {
    this.retry$.next();
  }
}

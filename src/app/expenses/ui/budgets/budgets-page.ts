import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Subject, catchError, combineLatest, distinctUntilChanged, map, of, shareReplay, startWith } from 'rxjs';
import { Notifier } from '../../../core/notify/notifier';
import { CLOCK } from '../../../core/time/clock';
import { EmptyState } from '../../../shared/ui/empty-state';
import { PageHeader } from '../../../shared/ui/page-header';
import { AccountsRepository } from '../../data/accounts-repository';
import { BudgetsRepository, type Budget } from '../../data/budgets-repository';
import { budgetCurrencies, budgetTables, type BudgetRow } from '../../data/budgets-rows';
import { CategoriesRepository, type CategoryOption } from '../../data/categories-repository';
import { currenciesOf, type CategoryCell } from '../../data/summary-grouping';
import { LedgerVersion, reloadOn, type Loadable } from '../../data/summary-live';
import { monthLabel, monthOfLocal } from '../../data/summary-months';
import { SpendingQueries } from '../../data/summary-queries';
import { formatMoney } from '../../../shared/money';
import { LedgerAuthority } from '../ledger-authority';
import { BudgetDialog, type BudgetDialogData } from './budget-dialog';
import { MonthPicker } from './month-picker';

type Setup = { state: 'loading' } | { state: 'ready'; categories: CategoryOption[]; budgets: Budget[]; currencies: string[] } | { state: 'error' };
type Spending = Loadable<{ month: string; cells: CategoryCell[] }>;

const sameList = <T extends readonly string[]>(a: T, b: T) => a.join('/') === b.join('/');

/**
 * Monthly budgets per category, one table per currency, with this month's spending (a parent
 * counts its subcategories). Spending is re-read when the ledger moves, budgets are live.
 */
@Component({
  selector: 'app-budgets-page',
  imports: [PageHeader, EmptyState, MonthPicker, RouterLink, MatButtonModule, MatIconModule, MatProgressBarModule],
  templateUrl: './budgets-page.html',
  styleUrl: './budgets-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BudgetsPage {
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly queries = inject(SpendingQueries);
  private readonly retry$ = new Subject<void>();
  protected readonly formatMoney = formatMoney;
  protected readonly monthLabel = monthLabel;
  protected readonly current = monthOfLocal(inject(CLOCK).now());
  protected readonly month = signal(this.current);
  /** Budgets are the admins' to set: for everyone else the page is read-only, and says so. */
  protected readonly lock = inject(LedgerAuthority).budgetsLock;

  private readonly categories$ = inject(CategoriesRepository).watchAll().pipe(shareReplay({ bufferSize: 1, refCount: true }));
  private readonly currencies$ = inject(AccountsRepository)
    .watchAll()
    .pipe(map(currenciesOf), distinctUntilChanged(sameList), shareReplay({ bufferSize: 1, refCount: true }));

  protected readonly setup = toSignal(
    combineLatest([this.categories$, inject(BudgetsRepository).watchAll(), this.currencies$]).pipe(
      map(([categories, budgets, currencies]): Setup => ({ state: 'ready', categories, budgets, currencies })),
      startWith<Setup>({ state: 'loading' }),
      catchError(() => of<Setup>({ state: 'error' })),
    ),
    { requireSync: true },
  );

  private readonly spending = toSignal(
    reloadOn(
      combineLatest([
        toObservable(this.month),
        this.categories$.pipe(map((tree) => tree.map((category) => category.id)), distinctUntilChanged(sameList)),
        this.currencies$,
        inject(LedgerVersion).changes(),
        this.retry$.pipe(startWith(null)),
      ]),
      async ([month, ids, currencies]) => ({ month, cells: (await this.queries.categoryTotals(month, ids, currencies)).cells }),
      'This month’s spending could not be added up.',
    ).pipe(
      startWith<Spending>({ state: 'loading' }),
      catchError(() => of<Spending>({ state: 'error', message: 'This month’s spending could not be added up.' })),
    ),
    { requireSync: true },
  );

  /** Spending for the month on screen; a read of the month before does not count as loaded. */
  protected readonly spendingState = computed((): 'loading' | 'ready' | 'error' => {
    const spending = this.spending();
    if (spending.state !== 'ready') return spending.state;
    return spending.value.month === this.month() ? 'ready' : 'loading';
  });
  protected readonly spendingError = computed(() => {
    const spending = this.spending();
    return spending.state === 'error' ? spending.message : null;
  });

  protected readonly tables = computed(() => {
    const setup = this.setup();
    if (setup.state !== 'ready') return [];
    const spending = this.spending();
    const cells = spending.state === 'ready' && spending.value.month === this.month() ? spending.value.cells : [];
    return budgetTables(setup.categories, setup.budgets, cells, budgetCurrencies(setup.currencies, setup.budgets));
  });
  protected readonly hasBudgets = computed(() => this.tables().some((table) => table.budgeted > 0));

  protected retry(): void {
    this.retry$.next();
  }

  protected editBudget(row: BudgetRow, currency: string): void {
    if (this.lock()) return;
    const data: BudgetDialogData = { category: row.category, currency, budgetMinor: row.budgetMinor };
    this.dialog
      .open(BudgetDialog, { data, autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((amountMinor?: number) => {
        if (amountMinor === undefined) return;
        this.notifier.info(
          amountMinor === 0
            ? `Budget for ${row.category.path} removed.`
            : `Budget for ${row.category.path} set to ${formatMoney(amountMinor, currency)} a month.`,
        );
      });
  }

  protected budgetLabel(row: BudgetRow, currency: string): string {
    return row.budgetMinor === null
      ? `Set budget for ${row.category.path}` // starts with the words on the button (WCAG 2.5.3)
      : `Change the budget for ${row.category.path}, now ${formatMoney(row.budgetMinor, currency)}`;
  }
}

import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorIntl, MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Notifier } from '../../../core/notify/notifier';
import { EmptyState } from '../../../shared/ui/empty-state';
import { PageHeader } from '../../../shared/ui/page-header';
import { ExpensesCommands } from '../../data/expenses-commands';
import type { ExportNames } from '../../data/expenses-export';
import type { Expense, ExpenseSort } from '../../data/expenses-repository';
import { formatCalendarDate } from '../../../shared/dates';
import { formatMoney } from '../../../shared/money';
import { ExpenseDialog, type ExpenseDialogData } from '../expense-dialog/expense-dialog';
import { LedgerAuthority } from '../ledger-authority';
import { ExpenseFilters } from './expense-filters';
import { ExpensesExporter } from './expenses-exporter';
import { ExpensesListStore } from './expenses-list-store';
import { ExpensesTable, type ExpenseRow } from './expenses-table';
import { PAGE_SIZES, toFilter, type ListParams, type PageSize } from './list-params';
import { ExpensesPaginatorIntl } from './paginator-intl';

const COUNT = new Intl.NumberFormat();

/** The expenses list: filters in the URL, one live page by cursor, server-side count and totals. */
@Component({
  selector: 'app-expenses-list-page',
  imports: [
    PageHeader,
    EmptyState,
    ExpenseFilters,
    ExpensesTable,
    MatButtonModule,
    MatIconModule,
    MatPaginatorModule,
    MatProgressBarModule,
  ],
  providers: [ExpensesListStore, ExpensesExporter, { provide: MatPaginatorIntl, useClass: ExpensesPaginatorIntl }],
  templateUrl: './expenses-list-page.html',
  styleUrl: './expenses-list-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExpensesListPage {
  protected readonly store = inject(ExpensesListStore);
  protected readonly exporter = inject(ExpensesExporter);
  private readonly commands = inject(ExpensesCommands);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly notifier = inject(Notifier);
  private readonly authority = inject(LedgerAuthority);

  protected readonly pageSizes = PAGE_SIZES;
  protected readonly formatMoney = formatMoney;
  protected readonly formatCount = (n: number) => COUNT.format(n);
  /** Rows being deleted: their buttons wait for the answer. */
  protected readonly pending = signal<ReadonlySet<string>>(new Set());

  private readonly accountsById = computed(() => new Map(this.store.accounts().map((a) => [a.id, a])));
  private readonly categoriesById = computed(() => new Map(this.store.categories().map((c) => [c.id, c])));

  protected readonly rows = computed<ExpenseRow[]>(() => {
    const accounts = this.accountsById();
    const categories = this.categoriesById();
    return (this.store.page().page?.expenses ?? []).map((expense) => {
      const category = categories.get(expense.categoryId);
      return {
        id: expense.id,
        date: expense.date,
        dateLabel: formatCalendarDate(expense.date),
        payee: expense.payee,
        note: expense.note,
        categoryPath: category?.path ?? 'Unknown category',
        categoryColour: category?.colour ?? null,
        accountName: accounts.get(expense.accountId)?.name ?? 'Unknown account',
        tags: expense.tags,
        amount: formatMoney(expense.amountMinor, expense.currency),
        lock: this.authority.recordLock(expense, 'expense'),
      };
    });
  });

  /** Which empty state, if any: nothing recorded at all, or nothing matching the filters. */
  protected readonly empty = computed(() => {
    const page = this.store.page();
    if (page.status !== 'ready' || page.page?.expenses.length) return null;
    return this.store.filtered() ? 'no-match' : page.index === 0 ? 'no-expenses' : null;
  });

  protected readonly loading = computed(() => this.store.page().status === 'loading' || this.store.summary().status === 'loading');

  /** Problems without a field of their own (sort, page size, page). */
  protected readonly listProblems = computed(() => this.store.problems().filter((p) => p.field === 'sort' || p.field === 'size' || p.field === 'page'));

  constructor() {
    // A page past the end (an old link, rows deleted elsewhere): the last page, saying so.
    effect(() => {
      const page = this.store.page();
      const summary = this.store.summary();
      if (page.status !== 'ready' || page.index === 0 || page.page?.expenses.length || summary.status !== 'ready') return;
      const pages = Math.ceil(summary.count / this.store.params().size);
      untracked(() => this.store.showLastPage(page.index + 1, pages));
    });
  }

  protected changeFilters(patch: Partial<ListParams>): void {
    this.store.update(patch);
  }

  protected sortBy(sort: ExpenseSort): void {
    this.store.update({ sort });
  }

  protected paged(event: PageEvent): void {
    if (event.pageSize !== this.store.params().size) this.store.update({ size: event.pageSize as PageSize });
    else this.store.goToPage(event.pageIndex);
  }

  protected newExpense(): void {
    this.openDialog({});
  }

  protected edit(id: string): void {
    const expense = this.find(id);
    if (expense) this.openDialog({ expense });
  }

  protected async remove(id: string): Promise<void> {
    const expense = this.find(id);
    if (!expense || this.authority.recordLock(expense, 'expense')) return;
    this.pending.update((ids) => new Set([...ids, id]));
    const outcome = await this.commands.delete(id);
    this.pending.update((ids) => new Set([...ids].filter((other) => other !== id)));
    if (!outcome.ok) {
      this.notifier.error(outcome.message);
      return;
    }
    this.snackBar
      .open('Expense deleted', 'Undo', { duration: 8_000, politeness: 'polite' })
      .onAction()
      .subscribe(() => void this.restore(id));
  }

  protected async export(): Promise<void> {
    const params = this.store.params();
    const accounts = this.accountsById();
    const categories = this.categoriesById();
    const names: ExportNames = {
      accountName: (accountId) => accounts.get(accountId)?.name,
      categoryPath: (categoryId) => categories.get(categoryId)?.path,
    };
    const outcome = await this.exporter.export(toFilter(params, this.store.categories()), params.sort, this.store.count(), names);
    if (outcome.status === 'done') this.notifier.info(`Exported ${this.formatCount(outcome.count)} expenses to ${outcome.fileName}.`);
    else if (outcome.status === 'failed') this.notifier.error(outcome.message);
  }

  private async restore(id: string): Promise<void> {
    const outcome = await this.commands.restore(id);
    if (outcome.ok) this.notifier.info('Expense restored.');
    else this.notifier.error(`The expense could not be restored: ${outcome.message}`);
  }

  private find(id: string): Expense | undefined {
    return this.store.page().page?.expenses.find((expense) => expense.id === id);
  }

  private openDialog(data: ExpenseDialogData): void {
    this.dialog.open(ExpenseDialog, { data, autoFocus: 'first-tabbable', maxWidth: '95vw' });
  }
}

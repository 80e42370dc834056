import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { ExpenseSort } from '../../data/expenses-repository';

/** One expense as the table shows it: names instead of ids, money formatted. */
export interface ExpenseRow {
  id: string;
  /** YYYY-MM-DD */
  date: string;
  /** "Mar 1, 2026" */
  dateLabel: string;
  payee: string;
  note: string;
  categoryPath: string;
  categoryColour: string | null;
  accountName: string;
  tags: string[];
  amount: string;
  /** Why this user may not edit or delete it (not theirs, not an admin); null when they may. */
  lock: string | null;
}

const COLUMNS = ['date', 'payee', 'category', 'account', 'tags', 'amount', 'actions'];

/** The expenses of one page. Sorting by date or amount is asked of the parent, never done here. */
@Component({
  selector: 'app-expenses-table',
  imports: [MatTableModule, MatSortModule, MatButtonModule, MatIconModule, MatMenuModule, MatTooltipModule],
  templateUrl: './expenses-table.html',
  styleUrl: './expenses-table.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExpensesTable {
  readonly rows = input.required<ExpenseRow[]>();
  readonly sort = input.required<ExpenseSort>();
  /** Rows with a change on its way: their buttons wait. */
  readonly pending = input<ReadonlySet<string>>(new Set());
  readonly sortChange = output<ExpenseSort>();
  readonly edit = output<string>();
  readonly remove = output<string>();

  protected readonly columns = COLUMNS;
  protected readonly active = computed(() => (this.sort().startsWith('amount') ? 'amount' : 'date'));
  protected readonly direction = computed(() => (this.sort().endsWith('asc') ? 'asc' : 'desc'));

  protected sorted(sort: Sort): void {
    const field = sort.active === 'amount' ? 'amount' : 'date';
    this.sortChange.emit(`${field}-${sort.direction === 'asc' ? 'asc' : 'desc'}`);
  }

  protected describe(row: ExpenseRow): string {
    return `${row.payee || 'expense'} of ${row.dateLabel}, ${row.amount}`;
  }

  /** The actions button's name; a locked row says why, as its tooltip does. */
  protected actionsLabel(row: ExpenseRow): string {
    return `Actions for ${this.describe(row)}${row.lock ? `. ${row.lock}` : ''}`;
  }
}

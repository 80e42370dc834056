import { DOCUMENT, Injectable, inject, signal } from '@angular/core';
import { CLOCK } from '../../../core/time/clock';
import { expenseCsvRow, expensesCsv, exportFileName, type ExportNames } from '../../data/expenses-export';
import { ExpensesRepository, type ExpenseFilter, type ExpenseSort } from '../../data/expenses-repository';
import { localDate } from '../../model/expense-form';
import { downloadCsv } from '../../../shared/download-file';

export interface ExportProgress {
  fetched: number;
  /** The filtered count when known, for a determinate bar. */
  total: number | null;
}

export type ExportOutcome = { status: 'done'; count: number; fileName: string } | { status: 'cancelled' } | { status: 'failed'; message: string };

/** Exports the filtered list to CSV: every page, fetched in chunks by cursor, then one download. */
@Injectable()
export class ExpensesExporter {
  private readonly repository = inject(ExpensesRepository);
  private readonly document = inject(DOCUMENT);
  private readonly clock = inject(CLOCK);
  private controller: AbortController | null = null;

  /** Null when no export runs. */
  readonly progress = signal<ExportProgress | null>(null);

  async export(filter: ExpenseFilter, sort: ExpenseSort, total: number | null, names: ExportNames): Promise<ExportOutcome> {
    if (this.controller) return { status: 'failed', message: 'An export is already running.' };
    const controller = new AbortController();
    this.controller = controller;
    this.progress.set({ fetched: 0, total });
    try {
      const expenses = await this.repository.fetchAll(filter, sort, {
        signal: controller.signal,
        onChunk: (fetched) => this.progress.set({ fetched, total: total === null ? null : Math.max(total, fetched) }),
      });
      if (controller.signal.aborted) return { status: 'cancelled' };
      const fileName = exportFileName(localDate(this.clock.now()));
      downloadCsv(this.document, expensesCsv(expenses.map((expense) => expenseCsvRow(expense, names))), fileName);
      return { status: 'done', count: expenses.length, fileName };
    } catch (error) {
      if (controller.signal.aborted) return { status: 'cancelled' };
      const offline = (error as { code?: string }).code === 'unavailable';
      return {
        status: 'failed',
        message: offline ? 'Cannot reach the database. Check your connection and export again.' : 'The export failed. Try again in a moment.',
      };
    } finally {
      this.controller = null;
      this.progress.set(null);
    }
  }

  /** Stops before the next chunk; nothing is downloaded. */
  cancel(): void {
    this.controller?.abort();
  }
}

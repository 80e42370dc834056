import type { ExpenseDraft } from '@maestro/contracts';
import { unparse } from 'papaparse';
import { plainAmount } from '../../shared/money';
import { escapeCsvText } from '../../shared/csv-formula-escape';

// The CSV an export writes and the import reads back: keep the two in step.

export { plainAmount };

export const EXPENSE_CSV_COLUMNS = ['date', 'amount', 'currency', 'account', 'category', 'payee', 'note', 'tags'] as const;
export type ExpenseCsvColumn = (typeof EXPENSE_CSV_COLUMNS)[number];
export type ExpenseCsvRow = Record<ExpenseCsvColumn, string>;

/**
 * Cells holding text people typed (or names they chose): escaped so a spreadsheet never runs them
 * as a formula. Dates, amounts and currency codes are written by the app and never need it.
 */
const TEXT_COLUMNS: ReadonlySet<ExpenseCsvColumn> = new Set<ExpenseCsvColumn>(['account', 'category', 'payee', 'note', 'tags']);

/** Tags share one cell, separated by this. */
export const TAG_SEPARATOR = ';';

/** Names for the ids an expense refers to; an id that is gone becomes an empty cell. */
export interface ExportNames {
  accountName(accountId: string): string | undefined;
  /** "Ingredients › Produce" */
  categoryPath(categoryId: string): string | undefined;
}

export function expenseCsvRow(expense: ExpenseDraft, names: ExportNames): ExpenseCsvRow {
  return {
    date: expense.date,
    amount: plainAmount(expense.amountMinor, expense.currency),
    currency: expense.currency,
    account: names.accountName(expense.accountId) ?? '',
    category: names.categoryPath(expense.categoryId) ?? '',
    payee: expense.payee,
    note: expense.note,
    tags: expense.tags.join(TAG_SEPARATOR),
  };
}

/**
 * The file's text: the header, then one line per row (RFC 4180 quoting, CRLF line ends), text
 * cells formula-escaped (csv-formula-escape.ts; the import takes the escape off).
 */
export function expensesCsv(rows: readonly ExpenseCsvRow[]): string {
  const cell = (row: ExpenseCsvRow, column: ExpenseCsvColumn) => (TEXT_COLUMNS.has(column) ? escapeCsvText(row[column]) : row[column]);
  const csv = unparse(
    { fields: [...EXPENSE_CSV_COLUMNS], data: rows.map((row) => EXPENSE_CSV_COLUMNS.map((column) => cell(row, column))) },
    { header: true, newline: '\r\n' },
  );
  // With no rows papaparse ends the header with a line break; with rows it does not. Always without.
  return csv.endsWith('\r\n') ? csv.slice(0, -2) : csv;
}

/** `expenses-2026-03-01.csv` for a calendar date. */
export function exportFileName(date: string): string {
  return `expenses-${date}.csv`;
}

import type { ExpenseDraft } from '@maestro/contracts';
import { unparse } from 'papaparse';
import type { ConvertedRow } from './csv-import-rows';

// The review before an import: which rows cannot be imported (and why), which look like expenses
// already recorded or rows earlier in the file, and what will be sent.

/** What an existing expense must share with a row to count as the same: date, amount, payee. */
export interface ExpenseIdentity {
  readonly date: string;
  readonly amountMinor: number;
  readonly payee: string;
}

export const identityKey = (e: ExpenseIdentity): string => `${e.date}|${e.amountMinor}|${e.payee.trim().toLowerCase()}`;

export type DuplicateOf = { kind: 'existing' } | { kind: 'row'; rowNumber: number };

export interface DuplicateRow {
  readonly row: ConvertedRow & { draft: ExpenseDraft };
  readonly of: DuplicateOf;
}

export interface ImportReview {
  readonly total: number;
  /** Rows with problems: while there is one, nothing can be imported. */
  readonly invalid: readonly ConvertedRow[];
  readonly duplicates: readonly DuplicateRow[];
  /** Valid rows that are not duplicates. */
  readonly fresh: readonly (ConvertedRow & { draft: ExpenseDraft })[];
  /** Deposits and refunds: money in, not expenses, so never imported and never a problem. */
  readonly moneyIn: readonly ConvertedRow[];
}

/**
 * The first and last date of every row that has one, ready or not: the range to look for existing
 * duplicates in (a category chosen on the review makes more rows ready without a new look).
 */
export function dateRange(rows: readonly ConvertedRow[]): { from: string; to: string } | null {
  let from: string | null = null;
  let to: string | null = null;
  for (const { read } of rows) {
    if (read.date === null) continue;
    if (from === null || read.date < from) from = read.date;
    if (to === null || read.date > to) to = read.date;
  }
  return from && to ? { from, to } : null;
}

/**
 * Sorts rows into money in, invalid, duplicate and fresh. A row is a duplicate of a recorded (non-deleted)
 * expense, or of an earlier row of the file, with the same date, amount and payee (any case).
 */
export function reviewRows(rows: readonly ConvertedRow[], existing: readonly ExpenseIdentity[]): ImportReview {
  const recorded = new Set(existing.map(identityKey));
  const seen = new Map<string, number>();
  const invalid: ConvertedRow[] = [];
  const duplicates: DuplicateRow[] = [];
  const fresh: (ConvertedRow & { draft: ExpenseDraft })[] = [];
  const moneyIn: ConvertedRow[] = [];
  for (const row of rows) {
    if (row.moneyIn) {
      moneyIn.push(row);
      continue;
    }
    if (!hasDraft(row)) {
      invalid.push(row);
      continue;
    }
    const key = identityKey(row.draft);
    const earlier = seen.get(key);
    if (recorded.has(key)) duplicates.push({ row, of: { kind: 'existing' } });
    else if (earlier !== undefined) duplicates.push({ row, of: { kind: 'row', rowNumber: earlier } });
    else fresh.push(row);
    if (earlier === undefined) seen.set(key, row.rowNumber);
  }
  return { total: rows.length, invalid, duplicates, fresh, moneyIn };
}

const hasDraft = (row: ConvertedRow): row is ConvertedRow & { draft: ExpenseDraft } => row.draft !== null;

export type ImportPlan =
  | { readonly kind: 'blocked'; readonly invalid: readonly ConvertedRow[] }
  | { readonly kind: 'empty' }
  /** `skipped`: rows with problems left out, when the user chose to import the good rows only. */
  | { readonly kind: 'ready'; readonly rows: readonly ExpenseDraft[]; readonly rowNumbers: readonly number[]; readonly skipped: number };

/**
 * What may be sent: nothing while a row is invalid, unless the user chose to skip the invalid
 * rows (`skipInvalid`); duplicates only when asked for.
 */
export function importPlan(review: ImportReview, includeDuplicates: boolean, skipInvalid = false): ImportPlan {
  if (review.invalid.length && !skipInvalid) return { kind: 'blocked', invalid: review.invalid };
  const chosen = includeDuplicates ? [...review.fresh, ...review.duplicates.map((d) => d.row)] : [...review.fresh];
  if (!chosen.length) return { kind: 'empty' };
  chosen.sort((a, b) => a.rowNumber - b.rowNumber); // the file's order
  return { kind: 'ready', rows: chosen.map((row) => row.draft), rowNumbers: chosen.map((row) => row.rowNumber), skipped: review.invalid.length };
}

/** The rows with problems as a CSV to fix in a spreadsheet: row number, reasons, then the row. */
export function problemRowsCsv(columns: readonly string[], invalid: readonly ConvertedRow[]): string {
  // The cells are a stranger's file: a cell starting with = + - @ must not run as a formula when
  // this list is opened in a spreadsheet (papaparse prefixes a quote; the list is for reading).
  return unparse(
    {
      fields: ['row', 'problems', ...columns],
      data: invalid.map((row) => [String(row.rowNumber), row.problems.join(' '), ...columns.map((_, i) => row.cells[i] ?? '')]),
    },
    { escapeFormulae: true },
  );
}

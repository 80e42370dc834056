import { guessDateFormat, guessDecimalFormat, type DateFormat, type DecimalFormat } from './csv-import-formats';
import type { CsvTable } from './csv-import-parse';

// Which column of the file feeds which field of an expense, guessed from the header and the data.

export const IMPORT_FIELDS = ['date', 'amount', 'currency', 'account', 'category', 'payee', 'note', 'tags'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const FIELD_LABELS: Record<ImportField, string> = {
  date: 'Date',
  amount: 'Amount',
  currency: 'Currency',
  account: 'Account',
  category: 'Category',
  payee: 'Payee',
  note: 'Note',
  tags: 'Tags',
};

/** For each field, the index of its column, or null when the file has none for it. */
export type ColumnChoice = Record<ImportField, number | null>;

export interface ImportMapping {
  readonly columns: ColumnChoice;
  /** The account of every row when the file has no account column. */
  readonly accountId: string | null;
  /** For rows with an empty category, and every row when the file has no category column. */
  readonly defaultCategoryId: string | null;
  readonly dateFormat: DateFormat;
  readonly decimalFormat: DecimalFormat;
}

/**
 * Header names people use for each field (normalized: lower case, letters and digits only).
 * The list page's export (`date,amount,currency,account,category,payee,note,tags`) matches exactly.
 */
const SYNONYMS: Record<ImportField, readonly string[]> = {
  date: ['date', 'day', 'transactiondate', 'bookingdate', 'posted', 'posteddate', 'valuedate', 'datum', 'fecha'],
  amount: ['amount', 'sum', 'total', 'value', 'price', 'cost', 'debit', 'amountpaid', 'betrag', 'importe', 'montant'],
  currency: ['currency', 'ccy', 'cur', 'currencycode', 'wahrung', 'moneda', 'devise'],
  account: ['account', 'accountname', 'paidfrom', 'fromaccount', 'wallet', 'konto', 'cuenta', 'compte'],
  category: ['category', 'categorypath', 'categoryname', 'kategorie', 'categoria', 'categorie'],
  payee: ['payee', 'merchant', 'vendor', 'supplier', 'beneficiary', 'paidto', 'shop', 'store', 'empfanger'],
  note: ['note', 'notes', 'memo', 'comment', 'comments', 'description', 'details', 'notiz'],
  tags: ['tags', 'tag', 'labels', 'label'],
};

export function normalizeHeader(text: string): string {
  return text
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** True when a header cell names a field we know: how a header row is told from data. */
export function isKnownHeader(cell: string): boolean {
  const name = normalizeHeader(cell);
  return name !== '' && IMPORT_FIELDS.some((field) => SYNONYMS[field].includes(name));
}

/**
 * Each field gets at most one column and each column at most one field: exact names first
 * ("Amount"), then names that contain a field's word ("Amount (USD)", "Payee name").
 */
export function guessColumns(columns: readonly string[]): ColumnChoice {
  const choice: ColumnChoice = { date: null, amount: null, currency: null, account: null, category: null, payee: null, note: null, tags: null };
  const names = columns.map(normalizeHeader);
  const taken = new Set<number>();
  const assign = (matches: (name: string, field: ImportField) => boolean) => {
    for (const field of IMPORT_FIELDS) {
      if (choice[field] !== null) continue;
      const index = names.findIndex((name, i) => !taken.has(i) && name !== '' && matches(name, field));
      if (index >= 0) {
        choice[field] = index;
        taken.add(index);
      }
    }
  };
  assign((name, field) => SYNONYMS[field].includes(name));
  assign((name, field) => SYNONYMS[field].some((synonym) => synonym.length >= 4 && name.includes(synonym)));
  return choice;
}

/** The whole first guess for a table: columns from the header, formats from the data. */
export function guessMapping(table: CsvTable): ImportMapping {
  const columns = table.hasHeader ? guessColumns(table.columns) : guessColumnsFromData(table);
  const sample = (index: number | null) => (index === null ? [] : table.rows.slice(0, 200).map((row) => row.cells[index] ?? ''));
  return {
    columns,
    accountId: null,
    defaultCategoryId: null,
    dateFormat: guessDateFormat(sample(columns.date)),
    decimalFormat: guessDecimalFormat(sample(columns.amount)),
  };
}

/** Without a header, at least the date and the amount can be recognised by their values. */
function guessColumnsFromData(table: CsvTable): ColumnChoice {
  const choice: ColumnChoice = { date: null, amount: null, currency: null, account: null, category: null, payee: null, note: null, tags: null };
  const first = table.rows[0]?.cells ?? [];
  choice.date = indexOrNull(first.findIndex((cell) => /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/.test(cell)));
  choice.amount = indexOrNull(first.findIndex((cell, i) => i !== choice.date && /^[-+(]?[$€£¥]?\s*\d[\d.,]*\)?$/.test(cell)));
  return choice;
}

const indexOrNull = (index: number) => (index >= 0 ? index : null);

/** What the mapping still lacks before rows can be read, in words for the form. */
export function mappingProblems(mapping: ImportMapping): string[] {
  const problems: string[] = [];
  if (mapping.columns.date === null) problems.push('Choose the column that holds the date.');
  if (mapping.columns.amount === null) problems.push('Choose the column that holds the amount.');
  if (mapping.columns.account === null && !mapping.accountId) problems.push('Choose the account column, or one account for every row.');
  if (mapping.columns.category === null && !mapping.defaultCategoryId) problems.push('Choose the category column, or one category for every row.');
  return problems;
}

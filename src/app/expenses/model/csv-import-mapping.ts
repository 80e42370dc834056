import { guessDateFormat, guessDecimalFormat, type DateFormat, type DecimalFormat } from './csv-import-formats';
import type { CsvTable } from './csv-import-parse';
import { guessAmountSign, type AmountSign } from './csv-import-sign';

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
  /** Which way the file writes expenses and money in; absent: expenses are positive. */
  readonly amountSign?: AmountSign;
  /** With 'debit-credit', the column of money in; `columns.amount` is then the debit (money out). */
  readonly creditColumn?: number | null;
}

/**
 * Header names people use for each field (normalized: lower case, letters and digits only), most
 * telling first. The list page's export (`date,amount,currency,account,category,payee,note,tags`)
 * matches exactly. Bank words: "Posting Date", "Buchungstag", "Date opération"; "Description" is
 * the payee unless a Merchant or Payee column says it better; "Details" and "Type" (DEBIT, ACH_DEBIT)
 * are no field at all.
 */
const SYNONYMS: Record<ImportField, readonly string[]> = {
  date: [
    'date', 'transactiondate', 'transdate', 'postingdate', 'posteddate', 'postdate', 'posted', 'bookingdate', 'buchungstag',
    'buchungsdatum', 'datum', 'valuedate', 'valutadatum', 'wertstellung', 'dateoperation', 'datedoperation', 'datevaleur',
    'fecha', 'fechaoperacion', 'day',
  ],
  amount: ['amount', 'transactionamount', 'betrag', 'montant', 'importe', 'importo', 'bedrag', 'umsatz', 'amountpaid', 'sum', 'total', 'value', 'price', 'cost'],
  currency: ['currency', 'ccy', 'cur', 'currencycode', 'wahrung', 'waehrung', 'moneda', 'devise'],
  account: ['account', 'accountname', 'paidfrom', 'paidwith', 'fromaccount', 'wallet', 'konto', 'cuenta', 'compte'],
  category: ['category', 'categorypath', 'categoryname', 'kategorie', 'categoria', 'categorie'],
  payee: [
    'payee', 'merchant', 'merchantname', 'vendor', 'supplier', 'beneficiary', 'paidto', 'counterparty', 'empfanger',
    'zahlungsempfanger', 'beguenstigterzahlungspflichtiger', 'auftraggeberempfanger', 'namezahlungsbeteiligter', 'beneficiaire',
    'tiers', 'name', 'description', 'transactiondescription', 'libelle', 'concepto', 'shop', 'store',
  ],
  note: ['note', 'notes', 'memo', 'comment', 'comments', 'notiz', 'verwendungszweck', 'purpose', 'remarks', 'description', 'libelle'],
  tags: ['tags', 'tag', 'labels', 'label'],
};

/** Columns of a card statement or bank file that split money out and money in. */
const DEBIT_NAMES = ['debit', 'debits', 'debitamount', 'withdrawal', 'withdrawals', 'withdrawalamount', 'moneyout', 'paidout', 'soll', 'ausgang'];
const CREDIT_NAMES = ['credit', 'credits', 'creditamount', 'deposit', 'deposits', 'depositamount', 'moneyin', 'paidin', 'haben', 'eingang'];

export function normalizeHeader(text: string): string {
  return text
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** True when a header cell names a field we know: how a header row is told from data. */
export function isKnownHeader(cell: string): boolean {
  const name = normalizeHeader(cell);
  return name !== '' && (IMPORT_FIELDS.some((field) => SYNONYMS[field].includes(name)) || DEBIT_NAMES.includes(name) || CREDIT_NAMES.includes(name));
}

/**
 * Each field gets at most one column and each column at most one field: exact names first, the
 * most telling name winning ("Transaction Date" over "Post Date"), then names that contain a
 * field's word ("Amount (USD)", "Payee name"). Columns in `taken` are left alone.
 */
export function guessColumns(columns: readonly string[], taken: ReadonlySet<number> = new Set()): ColumnChoice {
  const choice: ColumnChoice = { date: null, amount: null, currency: null, account: null, category: null, payee: null, note: null, tags: null };
  const names = columns.map(normalizeHeader);
  const used = new Set(taken);
  const free = (i: number) => !used.has(i) && names[i] !== '';
  for (const field of IMPORT_FIELDS) {
    for (const synonym of SYNONYMS[field]) {
      const index = names.findIndex((name, i) => free(i) && name === synonym);
      if (index >= 0) {
        choice[field] = index;
        used.add(index);
        break;
      }
    }
  }
  for (const field of IMPORT_FIELDS) {
    if (choice[field] !== null) continue;
    const index = names.findIndex((name, i) => free(i) && SYNONYMS[field].some((synonym) => synonym.length >= 4 && name.includes(synonym)));
    if (index >= 0) {
      choice[field] = index;
      used.add(index);
    }
  }
  return choice;
}

/** A Debit and a Credit column ("Debit", "Withdrawals", "Soll"…; "Credit", "Deposits", "Haben"…). */
export function guessDebitCredit(columns: readonly string[]): { debit: number | null; credit: number | null } {
  const names = columns.map(normalizeHeader);
  const find = (words: readonly string[]) => {
    const exact = names.findIndex((name) => words.includes(name));
    return indexOrNull(exact >= 0 ? exact : names.findIndex((name) => name !== '' && words.some((word) => word.length >= 5 && name.startsWith(word))));
  };
  return { debit: find(DEBIT_NAMES), credit: find(CREDIT_NAMES) };
}

/**
 * The whole first guess for a table: columns from the header, formats and sign from the data.
 * Debit and Credit columns make a card statement's convention (the debit is the amount column).
 */
export function guessMapping(table: CsvTable): ImportMapping {
  const split = table.hasHeader ? guessDebitCredit(table.columns) : { debit: null, credit: null };
  const taken = new Set([split.debit, split.credit].filter((i): i is number => i !== null));
  const columns = table.hasHeader ? guessColumns(table.columns, taken) : guessColumnsFromData(table);
  const twoColumns = split.debit !== null && split.credit !== null && columns.amount === null;
  if (columns.amount === null && split.debit !== null) columns.amount = split.debit;
  const sample = (index: number | null) => (index === null ? [] : table.rows.slice(0, 200).map((row) => row.cells[index] ?? ''));
  const amounts = twoColumns ? [...sample(columns.amount), ...sample(split.credit)] : sample(columns.amount);
  const decimalFormat = guessDecimalFormat(amounts, table.delimiter === ';');
  return {
    columns,
    accountId: null,
    defaultCategoryId: null,
    dateFormat: guessDateFormat(sample(columns.date), table.delimiter === ';' || decimalFormat !== '1,234.56'),
    decimalFormat,
    amountSign: twoColumns ? 'debit-credit' : guessAmountSign(sample(columns.amount), table.hasHeader ? table.columns : []),
    creditColumn: twoColumns ? split.credit : null,
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
  if (mapping.columns.amount === null) {
    problems.push(mapping.amountSign === 'debit-credit' ? 'Choose the column that holds the debit (money out).' : 'Choose the column that holds the amount.');
  }
  if (mapping.columns.account === null && !mapping.accountId) problems.push('Choose the account column, or one account for every row.');
  if (mapping.columns.category === null && !mapping.defaultCategoryId) problems.push('Choose the category column, or one category for every row.');
  return problems;
}

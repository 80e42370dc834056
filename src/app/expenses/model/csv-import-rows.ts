import { expenseDraftProblems, type ExpenseDraft } from '@maestro/contracts';
import { unescapeCsvText } from './csv-formula-escape';
import { parseAmountIn, parseDateIn } from './csv-import-formats';
import type { ImportAccount, ImportCategory, ImportLookups } from './csv-import-lookups';
import type { ImportMapping } from './csv-import-mapping';
import type { CsvRow } from './csv-import-parse';

// One CSV row → one expense draft, with every reason it cannot be imported.

export interface ConvertedRow {
  readonly rowNumber: number;
  readonly cells: readonly string[];
  /** What the row will be imported as; null when it has problems. */
  readonly draft: ExpenseDraft | null;
  /** Every reason the row cannot be imported, in words for the user. */
  readonly problems: readonly string[];
  /** What could be read, for the preview: null where a value could not be read. */
  readonly read: RowReading;
}

export interface RowReading {
  readonly date: string | null;
  readonly amountMinor: number | null;
  readonly currency: string | null;
  readonly account: ImportAccount | null;
  readonly category: ImportCategory | null;
  readonly payee: string;
  readonly note: string;
  readonly tags: readonly string[];
}

export function convertRows(rows: readonly CsvRow[], mapping: ImportMapping, lookups: ImportLookups, today: Date): ConvertedRow[] {
  const fixedAccount = mapping.accountId ? lookups.accountById(mapping.accountId) : undefined;
  const defaultCategory = mapping.defaultCategoryId ? lookups.categoryById(mapping.defaultCategoryId) : undefined;
  return rows.map((row) => convertRow(row, mapping, lookups, today, fixedAccount, defaultCategory));
}

function convertRow(
  row: CsvRow,
  mapping: ImportMapping,
  lookups: ImportLookups,
  today: Date,
  fixedAccount: ImportAccount | undefined,
  defaultCategory: ImportCategory | undefined,
): ConvertedRow {
  const cell = (index: number | null) => (index === null ? '' : (row.cells[index] ?? '').trim());
  // Text a person typed: the export escaped it against formulas, so take that apostrophe off
  // (after the trim, so a kept tab or carriage return behind it survives).
  const text = (index: number | null) => unescapeCsvText(cell(index));
  const { columns } = mapping;
  const problems: string[] = [];

  // Account first: the amount is read in its currency.
  let account: ImportAccount | null = null;
  if (columns.account !== null && text(columns.account)) {
    const found = lookups.findAccount(text(columns.account));
    if (found.ok) account = found.value;
    else problems.push(found.problem);
  } else if (fixedAccount) {
    account = fixedAccount;
  } else {
    problems.push(columns.account === null ? 'Choose an account for the rows.' : 'The account is empty.');
  }

  const currencyCell = cell(columns.currency).toUpperCase();
  let currency: string | null = account?.currency ?? (/^[A-Z]{3}$/.test(currencyCell) ? currencyCell : null);
  if (currencyCell && account && currencyCell !== account.currency) {
    problems.push(`The currency “${cell(columns.currency)}” is not the account's: ${account.name} is in ${account.currency}.`);
    currency = null;
  }

  let category: ImportCategory | null = null;
  if (columns.category !== null && text(columns.category)) {
    const found = lookups.findCategory(text(columns.category));
    if (found.ok) category = found.value;
    else problems.push(found.problem);
  } else if (defaultCategory) {
    category = defaultCategory;
  } else {
    problems.push(columns.category === null ? 'Choose a category for the rows.' : 'The category is empty.');
  }

  const dateCell = cell(columns.date);
  const date = dateCell ? parseDateIn(dateCell, mapping.dateFormat) : null;
  if (!dateCell) problems.push('The date is empty.');
  else if (!date) problems.push(`The date “${dateCell}” is not a real date written ${mapping.dateFormat}.`);

  const amountCell = cell(columns.amount);
  const amount = parseAmountIn(amountCell, mapping.decimalFormat, currency ?? 'USD');
  let amountMinor: number | null = null;
  if (!amount.ok) problems.push(amount.problem);
  else if (amount.minor === 0) problems.push('The amount is zero: an expense must be more than zero.');
  else if (amount.minor < 0) problems.push(`The amount “${amountCell}” is negative: write an expense as a positive amount.`);
  else amountMinor = amount.minor;

  const tags = [...new Set(text(columns.tags).split(';').map((tag) => tag.trim()).filter(Boolean))];
  const read: RowReading = { date, amountMinor, currency, account, category, payee: text(columns.payee), note: text(columns.note), tags };

  // The shared rules have the last word. Fields already found wrong above go in as valid stand-ins,
  // so each problem is said once, in the most precise words.
  const draft: ExpenseDraft = {
    accountId: account?.id ?? 'stand-in',
    categoryId: category?.id ?? 'stand-in',
    amountMinor: amountMinor ?? 1,
    currency: currency ?? 'USD',
    date: date ?? '2000-01-01',
    payee: read.payee,
    note: read.note,
    tags,
  };
  problems.push(...expenseDraftProblems(draft, today));
  return { rowNumber: row.rowNumber, cells: row.cells, draft: problems.length ? null : draft, problems, read };
}

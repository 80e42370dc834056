import { expenseDraftProblems, type ExpenseDraft } from '@maestro/contracts';
import { unescapeCsvText } from '../../shared/csv-formula-escape';
import { parseDateIn } from './csv-import-formats';
import type { ImportAccount, ImportCategory, ImportLookups } from './csv-import-lookups';
import type { ImportMapping } from './csv-import-mapping';
import type { CsvRow } from './csv-import-parse';
import { readMoney } from './csv-import-sign';

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
  /** The row as the file writes it, shown beside its problems (absent for rows made in code). */
  readonly line?: string;
  /** Money in (a deposit, a refund): no expense and no problem, skipped and counted. */
  readonly moneyIn?: boolean;
}

export interface RowReading {
  readonly date: string | null;
  /** The expense's amount; for money in, the amount that came in (both positive). */
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
    const found = lookups.findAccount(text(columns.account), cell(columns.currency).toUpperCase() || undefined);
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

  const money = readMoney(cell(columns.amount), cell(mapping.creditColumn ?? null), mapping.amountSign ?? 'expenses-positive', mapping.decimalFormat, currency ?? 'USD');
  if (money.kind === 'problem') problems.push(money.problem);
  const amountMinor = money.kind === 'problem' ? null : money.minor;

  const tags = [...new Set(text(columns.tags).split(';').map((tag) => tag.trim()).filter(Boolean))];
  const read: RowReading = { date, amountMinor, currency, account, category, payee: text(columns.payee), note: text(columns.note), tags };
  const { rowNumber, cells, line } = row;
  // Cells shifted by a stray separator would make every other reason a wrong guess: say only that.
  if (row.cellCountProblem) return { rowNumber, cells, line, draft: null, problems: [row.cellCountProblem], read };
  // Money in is no expense: whatever else the row lacks (a category, say) does not matter.
  if (money.kind === 'in') return { rowNumber, cells, line, draft: null, problems: [], read, moneyIn: true };

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
  return { rowNumber, cells, line, draft: problems.length ? null : draft, problems, read };
}

import type { ExpenseDraft } from '@maestro/contracts';
import { parse } from 'papaparse';
import { EXPORT_MAPPING, TODAY, testLookups } from '../model/csv-import-fixtures';
import { ImportLookups } from '../model/csv-import-lookups';
import { guessMapping, isKnownHeader } from '../model/csv-import-mapping';
import { decodeCsvBytes, readCsvText } from '../model/csv-import-parse';
import { importPlan, reviewRows } from '../model/csv-import-review';
import { convertRows } from '../model/csv-import-rows';
import { expenseCsvRow, expensesCsv, type ExportNames } from './expenses-export';

// A file the app exported imports back unchanged, through the same steps the import page takes:
// bytes as downloaded (with the BOM) → decode → read the table → guess the mapping → rows → plan.

describe('expenses CSV: export, then import', () => {
  /** What a spreadsheet runs as a formula. */
  const runsAsFormula = (cell: string) => /^[=+\-@\t\r]/.test(cell);

  function importText(csv: string, lookups: ImportLookups) {
    const decoded = decodeCsvBytes(new TextEncoder().encode('\uFEFF' + csv));
    if (!decoded.ok) throw new Error(decoded.message);
    const read = readCsvText(decoded.text, isKnownHeader);
    if (!read.ok) throw new Error(read.message);
    const mapping = guessMapping(read.table);
    return { mapping, rows: convertRows(read.table.rows, mapping, lookups, TODAY) };
  }

  function namesOf(lookups: ImportLookups): ExportNames {
    return {
      accountName: (id) => lookups.accountById(id)?.name,
      categoryPath: (id) => lookups.categoryById(id)?.path,
    };
  }

  /** No cell of the file, read as a spreadsheet reads it (no unescaping), is a formula. */
  function formulaCells(csv: string): string[] {
    return parse<string[]>(csv).data.flat().filter(runsAsFormula);
  }

  it('brings back the drafts of a whole export with formula payees, notes, tags and apostrophes', () => {
    const lookups = testLookups();
    const expenses: ExpenseDraft[] = [
      {
        accountId: 'cash-register',
        categoryId: 'produce',
        amountMinor: 1_250,
        currency: 'USD',
        date: '2026-03-01',
        payee: '=HYPERLINK("http://x","y")',
        note: "+cmd|' /C calc'!A0",
        tags: ['@SUM(1)', 'weekly'],
      },
      {
        accountId: 'euro-card',
        categoryId: 'bar-supplies',
        amountMinor: 123_456,
        currency: 'EUR',
        date: '2026-03-02',
        payee: '-2+3',
        note: "'=x stays '=x",
        tags: ["'a"],
      },
      {
        accountId: 'cash-register',
        categoryId: 'rent',
        amountMinor: 5,
        currency: 'USD',
        date: '2026-02-28',
        payee: "O'Brien & Sons, \"Fresh\"",
        note: 'paid 12-3\r\n=second line',
        tags: [],
      },
    ];
    const csv = expensesCsv(expenses.map((expense) => expenseCsvRow(expense, namesOf(lookups))));
    expect(formulaCells(csv)).toEqual([]);

    const { mapping, rows } = importText(csv, lookups);
    expect(mapping).toEqual(EXPORT_MAPPING);
    expect(rows.map((row) => row.problems)).toEqual([[], [], []]);
    const plan = importPlan(reviewRows(rows, []), false);
    expect(plan).toEqual({ kind: 'ready', rows: expenses, rowNumbers: [2, 3, 4], skipped: 0 });
  });

  it('round-trips payee, note, tags, account and category for every tricky string', () => {
    const tricky = [
      '=HYPERLINK("http://x","y")',
      "+cmd|' /C calc'!A0",
      '@SUM(1)',
      '-2+3',
      '=',
      '+',
      '-',
      '@',
      '\t=SUM(A1)',
      '\rcmd',
      "'=x",
      "''=y",
      "'+1",
      "'-1",
      "'@a",
      "'\t=z",
      "'",
      "''",
      "'''",
      "'a",
      "O'Brien",
      '12-3',
      'a=b',
      'Smith, "Fresh" & Co',
      '"=quoted"',
      '",=comma"',
      'line one\r\nline two',
      '=a\r\nb',
      'Café – 東京 🍜',
      '=Ünïcödé',
      '–=en dash',
      'semi;colon',
    ];
    // One account and one category per string, so each row's lookup proves its cell read back exactly.
    const lookups = new ImportLookups(
      tricky.map((name, i) => ({ id: `account-${i}`, name, currency: 'USD', archived: false })),
      tricky.map((name, i) => ({ id: `category-${i}`, name, path: name })),
    );
    /** Tags as the ledger keeps them: trimmed, 1–30 characters, no separator or line break inside. */
    const asTag = (text: string) => (text === text.trim() && text.length <= 30 && !/[;\r\n]/.test(text) ? [text] : []);
    const expenses: ExpenseDraft[] = tricky.map((text, i) => ({
      accountId: `account-${i}`,
      categoryId: `category-${i}`,
      amountMinor: 100 + i,
      currency: 'USD',
      date: '2026-03-01',
      payee: text,
      note: text,
      tags: [...asTag(text), 'plain'],
    }));
    const csv = expensesCsv(expenses.map((expense) => expenseCsvRow(expense, namesOf(lookups))));
    expect(formulaCells(csv)).toEqual([]);

    const { rows } = importText(csv, lookups);
    expect(rows.length).toBe(tricky.length);
    rows.forEach((row, i) => {
      const context = JSON.stringify(tricky[i]);
      expect(row.problems).withContext(context).toEqual([]);
      expect(row.read.payee).withContext(context).toBe(tricky[i]!);
      expect(row.read.note).withContext(context).toBe(tricky[i]!);
      expect(row.read.account?.name).withContext(context).toBe(tricky[i]!);
      expect(row.read.category?.path).withContext(context).toBe(tricky[i]!);
      expect(row.draft).withContext(context).toEqual(expenses[i]!);
    });
  });

  it('tells apart accounts of one name in two currencies and categories of one name under two parents', () => {
    // What unique names allow (issue 17): “Cash” once per currency, “Supplies” once per parent.
    const lookups = new ImportLookups(
      [
        { id: 'cash-usd', name: 'Cash', currency: 'USD', archived: false },
        { id: 'cash-eur', name: 'Cash', currency: 'EUR', archived: false },
      ],
      [
        { id: 'bar-supplies', name: 'Supplies', path: 'Bar › Supplies' },
        { id: 'kitchen-supplies', name: 'Supplies', path: 'Kitchen › Supplies' },
      ],
    );
    const expense = (accountId: string, categoryId: string, currency: string): ExpenseDraft => ({
      accountId,
      categoryId,
      amountMinor: 990,
      currency,
      date: '2026-03-01',
      payee: `Market ${currency}`,
      note: '',
      tags: [],
    });
    const expenses = [expense('cash-usd', 'bar-supplies', 'USD'), expense('cash-eur', 'kitchen-supplies', 'EUR')];
    const csv = expensesCsv(expenses.map((e) => expenseCsvRow(e, namesOf(lookups))));

    const { rows } = importText(csv, lookups);
    expect(rows.map((row) => row.problems)).toEqual([[], []]);
    expect(importPlan(reviewRows(rows, []), false)).toEqual({ kind: 'ready', rows: expenses, rowNumbers: [2, 3], skipped: 0 });
  });

  it('says what to do when a file without a currency names an account two currencies share', () => {
    const lookups = new ImportLookups(
      [
        { id: 'cash-usd', name: 'Cash', currency: 'USD', archived: false },
        { id: 'cash-eur', name: 'Cash', currency: 'EUR', archived: false },
      ],
      [],
    );
    expect(lookups.findAccount('cash')).toEqual({ ok: false, problem: 'Accounts named “cash” exist in USD and EUR: add a Currency column to tell them apart.' });
    expect(lookups.findAccount('Cash', 'EUR')).toEqual({ ok: true, value: jasmine.objectContaining({ id: 'cash-eur' }) as never });
    expect(lookups.findAccount('Cash', 'GBP')).toEqual({ ok: false, problem: 'No account named “Cash” is in GBP.' });
  });
});

import { parse } from 'papaparse';
import { guessMapping, isKnownHeader } from './csv-import-mapping';
import { readCsvText } from './csv-import-parse';
import { importPlan, problemRowsCsv, reviewRows, dateRange } from './csv-import-review';
import { convertRows } from './csv-import-rows';
import { EXPORT_MAPPING, TODAY, testLookups } from './csv-import-fixtures';

describe('CSV import: review', () => {
  const rows = (lines: string[][]) =>
    convertRows(
      lines.map((cells, i) => ({ rowNumber: i + 2, cells })),
      EXPORT_MAPPING,
      testLookups(),
      TODAY,
    );
  const line = (date: string, amount: string, payee: string) => [date, amount, '', 'Cash register', 'Rent', payee, '', ''];

  it('finds duplicates of recorded expenses and of earlier rows: same date, amount and payee, any case', () => {
    const converted = rows([
      line('2026-03-01', '12.50', 'Green Farm'), // 2: recorded already
      line('2026-03-01', '12.50', 'Bakery'), // 3
      line('2026-03-01', '12.50', ' BAKERY '), // 4: same as row 3
      line('2026-03-02', '12.50', 'Bakery'), // 5: another day
      line('2026-03-01', '12.51', 'Bakery'), // 6: another amount
    ]);
    const review = reviewRows(converted, [{ date: '2026-03-01', amountMinor: 1250, payee: 'green farm' }]);
    expect(review.duplicates.map((d) => [d.row.rowNumber, d.of])).toEqual([
      [2, { kind: 'existing' }],
      [4, { kind: 'row', rowNumber: 3 }],
    ]);
    expect(review.fresh.map((r) => r.rowNumber)).toEqual([3, 5, 6]);

    const skipping = importPlan(review, false);
    expect(skipping.kind === 'ready' && skipping.rowNumbers).toEqual([3, 5, 6]);
    const all = importPlan(review, true);
    expect(all.kind === 'ready' && all.rowNumbers).toEqual([2, 3, 4, 5, 6]);
  });

  it('counts money in apart: neither imported nor a problem', () => {
    const review = reviewRows(rows([line('2026-03-01', '12.50', 'Farm'), line('2026-03-02', '-3.00', 'Farm refund'), line('2026-03-03', 'x', 'Bad')]), []);
    expect(review.moneyIn.map((r) => r.rowNumber)).toEqual([3]);
    expect(review.invalid.map((r) => r.rowNumber)).toEqual([4]);
    expect(review.fresh.map((r) => r.rowNumber)).toEqual([2]);
    expect(review.total).toBe(3);
  });

  it('knows the date range to look for recorded duplicates in', () => {
    expect(dateRange(rows([line('2026-03-09', '1', 'a'), line('2026-01-02', '1', 'b'), line('bad', '1', 'c')]))).toEqual({
      from: '2026-01-02',
      to: '2026-03-09',
    });
    expect(dateRange(rows([line('bad', '1', 'c')]))).toBeNull();
  });

  it('sends nothing when every row is a skipped duplicate', () => {
    const review = reviewRows(rows([line('2026-03-01', '1', 'a')]), [{ date: '2026-03-01', amountMinor: 100, payee: 'A' }]);
    expect(importPlan(review, false)).toEqual({ kind: 'empty' });
  });

  it('of 10,000 rows with one bad, names exactly that row and plans to send nothing', () => {
    const lines = ['date,amount,currency,account,category,payee,note,tags'];
    for (let i = 0; i < 10_000; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      lines.push(i === 6_789 ? `2026-02-${day},5.00.0,USD,Cash register,Rent,Payee ${i},,` : `2026-02-${day},${(i + 1) / 100},USD,Cash register,Ingredients › Produce,Payee ${i},,bulk`);
    }
    const read = readCsvText(lines.join('\n'), isKnownHeader);
    if (!read.ok) return fail(read.message);
    const converted = convertRows(read.table.rows, guessMapping(read.table), testLookups(), TODAY);
    const review = reviewRows(converted, []);
    const plan = importPlan(review, false);

    expect(plan.kind).toBe('blocked');
    expect(review.invalid.length).toBe(1);
    expect(review.invalid[0]!.rowNumber).toBe(6_791); // header is row 1, the 6,790th data row is row 6,791
    expect(review.invalid[0]!.problems).toEqual(['The amount “5.00.0” is not a number in USD written like 1,234.56.']);
    expect(review.fresh.length).toBe(9_999);
  });

  it('writes the rows with problems as a CSV to fix: row number, reasons, then the original cells', () => {
    const converted = rows([line('2026-03-01', '1', 'ok'), line('2026-03-01', 'x', 'Farm, Inc.')]);
    const review = reviewRows(converted, []);
    const csv = problemRowsCsv(['date', 'amount', 'currency', 'account', 'category', 'payee', 'note', 'tags'], review.invalid);
    const [header, first, ...rest] = parse<string[]>(csv, { skipEmptyLines: true }).data;
    expect(header).toEqual(['row', 'problems', 'date', 'amount', 'currency', 'account', 'category', 'payee', 'note', 'tags']);
    expect(first).toEqual(['3', 'The amount “x” is not a number in USD written like 1,234.56.', '2026-03-01', 'x', '', 'Cash register', 'Rent', 'Farm, Inc.', '', '']);
    expect(rest).toEqual([]);
  });

  it('does not let a cell of the file run as a formula in the CSV of rows to fix', () => {
    const converted = rows([line('2026-03-01', 'x', '=HYPERLINK("http://evil.test","click")'), line('2026-03-01', 'y', '+cmd|calc')]);
    const csv = problemRowsCsv(['date', 'amount', 'currency', 'account', 'category', 'payee', 'note', 'tags'], reviewRows(converted, []).invalid);
    const payees = parse<string[]>(csv, { skipEmptyLines: true }).data.slice(1).map((cells) => cells[7]);
    expect(payees).toEqual(['\'=HYPERLINK("http://evil.test","click")', "'+cmd|calc"]);
  });
});

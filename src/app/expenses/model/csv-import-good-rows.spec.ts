import { importPlan, problemRowsCsv, reviewRows } from './csv-import-review';
import { convertRows } from './csv-import-rows';
import { EXPORT_MAPPING, TODAY, testLookups } from './csv-import-fixtures';

// "Import the N good rows, skip M": only when asked, only the good rows, the skipped ones kept with their reasons.
describe('CSV import: the good rows only', () => {
  const columns = ['date', 'amount', 'currency', 'account', 'category', 'payee', 'note', 'tags'];
  const line = (date: string, amount: string, payee: string) => [date, amount, '', 'Cash register', 'Rent', payee, '', ''];
  const review = reviewRows(
    convertRows(
      [line('2026-03-01', '12.50', 'Farm'), line('2026-03-02', 'twelve', 'Bakery'), line('2026-03-03', '4.00', 'Mill'), line('2026-13-45', '1.00', '=HYPERLINK()')].map(
        (cells, i) => ({ rowNumber: i + 2, cells }),
      ),
      EXPORT_MAPPING,
      testLookups(),
      TODAY,
    ),
    [],
  );

  it('blocks the import while a row has a problem, unless the user chose to skip those rows', () => {
    expect(importPlan(review, false).kind).toBe('blocked');
    const plan = importPlan(review, false, true);
    if (plan.kind !== 'ready') return fail(plan.kind);
    expect(plan.rowNumbers).toEqual([2, 4]);
    expect(plan.rows.map((r) => r.payee)).toEqual(['Farm', 'Mill']);
    expect(plan.skipped).toBe(2);
  });

  it('writes the skipped rows with row number, reasons and every cell, formulas defused', () => {
    const csv = problemRowsCsv(columns, review.invalid);
    const [header, ...rows] = csv.split('\r\n');
    expect(header).toBe(['row', 'problems', ...columns].join(','));
    expect(rows.length).toBe(2);
    expect(rows[0]).toMatch(/^3,.*twelve.*,2026-03-02,twelve,,Cash register,Rent,Bakery,,$/);
    expect(rows[1]).toMatch(/^5,The date “2026-13-45” is not a real date.*,Rent,"'=HYPERLINK\(\)",,$/);
  });

  it('with nothing good left, there is nothing to send', () => {
    const bad = reviewRows(convertRows([{ rowNumber: 2, cells: line('x', '1', 'a') }], EXPORT_MAPPING, testLookups(), TODAY), []);
    expect(importPlan(bad, false, true)).toEqual({ kind: 'empty' });
  });
});

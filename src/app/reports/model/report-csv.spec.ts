import { parse } from 'papaparse';
import { salesCsvFileName, salesTableCsv } from './report-csv';
import { salesReport } from './report-fixtures';

describe('sales report CSV', () => {
  const rows = (csv: string) => parse<string[]>(csv, { skipEmptyLines: true }).data;

  it('writes a dish whose name is a formula as text a spreadsheet will not run', () => {
    const csv = salesTableCsv(salesReport(), 'dish');
    const [header, first, second] = rows(csv);
    expect(header).toEqual(['dish', 'station', 'quantity', 'net', 'tax']);
    expect(first).toEqual(['Margherita', 'Grill', '3', '24.00', '2.40']);
    expect(second![0]).toBe(`'=HYPERLINK("http://x","win")`);
    for (const row of rows(csv)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('writes amounts as plain decimals of the currency, cancelled and failed in their own columns', () => {
    const [header, day1, day2] = rows(salesTableCsv(salesReport(), 'day'));
    expect(header).toEqual(['date', 'orders', 'gross', 'tax', 'service', 'net', 'cancelled orders', 'cancelled amount', 'failed orders', 'failed amount']);
    expect(day1).toEqual(['2026-03-01', '2', '22.00', '2.00', '0.00', '20.00', '0', '0.00', '0', '0.00']);
    expect(day2).toEqual(['2026-03-02', '1', '11.00', '1.00', '1.00', '10.00', '1', '5.50', '0', '0.00']);
  });

  it('writes JPY without decimals, and every hour of the day in words', () => {
    const csv = salesTableCsv(salesReport({ currency: 'JPY' }), 'hour');
    const table = rows(csv);
    expect(table.length).toBe(25);
    expect(table[13]!.slice(0, 3)).toEqual(['12:00–13:00', '3', '3300']);
    expect(table[24]![0]).toBe('23:00–00:00');
  });

  it('names order types and stations in words, and ends without a blank line (CRLF between rows)', () => {
    const types = salesTableCsv(salesReport(), 'type');
    expect(rows(types).map((row) => row[0])).toEqual(['order type', 'Dine-in', 'Takeaway']);
    expect(types).toContain('\r\n');
    expect(types.endsWith('\r\n')).toBeFalse();
    expect(rows(salesTableCsv(salesReport(), 'station')).map((row) => row[0])).toEqual(['station', 'Grill', 'Bar']);
  });

  it('writes the header alone for a table with no rows', () => {
    expect(salesTableCsv(salesReport({ byDish: [] }), 'dish')).toBe('dish,station,quantity,net,tax');
  });

  it('names the file after the table, currency and range', () => {
    expect(salesCsvFileName(salesReport(), 'station')).toBe('sales-by-station-USD-2026-03-01-to-2026-03-02.csv');
  });
});

import type { ExpenseDraft } from '@maestro/contracts';
import { parse } from 'papaparse';
import { expenseCsvRow, expensesCsv, exportFileName, plainAmount, type ExportNames } from './expenses-export';

describe('expenses export', () => {
  const names: ExportNames = {
    accountName: (id) => ({ 'cash-register': 'Cash register' })[id],
    categoryPath: (id) => ({ produce: 'Ingredients › Produce' })[id],
  };
  const expense: ExpenseDraft = {
    accountId: 'cash-register',
    categoryId: 'produce',
    amountMinor: 1_250,
    currency: 'USD',
    date: '2026-03-01',
    payee: 'Green Market',
    note: 'Tomatoes',
    tags: ['weekly', 'organic'],
  };

  it('writes amounts as plain decimals with the currency\'s minor digits', () => {
    expect(plainAmount(1_250, 'USD')).toBe('12.50');
    expect(plainAmount(5, 'USD')).toBe('0.05');
    expect(plainAmount(100, 'EUR')).toBe('1.00');
    expect(plainAmount(123_456_789, 'USD')).toBe('1234567.89');
    expect(plainAmount(1_500, 'JPY')).toBe('1500');
    expect(plainAmount(1_500, 'BHD')).toBe('1.500');
  });

  it('maps an expense to names, not ids, and joins its tags with ;', () => {
    expect(expenseCsvRow(expense, names)).toEqual({
      date: '2026-03-01',
      amount: '12.50',
      currency: 'USD',
      account: 'Cash register',
      category: 'Ingredients › Produce',
      payee: 'Green Market',
      note: 'Tomatoes',
      tags: 'weekly;organic',
    });
  });

  it('leaves the cell empty for an account or category that no longer exists', () => {
    const row = expenseCsvRow({ ...expense, accountId: 'gone', categoryId: 'gone' }, names);
    expect(row.account).toBe('');
    expect(row.category).toBe('');
  });

  it('writes the header and quotes what needs quoting, so the text reads back unchanged', () => {
    const tricky = expenseCsvRow({ ...expense, payee: 'Smith, "Fresh" & Co', note: 'line one\nline two', tags: [] }, names);
    const csv = expensesCsv([expenseCsvRow(expense, names), tricky]);

    expect(csv.split('\r\n')[0]).toBe('date,amount,currency,account,category,payee,note,tags');
    expect(csv.split('\r\n')[1]).toBe('2026-03-01,12.50,USD,Cash register,Ingredients › Produce,Green Market,Tomatoes,weekly;organic');
    const back = parse<Record<string, string>>(csv, { header: true });
    expect(back.errors).toEqual([]);
    expect(back.data[1]).toEqual({ ...tricky });
  });

  it('escapes text cells a spreadsheet would run as a formula; dates, amounts and currency stay plain', () => {
    const row = expenseCsvRow(
      { ...expense, payee: '=HYPERLINK("http://x","y")', note: "+cmd|' /C calc'!A0", tags: ['@SUM(1)', '-2+3'] },
      { accountName: () => '-2+3', categoryPath: () => "'=x" },
    );
    const csv = expensesCsv([row, expenseCsvRow({ ...expense, payee: "O'Brien", note: '12-3', tags: ["'a"] }, names)]);

    const lines = csv.split('\r\n');
    expect(lines[1]).toBe(`2026-03-01,12.50,USD,'-2+3,''=x,"'=HYPERLINK(""http://x"",""y"")",'+cmd|' /C calc'!A0,'@SUM(1);-2+3`);
    expect(lines[2]).toBe("2026-03-01,12.50,USD,Cash register,Ingredients › Produce,O'Brien,12-3,'a");
    const cells = parse<string[]>(csv).data.flat();
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
  });

  it('writes only the header when nothing matches', () => {
    expect(expensesCsv([])).toBe('date,amount,currency,account,category,payee,note,tags');
  });

  it('names the file after the day', () => {
    expect(exportFileName('2026-03-01')).toBe('expenses-2026-03-01.csv');
  });
});

import { guessColumns, guessMapping, isKnownHeader, mappingProblems, type ImportMapping } from './csv-import-mapping';
import type { CsvTable } from './csv-import-parse';

describe('CSV import: mapping columns to fields', () => {
  it('maps the list page export with no change', () => {
    const table: CsvTable = {
      columns: ['date', 'amount', 'currency', 'account', 'category', 'payee', 'note', 'tags'],
      hasHeader: true,
      delimiter: ',',
      rows: [{ rowNumber: 2, cells: ['2026-03-01', '12.50', 'USD', 'Cash register', 'Ingredients › Produce', 'Farm', '', 'veg'] }],
    };
    expect(guessMapping(table)).toEqual({
      columns: { date: 0, amount: 1, currency: 2, account: 3, category: 4, payee: 5, note: 6, tags: 7 },
      accountId: null,
      defaultCategoryId: null,
      dateFormat: 'YYYY-MM-DD',
      decimalFormat: '1,234.56',
    });
  });

  it('guesses from the names banks and spreadsheets use, each column once', () => {
    expect(guessColumns(['Transaction Date', 'Description', 'Merchant', 'Amount (USD)', 'Memo'])).toEqual({
      date: 0,
      amount: 3,
      currency: null,
      account: null,
      category: null,
      payee: 2,
      note: 1,
      tags: null,
    });
    expect(guessColumns(['Datum', 'Betrag', 'Währung', 'Konto', 'Kategorie', 'Empfänger'])).toEqual({
      date: 0,
      amount: 1,
      currency: 2,
      account: 3,
      category: 4,
      payee: 5,
      note: null,
      tags: null,
    });
    expect(guessColumns(['Recurring', 'Stuff']).currency).toBeNull();
  });

  it('recognises header cells', () => {
    expect(isKnownHeader(' Amount ')).toBeTrue();
    expect(isKnownHeader('Payee')).toBeTrue();
    expect(isKnownHeader('Green Farm')).toBeFalse();
    expect(isKnownHeader('')).toBeFalse();
  });

  it('finds the date and the amount of a file without a header by their values', () => {
    const table: CsvTable = { columns: ['Column 1', 'Column 2', 'Column 3'], hasHeader: false, delimiter: ';', rows: [{ rowNumber: 1, cells: ['Farm', '01.03.2026', '12,50'] }] };
    const mapping = guessMapping(table);
    expect(mapping.columns.date).toBe(1);
    expect(mapping.columns.amount).toBe(2);
    expect(mapping.dateFormat).toBe('DD.MM.YYYY');
    expect(mapping.decimalFormat).toBe('1.234,56');
  });

  it('says what the mapping still lacks', () => {
    const empty: ImportMapping = {
      columns: { date: null, amount: null, currency: null, account: null, category: null, payee: null, note: null, tags: null },
      accountId: null,
      defaultCategoryId: null,
      dateFormat: 'YYYY-MM-DD',
      decimalFormat: '1,234.56',
    };
    expect(mappingProblems(empty)).toEqual([
      'Choose the column that holds the date.',
      'Choose the column that holds the amount.',
      'Choose the account column, or one account for every row.',
      'Choose the category column, or one category for every row.',
    ]);
    expect(mappingProblems({ ...empty, columns: { ...empty.columns, date: 0, amount: 1 }, accountId: 'cash', defaultCategoryId: 'rent' })).toEqual([]);
  });
});

import { CARD_STATEMENT, EU_BANK, SPREADSHEET, US_BANK } from '../../../testing/fixtures/bank-files';
import { guessColumns, guessMapping, isKnownHeader, mappingProblems, type ImportMapping } from './csv-import-mapping';
import { readCsvText } from './csv-import-parse';
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
      amountSign: 'expenses-positive',
      creditColumn: null,
    });
  });

  it('guesses from the names banks and spreadsheets use, each column once', () => {
    // A Merchant column names the payee better than a Description; the Memo is the note.
    expect(guessColumns(['Transaction Date', 'Description', 'Merchant', 'Amount (USD)', 'Memo'])).toEqual({
      date: 0,
      amount: 3,
      currency: null,
      account: null,
      category: null,
      payee: 2,
      note: 4,
      tags: null,
    });
    // The most telling date wins whatever the order: the day of the purchase, not of the posting.
    expect(guessColumns(['Post Date', 'Transaction Date', 'Description', 'Amount']).date).toBe(1);
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

  const mappingOf = (text: string) => {
    const read = readCsvText(text, isKnownHeader);
    if (!read.ok) throw new Error(read.message);
    return guessMapping(read.table);
  };

  it('reads a US bank export: Posting Date, Description as payee (not Details, not Type), payments negative', () => {
    expect(mappingOf(US_BANK.text)).toEqual({
      columns: { date: 1, amount: 3, currency: null, account: null, category: null, payee: 2, note: null, tags: null },
      accountId: null,
      defaultCategoryId: null,
      dateFormat: 'MM/DD/YYYY',
      decimalFormat: '1,234.56',
      amountSign: 'payments-negative',
      creditColumn: null,
    });
  });

  it('reads a German bank export: Buchungstag, Auftraggeber/Empfänger, Verwendungszweck, Betrag, Währung', () => {
    expect(mappingOf(EU_BANK.text)).toEqual({
      columns: { date: 0, amount: 5, currency: 6, account: null, category: null, payee: 2, note: 4, tags: null },
      accountId: null,
      defaultCategoryId: null,
      dateFormat: 'DD.MM.YYYY',
      decimalFormat: '1.234,56',
      amountSign: 'payments-negative',
      creditColumn: null,
    });
  });

  it('reads a card statement: Debit is the amount, Credit is money in', () => {
    const mapping = mappingOf(CARD_STATEMENT.text);
    expect(mapping.amountSign).toBe('debit-credit');
    expect(mapping.columns).toEqual(jasmine.objectContaining({ date: 0, amount: 5, payee: 3, category: 4 }));
    expect(mapping.creditColumn).toBe(6);
    expect(mappingOf('Date,Details,Withdrawals,Deposits,Balance\n2026-03-01,Farm,12.50,,100.00\n')).toEqual(
      jasmine.objectContaining({ amountSign: 'debit-credit', creditColumn: 3, columns: jasmine.objectContaining({ amount: 2, payee: null }) }),
    );
  });

  it('reads a hand-made sheet: expenses positive, a refund negative, account and category per row', () => {
    const mapping = mappingOf(SPREADSHEET.text);
    expect(mapping.amountSign).toBe('expenses-positive');
    expect(mapping.columns).toEqual({ date: 0, amount: 2, currency: null, account: 3, category: 4, payee: 1, note: 5, tags: null });
    expect(mapping.dateFormat).toBe('MM/DD/YYYY');
  });

  it('guesses the sign from the amounts and the columns beside them', () => {
    // Mostly negative: a bank's payments.
    expect(mappingOf('date,amount,payee\n2026-03-01,-5.00,a\n2026-03-02,-6.00,b\n2026-03-03,7.00,c\n').amountSign).toBe('payments-negative');
    // Mostly positive, but a Balance column: still a bank, where deposits happen to outnumber payments.
    expect(mappingOf('date,amount,payee,balance\n2026-03-01,5.00,a,5\n2026-03-02,6.00,b,11\n2026-03-03,-7.00,c,4\n').amountSign).toBe(
      'payments-negative',
    );
    // Mostly positive with a refund: a sheet of expenses.
    expect(mappingOf('date,amount,payee\n2026-03-01,5.00,a\n2026-03-02,6.00,b\n2026-03-03,(7.00),c\n').amountSign).toBe('expenses-positive');
  });

  it('recognises header cells', () => {
    expect(isKnownHeader(' Amount ')).toBeTrue();
    expect(isKnownHeader('Payee')).toBeTrue();
    expect(isKnownHeader('Posting Date')).toBeTrue();
    expect(isKnownHeader('Credit')).toBeTrue();
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
    expect(mappingProblems({ ...empty, amountSign: 'debit-credit' })[1]).toBe('Choose the column that holds the debit (money out).');
    expect(mappingProblems(empty)).toEqual([
      'Choose the column that holds the date.',
      'Choose the column that holds the amount.',
      'Choose the account column, or one account for every row.',
      'Choose the category column, or one category for every row.',
    ]);
    expect(mappingProblems({ ...empty, columns: { ...empty.columns, date: 0, amount: 1 }, accountId: 'cash', defaultCategoryId: 'rent' })).toEqual([]);
  });
});

import { EXPORT_MAPPING, TODAY, testLookups } from './csv-import-fixtures';
import type { ImportMapping } from './csv-import-mapping';
import { convertRows } from './csv-import-rows';

describe('CSV import: rows to expenses', () => {
  const convert = (cells: string[], mapping: ImportMapping = EXPORT_MAPPING) =>
    convertRows([{ rowNumber: 7, cells }], mapping, testLookups(), TODAY)[0]!;

  it('turns an exported row into the draft it came from', () => {
    const row = convert(['2026-03-01', '1,234.50', 'USD', 'cash REGISTER', 'Ingredients › Produce', ' Green Farm ', 'weekly box', 'veg; weekly;veg']);
    expect(row.problems).toEqual([]);
    expect(row.draft).toEqual({
      accountId: 'cash-register',
      categoryId: 'produce',
      amountMinor: 123_450,
      currency: 'USD',
      date: '2026-03-01',
      payee: 'Green Farm',
      note: 'weekly box',
      tags: ['veg', 'weekly'],
    });
  });

  it('takes the export\'s formula escape off text cells, exactly one apostrophe and only that', () => {
    // An apostrophe before a letter is no escape: it stays, so no account has that name.
    expect(convert(['2026-03-01', '5', 'USD', "'Cash register", 'Rent', '', '', '']).problems).toEqual([
      'Unknown account “\'Cash register”: no account has that name.',
    ]);
    const escaped = convert(['2026-03-01', '5', 'USD', 'Cash register', 'Rent', "'=HYPERLINK(\"http://x\",\"y\")", "''-2+3", "'@SUM(1);'a"]);
    expect(escaped.problems).toEqual([]);
    expect(escaped.draft).toEqual(
      jasmine.objectContaining({ payee: '=HYPERLINK("http://x","y")', note: "'-2+3", tags: ['@SUM(1)', "'a"] }),
    );
    const plain = convert(['2026-03-01', '5', 'USD', 'Cash register', 'Rent', "O'Brien", "'a note", '=raw formula;x']);
    expect(plain.draft).toEqual(jasmine.objectContaining({ payee: "O'Brien", note: "'a note", tags: ['=raw formula', 'x'] }));
  });

  it('finds categories by path in any separator, by a unique name, or by id', () => {
    expect(convert(['2026-03-01', '1', '', 'Cash register', 'ingredients > produce', '', '', '']).draft?.categoryId).toBe('produce');
    expect(convert(['2026-03-01', '1', '', 'Cash register', 'Produce', '', '', '']).draft?.categoryId).toBe('produce');
    expect(convert(['2026-03-01', '1', '', 'Cash register', 'rent', '', '', '']).draft?.categoryId).toBe('rent');
    expect(convert(['2026-03-01', '1', '', 'Cash register', 'Bar/Supplies', '', '', '']).draft?.categoryId).toBe('bar-supplies');
  });

  it('takes the currency from the account when the file has none', () => {
    const row = convert(['2026-03-01', '12,50', '', 'Euro card', 'Rent', '', '', ''], { ...EXPORT_MAPPING, decimalFormat: '1.234,56' });
    expect(row.draft).toEqual(jasmine.objectContaining({ amountMinor: 1250, currency: 'EUR', accountId: 'euro-card' }));
  });

  it('uses one account and one default category for every row when chosen', () => {
    const mapping: ImportMapping = {
      ...EXPORT_MAPPING,
      columns: { ...EXPORT_MAPPING.columns, account: null, category: 4, currency: null },
      accountId: 'euro-card',
      defaultCategoryId: 'rent',
    };
    const rows = convertRows(
      [
        { rowNumber: 2, cells: ['2026-03-01', '5', '', '', '', '', '', ''] },
        { rowNumber: 3, cells: ['2026-03-01', '5', '', '', 'Produce', '', '', ''] },
      ],
      mapping,
      testLookups(),
      TODAY,
    );
    expect(rows.map((r) => [r.draft?.accountId, r.draft?.categoryId, r.draft?.currency])).toEqual([
      ['euro-card', 'rent', 'EUR'],
      ['euro-card', 'produce', 'EUR'],
    ]);
  });

  it('names every reason a row cannot be imported, each once, with its row number', () => {
    const cases: [string[], string[]][] = [
      [['2026-03-01', '5', '', 'Petty', 'Rent', '', '', ''], ['Unknown account “Petty”: no account has that name.']],
      [['2026-03-01', '5', '', 'Old till', 'Rent', '', '', ''], ['The account “Old till” is archived: restore it or choose another account.']],
      [['2026-03-01', '5', '', '', 'Rent', '', '', ''], ['The account is empty.']],
      [['2026-03-01', '5', '', 'Cash register', 'Snacks', '', '', ''], ['Unknown category “Snacks”: no category has that name or path.']],
      [['2026-03-01', '5', '', 'Cash register', 'Supplies', '', '', ''], ['Several categories are named “Supplies”: write its path, e.g. “Bar › Supplies”.']],
      [['2026-03-01', '5', '', 'Cash register', '', '', '', ''], ['The category is empty.']],
      [['2026-02-30', '5', '', 'Cash register', 'Rent', '', '', ''], ['The date “2026-02-30” is not a real date written YYYY-MM-DD.']],
      [['', '5', '', 'Cash register', 'Rent', '', '', ''], ['The date is empty.']],
      [['2027-03-16', '5', '', 'Cash register', 'Rent', '', '', ''], ['The date is more than a year ahead.']],
      [['2026-03-01', 'ten', '', 'Cash register', 'Rent', '', '', ''], ['The amount “ten” is not a number in USD written like 1,234.56.']],
      [['2026-03-01', '0.00', '', 'Cash register', 'Rent', '', '', ''], ['The amount is zero: an expense must be more than zero.']],
      [['2026-03-01', '1,2,3', '', 'Cash register', 'Rent', '', '', ''], ['The amount “1,2,3” is not a number in USD written like 1,234.56.']],
      [['2026-03-01', '5', 'EUR', 'Cash register', 'Rent', '', '', ''], ['The currency “EUR” is not the account\'s: Cash register is in USD.']],
      [['2026-03-01', '5', '', 'Cash register', 'Rent', 'x'.repeat(121), '', ''], ['Keep the payee to 120 characters.']],
      [['2026-03-01', '5', '', 'Cash register', 'Rent', '', '', 'a;b;c;d;e;f;g;h;i;j;k'], ['Use at most 10 tags.']],
      [
        ['31/12/2026', '1.5.0', 'GBP', 'Petty', 'Snacks', '', '', ''],
        [
          'Unknown account “Petty”: no account has that name.',
          'Unknown category “Snacks”: no category has that name or path.',
          'The date “31/12/2026” is not a real date written YYYY-MM-DD.',
          'The amount “1.5.0” is not a number in GBP written like 1,234.56.',
        ],
      ],
    ];
    for (const [cells, problems] of cases) {
      const row = convert(cells);
      expect(row.rowNumber).toBe(7);
      expect(row.problems).withContext(cells.join(',')).toEqual(problems);
      expect(row.draft).withContext(cells.join(',')).toBeNull();
    }
  });

  it('accepts a date up to a year ahead (scheduled payments)', () => {
    expect(convert(['2027-03-15', '5', '', 'Cash register', 'Rent', '', '', '']).problems).toEqual([]);
  });

  it('keeps what it could read for the preview', () => {
    const row = convert(['2026-03-01', 'ten', '', 'Cash register', 'Rent', 'Farm', '', 'a;b']);
    expect(row.read).toEqual(
      jasmine.objectContaining({ date: '2026-03-01', amountMinor: null, currency: 'USD', payee: 'Farm', tags: ['a', 'b'] }),
    );
    expect(row.read.account?.name).toBe('Cash register');
    expect(row.read.category?.path).toBe('Rent');
  });

  describe('with each sign convention', () => {
    // date, amount (or debit), credit, payee: one account and category for every row.
    const mapping = (amountSign: ImportMapping['amountSign']): ImportMapping => ({
      ...EXPORT_MAPPING,
      columns: { date: 0, amount: 1, currency: null, account: null, category: null, payee: 3, note: null, tags: null },
      creditColumn: amountSign === 'debit-credit' ? 2 : null,
      accountId: 'cash-register',
      defaultCategoryId: 'rent',
      amountSign,
    });
    const read = (sign: ImportMapping['amountSign'], amount: string, credit = '') =>
      convertRows([{ rowNumber: 2, cells: ['2026-03-01', amount, credit, 'Farm'] }], mapping(sign), testLookups(), TODAY)[0]!;
    const outcome = (row: ReturnType<typeof read>) => (row.moneyIn ? 'money in' : row.draft ? row.draft.amountMinor : row.problems);

    it('bank: a payment is negative and becomes a positive expense; a deposit is money in', () => {
      expect(outcome(read('payments-negative', '-360.18'))).toBe(36_018);
      expect(outcome(read('payments-negative', '(12.50)'))).toBe(1_250);
      expect(outcome(read('payments-negative', '1250.00'))).toBe('money in');
      expect(read('payments-negative', '1250.00').read.amountMinor).toBe(125_000);
      expect(outcome(read('payments-negative', '0.00'))).toEqual(['The amount is zero: an expense must be more than zero.']);
    });

    it('spreadsheet: an expense is positive; a refund (negative) is money in', () => {
      expect(outcome(read('expenses-positive', '84.20'))).toBe(8_420);
      expect(outcome(read('expenses-positive', '-12.00'))).toBe('money in');
      expect(outcome(read(undefined, '-12.00'))).withContext('absent: expenses positive').toBe('money in');
    });

    it('card statement: the debit is the expense, a credit is money in, both or neither is a problem', () => {
      expect(outcome(read('debit-credit', '412.87'))).toBe(41_287);
      expect(outcome(read('debit-credit', '-412.87'))).withContext('a debit written negative').toBe(41_287);
      expect(outcome(read('debit-credit', '', '24.99'))).toBe('money in');
      expect(outcome(read('debit-credit', '5.00', '5.00'))).toEqual(['The row has both a debit (“5.00”) and a credit (“5.00”): it should have one of them.']);
      expect(outcome(read('debit-credit', '', ''))).toEqual(['The row has no amount: its debit and credit are both empty.']);
      expect(outcome(read('debit-credit', '', 'abc'))).toEqual(['The credit “abc” is not a number in USD written like 1,234.56.']);
      expect(outcome(read('debit-credit', '0.00', ''))).toEqual(['The amount is zero: an expense must be more than zero.']);
    });

    it('skips money in without asking for what only an expense needs', () => {
      const row = convertRows([{ rowNumber: 2, cells: ['', '1250.00', '', ''] }], { ...mapping('payments-negative'), accountId: null, defaultCategoryId: null }, testLookups(), TODAY)[0]!;
      expect(row.moneyIn).toBeTrue();
      expect(row.problems).toEqual([]);
      expect(row.draft).toBeNull();
    });
  });

  it('says only the cell count when a row is split or cut, and keeps its line for the review', () => {
    const row = convertRows(
      [{ rowNumber: 5, cells: ['2026-03-01', '1', '234.56'], line: '2026-03-01,1,234.56', cellCountProblem: 'This row has 3 cells where the header has 2.' }],
      { ...EXPORT_MAPPING, columns: { ...EXPORT_MAPPING.columns, account: null, category: null }, accountId: 'cash-register', defaultCategoryId: 'rent' },
      testLookups(),
      TODAY,
    )[0]!;
    expect(row.problems).toEqual(['This row has 3 cells where the header has 2.']);
    expect(row.draft).toBeNull();
    expect(row.moneyIn).toBeUndefined();
    expect(row.line).toBe('2026-03-01,1,234.56');
  });
});

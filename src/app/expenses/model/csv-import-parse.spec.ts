import { MAX_IMPORT_ROWS, decodeCsvBytes, fileSizeProblem, firstRowIsHeader, readCsvText } from './csv-import-parse';
import { isKnownHeader } from './csv-import-mapping';

describe('CSV import: reading the file', () => {
  const read = (text: string) => readCsvText(text, isKnownHeader);
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('reads the list page export: header, comma, row numbers as a spreadsheet shows them', () => {
    const outcome = read('date,amount,currency,account,category,payee,note,tags\n2026-03-01,12.50,USD,Cash register,Ingredients › Produce,Green Farm,,veg;weekly\n');
    expect(outcome.ok).toBeTrue();
    if (!outcome.ok) return;
    expect(outcome.table.hasHeader).toBeTrue();
    expect(outcome.table.delimiter).toBe(',');
    expect(outcome.table.columns).toEqual(['date', 'amount', 'currency', 'account', 'category', 'payee', 'note', 'tags']);
    expect(outcome.table.rows).toEqual([
      {
        rowNumber: 2,
        cells: ['2026-03-01', '12.50', 'USD', 'Cash register', 'Ingredients › Produce', 'Green Farm', '', 'veg;weekly'],
        line: '2026-03-01,12.50,USD,Cash register,Ingredients › Produce,Green Farm,,veg;weekly',
      },
    ]);
  });

  it('detects semicolons and tabs, keeps quoted separators and counts skipped empty lines', () => {
    const semi = read('Datum;Betrag;Notiz\n01.03.2026;1.234,56;"a; b"\n\n02.03.2026;3,00;c\n');
    expect(semi.ok && semi.table.delimiter).toBe(';');
    expect(semi.ok && semi.table.rows.map((r) => [r.rowNumber, r.cells[2]])).toEqual([
      [2, 'a; b'],
      [4, 'c'],
    ]);
    const tabs = read('date\tamount\n2026-03-01\t5\n');
    expect(tabs.ok && tabs.table.delimiter).toBe('\t');
  });

  it('names the columns itself when the first row is data', () => {
    const outcome = read('2026-03-01,12.50,Green Farm\n2026-03-02,3.00,Bakery\n');
    expect(outcome.ok && outcome.table.hasHeader).toBeFalse();
    expect(outcome.ok && outcome.table.columns).toEqual(['Column 1', 'Column 2', 'Column 3']);
    expect(outcome.ok && outcome.table.rows[0]!.rowNumber).toBe(1);
  });

  it('tells a header it does not know from data by what the rows look like', () => {
    expect(firstRowIsHeader(['When', 'How much'], ['2026-03-01', '12.50'], isKnownHeader)).toBeTrue();
    expect(firstRowIsHeader(['Green Farm', 'Bakery'], ['Shop', 'Cafe'], isKnownHeader)).toBeFalse();
    expect(firstRowIsHeader(['2026-03-01', '12.50'], ['2026-03-02', '1.00'], isKnownHeader)).toBeFalse();
  });

  it('refuses an empty file, a file of blank lines and a header without rows', () => {
    expect(fileSizeProblem(0)).toBe('This file is empty. Choose the CSV file that holds your expenses.');
    expect(decodeCsvBytes(new Uint8Array())).toEqual({ ok: false, message: 'This file is empty. Choose the CSV file that holds your expenses.' });
    expect(read(' \n\n \n')).toEqual({ ok: false, message: 'This file is empty. Choose the CSV file that holds your expenses.' });
    expect(read('date,amount\n')).toEqual({ ok: false, message: 'This file has a header but no rows to import.' });
  });

  it('refuses what is not a CSV, by content: binary bytes, or no column separator', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00]);
    const binary = decodeCsvBytes(zip);
    expect(binary.ok).toBeFalse();
    expect(!binary.ok && binary.message).toMatch(/^This file is not a CSV: it looks like a binary file/);
    const noise = decodeCsvBytes(new Uint8Array(Array.from({ length: 400 }, (_, i) => 1 + (i % 30))));
    expect(!noise.ok && noise.message).toMatch(/^This file is not a CSV/);

    const prose = read('Dear supplier\nplease find the invoice attached\nthanks\n');
    expect(prose.ok).toBeFalse();
    expect(!prose.ok && prose.message).toMatch(/^This file is not a CSV: no column separator/);
  });

  it('reads UTF-8 with a byte-order mark and UTF-16 (Excel "Unicode text")', () => {
    const bom = decodeCsvBytes(bytes('\uFEFFdate,amount\n2026-03-01,1\n'));
    expect(bom).toEqual({ ok: true, text: 'date,amount\n2026-03-01,1\n' });
    const text = 'date\tamount\n2026-03-01\t1\n';
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) utf16[2 + i * 2] = text.charCodeAt(i);
    expect(decodeCsvBytes(utf16)).toEqual({ ok: true, text });
    // A Latin-1 accent or two read as UTF-8 is still text.
    expect(decodeCsvBytes(new Uint8Array([...bytes('payee,amount\nCaf'), 0xe9, ...bytes(',1\n')])).ok).toBeTrue();
  });

  it('says the limit when a file has more than 10,000 rows, and takes exactly 10,000', () => {
    const rows = (n: number) => 'date,amount\n' + Array.from({ length: n }, (_, i) => `2026-01-01,${i + 1}`).join('\n');
    expect(read(rows(MAX_IMPORT_ROWS)).ok).toBeTrue();
    expect(read(rows(MAX_IMPORT_ROWS + 1))).toEqual({
      ok: false,
      message: 'This file has 10,001 rows: an import takes at most 10,000. Split it into files of up to 10,000 rows and import them one by one.',
    });
  });

  it('refuses a file that is too large before reading it', () => {
    expect(fileSizeProblem(1024)).toBeNull();
    expect(fileSizeProblem(12.5 * 1024 * 1024)).toBe(
      'This file is too large (12.5 MB): an import takes files up to 10 MB. Split it into smaller files and import them one by one.',
    );
  });

  describe('rows that do not fit the header', () => {
    const table = (text: string, delimiter?: ',' | ';' | '\t' | '|') => {
      const outcome = readCsvText(text, isKnownHeader, delimiter);
      if (!outcome.ok) throw new Error(outcome.message);
      return outcome.table;
    };

    it('marks an unquoted 1,234.56 (one cell too many) with its line, and never adds a column for it', () => {
      const read = table('date,account,amount,note\n2026-03-01,Company card,12.50,ok\n2026-03-02,Company card,1,234.56,"weekly order"\n');
      expect(read.columns).toEqual(['date', 'account', 'amount', 'note']);
      expect(read.rows[0]!.cellCountProblem).toBeUndefined();
      expect(read.rows[1]).toEqual({
        rowNumber: 3,
        cells: ['2026-03-02', 'Company card', '1', '234.56', 'weekly order'],
        line: '2026-03-02,Company card,1,234.56,"weekly order"',
        cellCountProblem:
          'This row has 5 cells where the header has 4: a comma inside a value that is not in quotes (like 1,234.56) splits it in two. Put that value in quotes, or choose another separator.',
      });
    });

    it('marks a row cut short', () => {
      const read = table('Datum;Betrag;Empfänger\n01.03.2026;-12,50\n');
      expect(read.rows[0]!.cellCountProblem).toBe('This row has 2 cells where the header has 3: a value is missing or the line was cut short. Fix the row in the file.');
    });

    it('takes a separator at the end of every row (as banks write them) without a problem', () => {
      const read = table('Details,Posting Date,Amount\r\nDEBIT,03/02/2026,-360.18,\r\nDEBIT,03/03/2026,-1.00,,\r\n');
      expect(read.columns.length).toBe(3);
      expect(read.rows.map((r) => [r.cells, r.cellCountProblem])).toEqual([
        [['DEBIT', '03/02/2026', '-360.18'], undefined],
        [['DEBIT', '03/03/2026', '-1.00'], undefined],
      ]);
    });

    it('takes only the file\'s own trailing separators: a split 1,234.56 in a row whose last column is empty is still a problem', () => {
      const read = table(
        [
          'Details,Posting Date,Description,Amount,Check or Slip #',
          'DEBIT,03/16/2026,"SYSCO",-2018.44,,',
          'DEBIT,03/12/2026,"FARMERS MARKET",-1,234.00,,',
          'CHECK,03/04/2026,"CHECK 1042",-1500.00,1042,',
        ].join('\r\n'),
      );
      expect(read.rows.map((r) => [r.cells.length, r.cellCountProblem ?? 'ok'])).toEqual([
        [5, 'ok'],
        [6, 'This row has 7 cells where the header has 5: a comma inside a value that is not in quotes (like 1,234.56) splits it in two. Put that value in quotes, or choose another separator.'],
        [5, 'ok'],
      ]);
    });

    it('without a header, measures rows against the width most rows have', () => {
      const read = table('2026-03-01,12.50,Farm\n2026-03-02,1,234.56,Bakery\n2026-03-03,3.00,Cafe\n');
      expect(read.columns).toEqual(['Column 1', 'Column 2', 'Column 3']);
      expect(read.rows.map((r) => r.rowNumber + ':' + (r.cellCountProblem ?? 'ok'))).toEqual([
        '1:ok',
        '2:This row has 4 cells where most rows have 3: a comma inside a value that is not in quotes (like 1,234.56) splits it in two. Put that value in quotes, or choose another separator.',
        '3:ok',
      ]);
    });

    it('keeps a quoted line break inside the row\'s line (one row, as a spreadsheet shows it)', () => {
      const read = table('date,amount,note\n2026-03-01,5,"two\nlines"\n2026-03-02,6,x\n');
      expect(read.rows.map((r) => [r.rowNumber, r.line])).toEqual([
        [2, '2026-03-01,5,"two\nlines"'],
        [3, '2026-03-02,6,x'],
      ]);
    });

    it('reads with the separator the user chose over the guess', () => {
      const text = 'date;amount;note\n2026-03-01;5;a, b\n';
      expect(table(text).delimiter).toBe(';');
      const byComma = table(text, ',');
      expect(byComma.delimiter).toBe(',');
      expect(byComma.rows.at(-1)!.cells).toEqual(['2026-03-01;5;a', 'b']);
    });
  });
});

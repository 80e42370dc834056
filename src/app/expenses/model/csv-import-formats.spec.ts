import { dateFormatsReadingAll, guessDateFormat, guessDecimalFormat, parseAmountIn, parseDateIn } from './csv-import-formats';

describe('CSV import: dates and amounts', () => {
  it('reads each date format into YYYY-MM-DD, and only real dates', () => {
    expect(parseDateIn('2026-03-07', 'YYYY-MM-DD')).toBe('2026-03-07');
    expect(parseDateIn('2026-3-7', 'YYYY-MM-DD')).toBe('2026-03-07');
    expect(parseDateIn('07/03/2026', 'DD/MM/YYYY')).toBe('2026-03-07');
    expect(parseDateIn('03/07/2026', 'MM/DD/YYYY')).toBe('2026-03-07');
    expect(parseDateIn('7.3.2026', 'DD.MM.YYYY')).toBe('2026-03-07');
    expect(parseDateIn('31/02/2026', 'DD/MM/YYYY')).toBeNull();
    expect(parseDateIn('13/13/2026', 'MM/DD/YYYY')).toBeNull();
    expect(parseDateIn('2026-03-07', 'DD/MM/YYYY')).toBeNull();
    expect(parseDateIn('yesterday', 'YYYY-MM-DD')).toBeNull();
    expect(parseDateIn('01.03.26', 'DD.MM.YY')).toBe('2026-03-01');
    expect(parseDateIn('07-03-2026', 'DD-MM-YYYY')).toBe('2026-03-07');
    expect(parseDateIn('2026-03-07 14:05:00', 'YYYY-MM-DD')).toBe('2026-03-07');
    expect(parseDateIn('2026-03-07T14:05', 'YYYY-MM-DD')).toBe('2026-03-07');
    expect(parseDateIn('2026-03-07 lunch', 'YYYY-MM-DD')).toBeNull();
  });

  it('knows when day and month cannot be told apart, and guesses from the file\'s other habits', () => {
    expect(dateFormatsReadingAll(['03/04/2026', '05/06/2026'])).toEqual(['DD/MM/YYYY', 'MM/DD/YYYY']);
    expect(dateFormatsReadingAll(['03/04/2026', '03/13/2026'])).toEqual(['MM/DD/YYYY']);
    expect(guessDateFormat(['03/04/2026'], false)).toBe('MM/DD/YYYY');
    expect(guessDateFormat(['03/04/2026'], true)).toBe('DD/MM/YYYY');
    // A day above 12 proves it whatever the habits.
    expect(guessDateFormat(['03/04/2026', '13/04/2026'], false)).toBe('DD/MM/YYYY');
    expect(guessDateFormat(['03/04/2026', '04/13/2026'], true)).toBe('MM/DD/YYYY');
    expect(guessDateFormat(['01.03.26', '31.03.26'])).toBe('DD.MM.YY');
  });

  it('guesses the date format from the values', () => {
    expect(guessDateFormat(['2026-03-01', '2026-12-31'])).toBe('YYYY-MM-DD');
    expect(guessDateFormat(['01/03/2026', '25/03/2026'])).toBe('DD/MM/YYYY');
    expect(guessDateFormat(['03/01/2026', '03/25/2026'])).toBe('MM/DD/YYYY');
    expect(guessDateFormat(['03/01/2026', '04/02/2026'])).toBe('MM/DD/YYYY');
    expect(guessDateFormat(['01.03.2026'])).toBe('DD.MM.YYYY');
    expect(guessDateFormat([])).toBe('YYYY-MM-DD');
  });

  it('reads amounts in both decimal conventions, exactly, in the currency\'s minor units', () => {
    expect(parseAmountIn('12.50', '1,234.56', 'USD')).toEqual({ ok: true, minor: 1250 });
    expect(parseAmountIn('1,234.56', '1,234.56', 'USD')).toEqual({ ok: true, minor: 123456 });
    expect(parseAmountIn('1.234,56', '1.234,56', 'EUR')).toEqual({ ok: true, minor: 123456 });
    expect(parseAmountIn('12,5', '1.234,56', 'EUR')).toEqual({ ok: true, minor: 1250 });
    expect(parseAmountIn('$ 7', '1,234.56', 'USD')).toEqual({ ok: true, minor: 700 });
    expect(parseAmountIn('7 €', '1.234,56', 'EUR')).toEqual({ ok: true, minor: 700 });
    expect(parseAmountIn('1500', '1,234.56', 'JPY')).toEqual({ ok: true, minor: 1500 });
    expect(parseAmountIn('-3.00', '1,234.56', 'USD')).toEqual({ ok: true, minor: -300 });
    expect(parseAmountIn('(3.00)', '1,234.56', 'USD')).toEqual({ ok: true, minor: -300 });
    expect(parseAmountIn('1 234,56', '1 234,56', 'EUR')).toEqual({ ok: true, minor: 123456 });
    expect(parseAmountIn('1\u202f234,56 €', '1 234,56', 'EUR')).toEqual({ ok: true, minor: 123456 });
    expect(parseAmountIn('-360.18', '1,234.56', 'USD')).toEqual({ ok: true, minor: -36018 });
    expect(parseAmountIn('0.1', '1,234.56', 'USD')).toEqual({ ok: true, minor: 10 });
    expect(parseAmountIn('1.005', '1,234.56', 'BHD')).toEqual({ ok: true, minor: 1005 });
    expect(parseAmountIn('90071992547409.91', '1,234.56', 'USD')).toEqual({ ok: true, minor: 9007199254740991 });
  });

  it('reads a sign and a currency wherever banks write them', () => {
    const usd = (text: string) => parseAmountIn(text, '1,234.56', 'USD');
    const eur = (text: string) => parseAmountIn(text, '1.234,56', 'EUR');
    expect(usd('$-12.50')).toEqual({ ok: true, minor: -1250 });
    expect(usd('-$12.50')).toEqual({ ok: true, minor: -1250 });
    expect(usd('($1,012.50)')).toEqual({ ok: true, minor: -101250 });
    expect(usd('\u221212.50')).toEqual({ ok: true, minor: -1250 });
    expect(usd('+12.50')).toEqual({ ok: true, minor: 1250 });
    expect(usd('USD 12.50')).toEqual({ ok: true, minor: 1250 });
    expect(eur('12,50-')).toEqual({ ok: true, minor: -1250 });
    expect(eur('-1.234,56 EUR')).toEqual({ ok: true, minor: -123456 });
    // Two signs, two currencies or another currency's code are not read as anything.
    expect(usd('--5').ok).toBeFalse();
    expect(usd('(-5)').ok).toBeFalse();
    expect(usd('$$5').ok).toBeFalse();
    expect(usd('EUR 5').ok).toBeFalse();
    expect(usd('-').ok).toBeFalse();
    expect(usd('$').ok).toBeFalse();
  });

  it('reads an amount exactly or not at all: never a part of it, never a float', () => {
    const usd = (text: string) => parseAmountIn(text, '1,234.56', 'USD');
    expect(usd('1,2,3')).toEqual({ ok: false, problem: 'The amount “1,2,3” is not a number in USD written like 1,234.56.' });
    for (const text of ['1,23', '12,34.5', '1.234,56', '1 234.56', '12.5.0', '1e3', '0x10', '12 50', '½', '12.50 $ extra', 'Infinity']) {
      expect(usd(text).ok).withContext(text).toBeFalse();
    }
    expect(parseAmountIn('1,234.56', '1.234,56', 'EUR').ok).toBeFalse();
    expect(parseAmountIn('1.234', '1.234,56', 'JPY')).toEqual({ ok: true, minor: 1234 });
    expect(parseAmountIn('1,5', '1.234,56', 'JPY').ok).toBeFalse();
    expect(usd('90071992547409.92').ok).toBeFalse(); // past what a number holds exactly
    // 0.1 + 0.2 is 0.30000000000000004 in floating point; digit by digit it is exact.
    expect(usd('0.30')).toEqual({ ok: true, minor: 30 });
    expect(usd('19.99')).toEqual({ ok: true, minor: 1999 });
  });

  it('says why an amount cannot be read', () => {
    expect(parseAmountIn('', '1,234.56', 'USD')).toEqual({ ok: false, problem: 'The amount is empty.' });
    expect(parseAmountIn('twelve', '1,234.56', 'USD')).toEqual({
      ok: false,
      problem: 'The amount “twelve” is not a number in USD written like 1,234.56.',
    });
    expect(parseAmountIn('12,50', '1,234.56', 'USD').ok).toBeFalse();
    expect(parseAmountIn('12.345', '1,234.56', 'USD').ok).toBeFalse();
  });

  it('guesses the decimal convention from the values', () => {
    expect(guessDecimalFormat(['12.50', '3', '1,234.00'])).toBe('1,234.56');
    expect(guessDecimalFormat(['12,50', '3', '1.234,00'])).toBe('1.234,56');
    expect(guessDecimalFormat(['12', '3'])).toBe('1,234.56');
    expect(guessDecimalFormat(['1 234,56', '3,00'])).toBe('1 234,56');
    expect(guessDecimalFormat(['-12,50', '(3,00)', '12,50-'])).toBe('1.234,56');
    expect(guessDecimalFormat(['-$360.18', '$1,200.00'])).toBe('1,234.56');
    // Whole numbers only: a semicolon file is European.
    expect(guessDecimalFormat(['12', '3'], true)).toBe('1.234,56');
    expect(guessDecimalFormat(['12.50'], true)).toBe('1,234.56');
  });
});

import { guessDateFormat, guessDecimalFormat, parseAmountIn, parseDateIn } from './csv-import-formats';

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
  });
});

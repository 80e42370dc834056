import { formatMoney, minorDigits, parseMoney } from './money';

describe('money', () => {
  it('knows how many minor digits a currency has', () => {
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('BHD')).toBe(3);
  });

  it('parses typed amounts into exact minor units', () => {
    expect(parseMoney('1,234.50', 'USD')).toBe(123_450);
    expect(parseMoney('0.1', 'USD')).toBe(10);
    expect(parseMoney('.05', 'USD')).toBe(5);
    expect(parseMoney(' -20 ', 'USD')).toBe(-2_000);
    expect(parseMoney('1500', 'JPY')).toBe(1_500);
    expect(parseMoney('1.234', 'BHD')).toBe(1_234);
  });

  it('refuses what is not an amount in that currency', () => {
    for (const text of ['', 'abc', '12.345', '1,23.00', '1.2.3', '--5', '5-']) {
      expect(parseMoney(text, 'USD')).withContext(text).toBeNull();
    }
    expect(parseMoney('10.5', 'JPY')).toBeNull();
  });

  it('formats minor units for display', () => {
    expect(formatMoney(123_450, 'USD', 'en-US')).toBe('$1,234.50');
    expect(formatMoney(1_500, 'JPY', 'en-US')).toBe('¥1,500');
  });
});

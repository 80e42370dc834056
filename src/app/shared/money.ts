// Money is integer minor units plus an ISO 4217 code; these turn it into text and back at the edge.

/** Digits after the decimal point for a currency (2 for USD, 0 for JPY, 3 for BHD). */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function formatMoney(amountMinor: number, currency: string, locale?: string): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amountMinor / 10 ** digits);
}

/**
 * Parses what a user typed ("1,234.50", "-20", "0.5") into minor units, or null when it is not an
 * amount in that currency (letters, too many decimals). Uses string arithmetic: no float rounding.
 */
export function parseMoney(text: string, currency: string): number | null {
  const match = /^\s*(-)?\s*(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?\s*$/.exec(text);
  if (!match || (match[2] === undefined && match[3] === undefined)) return null;
  const digits = minorDigits(currency);
  const fraction = match[3] ?? '';
  if (fraction.length > digits) return null;
  const whole = (match[2] ?? '0').replace(/,/g, '');
  const minor = Number(whole + fraction.padEnd(digits, '0'));
  if (!Number.isSafeInteger(minor)) return null;
  return match[1] ? -minor : minor;
}

/**
 * An amount in minor units as a plain decimal with the currency's minor digits: 1250 USD → "12.50",
 * 1500 JPY → "1500", 1500 BHD → "1.500". No grouping, no symbol, "." as the decimal point.
 */
export function plainAmount(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = amountMinor < 0 ? '-' : '';
  const text = String(Math.abs(amountMinor));
  if (digits === 0) return sign + text;
  const padded = text.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

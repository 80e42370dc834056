import { minorDigits } from '../../../shared/money';

/** "USD 12,345.00": the code, not the symbol, where several currencies stand side by side. */
export function formatWithCode(amountMinor: number, currency: string, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'code' }).format(amountMinor / 10 ** minorDigits(currency));
}

/** Minor units as the amount fields take them ("12,500.00"), the form `parseMoney` reads back. */
export function amountInputText(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amountMinor / 10 ** digits);
}

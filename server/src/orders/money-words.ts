/** 123456, 'USD' → "$1,234.56": amounts in the messages people read (minor units per ISO 4217). */
export function moneyWords(minor: number, currency: string): string {
  try {
    const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(minor / 10 ** digits);
  } catch {
    // A code Intl does not know: say it plainly rather than fail the answer.
    return `${minor} minor units of ${currency}`;
  }
}

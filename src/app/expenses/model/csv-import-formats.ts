import { isCalendarDate } from '@maestro/contracts';
import { minorDigits } from '../../shared/money';

// Dates and amounts as files write them, read into the ledger's forms (YYYY-MM-DD, minor units).
// Amounts are read exactly, digit by digit: a cell that does not fit the chosen format is a
// problem to show, never a number guessed from part of it.

export const DATE_FORMATS = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'DD.MM.YY', 'DD-MM-YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** How amounts write thousands and decimals: "1,234.56" (US, UK), "1.234,56" (DE, ES), "1 234,56" (FR). */
export const DECIMAL_FORMATS = ['1,234.56', '1.234,56', '1 234,56'] as const;
export type DecimalFormat = (typeof DECIMAL_FORMATS)[number];

type Part = 'y' | 'm' | 'd';
const DATE_PATTERNS: Record<DateFormat, { pattern: RegExp; order: readonly [Part, Part, Part] }> = {
  // A time after an ISO date (spreadsheets write one) is ignored: the day is what the ledger keeps.
  'YYYY-MM-DD': { pattern: /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/, order: ['y', 'm', 'd'] },
  'DD/MM/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['d', 'm', 'y'] },
  'MM/DD/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['m', 'd', 'y'] },
  'DD.MM.YYYY': { pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: ['d', 'm', 'y'] },
  // German savings banks write the booking day with a two-digit year: 01.03.26 is 2026.
  'DD.MM.YY': { pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{2})$/, order: ['d', 'm', 'y'] },
  'DD-MM-YYYY': { pattern: /^(\d{1,2})-(\d{1,2})-(\d{4})$/, order: ['d', 'm', 'y'] },
};

/** A cell's date as YYYY-MM-DD, or null when it is not a real date in that format. */
export function parseDateIn(text: string, format: DateFormat): string | null {
  const { pattern, order } = DATE_PATTERNS[format];
  const match = pattern.exec(text.trim());
  if (!match) return null;
  const parts = { y: '', m: '', d: '' };
  order.forEach((part, i) => (parts[part] = match[i + 1]!));
  const year = parts.y.length === 2 ? `20${parts.y}` : parts.y;
  const iso = `${year}-${parts.m.padStart(2, '0')}-${parts.d.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : null;
}

/** Every format that reads all the samples: two means the user must say which (03/04: March or April?). */
export function dateFormatsReadingAll(samples: readonly string[]): DateFormat[] {
  const values = samples.map((s) => s.trim()).filter(Boolean);
  if (!values.length) return [];
  return DATE_FORMATS.filter((format) => values.every((value) => parseDateIn(value, format) !== null));
}

/**
 * The date format that reads every sample, preferring the one a day above 12 proves. When DD/MM
 * and MM/DD both read everything, the file's other habits decide: a European file (semicolons,
 * decimal commas) writes the day first, otherwise MM/DD (the demo business is in USD).
 */
export function guessDateFormat(samples: readonly string[], european = false): DateFormat {
  const values = samples.map((s) => s.trim()).filter(Boolean);
  if (!values.length) return 'YYYY-MM-DD';
  const candidates = dateFormatsReadingAll(values);
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.includes('MM/DD/YYYY')) return european ? 'DD/MM/YYYY' : 'MM/DD/YYYY';
  if (candidates.length) return candidates[0]!;
  // Nothing reads everything: the one that reads the most.
  const score = (format: DateFormat) => values.filter((value) => parseDateIn(value, format) !== null).length;
  return [...DATE_FORMATS].sort((a, b) => score(b) - score(a))[0]!;
}

export type AmountReading = { ok: true; minor: number } | { ok: false; problem: string };

const SYMBOLS = '$€£¥₹₩₺₽';
const GROUPS: Record<DecimalFormat, { group: string; decimal: string }> = {
  '1,234.56': { group: ',', decimal: '.' },
  '1.234,56': { group: '.', decimal: ',' },
  // French files group with a space, a no-break space or a narrow no-break space.
  '1 234,56': { group: ' \u00a0\u202f', decimal: ',' },
};
const escape = (chars: string) => chars.replace(/[.\\]/g, '\\$&');

/**
 * A cell's amount in minor units of `currency`, read exactly (no floating point): a currency
 * symbol or code before or after the number, a sign before it or (as some banks write) after it,
 * and the accounting "(12.50)" for a negative are understood; anything else that does not fit the
 * format is a problem, so "1,2,3" or "12.345" in USD is never read as some other number.
 */
export function parseAmountIn(text: string, format: DecimalFormat, currency: string): AmountReading {
  const raw = text.trim();
  if (!raw) return { ok: false, problem: 'The amount is empty.' };
  const notANumber: AmountReading = { ok: false, problem: `The amount “${raw}” is not a number in ${currency} written like ${format}.` };
  const unsigned = stripSignAndCurrency(raw, currency);
  if (!unsigned) return notANumber;
  const { group, decimal } = GROUPS[format];
  const pattern = new RegExp(`^(\\d{1,3}(?:[${escape(group)}]\\d{3})+|\\d+)?(?:${escape(decimal)}(\\d+))?$`);
  const match = pattern.exec(unsigned.number);
  if (!match || (match[1] === undefined && match[2] === undefined)) return notANumber;
  const fraction = match[2] ?? '';
  const digits = minorDigits(currency);
  if (fraction.length > digits) return notANumber;
  const whole = (match[1] ?? '0').replace(/\D/g, '');
  const minor = Number(whole + fraction.padEnd(digits, '0'));
  if (!Number.isSafeInteger(minor)) return notANumber;
  return { ok: true, minor: unsigned.negative && minor !== 0 ? -minor : minor };
}

/**
 * The number's text without its sign and currency, peeled from both ends in any order
 * ("-$12.50", "$-12.50", "12,50 €-", "EUR 12,50"); null when there are two signs or two currencies.
 */
function stripSignAndCurrency(raw: string, currency: string): { number: string; negative: boolean } | null {
  let value = raw.replace(/\u2212/g, '-'); // the typographic minus
  let signs = 0;
  let currencies = 0;
  let negative = false;
  const accounting = /^\((.*)\)$/.exec(value);
  if (accounting) {
    value = accounting[1]!.trim();
    signs++;
    negative = true;
  }
  const peels: { pattern: RegExp; sign?: boolean }[] = [
    { pattern: /^[-+]\s*/, sign: true },
    { pattern: /\s*[-+]$/, sign: true },
    { pattern: new RegExp(`^${currency}\\s*|\\s*${currency}$`) },
    { pattern: new RegExp(`^[${SYMBOLS}]\\s*|\\s*[${SYMBOLS}]$`) },
  ];
  for (let peeled = true; peeled; ) {
    peeled = false;
    for (const { pattern, sign } of peels) {
      const match = pattern.exec(value);
      if (!match || !value) continue;
      if (sign) {
        signs++;
        negative = match[0].trim() === '-';
      } else {
        currencies++;
      }
      value = (value.slice(0, match.index) + value.slice(match.index + match[0].length)).trim();
      peeled = true;
    }
  }
  return signs > 1 || currencies > 1 ? null : { number: value, negative };
}

/** Drops what the format does not decide (signs, symbols, codes) so only the digits' shape is left. */
const shapeOf = (value: string) => value.replace(/[()\-+\u2212]/g, '').replace(new RegExp(`[${SYMBOLS}]|[A-Z]{3}`, 'g'), '').trim();

/**
 * The decimal format the samples are written in: a decimal comma without a decimal point, grouped
 * with dots ("1.234,56") or spaces ("1 234,56"); else a decimal point. With no hint either way
 * (whole numbers only), a European file (semicolons) gets the decimal comma.
 */
export function guessDecimalFormat(samples: readonly string[], european = false): DecimalFormat {
  const values = samples.map(shapeOf).filter(Boolean);
  const decimalComma = values.some((v) => /\d,\d{1,2}$/.test(v) || /\d\.\d{3},/.test(v) || /\d\s\d{3},/.test(v));
  const decimalPoint = values.some((v) => /\d\.\d{1,2}$/.test(v) || /\d,\d{3}\./.test(v));
  const spaceGroups = values.some((v) => /\d[\s\u00a0\u202f]\d{3}(,|$)/.test(v));
  if (decimalComma && !decimalPoint) return spaceGroups ? '1 234,56' : '1.234,56';
  if (!decimalComma && !decimalPoint && european) return spaceGroups ? '1 234,56' : '1.234,56';
  return '1,234.56';
}

import { isCalendarDate } from '@maestro/contracts';
import { parseMoney } from '../../shared/money';

// Dates and amounts as files write them, read into the ledger's forms (YYYY-MM-DD, minor units).

export const DATE_FORMATS = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** How amounts write thousands and decimals: "1,234.56" or "1.234,56". */
export const DECIMAL_FORMATS = ['1,234.56', '1.234,56'] as const;
export type DecimalFormat = (typeof DECIMAL_FORMATS)[number];

const DATE_PATTERNS: Record<DateFormat, { pattern: RegExp; order: readonly ['y' | 'm' | 'd', 'y' | 'm' | 'd', 'y' | 'm' | 'd'] }> = {
  'YYYY-MM-DD': { pattern: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, order: ['y', 'm', 'd'] },
  'DD/MM/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['d', 'm', 'y'] },
  'MM/DD/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['m', 'd', 'y'] },
  'DD.MM.YYYY': { pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: ['d', 'm', 'y'] },
};

/** A cell's date as YYYY-MM-DD, or null when it is not a real date in that format. */
export function parseDateIn(text: string, format: DateFormat): string | null {
  const { pattern, order } = DATE_PATTERNS[format];
  const match = pattern.exec(text.trim());
  if (!match) return null;
  const parts = { y: '', m: '', d: '' };
  order.forEach((part, i) => (parts[part] = match[i + 1]!));
  const iso = `${parts.y}-${parts.m.padStart(2, '0')}-${parts.d.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : null;
}

/**
 * The date format that reads every sample, preferring the one a day above 12 proves; when
 * DD/MM and MM/DD both read everything, MM/DD (the ledger's demo business is in USD).
 */
export function guessDateFormat(samples: readonly string[]): DateFormat {
  const values = samples.map((s) => s.trim()).filter(Boolean);
  if (!values.length) return 'YYYY-MM-DD';
  const readsAll = (format: DateFormat) => values.every((value) => parseDateIn(value, format) !== null);
  const candidates = DATE_FORMATS.filter(readsAll);
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.includes('MM/DD/YYYY')) return 'MM/DD/YYYY';
  if (candidates.length) return candidates[0]!;
  // Nothing reads everything: the one that reads the most.
  const score = (format: DateFormat) => values.filter((value) => parseDateIn(value, format) !== null).length;
  return [...DATE_FORMATS].sort((a, b) => score(b) - score(a))[0]!;
}

export type AmountReading = { ok: true; minor: number } | { ok: false; problem: string };

/**
 * A cell's amount in minor units of `currency`. Accepts a currency symbol before or after the
 * number and the accounting "(12.50)" for a negative; says why when it cannot read it.
 */
export function parseAmountIn(text: string, format: DecimalFormat, currency: string): AmountReading {
  const raw = text.trim();
  if (!raw) return { ok: false, problem: 'The amount is empty.' };
  let value = raw.replace(/^([-+]?)\s*[$€£¥]\s*/, '$1').replace(/\s*[$€£¥]$/, '');
  let negative = false;
  const accounting = /^\((.*)\)$/.exec(value);
  if (accounting) {
    negative = true;
    value = accounting[1]!;
  }
  if (value.startsWith('+')) value = value.slice(1);
  // parseMoney reads "1,234.56": swap the separators of the other convention.
  if (format === '1.234,56') value = value.replace(/[.,]/g, (c) => (c === '.' ? ',' : '.'));
  const minor = parseMoney(value, currency);
  if (minor === null) {
    return { ok: false, problem: `The amount “${raw}” is not a number in ${currency} written like ${format}.` };
  }
  return { ok: true, minor: negative ? -minor : minor };
}

/** "1.234,56" when the samples use a decimal comma and never a decimal point, else "1,234.56". */
export function guessDecimalFormat(samples: readonly string[]): DecimalFormat {
  const values = samples.map((s) => s.trim()).filter(Boolean);
  const decimalComma = values.some((v) => /\d,\d{1,2}\)?$/.test(v) || /\d\.\d{3},/.test(v));
  const decimalPoint = values.some((v) => /\d\.\d{1,2}\)?$/.test(v) || /\d,\d{3}\./.test(v));
  return decimalComma && !decimalPoint ? '1.234,56' : '1,234.56';
}

// Days, months and hours of the business's time zone (MAESTRO_BUSINESS_TIME_ZONE). An order
// counts on the local day and hour it was placed (contracts/reports.ts).

export const DEFAULT_BUSINESS_TIME_ZONE = 'UTC';

/** True for a zone Intl knows ('Europe/Paris', 'UTC'); false for 'Mars/Base' or ''. */
export function isTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export interface SalesSlot {
  /** YYYY-MM-DD in the zone. */
  date: string;
  /** YYYY-MM. */
  month: string;
  /** 0–23. */
  hour: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatOf(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(zone, format);
  }
  return format;
}

export function salesSlotOf(at: Date, zone: string): SalesSlot {
  const parts = Object.fromEntries(formatOf(zone).formatToParts(at).map((part) => [part.type, part.value]));
  const month = `${parts['year']}-${parts['month']}`;
  return { date: `${month}-${parts['day']}`, month, hour: Number(parts['hour']) };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

export function isCalendarMonth(value: string): boolean {
  const match = MONTH.exec(value);
  return !!match && Number(match[2]) >= 1 && Number(match[2]) <= 12;
}

/** Calendar arithmetic on date strings (no zone involved: a date is a name of a day). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Days from `from` to `to` inclusive; 1 when equal, ≤ 0 when reversed. */
export function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
}

export function datesFrom(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  return dates;
}

/** `count` months ending at `to` (YYYY-MM), oldest first. */
export function monthsEnding(to: string, count: number): string[] {
  const [y, m] = to.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, index) =>
    new Date(Date.UTC(y, m - count + index, 1)).toISOString().slice(0, 7),
  );
}

/** How far `zone`'s clock is ahead of UTC at `at`, in ms (+3,600,000 for Paris in winter). */
function offsetAt(at: number, zone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((part) => [part.type, Number(part.value)]),
  );
  const local = Date.UTC(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!, parts['second']!);
  return local - Math.floor(at / 1000) * 1000;
}

/**
 * The instant a local date starts in `zone`: its midnight, or the first instant after it on a
 * day whose midnight a clock change skips.
 */
export function startOfDay(date: string, zone: string): Date {
  const midnight = Date.parse(`${date}T00:00:00Z`);
  let start = midnight - offsetAt(midnight, zone);
  start = midnight - offsetAt(start, zone);
  // A skipped midnight lands on the day before: step forward to the day's first instant.
  while (salesSlotOf(new Date(start), zone).date < date) start += 15 * 60_000;
  return new Date(start);
}

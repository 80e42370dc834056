import { SALES_REPORT_MAX_DAYS, isCalendarDate } from '@maestro/contracts';
import { formatCalendarDate } from '../../shared/dates';

// The sales report's range and currency live in the URL (`?from=&to=&currency=`), so a reload or a
// shared link opens the same report. A range that cannot be asked for (not a date, reversed, too
// long) is kept as typed and explained on its field; the report is not asked until it is fixed.

export interface ReportQuery {
  from: string;
  to: string;
  currency: string;
}

export interface RangeProblem {
  field: 'from' | 'to';
  message: string;
}

/** Days in the range, both ends counted ("2026-03-01" to "2026-03-01" is 1). */
export function daysInRange(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** What is wrong with a range, each on the field to change; none when it can be asked. */
export function rangeProblems(from: string, to: string): RangeProblem[] {
  const problems: RangeProblem[] = [];
  if (!from) problems.push({ field: 'from', message: 'Choose the first day.' });
  else if (!isCalendarDate(from)) problems.push({ field: 'from', message: `“${clip(from)}” is not a date (YYYY-MM-DD).` });
  if (!to) problems.push({ field: 'to', message: 'Choose the last day.' });
  else if (!isCalendarDate(to)) problems.push({ field: 'to', message: `“${clip(to)}” is not a date (YYYY-MM-DD).` });
  if (problems.length) return problems;
  if (from > to) return [{ field: 'from', message: 'From is after To: the range is reversed. Swap them or change one.' }];
  const days = daysInRange(from, to);
  if (days > SALES_REPORT_MAX_DAYS) {
    return [{ field: 'to', message: `At most ${SALES_REPORT_MAX_DAYS} days at a time; this range has ${days}.` }];
  }
  return [];
}

/** "1 Mar 2026", or "1 Mar 2026 – 31 Mar 2026" for a longer range. */
export function rangeWords(from: string, to: string): string {
  return from === to ? formatCalendarDate(from) : `${formatCalendarDate(from)} – ${formatCalendarDate(to)}`;
}

/** A calendar date of a local day: the day a person means by "today". */
export function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `date` moved by whole days, as calendar text. */
export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The first and last day of a month written YYYY-MM. */
export function monthRange(month: string): { from: string; to: string } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The report a URL asks for: the last 30 days up to today when it names no range. */
export function readReportQuery(query: Record<string, string | null | undefined>, today: string): ReportQuery {
  const text = (key: string) => query[key]?.trim() ?? '';
  const from = text('from');
  const to = text('to');
  return {
    from: from || (to && isCalendarDate(to) ? shiftDate(to, -29) : shiftDate(today, -29)),
    to: to || today,
    currency: text('currency').toUpperCase(),
  };
}

const clip = (text: string) => (text.length > 20 ? `${text.slice(0, 19)}…` : text);

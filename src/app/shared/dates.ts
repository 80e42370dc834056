import { isCalendarDate } from '@maestro/contracts';

// One way to write dates across the app: "1 Mar 2026" for a calendar day and
// "1 Mar 2026, 14:05:09" for a moment (in the viewer's time zone). Written out by hand rather
// than by the browser's locale, so every screen (and every test machine) reads the same.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-03-01" → "1 Mar 2026"; text that is not a calendar date comes back unchanged. */
export function formatCalendarDate(date: string): string {
  if (!isCalendarDate(date)) return date;
  const [year, month, day] = date.split('-').map(Number);
  return `${day} ${MONTHS[month! - 1]} ${year}`;
}

/** A moment in local time: "1 Mar 2026, 14:05:09" (without seconds: "1 Mar 2026, 14:05"). */
export function formatDateTime(at: Date | string | number, options: { seconds?: boolean } = {}): string {
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime())) return String(at);
  const day = `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}${options.seconds === false ? '' : `:${pad(date.getSeconds())}`}`;
  return `${day}, ${time}`;
}

/** ISO date-time text as stored in the log ("2026-03-01T14:05:09.000Z"), nothing looser. */
export function isIsoDateTime(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) && !Number.isNaN(Date.parse(text));
}

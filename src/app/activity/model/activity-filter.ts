import type { ActivitySubjectType } from '@maestro/contracts';

// The log's filter, as the URL carries it (`/activity?correlationId=…`) and the repository reads it.
// Anything unreadable in the URL is dropped rather than failing the page.

export const SUBJECT_TYPES: readonly ActivitySubjectType[] = ['order', 'expense', 'account', 'category', 'transfer', 'budget', 'import', 'importRule', 'user', 'menuItem', 'menuCategory', 'settings'];

export interface ActivityFilter {
  /** An email (contains "@") or a uid. */
  actor: string | null;
  action: string | null;
  subjectType: ActivitySubjectType | null;
  /** Only with a subject type: ids are unique within a type, not across types. */
  subjectId: string | null;
  correlationId: string | null;
  /** Inclusive local calendar dates, YYYY-MM-DD. */
  from: string | null;
  to: string | null;
}

export const NO_FILTER: ActivityFilter = {
  actor: null,
  action: null,
  subjectType: null,
  subjectId: null,
  correlationId: null,
  from: null,
  to: null,
};

export const FILTER_KEYS = Object.keys(NO_FILTER) as (keyof ActivityFilter)[];

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function filterFromQuery(query: Record<string, string | null | undefined>): ActivityFilter {
  const text = (key: string) => query[key]?.trim() || null;
  const date = (key: string) => {
    const value = text(key);
    return value && CALENDAR_DATE.test(value) && !Number.isNaN(Date.parse(value)) ? value : null;
  };
  const type = SUBJECT_TYPES.find((t) => t === query['subjectType']) ?? null;
  return {
    actor: text('actor'),
    action: text('action'),
    subjectType: type,
    subjectId: type ? text('subjectId') : null,
    correlationId: text('correlationId'),
    from: date('from'),
    to: date('to'),
  };
}

/** Query params for the router: empty values become null, which removes them from the URL. */
export function queryFromFilter(filter: ActivityFilter): Record<string, string | null> {
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, filter[key]?.trim() || null]));
}

export function hasFilters(filter: ActivityFilter): boolean {
  return FILTER_KEYS.some((key) => Boolean(filter[key]));
}

/** Why the filter cannot be asked for, in words for the filter bar; null when it can. */
export function filterProblem(filter: ActivityFilter): string | null {
  if (filter.from && filter.to && filter.from > filter.to) return 'From must be before To.';
  if (filter.subjectId && !filter.subjectType) return 'Choose the subject type of the id.';
  return null;
}

/** The start of a local calendar day, and the start of the day after (the range's open end). */
export function dayStart(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y!, m! - 1, d!);
}

export function dayAfter(date: string): Date {
  const start = dayStart(date);
  return new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1);
}

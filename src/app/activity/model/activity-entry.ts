import { clipText } from '../../shared/clip-text';

/** A changed field, old → new; null when the stored change is not `{ from, to }`. */
export type ActivityChange = { from: unknown; to: unknown } | null;

/**
 * An activity entry as the screens hold it (the page and its export). Built by toActivityRow
 * only: the log may hold entries written by hand, by older code or through the Admin SDK, so
 * each field is checked on its own and is null where it was missing or odd ("unknown" on
 * screen), and values are plain and cut to size.
 */
export interface ActivityRow {
  id: string;
  /** Commit time; null when the stored `at` is not a time. */
  at: Date | null;
  actorUid: string | null;
  actorEmail: string | null;
  action: string | null;
  subject: { type: string; id: string } | null;
  /** Null when the stored value is not a map of changes. */
  changes: Record<string, ActivityChange> | null;
  /** Changed fields past the row's size budget, left out. */
  omittedChanges?: number;
  correlationId: string | null;
  eventId: string | null;
}

/** What an odd value inside the changes shows as (bytes, vectors: nothing the log means to hold). */
export const UNKNOWN_VALUE = 'unknown';

// Ids, emails and actions are short; longer ones are cut. Inside changes a text keeps more,
// and one entry keeps at most CHANGES_BUDGET characters of changes (keys included), so one
// 1 MiB entry never costs the page (or the export) more than a normal one.
const TEXT_MAX = 200;
const VALUE_TEXT_MAX = 1_000;
const CHANGES_BUDGET = 20_000;
const DEPTH_MAX = 8;

interface Budget {
  left: number;
}

/** Firestore data of `activity/{id}`, whatever it holds, as a row the screens can show. */
export function toActivityRow(id: string, data: unknown): ActivityRow {
  const entry = isMap(data) ? data : {};
  const subject = isMap(entry['subject']) ? entry['subject'] : {};
  const [type, subjectId] = [text(subject['type']), text(subject['id'])];
  return {
    id,
    at: timeOf(entry['at']),
    actorUid: text(entry['actorUid']),
    actorEmail: text(entry['actorEmail']),
    action: text(entry['action']),
    subject: type !== null && subjectId !== null ? { type, id: subjectId } : null,
    ...changesOf(entry['changes']),
    correlationId: text(entry['correlationId']),
    eventId: text(entry['eventId']),
  };
}

function changesOf(raw: unknown): Pick<ActivityRow, 'changes' | 'omittedChanges'> {
  if (!isMap(raw)) return { changes: null };
  const budget: Budget = { left: CHANGES_BUDGET };
  const changes: Record<string, ActivityChange> = {};
  let omitted = 0;
  for (const [key, change] of Object.entries(raw)) {
    if (budget.left <= 0) {
      omitted++;
      continue;
    }
    budget.left -= key.length;
    changes[clipText(key, TEXT_MAX)] = isChange(change)
      ? { from: plain(change['from'], budget, 0), to: plain(change['to'], budget, 0) }
      : null;
  }
  return omitted > 0 ? { changes, omittedChanges: omitted } : { changes };
}

/** JSON-safe and bounded: timestamps as ISO text, references as paths, the rest cut to budget. */
function plain(value: unknown, budget: Budget, depth: number): unknown {
  budget.left -= 1;
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const kept = clipText(value, Math.min(VALUE_TEXT_MAX, Math.max(budget.left, 1)));
    budget.left -= kept.length;
    return kept;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    budget.left -= String(value).length; // as long as JSON writes it
    return value;
  }
  if (typeof value !== 'object') return UNKNOWN_VALUE;
  const time = timeOf(value);
  if (time) return time.toISOString();
  if (depth >= DEPTH_MAX || budget.left <= 0) return '…';
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) {
      if (budget.left <= 0) return [...items, '…'];
      items.push(plain(item, budget, depth + 1));
    }
    return items;
  }
  if (isMap(value)) {
    const fields: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (budget.left <= 0) return { ...fields, '…': '…' };
      budget.left -= key.length;
      fields[clipText(key, TEXT_MAX)] = plain(inner, budget, depth + 1);
    }
    return fields;
  }
  const other = value as { path?: unknown; latitude?: unknown; longitude?: unknown };
  if (typeof other.path === 'string') return clipText(other.path, TEXT_MAX); // a document reference
  if (typeof other.latitude === 'number' && typeof other.longitude === 'number') {
    return { latitude: other.latitude, longitude: other.longitude };
  }
  return UNKNOWN_VALUE;
}

/** `{ from, to }` (a creation may leave `from` out), nothing else. */
function isChange(value: unknown): value is Record<'from' | 'to', unknown> {
  if (!isMap(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key === 'from' || key === 'to');
}

/** A Firestore timestamp (anything with a working toDate) as a Date; null for anything else. */
function timeOf(value: unknown): Date | null {
  const toDate = (value as { toDate?: unknown } | null)?.toDate;
  if (typeof toDate !== 'function') return null;
  const date = toDate.call(value) as unknown;
  return date instanceof Date && !Number.isNaN(date.getTime()) ? date : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? clipText(value, TEXT_MAX) : null;
}

/** A Firestore map as read: a plain object (not a timestamp, reference, array or bytes). */
function isMap(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

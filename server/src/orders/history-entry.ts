import {
  isOrderStatus,
  type FieldChanges,
  type HistoryValueMarker,
  type OrderHistoryEntry,
} from '@maestro/contracts';
import { DocumentReference, GeoPoint, Timestamp } from 'firebase-admin/firestore';
import { firestoreBytes } from '../activity/firestore-size';

/** What one history answer may send of the entries' changes. */
export interface ChangeLimits {
  /** A changed value bigger than this (Firestore bytes) is sent as `{ truncated, bytes }`. */
  valueBytes: number;
  /** One entry's changes, keys included: values past it are truncated too. */
  entryChangesBytes: number;
  /** Changed fields sent per entry; the rest are counted in `omittedChanges`. */
  fieldsPerEntry: number;
}

const UNKNOWN: HistoryValueMarker = { unknown: true };

// An id, action or email longer than this is not one: shown as unknown, never sent.
const TEXT_MAX = 512;

/**
 * One stored entry as the history sends it. Anyone holding the Admin SDK (and, before the rules
 * said otherwise, any client) may have written it, so nothing about its shape is assumed:
 * each field degrades on its own, to null or a marker, and the answer stays small whatever
 * the entry weighs. `budget.bytes` is what is left for the whole answer's changes.
 */
export function toHistoryEntry(
  id: string,
  data: Record<string, unknown>,
  limits: ChangeLimits,
  budget: { bytes: number },
): OrderHistoryEntry {
  const at = data['at'];
  const uid = text(data['actorUid']);
  return {
    id,
    at: at instanceof Timestamp ? at.toDate().toISOString() : null,
    action: text(data['action']),
    actor: uid === null ? null : { uid, email: text(data['actorEmail']) },
    ...changesOf(data['changes'], limits, budget),
    correlationId: text(data['correlationId']),
  };
}

function changesOf(
  raw: unknown,
  limits: ChangeLimits,
  budget: { bytes: number },
): Pick<OrderHistoryEntry, 'changes' | 'omittedChanges'> {
  if (!isMap(raw)) return { changes: null };
  const changes: FieldChanges = {};
  const allowance = Math.max(0, Math.min(limits.entryChangesBytes, budget.bytes));
  let left = allowance;
  let omitted = 0;
  for (const [key, change] of Object.entries(raw)) {
    const keyBytes = firestoreBytes(key);
    if (Object.keys(changes).length >= limits.fieldsPerEntry || keyBytes > left) {
      omitted++;
      continue;
    }
    left -= keyBytes;
    if (!isChange(change)) {
      changes[key] = { from: UNKNOWN, to: UNKNOWN };
      continue;
    }
    const value = (stored: unknown): unknown => {
      // The order's status drives how the change is told ("Status Ready → Served"): only real ones.
      if (key === 'status' && stored !== null && !isOrderStatus(stored)) return UNKNOWN;
      const bytes = firestoreBytes(stored);
      if (bytes > Math.min(limits.valueBytes, left)) return { truncated: true, bytes };
      left -= bytes;
      return plain(stored);
    };
    changes[key] = { from: value(change['from'] ?? null), to: value(change['to'] ?? null) };
  }
  budget.bytes -= allowance - left;
  return omitted > 0 ? { changes, omittedChanges: omitted } : { changes };
}

/** `{ from, to }` (either may be missing: a creation's `from` is null), nothing else. */
function isChange(value: unknown): value is Record<'from' | 'to', unknown> {
  if (!isMap(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key === 'from' || key === 'to');
}

/** Firestore values as JSON: a timestamp becomes ISO 8601, so the client never sees `_seconds`. */
function plain(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Timestamp) return value.toDate().toISOString();
  if (value instanceof GeoPoint) return { latitude: value.latitude, longitude: value.longitude };
  if (value instanceof DocumentReference) return value.path;
  if (Array.isArray(value)) return value.map(plain);
  // Bytes, vectors: nothing an order's history holds, and nothing JSON says plainly.
  if (!isMap(value)) return UNKNOWN;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, plain(inner)]));
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' && value.length <= TEXT_MAX ? value : null;
}

/** A Firestore map as read: a plain object (not a timestamp, reference, array or bytes). */
function isMap(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

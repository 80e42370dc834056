import {
  ORDER_ACTIONS,
  type FieldChanges,
  type OrderHistoryEntry,
  type OrderHistoryResponse,
} from '@maestro/contracts';
import { FieldPath, Timestamp, type Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS, orderRef } from './order-docs';

/** A runaway log (a bug, a loop) stops here instead of answering megabytes. */
export const HISTORY_ENTRIES_MAX = 1000;

/**
 * The activity entries of one order, oldest first, or null when there is no such order.
 * Staff may read only their own entries in Firestore, so the API reads them for the SPA.
 * Needs the composite index activity(subject.type, subject.id, at) in firestore.indexes.json.
 */
export async function orderHistory(
  db: Firestore,
  orderId: string,
): Promise<OrderHistoryResponse | null> {
  const [order, snapshot] = await Promise.all([
    orderRef(db, orderId).get(),
    db
      .collection(COLLECTIONS.activity)
      .where(new FieldPath('subject', 'type'), '==', 'order')
      .where(new FieldPath('subject', 'id'), '==', orderId)
      .orderBy('at')
      .limit(HISTORY_ENTRIES_MAX)
      .get(),
  ]);
  if (!order.exists) return null;
  const entries = snapshot.docs.map((doc) => toEntry(doc.id, doc.data()));
  return { orderId, entries: entries.sort(byTimeThenCreationFirst) };
}

function toEntry(id: string, data: Record<string, unknown>): OrderHistoryEntry {
  const at = data['at'];
  return {
    id,
    at: at instanceof Timestamp ? at.toDate().toISOString() : new Date(0).toISOString(),
    action: String(data['action'] ?? ''),
    actor: {
      uid: String(data['actorUid'] ?? ''),
      email: typeof data['actorEmail'] === 'string' ? data['actorEmail'] : null,
    },
    changes: plain(data['changes'] ?? {}) as FieldChanges,
    correlationId: String(data['correlationId'] ?? ''),
  };
}

/**
 * Entries written in one transaction share their server time (placing writes "created" and
 * "menu checked" together): the creation comes first, the rest keep the query's order.
 */
function byTimeThenCreationFirst(a: OrderHistoryEntry, b: OrderHistoryEntry): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return Number(b.action === ORDER_ACTIONS.created) - Number(a.action === ORDER_ACTIONS.created);
}

/** Firestore values as JSON: a timestamp becomes ISO 8601, so the client never sees `_seconds`. */
function plain(value: unknown): unknown {
  if (value instanceof Timestamp) return value.toDate().toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, plain(inner)]));
  }
  return value;
}

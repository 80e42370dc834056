import {
  ORDER_ACTIONS,
  type OrderHistoryEntry,
  type OrderHistoryResponse,
} from '@maestro/contracts';
import {
  FieldPath,
  type Firestore,
  type Query,
  type QueryDocumentSnapshot,
} from 'firebase-admin/firestore';
import { PageSizer, readPages } from '../activity/log-pages';
import { toHistoryEntry, type ChangeLimits } from './history-entry';
import { COLLECTIONS, orderRef } from './order-docs';
import { DOC_ID } from './schemas';

/** A display name longer than this (written by hand) is cut: it is shown in one line. */
const NAME_MAX = 80;

export interface HistoryLimits extends ChangeLimits {
  /** A runaway log (a bug, a loop) stops here instead of answering megabytes. */
  entries: number;
  /** Stop reading after this many bytes of entries (estimated): entries may weigh 1 MiB each. */
  readBytes: number;
  /** All entries' changes together; past it, values are sent truncated. */
  responseChangesBytes: number;
}

// A real order's biggest value is its items at creation: 50 lines with notes, about 14 KB.
export const HISTORY_LIMITS: HistoryLimits = {
  entries: 1000,
  readBytes: 64 * 1024 * 1024,
  valueBytes: 16 * 1024,
  entryChangesBytes: 32 * 1024,
  fieldsPerEntry: 100,
  responseChangesBytes: 1024 * 1024,
};

// What the history shows. Anything else an entry holds (its subject, fields added by hand) is
// never read: the field mask keeps it on the server.
const HISTORY_FIELDS = ['at', 'action', 'actorUid', 'actorEmail', 'changes', 'correlationId'];

/**
 * The activity entries of one order, oldest first, or null when there is no such order.
 * Staff may read only their own entries in Firestore, so the API reads them for the SPA.
 * Read a page at a time (smaller pages when entries are big) and each entry cut down to what
 * the history sends, so memory holds one page, never the log; reading stops at `limits`.
 * Needs the composite index activity(subject.type, subject.id, at) in firestore.indexes.json.
 */
export async function orderHistory(
  db: Firestore,
  orderId: string,
  limits: HistoryLimits = HISTORY_LIMITS,
): Promise<OrderHistoryResponse | null> {
  if (!(await orderRef(db, orderId).get()).exists) return null;
  const log = db
    .collection(COLLECTIONS.activity)
    .where(new FieldPath('subject', 'type'), '==', 'order')
    .where(new FieldPath('subject', 'id'), '==', orderId)
    .orderBy('at')
    .select(...HISTORY_FIELDS);
  const entries: OrderHistoryEntry[] = [];
  const budget = { bytes: limits.responseChangesBytes };
  let bytesRead = 0;
  let last: QueryDocumentSnapshot | undefined;
  for await (const page of readPages(log, new PageSizer(), limits.entries)) {
    for (const { snapshot, data, bytes } of page) {
      entries.push(toHistoryEntry(snapshot.id, data, limits, budget));
      bytesRead += bytes;
      last = snapshot;
    }
    if (bytesRead >= limits.readBytes) break;
  }
  const stopped =
    last !== undefined && (entries.length >= limits.entries || bytesRead >= limits.readBytes);
  await addActorNames(db, entries);
  return {
    orderId,
    entries: creationFirst(entries),
    complete: !(stopped && (await hasMore(log, last!))),
  };
}

/**
 * Staff know each other by name, not email ("Placed by Sam Staff"); staff cannot read others'
 * profiles, so the API adds each actor's display name: one batched read of the distinct actors.
 */
async function addActorNames(db: Firestore, entries: OrderHistoryEntry[]): Promise<void> {
  const uids = [...new Set(entries.flatMap((entry) => (entry.actor && entry.actor.uid !== 'system' && DOC_ID.test(entry.actor.uid) ? [entry.actor.uid] : [])))];
  if (!uids.length) return;
  const profiles = await db.getAll(...uids.map((uid) => db.collection('users').doc(uid)), { fieldMask: ['displayName'] });
  const names = new Map<string, string>();
  for (const profile of profiles) {
    const name: unknown = profile.get('displayName');
    if (typeof name === 'string' && name.trim()) names.set(profile.id, name.trim().slice(0, NAME_MAX));
  }
  for (const entry of entries) {
    const name = entry.actor ? names.get(entry.actor.uid) : undefined;
    if (entry.actor && name) entry.actor = { ...entry.actor, name };
  }
}

/** Whether the log goes on after `last`: one document, no field read. */
async function hasMore(log: Query, last: QueryDocumentSnapshot): Promise<boolean> {
  return !(await log.select().startAfter(last).limit(1).get()).empty;
}

/**
 * Entries written in one transaction share their server time (placing writes "created" and
 * "menu checked" together; the saga records its last step and the confirmation together): the
 * creation comes first and a status change last, as they happened; the rest keep the log's order
 * (by time; entries whose `at` is not a time stay where Firestore put them).
 */
function creationFirst(entries: OrderHistoryEntry[]): OrderHistoryEntry[] {
  const runStart = new Map<string, number>();
  return entries
    .map((entry, index) => {
      const time = entry.at ?? `#${index}`; // no time: a run of its own
      if (!runStart.has(time)) runStart.set(time, index);
      const rank =
        entry.action === ORDER_ACTIONS.created ? 0 : entry.action === ORDER_ACTIONS.statusChanged ? 2 : 1;
      return { entry, run: runStart.get(time)!, rank, index };
    })
    .sort((a, b) => a.run - b.run || a.rank - b.rank || a.index - b.index)
    .map(({ entry }) => entry);
}

import { randomUUID } from 'node:crypto';
import type { ActivityEntry, ActivitySubjectType, FieldChanges } from '@maestro/contracts';
import { FieldValue, type Firestore, type Transaction } from 'firebase-admin/firestore';

/** Who caused a change: the signed-in caller, or the API itself (saga recovery). */
export interface Actor {
  uid: string;
  email: string | null;
}

export const SYSTEM_ACTOR: Actor = { uid: 'system', email: null };

export interface ActivityEntryInput {
  actor: Actor;
  action: string;
  subject: { type: ActivitySubjectType; id: string };
  changes: FieldChanges;
  /** The workflow the change belongs to; a change on its own is its own workflow (its event id). */
  correlationId?: string;
}

/** An `activity/{eventId}` document: who, what, old → new, stamped by the server's clock. */
export function activityEntry(entry: ActivityEntryInput, eventId: string): ActivityEntry {
  return {
    actorUid: entry.actor.uid,
    actorEmail: entry.actor.email,
    action: entry.action,
    subject: entry.subject,
    changes: entry.changes,
    correlationId: entry.correlationId ?? eventId,
    eventId,
    at: FieldValue.serverTimestamp(),
  };
}

/**
 * Adds the entry to the transaction that makes the change it describes, so the log and the data
 * never disagree. Returns the entry's id.
 */
export function appendActivityEntry(db: Firestore, tx: Transaction, entry: ActivityEntryInput): string {
  const eventId = randomUUID();
  tx.set(db.collection('activity').doc(eventId), activityEntry(entry, eventId));
  return eventId;
}

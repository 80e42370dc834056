import { randomUUID } from 'node:crypto';
import type { ActivityEntry, FieldChanges } from '@maestro/contracts';
import { FieldValue, type Firestore, type Transaction } from 'firebase-admin/firestore';
import { COLLECTIONS } from './order-docs';

/** Who caused a change: the signed-in caller, or the API itself (saga recovery). */
export interface Actor {
  uid: string;
  email: string | null;
}

export const SYSTEM_ACTOR: Actor = { uid: 'system', email: null };

/**
 * Adds an `activity/{eventId}` entry to the transaction that makes the change it describes,
 * so the log and the data never disagree. Returns the entry's id.
 */
export function appendActivity(
  db: Firestore,
  tx: Transaction,
  entry: {
    actor: Actor;
    action: string;
    orderId: string;
    changes: FieldChanges;
    correlationId: string;
  },
): string {
  const eventId = randomUUID();
  const doc: ActivityEntry = {
    actorUid: entry.actor.uid,
    actorEmail: entry.actor.email,
    action: entry.action,
    subject: { type: 'order', id: entry.orderId },
    changes: entry.changes,
    correlationId: entry.correlationId,
    eventId,
    at: FieldValue.serverTimestamp(),
  };
  tx.set(db.collection(COLLECTIONS.activity).doc(eventId), doc);
  return eventId;
}

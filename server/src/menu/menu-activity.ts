import { randomUUID } from 'node:crypto';
import type { ActivityEntry, ActivitySubjectType, FieldChanges } from '@maestro/contracts';
import { FieldValue, type Firestore, type Transaction } from 'firebase-admin/firestore';
import type { Actor } from '../orders/activity';
import { COLLECTIONS } from '../orders/order-docs';

/** The menu change's activity entry, in the transaction that makes the change (who, what, old → new). */
export function appendMenuActivity(
  db: Firestore,
  tx: Transaction,
  entry: {
    actor: Actor;
    action: string;
    subject: { type: Extract<ActivitySubjectType, 'menuItem' | 'menuCategory' | 'settings'>; id: string };
    changes: FieldChanges;
  },
): string {
  const eventId = randomUUID();
  const doc: ActivityEntry = {
    actorUid: entry.actor.uid,
    actorEmail: entry.actor.email,
    action: entry.action,
    subject: entry.subject,
    changes: entry.changes,
    // One change, one workflow: its own correlation id.
    correlationId: eventId,
    eventId,
    at: FieldValue.serverTimestamp(),
  };
  tx.set(db.collection(COLLECTIONS.activity).doc(eventId), doc);
  return eventId;
}

import type { FieldChanges } from '@maestro/contracts';
import type { Firestore, Transaction } from 'firebase-admin/firestore';
import { appendActivityEntry, type Actor } from '../activity/activity-entry';

export { SYSTEM_ACTOR, type Actor } from '../activity/activity-entry';

/** An order's `activity/{eventId}` entry, in the transaction that makes the change. Returns its id. */
export function appendActivity(
  db: Firestore,
  tx: Transaction,
  entry: { actor: Actor; action: string; orderId: string; changes: FieldChanges; correlationId: string },
): string {
  const { orderId, ...rest } = entry;
  return appendActivityEntry(db, tx, { ...rest, subject: { type: 'order', id: orderId } });
}

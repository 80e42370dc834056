import type { ActivitySubjectType, FieldChanges } from '@maestro/contracts';
import type { Firestore, Transaction } from 'firebase-admin/firestore';
import { appendActivityEntry, type Actor } from '../activity/activity-entry';

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
  // One change, one workflow: no correlation id of its own, so it takes the entry's.
  return appendActivityEntry(db, tx, entry);
}

import type { ActivityEntry, ActivitySubjectType, DomainEvent, FieldChanges } from '@maestro/contracts';
import type { BatchWrite } from '../../core/persistence/batch-write';

/**
 * The writes every ledger change carries in its own batch: the activity entry (who changed what,
 * old → new) and, when money moved, the ledger version browsers watch to refresh balances.
 * The entry's id is the event's id, so a retried request does not log twice.
 */
export async function activityWrite(
  event: DomainEvent,
  action: string,
  subject: { type: ActivitySubjectType; id: string },
  changes: FieldChanges,
): Promise<BatchWrite> {
  if (event.actor.kind !== 'user') throw Object.assign(new Error('Sign in to make changes.'), { code: 'unauthenticated' });
  const { serverTimestamp } = await import('firebase/firestore');
  const entry: ActivityEntry = {
    actorUid: event.actor.uid,
    actorEmail: event.actor.email ?? null,
    action,
    subject,
    changes,
    correlationId: event.correlationId,
    eventId: event.id,
    at: serverTimestamp(),
  };
  return { kind: 'set', path: `activity/${event.id}`, data: entry };
}

/** Bumps `metadata/ledger.version` by one: other browsers re-derive balances when it moves. */
export async function ledgerBump(): Promise<BatchWrite> {
  const { increment } = await import('firebase/firestore');
  return { kind: 'set', path: 'metadata/ledger', data: { version: increment(1) }, merge: true };
}

/** The uid of the user behind an event, or a clear refusal. */
export function actorUid(event: DomainEvent): string {
  if (event.actor.kind !== 'user') throw Object.assign(new Error('Sign in to make changes.'), { code: 'unauthenticated' });
  return event.actor.uid;
}

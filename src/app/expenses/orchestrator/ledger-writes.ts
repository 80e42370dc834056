import type { ActivityEntry, ActivitySubjectType, DomainEvent, FieldChanges } from '@maestro/contracts';
import type { BatchWrite } from '../../core/persistence/batch-write';

/**
 * The activity entry every ledger change carries in its own batch (who changed what, old → new).
 * Its id is the event's id, so a retried request does not log twice; the changed document names it
 * in `auditId` and the rules read it back: no client write to the ledger without its entry.
 * `entryId` overrides the id where the rules derive it (deletions, see `deletionEntryId`).
 */
export async function activityWrite(
  event: DomainEvent,
  action: string,
  subject: { type: ActivitySubjectType; id: string },
  changes: FieldChanges,
  entryId: string = event.id,
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
    eventId: entryId,
    at: serverTimestamp(),
  };
  return { kind: 'set', path: `activity/${entryId}`, data: entry };
}

/**
 * A delete carries no data to name its entry, so the rules expect it at a name derived from the
 * document: its id and the `auditId` of the version being deleted (one entry per version).
 */
export function deletionEntryId(docId: string, stored: object | undefined): string {
  const auditId = (stored as { auditId?: unknown } | undefined)?.auditId;
  return `del-${docId}-${typeof auditId === 'string' ? auditId : 'none'}`;
}

/**
 * Bumps `metadata/ledger.version` by one: other browsers re-derive balances when it moves. It
 * names the batch's activity entry: the rules let the version move only beside a new entry.
 */
export async function ledgerBump(auditId: string): Promise<BatchWrite> {
  const { increment } = await import('firebase/firestore');
  return { kind: 'set', path: 'metadata/ledger', data: { version: increment(1), auditId }, merge: true };
}

/** The uid of the user behind an event, or a clear refusal. */
export function actorUid(event: DomainEvent): string {
  if (event.actor.kind !== 'user') throw Object.assign(new Error('Sign in to make changes.'), { code: 'unauthenticated' });
  return event.actor.uid;
}

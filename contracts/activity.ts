import type { FieldChanges } from './events';

/** One entry of the activity log: who changed what, when, old → new. Append-only. */
export interface ActivityEntry {
  actorUid: string;
  actorEmail: string | null;
  /** The event that describes the change, e.g. ACCOUNT_CREATED. */
  action: string;
  subject: { type: ActivitySubjectType; id: string };
  /** Changed fields with their old and new values (`from` null when created). */
  changes: FieldChanges;
  correlationId: string;
  eventId: string;
  /** Server time of the commit (a Firestore timestamp in storage). */
  at: unknown;
}

/** The changes of a newly created subject: every field from nothing to its value. */
export function creationChanges(fields: object): FieldChanges {
  return Object.fromEntries(Object.entries(fields).map(([key, to]) => [key, { from: null, to }]));
}

export type ActivitySubjectType = 'account' | 'expense' | 'category' | 'transfer' | 'budget' | 'import' | 'order';

/** The changes between two versions of a subject: only the fields whose value differs. */
export function diffChanges(beforeFields: object, afterFields: object): FieldChanges {
  const before = beforeFields as Record<string, unknown>;
  const after = afterFields as Record<string, unknown>;
  const changes: FieldChanges = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      changes[key] = { from: before[key] ?? null, to: after[key] ?? null };
    }
  }
  return changes;
}

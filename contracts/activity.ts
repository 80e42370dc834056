/** One entry of the activity log: who changed what, when, old → new. Append-only. */
export interface ActivityEntry {
  actorUid: string;
  actorEmail: string | null;
  /** The event that describes the change, e.g. ACCOUNT_CREATED. */
  action: string;
  subject: { type: 'account' | 'expense' | 'category' | 'order'; id: string };
  /** Changed fields with their old and new values (`from` null when created). */
  changes: Record<string, { from: unknown; to: unknown }>;
  correlationId: string;
  eventId: string;
  /** Server time of the commit (a Firestore timestamp in storage). */
  at: unknown;
}

/** The changes of a newly created subject: every field from nothing to its value. */
export function creationChanges(fields: Record<string, unknown>): ActivityEntry['changes'] {
  return Object.fromEntries(Object.entries(fields).map(([key, to]) => [key, { from: null, to }]));
}

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

export type ActivitySubjectType = 'account' | 'expense' | 'category' | 'transfer' | 'budget' | 'import' | 'importRule' | 'order' | 'user' | 'menuItem' | 'menuCategory' | 'settings';

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

// ── Tamper evidence: the API seals the log into a hash chain (server/src/activity/) ──

/** One seal as the API reports it: a link of the chain over a run of entries. */
export interface ActivitySealSummary {
  /** 1, 2, 3…: the seal's place in the chain (stored as `activitySeals/000000000001`…). */
  sequence: number;
  /** SHA-256 (hex) over the previous seal's hash and the hash of each covered entry. */
  hash: string;
  previousHash: string;
  /** How many entries the seal covers. */
  count: number;
  /** Commit time (ISO) of the first and last covered entry. */
  firstAt: string;
  lastAt: string;
}

/** `POST /api/admin/activity/seal`: what this call sealed, and where the chain stands now. */
export interface ActivitySealRunResult {
  /** Entries sealed by this call (0 when nothing had settled or another API node sealed them). */
  sealed: number;
  seals: ActivitySealSummary[];
  /** The newest seal after the call; 0 and null before the first seal. */
  headSequence: number;
  headHash: string | null;
  /** Entries not sealed yet: younger than the settle delay, or beyond this call's limit. */
  unsealedEntries: number;
}

/**
 * What a problem found by verification means:
 * - `altered`: the entry's content (any field, its time included) is not what was sealed;
 * - `removed`: the seal lists the entry but it no longer exists;
 * - `inserted`: an entry inside a sealed stretch of time that no seal lists (back-dated);
 * - `broken-link`: the seal does not follow the one before (wrong previous hash, a missing seal);
 * - `seal-altered`: the seal's own record (its entry list, range or hash) was edited.
 */
export type ActivityChainProblemKind =
  'altered' | 'removed' | 'inserted' | 'broken-link' | 'seal-altered';

export interface ActivityChainProblem {
  /** Sequence of the seal concerned. */
  seal: number;
  kind: ActivityChainProblemKind;
  /** The entry concerned (`activity/{entryId}`), for altered, removed and inserted. */
  entryId?: string;
  /** A sentence for an administrator. */
  message: string;
}

/** `GET /api/admin/activity/verify`: the whole chain recomputed from the entries as stored now. */
export interface ActivityChainVerification {
  /** True when no problem was found (unsealed entries are not a problem). */
  ok: boolean;
  sealsChecked: number;
  /** Entries the seals list, each checked. */
  entriesChecked: number;
  /** Entries written after the newest seal (sealed by a later run). */
  unsealedEntries: number;
  /** When the newest seal was written (ISO), null before the first seal. */
  lastSealedAt: string | null;
  headSequence: number;
  /** Note it somewhere else (the API also logs it): a rewritten chain will not end with it. */
  headHash: string | null;
  /** In chain order; at most 500 (`problemCount` says how many there are in all). */
  problems: ActivityChainProblem[];
  problemCount: number;
  verifiedAt: string;
  durationMs: number;
}

// ── What a browser may write to the log (firestore.rules accepts exactly these) ──

/** Actions beyond the event catalog: deletions and the steps of an import, each with its own entry. */
export const LEDGER_AUDIT_ACTIONS = {
  budgetRemoved: 'BUDGET_REMOVED',
  importChunkWritten: 'EXPENSES_IMPORT_CHUNK_WRITTEN',
  importRolledBack: 'EXPENSES_IMPORT_ROLLED_BACK',
  accountDeleted: 'ACCOUNT_DELETED',
  importRuleCreated: 'IMPORT_RULE_CREATED',
  importRuleUpdated: 'IMPORT_RULE_UPDATED',
  importRuleDeleted: 'IMPORT_RULE_DELETED',
} as const;

/** Per subject type, the actions a client may log; orders, sagas and users are logged by the API alone. */
export const CLIENT_ACTIVITY_ACTIONS = {
  account: ['ACCOUNT_CREATED', 'ACCOUNT_UPDATED', LEDGER_AUDIT_ACTIONS.accountDeleted],
  expense: ['EXPENSE_RECORDED', 'EXPENSE_UPDATED', 'EXPENSE_DELETED', 'EXPENSE_RESTORED'],
  category: ['CATEGORY_CREATED', 'CATEGORY_UPDATED', 'CATEGORY_DELETED'],
  transfer: ['TRANSFER_RECORDED', 'TRANSFER_DELETED'],
  budget: ['BUDGET_SET', LEDGER_AUDIT_ACTIONS.budgetRemoved],
  import: ['EXPENSES_IMPORTED', LEDGER_AUDIT_ACTIONS.importChunkWritten, LEDGER_AUDIT_ACTIONS.importRolledBack],
  importRule: [LEDGER_AUDIT_ACTIONS.importRuleCreated, LEDGER_AUDIT_ACTIONS.importRuleUpdated, LEDGER_AUDIT_ACTIONS.importRuleDeleted],
} as const satisfies Partial<Record<ActivitySubjectType, readonly string[]>>;

/** Subject types a client may write an entry about. */
export type ClientActivitySubjectType = keyof typeof CLIENT_ACTIVITY_ACTIONS;

/** The id of the entry that accompanies the rollback of an import (its rows' deletes name it). */
export const importRollbackEntryId = (importId: string): string => `rollback-${importId}`;

import {
  MERGE_ACTIONS,
  accountNameClaimPath,
  categoryNameClaimPath,
  mergeChunkEntryId,
  mergeEntryId,
  mergeItemEntryId,
  mergeRollbackEntryId,
  type ActivityEntry,
  type ActivitySubjectType,
  type FieldChanges,
} from '@maestro/contracts';
import type { BatchOptions, BatchWrite } from '../../core/persistence/batch-write';
import { mergeSummary, type AccountMergePlan, type CategoryMergePlan, type MergePlan } from '../model/merge-plan';
import type { ImportSentinels } from './import-writes';

/** Firestore's 500 writes a commit. */
const COMMIT_WRITES = 500;

export interface MergeRequest {
  /** The request's event id: it names every entry of the merge. */
  mergeId: string;
  correlationId: string;
  actor: { uid: string; email: string | null };
  /** Who holds the survivor's name claim now (undefined: nobody), and of each child's new name. */
  claimHolders: ReadonlyMap<string, unknown>;
}

export interface MergeWritesPlan {
  writes: BatchWrite[];
  options: Required<Pick<BatchOptions, 'maxWritesPerChunk' | 'closeChunkBefore' | 'keepOnRollback' | 'rollbackLead'>>;
  /** Commits it takes; 1 means all or nothing by itself. */
  commits: number;
}

/**
 * The writes of a merge. Moves (expenses, transfers) go in commits of up to 499 that each open with
 * an entry about the survivor (`…-chunk-k`): the rules let a move in only beside one. The last
 * commit holds the rest of the moves and everything else, under the merge's own entry: the
 * survivor's new opening balance, budgets, import rules and children (each through its own rules,
 * with its own entry), the others deleted (each with its deletion entry), the survivor's name claim
 * and the ledger bump. Only moves are ever rolled back (the last commit is all or nothing), which
 * is what the rules let a merge's rollback put back.
 */
export function planMergeWrites(plan: MergePlan, request: MergeRequest, fs: ImportSentinels): MergeWritesPlan {
  const actions = MERGE_ACTIONS[plan.kind];
  const subject = { type: plan.kind, id: plan.survivor.id } as const;
  const entry: EntryOf = (id, action, changes, about = subject) => {
    const data: ActivityEntry = {
      actorUid: request.actor.uid,
      actorEmail: request.actor.email,
      action,
      subject: about,
      changes,
      correlationId: request.correlationId,
      eventId: id,
      at: fs.serverTimestamp(),
    };
    return { kind: 'set', path: `activity/${id}`, data };
  };
  const stamps = (auditId: string) => ({ updatedBy: request.actor.uid, updatedAt: fs.serverTimestamp(), auditId });
  const moves: ((auditId: string) => BatchWrite)[] = plan.kind === 'account' ? accountMoves(plan, stamps) : categoryMoves(plan, stamps);
  const head = mergeEntryId(request.mergeId);
  const last = [
    ...(plan.kind === 'account' ? accountFinal(plan, request, head, entry, stamps) : categoryFinal(plan, request, head, entry, stamps)),
    // Balances (accounts) and the summary by category are re-derived when the ledger moves.
    { kind: 'set', path: 'metadata/ledger', data: { version: fs.increment(1), auditId: head }, merge: true } as BatchWrite,
  ];
  const room = COMMIT_WRITES - 1 - last.length;
  if (room < 0) throw new RangeError('Too much points at these duplicates to merge in one step.');
  const early = moves.length > room ? moves.slice(0, moves.length - room) : [];
  const writes: BatchWrite[] = [];
  const chunks = Math.ceil(early.length / (COMMIT_WRITES - 1));
  for (let k = 1; k <= chunks; k++) {
    const id = mergeChunkEntryId(request.mergeId, k);
    const slice = early.slice((k - 1) * (COMMIT_WRITES - 1), k * (COMMIT_WRITES - 1));
    writes.push(entry(id, actions.chunkWritten, { moved: { from: null, to: `${slice.length} moved in commit ${k}` } }));
    writes.push(...slice.map((move) => move(id)));
  }
  writes.push(
    entry(head, actions.merged, headChanges(plan)),
    ...moves.slice(early.length).map((move) => move(head)),
    ...last,
  );
  const opens = new Set([head, ...Array.from({ length: chunks }, (_, i) => mergeChunkEntryId(request.mergeId, i + 1))].map((id) => `activity/${id}`));
  return {
    writes,
    commits: chunks + 1,
    options: {
      maxWritesPerChunk: COMMIT_WRITES,
      // Each chunk entry (and the merge's own) opens its commit: BatchOperation commits the chunks planned here.
      closeChunkBefore: (chunk, next) => chunk.length > 0 && opens.has(next.path),
      // The log is append-only: a rollback leaves the entries and adds its own.
      keepOnRollback: (path) => path.startsWith('activity/'),
      rollbackLead: [entry(mergeRollbackEntryId(request.mergeId), actions.rolledBack, { moved: { from: null, to: 'put back' } })],
    },
  };
}

type Stamps = (auditId: string) => Record<string, unknown>;
type EntryOf = (id: string, action: string, changes: FieldChanges, about?: { type: ActivitySubjectType; id: string }) => BatchWrite;

function accountMoves(plan: AccountMergePlan, stamps: Stamps): ((auditId: string) => BatchWrite)[] {
  const to = plan.survivor.id;
  return [
    ...plan.expenseIds.map((id) => (auditId: string): BatchWrite => ({ kind: 'update', path: `expenses/${id}`, data: { accountId: to, ...stamps(auditId) } })),
    ...plan.transferMoves.map(
      (t) => (auditId: string): BatchWrite => ({ kind: 'update', path: `transfers/${t.id}`, data: { fromAccountId: t.fromAccountId, toAccountId: t.toAccountId, ...stamps(auditId) } }),
    ),
    ...plan.transferDrops.map((id) => (auditId: string): BatchWrite => ({ kind: 'update', path: `transfers/${id}`, data: { deleted: true, ...stamps(auditId) } })),
  ];
}

function categoryMoves(plan: CategoryMergePlan, stamps: Stamps): ((auditId: string) => BatchWrite)[] {
  const to = plan.survivor.id;
  return plan.expenseIds.map((id) => (auditId: string): BatchWrite => ({ kind: 'update', path: `expenses/${id}`, data: { categoryId: to, ...stamps(auditId) } }));
}

const deletionEntryId = (id: string, auditId: string | null | undefined) => `del-${id}-${auditId ?? 'none'}`;

function accountFinal(plan: AccountMergePlan, request: MergeRequest, head: string, entry: EntryOf, stamps: Stamps): BatchWrite[] {
  const writes: BatchWrite[] = [];
  const { survivor } = plan;
  if (plan.openingBalanceMinor.to !== plan.openingBalanceMinor.from) {
    writes.push({ kind: 'update', path: `accounts/${survivor.id}`, data: { openingBalanceMinor: plan.openingBalanceMinor.to, ...stamps(head) } });
  }
  for (const other of plan.others) {
    writes.push(entry(deletionEntryId(other.id, other.auditId), 'ACCOUNT_DELETED', { name: { from: other.name, to: null } }, { type: 'account', id: other.id }));
    writes.push({ kind: 'delete', path: `accounts/${other.id}` });
  }
  const claim = accountNameClaimPath(survivor.currency, survivor.name);
  if (request.claimHolders.get(claim) !== survivor.id) writes.push({ kind: 'set', path: claim, data: { accountId: survivor.id } });
  return writes;
}

function categoryFinal(plan: CategoryMergePlan, request: MergeRequest, head: string, entry: EntryOf, stamps: Stamps): BatchWrite[] {
  const writes: BatchWrite[] = [];
  const { survivor } = plan;
  const { mergeId } = request;
  for (const child of plan.children) {
    const id = mergeItemEntryId(mergeId, 'c', child.id);
    writes.push(entry(id, 'CATEGORY_UPDATED', { parentId: { from: child.parentId, to: survivor.id } }, { type: 'category', id: child.id }));
    writes.push({ kind: 'update', path: `categories/${child.id}`, data: { parentId: survivor.id, ...stamps(id) } });
    const claim = categoryNameClaimPath(survivor.id, child.name);
    if (request.claimHolders.get(claim) !== child.id) writes.push({ kind: 'set', path: claim, data: { categoryId: child.id } });
  }
  for (const budget of plan.budgetsSet) {
    const id = mergeItemEntryId(mergeId, 'b', budget.id);
    writes.push(entry(id, 'BUDGET_SET', { amountMinor: { from: budget.previous, to: budget.amountMinor } }, { type: 'budget', id: budget.id }));
    writes.push({ kind: 'set', path: `budgets/${budget.id}`, data: { categoryId: survivor.id, currency: budget.currency, amountMinor: budget.amountMinor, ...stamps(id) } });
  }
  for (const budget of plan.budgetsRemoved) {
    writes.push(entry(deletionEntryId(budget.id, budget.auditId), 'BUDGET_REMOVED', { amountMinor: { from: budget.amountMinor, to: null } }, { type: 'budget', id: budget.id }));
    writes.push({ kind: 'delete', path: `budgets/${budget.id}` });
  }
  for (const ruleId of plan.ruleIds) {
    const id = mergeItemEntryId(mergeId, 'r', ruleId);
    writes.push(entry(id, 'IMPORT_RULE_UPDATED', { categoryId: { from: null, to: survivor.id } }, { type: 'importRule', id: ruleId }));
    writes.push({ kind: 'update', path: `importRules/${ruleId}`, data: { categoryId: survivor.id, ...stamps(id) } });
  }
  for (const other of plan.others) {
    writes.push(entry(deletionEntryId(other.id, other.auditId), 'CATEGORY_DELETED', { name: { from: other.name, to: null } }, { type: 'category', id: other.id }));
    writes.push({ kind: 'delete', path: `categories/${other.id}` });
  }
  const claim = categoryNameClaimPath(survivor.parentId, survivor.name);
  if (request.claimHolders.get(claim) !== survivor.id) writes.push({ kind: 'set', path: claim, data: { categoryId: survivor.id } });
  return writes;
}

function headChanges(plan: MergePlan): FieldChanges {
  const label = (item: { name: string; type?: string }) => (plan.kind === 'account' ? `${item.name} (${(item as { type: string }).type})` : item.name);
  const changes: FieldChanges = {
    merged: { from: plan.others.map(label).join(', '), to: label(plan.survivor as { name: string; type?: string }) },
    expenses: { from: null, to: plan.expenseIds.length },
    moved: { from: null, to: mergeSummary(plan) },
  };
  if (plan.kind === 'account' && plan.openingBalanceMinor.to !== plan.openingBalanceMinor.from) changes['openingBalanceMinor'] = { ...plan.openingBalanceMinor };
  return changes;
}

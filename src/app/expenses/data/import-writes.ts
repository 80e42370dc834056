import {
  LEDGER_AUDIT_ACTIONS,
  creationChanges,
  importRollbackEntryId,
  toExpenseDoc,
  type ActivityEntry,
  type ExpenseDraft,
  type FieldChanges,
} from '@maestro/contracts';
import type { FieldValue } from 'firebase/firestore';
import type { BatchOptions, BatchWrite } from '../../core/persistence/batch-write';

/** The Firestore sentinels an import needs, passed in so Node (the benchmark) can use its own SDK build. */
export interface ImportSentinels {
  serverTimestamp(): FieldValue;
  increment(n: number): FieldValue;
}

/** Writes per commit: Firestore's 500 (fewer when the documents are large, see `planChunks`). */
export const IMPORT_CHUNK_WRITES = 500;

/**
 * The rules read each row's account (`get()`) and category (`exists()`) and the chunk's activity
 * entry, and a commit may read at most 20 distinct documents: a chunk holds rows of at most this
 * many accounts and categories together, with room for the entry and to spare.
 */
export const IMPORT_LOOKUPS_PER_CHUNK = 18;

/**
 * Chunks in flight at once. Two overlap the client's work on one chunk with the emulator's on the
 * other: bench/expense-import measured 10,000 rows in 20.0 s against 24.0 s with one (3.15× and
 * 2.63× one commit per row, same run). Each one more is a chunk more to roll back after a failure,
 * and one more the SDK may send twice after a refusal: the chunk's entry (its `witness`) says
 * whether it landed. The last chunk (entry "imported" and the ledger bump) always goes alone,
 * after every other one is in.
 */
export const IMPORT_COMMITS_IN_FLIGHT = 2;

/** Room kept in every chunk for its activity entry and (last chunk) the ledger bump. */
const ENTRY_WRITES = 2;
const ENTRY_BYTES = 64 * 1024;

const lookupsOf = (write: BatchWrite): string[] => {
  if (write.kind !== 'set') return [];
  const { accountId, categoryId } = write.data as { accountId?: unknown; categoryId?: unknown };
  return [typeof accountId === 'string' ? `a/${accountId}` : '', typeof categoryId === 'string' ? `c/${categoryId}` : ''].filter(Boolean);
};

/** Documents each open chunk makes the rules read; the planner only appends, so counting is incremental. */
const chunkLookups = new WeakMap<readonly BatchWrite[], { counted: number; seen: Set<string> }>();

/** `closeChunkBefore` for import rows: close when the next row's account or category would be one too many. */
export function closeImportChunkBefore(chunk: readonly BatchWrite[], next: BatchWrite): boolean {
  const wanted = lookupsOf(next);
  if (!wanted.length) return false;
  let state = chunkLookups.get(chunk);
  if (!state || state.counted > chunk.length) chunkLookups.set(chunk, (state = { counted: 0, seen: new Set() }));
  for (; state.counted < chunk.length; state.counted++) for (const key of lookupsOf(chunk[state.counted]!)) state.seen.add(key);
  const added = wanted.filter((key) => !state.seen.has(key)).length;
  return state.seen.size + added > IMPORT_LOOKUPS_PER_CHUNK;
}

/** Where row `n` (1-based) of an import is stored: retrying the same import writes the same documents. */
export const importRowPath = (importId: string, n: number): string => `expenses/${importId}-${n}`;

/** What the activity log records of an import: how many rows, from which file, over which dates. */
export function importSummary(fileName: string, rows: readonly ExpenseDraft[]): { count: number; fileName: string; firstDate: string; lastDate: string } {
  const dates = rows.map((row) => row.date).sort();
  return { count: rows.length, fileName, firstDate: dates[0] ?? '', lastDate: dates[dates.length - 1] ?? '' };
}

/**
 * BatchOperation's planner, passed in rather than imported: it brings the Firestore SDK, which the
 * app loads on first use (the orchestrator starts with the app).
 */
export type ChunkPlanner = Pick<typeof import('../../core/persistence/batch-operation'), 'planChunks' | 'DEFAULT_CHUNK_BYTES'>;

export interface ImportRequest {
  importId: string;
  fileName: string;
  rows: readonly ExpenseDraft[];
  /** The event that asked for the import: its id names the final entry, its correlation id every entry. */
  eventId: string;
  correlationId: string;
  actor: { uid: string; email: string | null };
}

export interface ImportPlan {
  /** Chunk by chunk: each chunk's activity entry, then its rows; the last ends with the ledger bump. */
  writes: BatchWrite[];
  /** 1-based rows each chunk holds, in order. */
  chunks: { from: number; to: number }[];
  /** BatchOperation options that keep each chunk with its entry and make a rollback audited. */
  options: Required<
    Pick<BatchOptions, 'maxWritesPerChunk' | 'maxChunkBytes' | 'closeChunkBefore' | 'keepOnRollback' | 'rollbackLead' | 'createsNew' | 'commitConcurrency' | 'witness'>
  >;
}

/** An activity entry about an import (its chunks, its end, its rollback, its undo), by the actor. */
export function importEntry(
  request: { importId: string; correlationId: string; actor: { uid: string; email: string | null } },
  fs: ImportSentinels,
  id: string,
  action: string,
  changes: FieldChanges,
): BatchWrite {
  const data: ActivityEntry = {
    actorUid: request.actor.uid,
    actorEmail: request.actor.email,
    action,
    subject: { type: 'import', id: request.importId },
    changes,
    correlationId: request.correlationId,
    eventId: id,
    at: fs.serverTimestamp(),
  };
  return { kind: 'set', path: `activity/${id}`, data };
}

/**
 * An import's writes. Every commit carries its own activity entry (the rules let no row in without
 * one of the same commit): chunks before the last log `EXPENSES_IMPORT_CHUNK_WRITTEN`, the last
 * logs `EXPENSES_IMPORTED` and bumps the ledger. The last chunk is never rolled back (when it
 * commits the import has succeeded), so the log says "imported" exactly once. A rollback of the
 * earlier chunks is logged by `EXPENSES_IMPORT_ROLLED_BACK`, which the rows' deletes name.
 * Rows are created, never overwritten (`createsNew`): nothing is read before they are written.
 * `chunkWrites` (default and at most 500) makes smaller commits: specs use it for many chunks.
 */
export function planImport(request: ImportRequest, fs: ImportSentinels, planner: ChunkPlanner, chunkWrites = IMPORT_CHUNK_WRITES): ImportPlan {
  const { importId, fileName, rows, actor } = request;
  const { DEFAULT_CHUNK_BYTES, planChunks } = planner;
  if (!Number.isInteger(chunkWrites) || chunkWrites <= ENTRY_WRITES || chunkWrites > IMPORT_CHUNK_WRITES) throw new RangeError(`chunkWrites must be ${ENTRY_WRITES + 1}..${IMPORT_CHUNK_WRITES}`);
  const rowWrites = rows.map((row, i) => ({
    kind: 'set' as const,
    path: importRowPath(importId, i + 1),
    data: { ...toExpenseDoc(row, actor.uid), importId, createdAt: fs.serverTimestamp(), updatedAt: fs.serverTimestamp() },
  }));
  const planned = planChunks(rowWrites, chunkWrites - ENTRY_WRITES, DEFAULT_CHUNK_BYTES - ENTRY_BYTES, 'refuse', closeImportChunkBefore);
  const entry = (id: string, action: string, changes: FieldChanges) => importEntry(request, fs, id, action, changes);
  const writes: BatchWrite[] = [];
  const chunks: ImportPlan['chunks'] = [];
  let first = 1;
  planned.forEach((chunk, index) => {
    const last = index === planned.length - 1;
    const range = { from: first, to: first + chunk.writes.length - 1 };
    first = range.to + 1;
    chunks.push(range);
    const entryId = last ? request.eventId : `${importId}-chunk-${index + 1}`;
    writes.push(
      last
        ? entry(entryId, 'EXPENSES_IMPORTED', creationChanges(importSummary(fileName, rows)))
        : entry(entryId, LEDGER_AUDIT_ACTIONS.importChunkWritten, creationChanges({ fileName, rows: `${range.from}–${range.to}`, count: chunk.writes.length })),
    );
    for (const write of chunk.writes as typeof rowWrites) writes.push({ ...write, data: { ...write.data, auditId: entryId } });
    if (last) writes.push({ kind: 'set', path: 'metadata/ledger', data: { version: fs.increment(1), auditId: entryId }, merge: true });
  });
  const rollbackEntry = entry(importRollbackEntryId(importId), LEDGER_AUDIT_ACTIONS.importRolledBack, { fileName: { from: fileName, to: null } });
  return {
    writes,
    chunks,
    options: {
      maxWritesPerChunk: chunkWrites,
      maxChunkBytes: DEFAULT_CHUNK_BYTES,
      // Each entry opens its chunk: BatchOperation commits exactly the chunks planned here.
      closeChunkBefore: (chunk, next) => chunk.length > 0 && next.path.startsWith('activity/'),
      // The log is append-only: a rollback leaves the entries and adds its own.
      keepOnRollback: (path) => path.startsWith('activity/'),
      // Every row is a new document (`importRowPath`: the import's fresh id and the row number), and
      // the rules let an import's row in only as a create (a set on an existing expense is an update,
      // which needs an entry about that expense, never an import's): no before-image is read, and a
      // rollback deletes exactly the rows written. The ledger (last chunk) is the only read.
      createsNew: (write) => write.path.startsWith('expenses/'),
      commitConcurrency: IMPORT_COMMITS_IN_FLIGHT,
      // A chunk's entry opens it, is created by that commit alone and never deleted: it exists
      // exactly when the chunk landed (what a commit reported refused behind another is checked by).
      witness: (chunk) => (chunk[0]?.path.startsWith('activity/') ? chunk[0].path : undefined),
      rollbackLead: [rollbackEntry],
    },
  };
}

import {
  IMPORT_UNDO_ACTIONS,
  importUndoChunkEntryId,
  importUndoRollbackEntryId,
  importUndoneEntryId,
  type FieldChanges,
} from '@maestro/contracts';
import type { BatchOptions, BatchWrite } from '../../core/persistence/batch-write';
import { importEntry, type ImportSentinels } from './import-writes';

/** Rows per commit: Firestore's 500 writes, less the chunk's entry and (last chunk) the ledger bump. */
export const UNDO_CHUNK_ROWS = 498;

export interface ImportUndoRequest {
  importId: string;
  /** Paths of the import's rows still there (not deleted), in row order. */
  rows: readonly string[];
  /** Of those, rows edited since the import (they are removed too; the entry says how many). */
  edited: number;
  /** The event that asked for the undo: it names the chunks' entries, its correlation id all of them. */
  eventId: string;
  correlationId: string;
  actor: { uid: string; email: string | null };
}

export interface ImportUndoPlan {
  writes: BatchWrite[];
  options: Required<Pick<BatchOptions, 'maxWritesPerChunk' | 'closeChunkBefore' | 'keepOnRollback' | 'rollbackLead'>>;
}

/**
 * An undo's writes: each row's `deleted` set (softly, like any deleted expense, so balances and
 * the summary leave it out and its history stays), in chunks that each open with their own entry
 * about the import (the rules let no row change without one of the same commit). The last chunk
 * logs `EXPENSES_IMPORT_UNDONE` (one id per import: a second undo cannot log it again) and bumps
 * the ledger. A failure rolls the earlier chunks back, logged by `EXPENSES_IMPORT_UNDO_ROLLED_BACK`.
 */
export function planImportUndo(request: ImportUndoRequest, fs: ImportSentinels, chunkRows = UNDO_CHUNK_ROWS): ImportUndoPlan {
  const { importId, rows, actor } = request;
  if (!rows.length) throw new RangeError('An undo needs at least one row.');
  if (!Number.isInteger(chunkRows) || chunkRows < 1 || chunkRows > UNDO_CHUNK_ROWS) throw new RangeError(`chunkRows must be 1..${UNDO_CHUNK_ROWS}`);
  const entry = (id: string, action: string, changes: FieldChanges) => importEntry(request, fs, id, action, changes);
  const chunks = Math.ceil(rows.length / chunkRows);
  const writes: BatchWrite[] = [];
  for (let k = 1; k <= chunks; k++) {
    const slice = rows.slice((k - 1) * chunkRows, k * chunkRows);
    const last = k === chunks;
    const entryId = last ? importUndoneEntryId(importId) : importUndoChunkEntryId(request.eventId, k);
    const from = (k - 1) * chunkRows + 1;
    writes.push(
      last
        ? entry(entryId, IMPORT_UNDO_ACTIONS.undone, undoneChanges(rows.length, request.edited))
        : entry(entryId, IMPORT_UNDO_ACTIONS.chunkWritten, { rows: { from: null, to: `${from}–${from + slice.length - 1}` } }),
    );
    for (const path of slice) {
      writes.push({ kind: 'update', path, data: { deleted: true, updatedBy: actor.uid, updatedAt: fs.serverTimestamp(), auditId: entryId } });
    }
    if (last) writes.push({ kind: 'set', path: 'metadata/ledger', data: { version: fs.increment(1), auditId: entryId }, merge: true });
  }
  const rollbackEntry = entry(importUndoRollbackEntryId(request.eventId), IMPORT_UNDO_ACTIONS.rolledBack, { count: { from: 0, to: rows.length } });
  return {
    writes,
    options: {
      maxWritesPerChunk: chunkRows + 2,
      // Each entry opens its chunk: BatchOperation commits exactly the chunks planned here.
      closeChunkBefore: (chunk, next) => chunk.length > 0 && next.path.startsWith('activity/'),
      // The log is append-only: a rollback leaves the entries and adds its own.
      keepOnRollback: (path) => path.startsWith('activity/'),
      rollbackLead: [rollbackEntry],
    },
  };
}

/** "Count: 195 → 0", and how many of them had been edited since the import. */
export function undoneChanges(count: number, edited: number): FieldChanges {
  const changes: FieldChanges = { count: { from: count, to: 0 } };
  if (edited > 0) changes['rows'] = { from: null, to: `${edited} edited since the import, removed too` };
  return changes;
}

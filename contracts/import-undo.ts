// Undoing a whole import: the activity entries it writes and how the rules find them.
// Not in CLIENT_ACTIVITY_ACTIONS: the rules take these entries only from the import's author or an
// admin, beside the rows they remove (see firestore.rules, `importUndoEntry`).

export const IMPORT_UNDO_ACTIONS = {
  /** The last commit of an undo: every row of the import is deleted now; the ledger moves with it. */
  undone: 'EXPENSES_IMPORT_UNDONE',
  /** An earlier commit of a large undo (at most 499 rows each). */
  chunkWritten: 'EXPENSES_IMPORT_UNDO_CHUNK_WRITTEN',
  /** An undo that failed half-way put back the rows it had removed. */
  rolledBack: 'EXPENSES_IMPORT_UNDO_ROLLED_BACK',
} as const;

/**
 * The last entry of an import's undo. One id per import: a second undo cannot write it again (the
 * log is append-only), and a reader tells "already undone" by its existence.
 */
export const importUndoneEntryId = (importId: string): string => `undone-${importId}`;

/** Entry of commit `k` (1-based) of the undo asked for by event `undoEventId`, the last one excepted. */
export const importUndoChunkEntryId = (undoEventId: string, k: number): string => `undo-${undoEventId}-chunk-${k}`;

/** The rollback entry of that undo: the rules derive it from a row's chunk entry (`-chunk-N` → `-rollback`). */
export const importUndoRollbackEntryId = (undoEventId: string): string => `undo-${undoEventId}-rollback`;

/** Only the author of an import (the creator of its rows) or an admin may undo it. */
export const IMPORT_UNDO_AUTHOR_ONLY = 'Only the member who imported these expenses or an admin can undo this import.';
export const IMPORT_ALREADY_UNDONE = 'This import was already undone: its expenses are no longer in the list.';

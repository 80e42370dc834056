import { IMPORT_UNDO_ACTIONS } from '@maestro/contracts';
import type { ActivityRow } from './activity-entry';

// An import writes an entry per commit (up to 20 for 10,000 rows), and so does its undo: the log
// shows each as one unit, its last entry standing for the chunk entries of the same workflow.

const IMPORTED = 'EXPENSES_IMPORTED';
const CHUNKS = new Set(['EXPENSES_IMPORT_CHUNK_WRITTEN', IMPORT_UNDO_ACTIONS.chunkWritten]);
const HEADS = new Set([IMPORTED, IMPORT_UNDO_ACTIONS.undone]);

export interface ImportUnit {
  importId: string;
  /** Commits of this import (or of its undo): the head entry and its chunk entries on the page. */
  commits: number;
  /** For an import: rows it wrote (from its entry), and whether its undo is on the page too. */
  count: number | null;
  undoable: boolean;
  undone: boolean;
}

/**
 * The entries to show (chunk entries whose import or undo is on the page left out) and the unit
 * each head entry stands for. A chunk entry whose head is not loaded (a running, rolled-back or
 * older page) stays as it is.
 */
export function foldImportChunks(entries: readonly ActivityRow[]): { shown: ActivityRow[]; units: Map<string, ImportUnit> } {
  const key = (e: ActivityRow) => `${e.subject?.id}|${e.correlationId}`;
  const heads = new Map<string, ActivityRow>();
  const undone = new Set<string>();
  for (const e of entries) {
    if (e.subject?.type !== 'import' || !e.action) continue;
    if (HEADS.has(e.action)) heads.set(key(e), e);
    if (e.action === IMPORT_UNDO_ACTIONS.undone) undone.add(e.subject.id);
  }
  const commits = new Map<string, number>();
  const shown = entries.filter((e) => {
    if (e.subject?.type !== 'import' || !e.action || !CHUNKS.has(e.action)) return true;
    const head = heads.get(key(e));
    if (!head || !sameKind(head.action!, e.action)) return true;
    commits.set(head.id, (commits.get(head.id) ?? 1) + 1);
    return false;
  });
  const units = new Map<string, ImportUnit>();
  for (const head of heads.values()) {
    const importId = head.subject!.id;
    const isImport = head.action === IMPORTED;
    const count = head.changes?.['count']?.[isImport ? 'to' : 'from'];
    units.set(head.id, {
      importId,
      commits: commits.get(head.id) ?? 1,
      count: typeof count === 'number' ? count : null,
      undoable: isImport && !undone.has(importId),
      undone: isImport && undone.has(importId),
    });
  }
  return { shown, units };
}

/** An import's chunks fold into its "imported" entry, an undo's into its "undone" entry. */
function sameKind(head: string, chunk: string): boolean {
  return (head === IMPORTED) === (chunk === 'EXPENSES_IMPORT_CHUNK_WRITTEN');
}

/**
 * The file of each import named by the entries: its own entries carry `fileName` (created, or
 * removed by a rollback); an undo's do not, and take it from the import's entries on the page.
 */
export function importFiles(entries: readonly ActivityRow[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const e of entries) {
    if (e.subject?.type !== 'import' || files.has(e.subject.id)) continue;
    const change = e.changes?.['fileName'];
    const file = typeof change?.to === 'string' && change.to ? change.to : typeof change?.from === 'string' ? change.from : '';
    if (file) files.set(e.subject.id, file);
  }
  return files;
}

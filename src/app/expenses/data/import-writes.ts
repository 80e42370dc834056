import { toExpenseDoc, type ExpenseDraft } from '@maestro/contracts';
import type { FieldValue } from 'firebase/firestore';
import type { BatchWrite } from '../../core/persistence/batch-write';

/** The Firestore sentinels a row needs, passed in so Node (the benchmark) can use its own SDK build. */
export interface TimestampSentinel {
  serverTimestamp(): FieldValue;
}

/** Writes per commit: Firestore's 500 (fewer when the documents are large, see `planChunks`). */
export const IMPORT_CHUNK_WRITES = 500;

/** Where row `n` (1-based) of an import is stored: retrying the same import writes the same documents. */
export const importRowPath = (importId: string, n: number): string => `expenses/${importId}-${n}`;

/** One `set` per row: the stored expense, tagged with the import it came from. */
export function importRowWrites(importId: string, rows: readonly ExpenseDraft[], uid: string, fs: TimestampSentinel): BatchWrite[] {
  return rows.map((row, i) => ({
    kind: 'set',
    path: importRowPath(importId, i + 1),
    data: { ...toExpenseDoc(row, uid), importId, createdAt: fs.serverTimestamp(), updatedAt: fs.serverTimestamp() },
  }));
}

/** What the activity log records of an import: how many rows, from which file, over which dates. */
export function importSummary(fileName: string, rows: readonly ExpenseDraft[]): { count: number; fileName: string; firstDate: string; lastDate: string } {
  const dates = rows.map((row) => row.date).sort();
  return { count: rows.length, fileName, firstDate: dates[0] ?? '', lastDate: dates[dates.length - 1] ?? '' };
}

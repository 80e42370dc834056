import { toExpenseDoc, type ExpenseDraft } from '@maestro/contracts';
import type { FieldValue } from 'firebase/firestore';
import type { BatchWrite } from '../../core/persistence/batch-write';

/** The Firestore sentinels a row needs, passed in so Node (the benchmark) can use its own SDK build. */
export interface TimestampSentinel {
  serverTimestamp(): FieldValue;
}

/** Writes per commit: Firestore's 500 (fewer when the documents are large, see `planChunks`). */
export const IMPORT_CHUNK_WRITES = 500;

/**
 * The rules read each expense's account (`get()`), and a commit may read at most 20 distinct
 * documents: a chunk holds rows of at most this many accounts, with room to spare.
 */
export const IMPORT_ACCOUNTS_PER_CHUNK = 16;

const accountOf = (write: BatchWrite): unknown => (write.kind === 'set' ? (write.data as { accountId?: unknown }).accountId : undefined);

/** Accounts each open chunk holds; the planner only ever appends to a chunk, so counting is incremental. */
const chunkAccounts = new WeakMap<readonly BatchWrite[], { counted: number; accounts: Set<unknown> }>();

/** BatchOperation's `closeChunkBefore` for an import: close when a new account would be one too many. */
export function closeImportChunkBefore(chunk: readonly BatchWrite[], next: BatchWrite): boolean {
  const account = accountOf(next);
  if (typeof account !== 'string') return false;
  let seen = chunkAccounts.get(chunk);
  if (!seen || seen.counted > chunk.length) chunkAccounts.set(chunk, (seen = { counted: 0, accounts: new Set() }));
  for (; seen.counted < chunk.length; seen.counted++) {
    const of = accountOf(chunk[seen.counted]!);
    if (typeof of === 'string') seen.accounts.add(of);
  }
  return !seen.accounts.has(account) && seen.accounts.size >= IMPORT_ACCOUNTS_PER_CHUNK;
}

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

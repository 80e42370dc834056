// Merging duplicates: accounts of one currency (or sibling categories) that share a name from
// before names were unique. An admin picks the one that stays (the survivor); everything that
// points at the others moves to it, then the others are deleted. The activity entries it writes
// and how the rules find them (firestore.rules, "Merging duplicates").

export type MergeKind = 'account' | 'category';

/** Actions of a merge's entries, all about the survivor; see `mergeEntryId`. */
export const MERGE_ACTIONS = {
  account: {
    /** The last commit: moves, the survivor's opening balance, the others deleted, the ledger bumped. */
    merged: 'ACCOUNTS_MERGED',
    /** An earlier commit of a large merge (expenses and transfers moved). */
    chunkWritten: 'ACCOUNT_MERGE_CHUNK_WRITTEN',
    /** A merge that failed half-way put back what its earlier commits had moved. */
    rolledBack: 'ACCOUNT_MERGE_ROLLED_BACK',
  },
  category: {
    merged: 'CATEGORIES_MERGED',
    chunkWritten: 'CATEGORY_MERGE_CHUNK_WRITTEN',
    rolledBack: 'CATEGORY_MERGE_ROLLED_BACK',
  },
} as const;

/** At most this many duplicates merge into one survivor at once (an entry lists their names). */
export const MERGE_MAX_OTHERS = 9;

/** The last entry of merge `mergeId` (the request's event id). */
export const mergeEntryId = (mergeId: string): string => `merge-${mergeId}`;
/** Entry of commit `k` (1-based) of a large merge, the last one excepted. */
export const mergeChunkEntryId = (mergeId: string, k: number): string => `merge-${mergeId}-chunk-${k}`;
/** The rollback entry: the rules derive it from a moved document's chunk entry (`-chunk-N` → `-rollback`). */
export const mergeRollbackEntryId = (mergeId: string): string => `merge-${mergeId}-rollback`;
/** Entry of one document the last commit changes through its own rules (a budget, a rule, a child category). */
export const mergeItemEntryId = (mergeId: string, what: string, id: string): string => `merge-${mergeId}-${what}-${id}`;

export const MERGE_ADMIN_ONLY = 'Only an admin can merge duplicates.';

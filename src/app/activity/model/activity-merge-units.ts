import { MERGE_ACTIONS } from '@maestro/contracts';
import type { ActivityRow } from './activity-entry';

// A merge of duplicates writes an entry per commit and one per document it changes through that
// document's own rules (each other account or category deleted, a budget, an import rule, a child
// category), all under the merge's correlation id: the log shows them as one unit, its last entry
// ("Accounts merged", with what moved) standing for the rest.

const HEADS = new Set<string>([MERGE_ACTIONS.account.merged, MERGE_ACTIONS.category.merged]);

export interface MergeUnit {
  /** Entries of the merge on the page, the head included. */
  readonly entries: number;
}

/** The entries to show (those of a merge whose head is on the page left out) and each head's unit. */
export function foldMerges(entries: readonly ActivityRow[]): { shown: ActivityRow[]; units: Map<string, MergeUnit> } {
  const heads = new Map<string, ActivityRow>();
  for (const e of entries) if (e.action && HEADS.has(e.action) && e.correlationId) heads.set(e.correlationId, e);
  const counts = new Map<string, number>();
  const shown = entries.filter((e) => {
    const head = e.correlationId ? heads.get(e.correlationId) : undefined;
    if (!head || head === e) return true;
    counts.set(head.id, (counts.get(head.id) ?? 1) + 1);
    return false;
  });
  return { shown, units: new Map([...heads.values()].map((head) => [head.id, { entries: counts.get(head.id) ?? 1 }])) };
}

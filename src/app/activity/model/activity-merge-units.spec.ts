import type { ActivityRow } from './activity-entry';
import { foldMerges } from './activity-merge-units';

// A merge of two accounts in two commits writes four entries; the log shows one.
describe('foldMerges', () => {
  const entry = (id: string, action: string, correlationId: string, subject = { type: 'account', id: 'a1' }): ActivityRow => ({
    id, at: new Date(), actorUid: 'u1', actorEmail: 'admin@maestro.test', action, subject, changes: {}, correlationId, eventId: id,
  });
  const head = entry('merge-m1', 'ACCOUNTS_MERGED', 'c-m');
  const chunk = entry('merge-m1-chunk-1', 'ACCOUNT_MERGE_CHUNK_WRITTEN', 'c-m');
  const deleted = entry('del-a2-x', 'ACCOUNT_DELETED', 'c-m', { type: 'account', id: 'a2' });
  const other = entry('e9', 'EXPENSE_RECORDED', 'c-other', { type: 'expense', id: 'e9' });

  it('folds a merge’s chunk and deletion entries into its last entry', () => {
    const { shown, units } = foldMerges([head, deleted, other, chunk]);
    expect(shown.map((e) => e.id)).toEqual(['merge-m1', 'e9']);
    expect(units.get('merge-m1')).toEqual({ entries: 3 });
  });

  it('keeps the entries of a merge whose last entry is not on the page (rolled back, older page)', () => {
    const rolledBack = entry('merge-m2-rollback', 'ACCOUNT_MERGE_ROLLED_BACK', 'c-m2');
    const { shown, units } = foldMerges([rolledBack, entry('merge-m2-chunk-1', 'ACCOUNT_MERGE_CHUNK_WRITTEN', 'c-m2'), other]);
    expect(shown.length).toBe(3);
    expect(units.size).toBe(0);
  });
});

import type { ActivityRow } from './activity-entry';
import { foldImportChunks, importFiles } from './activity-import-units';

// An import of three commits and its undo of two show as two entries, not five.
describe('foldImportChunks', () => {
  const entry = (id: string, action: string, importId: string, correlationId: string, changes: ActivityRow['changes'] = {}): ActivityRow => ({
    id, at: new Date(), actorUid: 'u1', actorEmail: 'staff@maestro.test', action, subject: { type: 'import', id: importId }, changes, correlationId, eventId: id,
  });
  const imported = entry('e-imp', 'EXPENSES_IMPORTED', 'imp1', 'c-imp', { count: { from: null, to: 1_200 } });
  const chunks = [entry('imp1-chunk-2', 'EXPENSES_IMPORT_CHUNK_WRITTEN', 'imp1', 'c-imp'), entry('imp1-chunk-1', 'EXPENSES_IMPORT_CHUNK_WRITTEN', 'imp1', 'c-imp')];
  const undone = entry('undone-imp1', 'EXPENSES_IMPORT_UNDONE', 'imp1', 'c-undo', { count: { from: 1_200, to: 0 } });
  const undoChunk = entry('undo-x-chunk-1', 'EXPENSES_IMPORT_UNDO_CHUNK_WRITTEN', 'imp1', 'c-undo');

  it('folds an import\'s chunk entries into its "imported" entry, which offers the undo', () => {
    const { shown, units } = foldImportChunks([imported, ...chunks]);
    expect(shown.map((e) => e.id)).toEqual(['e-imp']);
    expect(units.get('e-imp')).toEqual({ importId: 'imp1', commits: 3, count: 1_200, undoable: true, undone: false });
  });

  it('folds the undo\'s chunks into its "undone" entry and marks the import undone', () => {
    const { shown, units } = foldImportChunks([undone, undoChunk, imported, ...chunks]);
    expect(shown.map((e) => e.id)).toEqual(['undone-imp1', 'e-imp']);
    expect(units.get('undone-imp1')).toEqual(jasmine.objectContaining({ commits: 2, count: 1_200, undoable: false }));
    expect(units.get('e-imp')).toEqual(jasmine.objectContaining({ undoable: false, undone: true }));
  });

  it('keeps chunk entries whose import is not on the page (running, rolled back, older page), and other entries as they are', () => {
    const other = { ...entry('x', 'EXPENSE_RECORDED', 'e1', 'c'), subject: { type: 'expense', id: 'e1' } };
    const rolledBack = entry('rollback-imp2', 'EXPENSES_IMPORT_ROLLED_BACK', 'imp2', 'c2');
    const orphan = entry('imp2-chunk-1', 'EXPENSES_IMPORT_CHUNK_WRITTEN', 'imp2', 'c2');
    const { shown, units } = foldImportChunks([other, rolledBack, orphan]);
    expect(shown).toEqual([other, rolledBack, orphan]);
    expect(units.size).toBe(0);
  });

  it('names each import by its file, from its own entries (an undo’s entries carry none)', () => {
    const named = { ...imported, changes: { fileName: { from: null, to: 'Chase1234_Activity.CSV' }, count: { from: null, to: 1_200 } } };
    const rolledBack = { ...entry('rollback-imp2', 'EXPENSES_IMPORT_ROLLED_BACK', 'imp2', 'c2'), changes: { fileName: { from: 'may.csv', to: null } } };
    const files = importFiles([undone, named, rolledBack, entry('other', 'EXPENSE_RECORDED', 'x', 'c')]);
    expect([...files]).toEqual([
      ['imp1', 'Chase1234_Activity.CSV'],
      ['imp2', 'may.csv'],
    ]);
  });
});

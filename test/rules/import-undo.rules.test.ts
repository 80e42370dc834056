// Undoing an import from a browser: its author or an admin removes (softly) every row it wrote,
// each commit with its own entry about the import; a failed undo puts the rows back. Nobody else
// can remove another's rows or log an undo that did not happen.
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { assertSucceeds } from '@firebase/rules-unit-testing';
import { Timestamp, deleteDoc, doc, getDoc, increment } from 'firebase/firestore';
import { importUndoChunkEntryId, importUndoRollbackEntryId, importUndoneEntryId } from '../../contracts/import-undo';
import { ADMIN, OTHER_STAFF, STAFF, STRANGER, assertRefused, commitWithEntry, dbOf, entryData, given, givenLedger, now, type Member, type Op } from './audited-writes';
import { useRulesEnvironment } from './rules-env';

const rules = useRulesEnvironment('demo-maestro-import-undo-rules');
const db = (who: Member) => dbOf(rules(), who);
const IMPORTED_AT = Timestamp.fromDate(new Date('2026-03-14T10:00:00Z'));

/** A row of `importId` as the import stored it. */
const row = (n: number, overrides: object = {}) => ({
  accountId: 'usd',
  categoryId: 'rent',
  amountMinor: 100 + n,
  currency: 'USD',
  date: '2026-03-14',
  month: '2026-03',
  payee: `Supplier ${n}`,
  note: '',
  tags: [],
  keywords: ['su'],
  deleted: false,
  createdBy: STAFF.uid,
  updatedBy: STAFF.uid,
  importId: 'imp1',
  createdAt: IMPORTED_AT,
  updatedAt: IMPORTED_AT,
  auditId: 'imp1-chunk-1',
  ...overrides,
});

beforeEach(async () => {
  await givenLedger(rules());
  await given(rules(), 'metadata/ledger', { version: 7, auditId: 'earlier' });
  for (const n of [1, 2, 3]) await given(rules(), `expenses/imp1-${n}`, row(n));
  await given(rules(), 'expenses/mine', row(9, { importId: null, auditId: 'e' }));
});

const removeRow = (path: string, who: Member): Op => ({ kind: 'update', path, data: { deleted: true, updatedBy: who.uid, updatedAt: now() } });
const bump: Op = { kind: 'set', path: 'metadata/ledger', data: { version: increment(1) }, merge: true };

/** The last (or only) commit of an undo: rows removed, "undone" entry, ledger bump naming it. */
function undo(who: Member, paths: string[], options: { importId?: string; withBump?: boolean; changes?: object } = {}) {
  const importId = options.importId ?? 'imp1';
  const id = importUndoneEntryId(importId);
  const ops = paths.map((path) => removeRow(path, who));
  if (options.withBump !== false) ops.push({ ...bump, data: { ...bump.data, auditId: id } } as Op);
  const changes = options.changes ?? { count: { from: paths.length, to: 0 } };
  return commitWithEntry(db(who), ops, { id, data: entryData(who, id, { type: 'import', id: importId }, 'EXPENSES_IMPORT_UNDONE', changes) });
}
/** An earlier commit of a large undo. */
function undoChunk(who: Member, paths: string[], undoEventId = 'u1', k = 1) {
  const id = importUndoChunkEntryId(undoEventId, k);
  return commitWithEntry(db(who), paths.map((path) => removeRow(path, who)), {
    id,
    data: entryData(who, id, { type: 'import', id: 'imp1' }, 'EXPENSES_IMPORT_UNDO_CHUNK_WRITTEN', { rows: { from: null, to: '1–2' } }),
  });
}
/** BatchOperation's rollback of that chunk: the rollback entry first, then each row's before-image. */
function rollBack(who: Member, rows: { path: string; data: object }[], undoEventId = 'u1', withEntry = true) {
  const id = importUndoRollbackEntryId(undoEventId);
  const ops: Op[] = rows.map(({ path, data }) => ({ kind: 'set', path, data: data as Record<string, unknown> }));
  const entry = { id, data: entryData(who, id, { type: 'import', id: 'imp1' }, 'EXPENSES_IMPORT_UNDO_ROLLED_BACK') };
  return commitWithEntry(db(who), ops, withEntry ? entry : undefined, { stamp: false });
}
const deletedFlag = async (path: string) => (await getDoc(doc(db(ADMIN), path))).get('deleted') as boolean;
const allRows = ['expenses/imp1-1', 'expenses/imp1-2', 'expenses/imp1-3'];

describe('undoing an import', () => {
  test('its author removes every row in one commit with the "undone" entry and the ledger bump', async () => {
    await assertSucceeds(undo(STAFF, allRows));
    for (const path of allRows) assert.equal(await deletedFlag(path), true);
  });
  test('an admin may undo a staff member\'s import', async () => {
    await assertSucceeds(undo(ADMIN, allRows));
  });
  test('a row edited since the import is removed with the others', async () => {
    await given(rules(), 'expenses/imp1-2', row(2, { note: 'fixed', updatedBy: ADMIN.uid, updatedAt: Timestamp.now(), auditId: 'edit-1' }));
    await assertSucceeds(undo(STAFF, allRows));
  });
  test('another staff member cannot remove the rows or log the undo', async () => {
    await assertRefused(undo(OTHER_STAFF, allRows), 'another staff member undoing');
    await assertRefused(undoChunk(OTHER_STAFF, ['expenses/imp1-1']), 'another staff member removing a chunk');
    await assertRefused(undo(STRANGER, allRows), 'a stranger with a Firebase account');
    assert.equal(await deletedFlag('expenses/imp1-1'), false);
  });
  test('no fake undo: the "undone" entry needs row 1 removed, the ledger bump, its own id, and comes once', async () => {
    await assertRefused(undo(STAFF, []), 'an "undone" entry that removes nothing');
    await assertRefused(undo(STAFF, allRows, { withBump: false }), 'without the ledger bump');
    const id = 'undone-imp2';
    await assertRefused(
      commitWithEntry(db(STAFF), [removeRow('expenses/imp1-1', STAFF)], { id, data: entryData(STAFF, id, { type: 'import', id: 'imp1' }, 'EXPENSES_IMPORT_UNDONE') }),
      'an "undone" entry under another import\'s id',
    );
    await assertSucceeds(undo(STAFF, allRows));
    await assertRefused(undo(STAFF, []), 'a second "undone" entry');
  });
  test('an undo changes the deleted flag and its stamps only, and only of that import\'s rows', async () => {
    const id = importUndoneEntryId('imp1');
    const entry = { id, data: entryData(STAFF, id, { type: 'import', id: 'imp1' }, 'EXPENSES_IMPORT_UNDONE') };
    const withBump: Op = { ...bump, data: { ...bump.data, auditId: id } } as Op;
    const sneak = (op: Op) => commitWithEntry(db(STAFF), [...allRows.map((p) => removeRow(p, STAFF)), op, withBump], entry);
    await assertRefused(sneak({ kind: 'update', path: 'expenses/mine', data: { deleted: true, updatedBy: STAFF.uid, updatedAt: now() } }), 'an expense of no import');
    await given(rules(), 'expenses/imp9-1', row(1, { importId: 'imp9' }));
    await assertRefused(sneak({ kind: 'update', path: 'expenses/imp9-1', data: { deleted: true, updatedBy: STAFF.uid, updatedAt: now() } }), 'a row of another import');
    await assertRefused(
      commitWithEntry(db(STAFF), [{ ...removeRow('expenses/imp1-1', STAFF), data: { deleted: true, amountMinor: 1, updatedBy: STAFF.uid, updatedAt: now() } }, ...allRows.slice(1).map((p) => removeRow(p, STAFF)), withBump], entry),
      'an amount changed on the way',
    );
  });
  test('malformed or oversized undo entries are refused', async () => {
    await assertRefused(undo(STAFF, allRows, { changes: { reason: { from: null, to: 'x' } } }), 'a change key an import does not have');
    await assertRefused(undo(STAFF, allRows, { changes: { count: { from: 'x'.repeat(501), to: 0 } } }), 'an oversized value');
    const id = `undo-${'u'.repeat(300)}-chunk-1`;
    await assertRefused(
      commitWithEntry(db(STAFF), [removeRow('expenses/imp1-1', STAFF)], { id, data: entryData(STAFF, id, { type: 'import', id: 'imp1' }, 'EXPENSES_IMPORT_UNDO_CHUNK_WRITTEN') }),
      'an entry id over 300 characters',
    );
  });
  test('no hard delete of an import\'s rows outside its own rollback, for anyone', async () => {
    await assertRefused(deleteDoc(doc(db(OTHER_STAFF), 'expenses/imp1-1')), 'another staff member deleting a row');
    await assertRefused(deleteDoc(doc(db(ADMIN), 'expenses/imp1-1')), 'an admin deleting a row outright');
  });
});

describe('rolling back a failed undo', () => {
  test('the member whose undo removed the rows puts them back as they were, with the rollback entry', async () => {
    await assertSucceeds(undoChunk(STAFF, ['expenses/imp1-1', 'expenses/imp1-2']));
    await assertSucceeds(rollBack(STAFF, [{ path: 'expenses/imp1-1', data: row(1) }, { path: 'expenses/imp1-2', data: row(2) }]));
    assert.equal(await deletedFlag('expenses/imp1-1'), false);
    const restored = (await getDoc(doc(db(ADMIN), 'expenses/imp1-2'))).data();
    assert.equal(restored?.['auditId'], 'imp1-chunk-1');
  });
  test('nobody else, and not without the rollback entry', async () => {
    await assertSucceeds(undoChunk(STAFF, ['expenses/imp1-1']));
    await assertRefused(rollBack(STAFF, [{ path: 'expenses/imp1-1', data: row(1) }], 'u1', false), 'without the rollback entry');
    await assertRefused(rollBack(OTHER_STAFF, [{ path: 'expenses/imp1-1', data: row(1) }]), 'another staff member');
    await assertRefused(rollBack(ADMIN, [{ path: 'expenses/imp1-1', data: row(1) }]), 'an admin whose undo it was not');
    await assertRefused(rollBack(STAFF, [{ path: 'expenses/imp1-1', data: row(1, { amountMinor: 1 }) }]), 'a "restore" that changes the amount');
  });
  test('a row deleted by hand (not by an undo) cannot be brought back through it', async () => {
    await given(rules(), 'expenses/imp1-3', row(3, { deleted: true, auditId: 'del-by-hand' }));
    await assertSucceeds(undoChunk(STAFF, ['expenses/imp1-1']));
    await assertRefused(rollBack(STAFF, [{ path: 'expenses/imp1-3', data: row(3) }]), 'a hand-deleted row');
  });
});

import type { ExpenseDraft } from '@maestro/contracts';
import type { BatchWrite } from '../../core/persistence/batch-write';
import { DEFAULT_CHUNK_BYTES, planChunks } from '../../core/persistence/batch-operation';
import { IMPORT_LOOKUPS_PER_CHUNK, closeImportChunkBefore, planImport } from './import-writes';

const planner = { planChunks, DEFAULT_CHUNK_BYTES };
const sentinels = { serverTimestamp: () => 'NOW' as never, increment: (n: number) => ({ inc: n }) as never };
const draft = (i: number, accounts = 3, categories = 2): ExpenseDraft => ({
  accountId: `a${i % accounts}`,
  categoryId: `c${i % categories}`,
  amountMinor: 100 + i,
  currency: 'USD',
  date: '2026-03-14',
  payee: `Supplier ${i}`,
  note: '',
  tags: [],
});
const request = (rows: ExpenseDraft[]) => ({
  importId: 'imp1',
  fileName: 'bank.csv',
  rows,
  eventId: 'ev-1',
  correlationId: 'corr-1',
  actor: { uid: 'staff-1', email: 'staff@maestro.test' },
});
const lookupsIn = (writes: readonly BatchWrite[]) =>
  new Set(
    writes.flatMap((w) => (w.kind === 'set' && (w.data as { accountId?: string }).accountId ? [`a/${(w.data as ExpenseDraft).accountId}`, `c/${(w.data as ExpenseDraft).categoryId}`] : [])),
  ).size;

describe('import chunks and the rules’ read limit', () => {
  const row = (accountId: string, categoryId = 'c'): BatchWrite => ({ kind: 'set', path: `expenses/x`, data: { accountId, categoryId } });

  it('keeps at most 18 accounts and categories together in a chunk, in order, however the rows interleave', () => {
    const writes = Array.from({ length: 1_000 }, (_, i) => row(`a${(i * 7) % 45}`, `c${i % 5}`));
    const chunks = planChunks(writes, 500, 3 * 1024 * 1024, 'refuse', closeImportChunkBefore);
    expect(chunks.every((c) => lookupsIn(c.writes) <= IMPORT_LOOKUPS_PER_CHUNK)).toBeTrue();
    expect(chunks.flatMap((c) => c.writes)).toEqual(writes);
    expect(chunks.some((c) => lookupsIn(c.writes) >= IMPORT_LOOKUPS_PER_CHUNK - 1)).toBeTrue();
  });

  it('does not split rows of a few accounts and categories below the write limit', () => {
    const writes = Array.from({ length: 1_200 }, (_, i) => row(`a${i % 3}`, `c${i % 6}`));
    expect(planChunks(writes, 500, 3 * 1024 * 1024, 'refuse', closeImportChunkBefore).map((c) => c.writes.length)).toEqual([500, 500, 200]);
  });
});

describe('planImport', () => {
  it('opens every chunk with its own activity entry, which each row of the chunk names', async () => {
    const plan = planImport(request(Array.from({ length: 1_200 }, (_, i) => draft(i))), sentinels, planner);
    const chunks = planChunks(plan.writes, plan.options.maxWritesPerChunk, plan.options.maxChunkBytes, 'refuse', plan.options.closeChunkBefore);
    expect(chunks.length).toBe(3);
    expect(plan.chunks).toEqual([
      { from: 1, to: 498 },
      { from: 499, to: 996 },
      { from: 997, to: 1_200 },
    ]);
    chunks.forEach((chunk, index) => {
      const [entry, ...rest] = chunk.writes;
      expect(entry?.path).toBe(index === 2 ? 'activity/ev-1' : `activity/imp1-chunk-${index + 1}`);
      const rows = rest.filter((w) => w.path.startsWith('expenses/'));
      expect(rows.length).toBe(plan.chunks[index]!.to - plan.chunks[index]!.from + 1);
      expect(rows.every((w) => w.kind === 'set' && (w.data as { auditId: string }).auditId === entry?.path.slice('activity/'.length))).toBeTrue();
    });
  });

  it('logs chunks as written and the last as the import, with the ledger bump in the last chunk only', async () => {
    const plan = planImport(request(Array.from({ length: 600 }, (_, i) => draft(i))), sentinels, planner);
    const entries = plan.writes.filter((w) => w.path.startsWith('activity/')).map((w) => (w.kind === 'set' ? (w.data as { action: string; subject: object }) : null));
    expect(entries.map((e) => e?.action)).toEqual(['EXPENSES_IMPORT_CHUNK_WRITTEN', 'EXPENSES_IMPORTED']);
    expect(entries.every((e) => JSON.stringify(e?.subject) === JSON.stringify({ type: 'import', id: 'imp1' }))).toBeTrue();
    const ledger = plan.writes.filter((w) => w.path === 'metadata/ledger');
    expect(ledger.length).toBe(1);
    expect(plan.writes.at(-1)).toEqual(jasmine.objectContaining({ path: 'metadata/ledger', data: { version: { inc: 1 }, auditId: 'ev-1' } }));
  });

  it('rolls back with its own entry first and leaves the log as written', async () => {
    const plan = planImport(request([draft(1)]), sentinels, planner);
    expect(plan.options.rollbackLead.map((w) => w.path)).toEqual(['activity/rollback-imp1']);
    expect(plan.options.keepOnRollback('activity/imp1-chunk-1')).toBeTrue();
    expect(plan.options.keepOnRollback('expenses/imp1-1')).toBeFalse();
  });

  it('splits by accounts and categories before the 20-read limit of the rules', async () => {
    const plan = planImport(request(Array.from({ length: 100 }, (_, i) => draft(i, 10, 10))), sentinels, planner);
    expect(plan.chunks.length).toBeGreaterThan(1);
    const chunks = planChunks(plan.writes, plan.options.maxWritesPerChunk, plan.options.maxChunkBytes, 'refuse', plan.options.closeChunkBefore);
    expect(chunks.every((c) => lookupsIn(c.writes) <= IMPORT_LOOKUPS_PER_CHUNK)).toBeTrue();
  });
});

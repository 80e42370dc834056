import type { BatchWrite } from '../../core/persistence/batch-write';
import { planChunks } from '../../core/persistence/batch-operation';
import { IMPORT_ACCOUNTS_PER_CHUNK, closeImportChunkBefore } from './import-writes';

describe('import chunks and the rules’ read limit', () => {
  const row = (accountId: string): BatchWrite => ({ kind: 'set', path: `expenses/x`, data: { accountId } });
  const accountsIn = (writes: readonly BatchWrite[]) =>
    new Set(writes.map((w) => (w.kind === 'set' ? (w.data as { accountId?: string }).accountId : undefined)).filter(Boolean)).size;

  it('keeps at most 16 accounts in a chunk, in order, however the rows interleave', () => {
    const writes = Array.from({ length: 1_000 }, (_, i) => row(`a${(i * 7) % 45}`));
    const chunks = planChunks(writes, 500, 3 * 1024 * 1024, 'refuse', closeImportChunkBefore);
    expect(chunks.every((c) => accountsIn(c.writes) <= IMPORT_ACCOUNTS_PER_CHUNK)).toBeTrue();
    expect(chunks.flatMap((c) => c.writes)).toEqual(writes);
    expect(chunks.some((c) => accountsIn(c.writes) === IMPORT_ACCOUNTS_PER_CHUNK)).toBeTrue();
  });

  it('does not split rows of a few accounts below the 500-write limit', () => {
    const writes = Array.from({ length: 1_200 }, (_, i) => row(`a${i % 3}`));
    expect(planChunks(writes, 500, 3 * 1024 * 1024, 'refuse', closeImportChunkBefore).map((c) => c.writes.length)).toEqual([500, 500, 200]);
  });

  it('lets writes without an account (the activity entry, the ledger bump) join any chunk', () => {
    const writes = [...Array.from({ length: 16 }, (_, i) => row(`a${i}`)), { kind: 'update', path: 'metadata/ledger', data: {} } as BatchWrite];
    expect(planChunks(writes, 500, 3 * 1024 * 1024, 'refuse', closeImportChunkBefore).length).toBe(1);
  });
});

import type { ExpenseDraft } from '@maestro/contracts';
import { deleteApp, type FirebaseApp } from 'firebase/app';
import {
  collection,
  doc,
  getDocFromServer,
  getDocsFromServer,
  increment,
  query,
  serverTimestamp,
  setDoc,
  where,
  writeBatch,
  type Firestore,
} from 'firebase/firestore';
import { createEmulatorApp, emulatorFirestore, ownerFirestore, signInAsDemo } from '../../../testing/emulator-app';
import { BatchOperation, DEFAULT_CHUNK_BYTES, planChunks, type CommitFn, type CommitInfo, type ReadFn } from '../../core/persistence/batch-operation';
import { BatchOperationError, type BatchProgress } from '../../core/persistence/batch-write';
import { IMPORT_COMMITS_IN_FLIGHT, importRowPath, planImport, type ImportPlan } from './import-writes';

// The import's plan through BatchOperation against the Firestore and Auth emulators and the real
// rules, signed in as the demo staff member: what is read, what is in flight, what a rollback removes.
describe('planImport through BatchOperation (emulator, real rules)', () => {
  // Seven chunks of at most 100 writes: six of 98 rows and their entry, then 12 rows with "imported"
  // and the ledger bump (the app's chunks hold 498 rows; smaller ones keep the specs quick).
  const ROWS = 600;
  const CHUNK_WRITES = 100;
  const run = `plan${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  let app: FirebaseApp;
  let db: Firestore;
  let uid: string;
  let email: string | null;

  beforeAll(async () => {
    const created = createEmulatorApp('import-plan-spec');
    app = created.app;
    const user = await signInAsDemo(created.auth, 'staff@maestro.test');
    uid = user.uid;
    email = user.email;
    db = emulatorFirestore(app);
  });

  afterAll(async () => {
    await deleteApp(app);
  });

  const drafts = (count: number): ExpenseDraft[] =>
    Array.from({ length: count }, (_, i) => ({
      accountId: ['cash-register', 'business-checking'][i % 2]!,
      categoryId: 'produce',
      amountMinor: 100 + i,
      currency: 'USD',
      date: `2019-0${1 + (i % 9)}-1${i % 10}`,
      payee: `Plan ${run} ${i}`,
      note: '',
      tags: ['spec'],
    }));
  const plan = (importId: string): ImportPlan =>
    planImport(
      { importId, fileName: 'plan.csv', rows: drafts(ROWS), eventId: `${importId}-done`, correlationId: importId, actor: { uid, email } },
      { serverTimestamp, increment },
      { planChunks, DEFAULT_CHUNK_BYTES },
      CHUNK_WRITES,
    );
  const rowsOf = async (importId: string) => (await getDocsFromServer(query(collection(db, 'expenses'), where('importId', '==', importId)))).docs;
  /** Clean-up as the emulator's owner: no client may hard-delete rows outside a rollback. */
  async function removeRows(importId: string) {
    const owner = ownerFirestore();
    const docs = await getDocsFromServer(query(collection(owner, 'expenses'), where('importId', '==', importId)));
    for (let i = 0; i < docs.docs.length; i += 500) {
      const batch = writeBatch(owner);
      docs.docs.slice(i, i + 500).forEach((d) => batch.delete(d.ref));
      await batch.commit();
    }
  }

  /** Records every before-image read and how many commits were in flight when each was sent. */
  function instrumented() {
    const reads: string[] = [];
    const sent: { info: CommitInfo; inFlight: number }[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const read: ReadFn = (firestore, path) => {
      reads.push(path);
      return getDocFromServer(doc(firestore, path));
    };
    const commit: CommitFn = async (batch, info) => {
      sent.push({ info, inFlight });
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      try {
        await batch.commit();
      } finally {
        inFlight--;
      }
    };
    return { operation: new BatchOperation(db, { read, commit }), reads, sent, maxInFlight: () => maxInFlight };
  }
  const committing = (progress: BatchProgress[]) => progress.filter((p) => p.phase === 'committing');
  const failure = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => null,
      (e: unknown) => e,
    );
    if (!(error instanceof BatchOperationError)) throw new Error(`expected a BatchOperationError, got ${String(error)}`);
    return error;
  };

  it('creates every row without reading it first, a bounded number of chunks in flight, the last alone, progress in order', async () => {
    const importId = `${run}-ok`;
    const { operation, reads, sent, maxInFlight } = instrumented();
    const progress: BatchProgress[] = [];
    const { writes, options, chunks } = plan(importId);
    try {
      const result = await operation.commit(writes, { ...options, onProgress: (p) => progress.push(p) });

      expect(result.chunks).toBe(7);
      expect(chunks.length).toBe(7);
      // The only before-image: the ledger, which the last chunk bumps (read while the rows commit).
      expect(reads).toEqual(['metadata/ledger']);
      expect(maxInFlight()).toBe(IMPORT_COMMITS_IN_FLIGHT);
      expect(sent.every((s) => s.inFlight < IMPORT_COMMITS_IN_FLIGHT)).toBeTrue();
      expect(sent.map((s) => s.info.chunk)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(sent.at(-1)?.inFlight).withContext('"imported" and the ledger bump go alone, after every other chunk').toBe(0);
      const done = committing(progress).map((p) => p.chunksDone);
      expect(done).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      const written = committing(progress).map((p) => p.writesDone);
      expect(written).toEqual([...written].sort((a, b) => a - b));
      expect(new Set(written).size).toBe(written.length);
      expect((await rowsOf(importId)).length).toBe(ROWS);
      expect((await getDocFromServer(doc(db, 'metadata/ledger'))).get('auditId')).toBeDefined();
    } finally {
      await removeRows(importId);
    }
  }, 120_000);

  for (const inFlight of [IMPORT_COMMITS_IN_FLIGHT, 3]) it(`refuses a whole chunk whose row already exists (the create precondition) and rolls back every chunk, leaving that row as it was (${inFlight} in flight)`, async () => {
    const importId = `${run}-clash${inFlight}`;
    // A document already where row 200 (chunk 3) would go: the import must neither overwrite it
    // nor, rolling back, delete it.
    const clash = importRowPath(importId, 200);
    const existing = { note: 'was here first', importId: `${run}-older`, createdBy: uid, amountMinor: 1 };
    await setDoc(doc(ownerFirestore(), clash), existing);
    const { operation, reads } = instrumented();
    const progress: BatchProgress[] = [];
    try {
      const { writes, options } = plan(importId);
      // With 3 in flight, chunks 4 and 5 are sent behind chunk 3: the SDK sends them again after
      // chunk 3 is refused, and the emulator may have applied them already (their resent creates
      // then refused): each chunk's entry, its witness, says whether it landed.
      const error = await failure(operation.commit(writes, { ...options, commitConcurrency: inFlight, onProgress: (p) => progress.push(p) }));

      expect(error.reason).toBe('commit-failed');
      expect(error.code).toBe('permission-denied');
      expect(error.chunk).toBe(3);
      expect(error.chunksCommitted).toBe(2);
      expect(error.rollback.status).toBe('complete');
      // Chunks 1 and 2, and those already in flight behind chunk 3 (4, maybe 5), were removed, row by row.
      const restored = (error.rollback as { restored: number }).restored;
      expect(inFlight === 1 ? [196] : [196, 294, 392]).toContain(restored);
      expect(reads).not.toContain(clash);
      expect(reads.filter((path) => path.startsWith('expenses/'))).toEqual([]);
      expect(committing(progress).map((p) => p.chunksDone)).toEqual([0, 1, 2]);
      expect((await rowsOf(importId)).length).toBe(0);
      expect((await getDocFromServer(doc(ownerFirestore(), clash))).data()).toEqual(existing);
      expect((await getDocFromServer(doc(ownerFirestore(), `activity/rollback-${importId}`))).get('action')).toBe('EXPENSES_IMPORT_ROLLED_BACK');
      expect((await getDocFromServer(doc(ownerFirestore(), `activity/${importId}-done`))).exists()).withContext('never "imported"').toBeFalse();
    } finally {
      await removeRows(importId);
      await removeRows(`${run}-older`);
    }
  }, 120_000);

  it('removes exactly the rows written, those in flight included, when cancelled midway', async () => {
    const importId = `${run}-cancel`;
    const controller = new AbortController();
    const { operation, reads } = instrumented();
    const progress: BatchProgress[] = [];
    const onProgress = (p: BatchProgress) => {
      progress.push(p);
      if (p.phase === 'committing' && p.chunksDone === 2) controller.abort();
    };
    try {
      const { writes, options, chunks } = plan(importId);
      const error = await failure(operation.commit(writes, { ...options, commitConcurrency: IMPORT_COMMITS_IN_FLIGHT, signal: controller.signal, onProgress }));

      expect(error.reason).toBe('cancelled');
      expect(error.rollback.status).toBe('complete');
      // Every chunk acknowledged (2, plus those in flight at the cancel) is removed: its rows exactly.
      const committed = error.chunksCommitted;
      expect(committed).toBeGreaterThanOrEqual(2);
      expect(committed).toBeLessThan(chunks.length);
      expect((error.rollback as { restored: number }).restored).toBe(chunks[committed - 1]!.to);
      expect(reads.filter((path) => path.startsWith('expenses/'))).toEqual([]);
      expect((await rowsOf(importId)).length).toBe(0);
      const done = committing(progress).map((p) => p.chunksDone);
      expect(done).toEqual([...done].sort((a, b) => a - b));
    } finally {
      await removeRows(importId);
    }
  }, 120_000);
});

import { TestBed } from '@angular/core/testing';
import { deleteApp, type FirebaseApp } from 'firebase/app';
import {
  Timestamp,
  collection,
  doc,
  getDocFromServer,
  getDocsFromServer,
  increment,
  query,
  serverTimestamp,
  where,
  writeBatch,
  type DocumentData,
  type Firestore,
} from 'firebase/firestore';
import { lastValueFrom, toArray } from 'rxjs';
import { playgroundFirestore } from '../../../testing/emulator-app';
import { FirestoreLoader } from '../firebase/firestore-loader';
import { BatchOperation, planChunks, type CommitFn, type CommitInfo, type ReadFn } from './batch-operation';
import { estimateWriteBytes } from './write-size';
import { BatchOperationService } from './batch-operation-service';
import {
  BatchOperationError,
  type BatchClock,
  type BatchProgress,
  type BatchWrite,
} from './batch-write';

// Against the real Firestore emulator, in a project of its own whose rules (below) are the old,
// simple rules of a record: the rules decide like in production, but the product's data model can
// evolve without touching these specs. The only fake is a lost commit acknowledgement, which the
// emulator cannot produce on demand.

const PROJECT = 'demo-maestro-batch';
const STAFF = 'batch-staff';
const ADMIN = 'batch-admin';
const RULES = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /records/{id} {
      function valid(data) {
        return data.amountMinor is int && data.amountMinor > 0
          && data.currency is string && data.currency.matches('^[A-Z]{3}$');
      }
      allow read: if request.auth != null;
      allow create: if request.auth != null && valid(request.resource.data)
        && request.resource.data.createdBy == request.auth.uid;
      allow update: if request.auth != null && valid(request.resource.data)
        && request.resource.data.createdBy == resource.data.createdBy;
      allow delete: if request.auth != null;
    }
  }
}`;

/** Timers fire only when the test advances the clock. */
class ManualClock implements BatchClock {
  private time = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();
  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): number {
    this.timers.set(this.nextId, { at: this.time + ms, callback });
    return this.nextId++;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  advance(ms: number): void {
    this.time += ms;
    for (const [id, timer] of [...this.timers]) {
      if (timer.at > this.time) continue;
      this.timers.delete(id);
      timer.callback();
    }
  }
}

const RUN = `batch-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

describe('BatchOperation (Firestore emulator)', () => {
  let app: FirebaseApp;
  let db: Firestore;
  let uid: string;
  let ops: BatchOperation;
  let tag: string;

  beforeAll(async () => {
    ({ app, db } = await playgroundFirestore(PROJECT, RULES, STAFF));
    uid = STAFF;
  });

  afterAll(async () => {
    const left = await getDocsFromServer(
      query(collection(db, 'records'), where('run', '==', RUN)),
    );
    for (let i = 0; i < left.docs.length; i += 500) {
      const batch = writeBatch(db);
      for (const snapshot of left.docs.slice(i, i + 500)) batch.delete(snapshot.ref);
      await batch.commit();
    }
    await deleteApp(app);
  }, 30_000);

  beforeEach(() => {
    ops = new BatchOperation(db);
    tag = `${RUN}-${Math.random().toString(36).slice(2, 8)}`;
  });

  const path = (name: string | number) => `records/${tag}-${name}`;
  const expense = (n: number, extra: DocumentData = {}): DocumentData => ({
    amountMinor: 100 + n,
    currency: 'EUR',
    createdBy: uid,
    run: RUN,
    tag,
    n,
    ...extra,
  });
  const newExpenses = (from: number, count: number): BatchWrite[] =>
    Array.from({ length: count }, (_, i) => ({
      kind: 'set',
      path: path(`new-${from + i}`),
      data: expense(from + i),
    }));

  /** Writes documents directly (not through the code under test). */
  async function given(docs: Record<string, DocumentData>): Promise<void> {
    const batch = writeBatch(db);
    for (const [p, data] of Object.entries(docs)) batch.set(doc(db, p), data);
    await batch.commit();
  }

  /** Every document of this test that exists now, by path. */
  async function state(): Promise<Record<string, DocumentData>> {
    const snapshot = await getDocsFromServer(
      query(collection(db, 'records'), where('tag', '==', tag)),
    );
    return Object.fromEntries(snapshot.docs.map((d) => [d.ref.path, d.data()]));
  }

  async function failure(work: Promise<unknown>): Promise<BatchOperationError> {
    const error = await work.then(
      () => null,
      (e: unknown) => e,
    );
    if (!(error instanceof BatchOperationError))
      throw new Error(`expected a BatchOperationError, got ${String(error)}`);
    return error;
  }

  /** Pre-existing documents p0..p(n-1). */
  async function preExisting(count: number): Promise<Record<string, DocumentData>> {
    const docs: Record<string, DocumentData> = {};
    for (let i = 0; i < count; i++)
      docs[path(`p${i}`)] = expense(1000 + i, { note: 'before', tags: ['a', 'b'] });
    await given(docs);
    return docs;
  }

  it('commits 1,200 writes in three chunks and reports each chunk', async () => {
    const writes = newExpenses(0, 1200);
    const progress = await lastValueFrom(ops.execute(writes).pipe(toArray()));

    const committing = progress.filter((p) => p.phase === 'committing').map((p) => p.chunksDone);
    expect(committing).toEqual([0, 1, 2, 3]);
    expect(progress.map((p) => p.phase)).toEqual([
      'reading',
      'committing',
      'committing',
      'committing',
      'committing',
      'done',
    ]);
    expect(progress.at(-1)).toEqual(
      jasmine.objectContaining({
        phase: 'done',
        chunksDone: 3,
        chunksTotal: 3,
        writesDone: 1200,
        writesTotal: 1200,
      }),
    );
    const after = await state();
    expect(Object.keys(after).length).toBe(1200);
    for (const write of writes)
      expect(after[write.path])
        .withContext(write.path)
        .toEqual((write as { data: DocumentData }).data);
  }, 40_000);

  // Chunks of 20 writes: the rollback is the same at any size, and the default (Firestore's 500)
  // is held by the spec above; 1,000 writes here cost the suite half a minute.
  it('leaves every document exactly as before when chunk 3 is refused by the rules', async () => {
    const before = await preExisting(30);
    const p = (i: number) => path(`p${i}`);
    const writes: BatchWrite[] = [
      // chunk 1: updates with sentinels, deletes, creates
      ...[0, 1, 2, 3, 4].map((i): BatchWrite => ({
        kind: 'update',
        path: p(i),
        data: { amountMinor: increment(7), note: 'after', at: serverTimestamp() },
      })),
      ...[5, 6, 7, 8, 9].map((i): BatchWrite => ({ kind: 'delete', path: p(i) })),
      ...newExpenses(0, 10),
      // chunk 2: overwrite, merge, the same document twice, creates
      ...[10, 11, 12, 13, 14].map((i): BatchWrite => ({
        kind: 'set',
        path: p(i),
        data: expense(i, { note: 'overwritten' }),
      })),
      ...[15, 16, 17, 18, 19].map((i): BatchWrite => ({
        kind: 'set',
        path: p(i),
        data: { note: 'merged', extra: 1 },
        merge: true,
      })),
      { kind: 'delete', path: p(0) },
      ...newExpenses(10, 9),
      // chunk 3: the rules refuse a non-integer amount, so the whole chunk fails
      ...[20, 21, 22].map((i): BatchWrite => ({ kind: 'delete', path: p(i) })),
      ...newExpenses(19, 10),
      { kind: 'set', path: path('bad'), data: expense(0, { amountMinor: 'bad' }) },
    ];
    const progress: BatchProgress[] = [];

    const error = await failure(ops.commit(writes, { maxWritesPerChunk: 20, onProgress: (e) => progress.push(e) }));

    expect(error.reason).toBe('commit-failed');
    expect(error.chunk).toBe(3);
    expect(error.chunksTotal).toBe(3);
    expect(error.chunksCommitted).toBe(2);
    expect(error.code).toBe('permission-denied');
    expect(error.message).toContain('chunk 3 of 3');
    expect(error.message).toContain('permission-denied');
    // 40 writes committed, on 39 documents (p0 twice).
    expect(error.rollback).toEqual({ status: 'complete', restored: 39 });
    expect(error.documentsUnchanged).toBeTrue();
    expect(progress.some((e) => e.phase === 'rolling-back')).toBeTrue();
    expect(progress.at(-1)?.phase).toBe('failed');
    expect(await state()).toEqual(before);
  }, 40_000);

  it('splits large documents by size and commits them all', async () => {
    const blob = 'x'.repeat(900_000);
    const writes = Array.from({ length: 10 }, (_, i): BatchWrite => ({
      kind: 'set',
      path: path(i),
      data: expense(i, { blob }),
    }));

    const result = await ops.commit(writes);

    expect(result.chunks).toBe(4); // 3 MiB budget: three ~900 kB documents a commit
    const lengths = await Promise.all(
      writes.map(async (w) => (await getDocFromServer(doc(db, w.path))).get('blob')?.length),
    );
    expect(lengths).toEqual(writes.map(() => 900_000));
    await ops.commit(writes.map((w) => ({ kind: 'delete', path: w.path })));
  }, 40_000);

  it('counts the characters the browser transport escapes, so such a chunk does not stall', async () => {
    // 700,000 control characters: 0.7 MB of protobuf but 5.6 MB of URL-encoded JSON on WebChannel,
    // which the emulator takes up to ~16 MiB a commit. Counted by UTF-8 bytes only, four of these
    // would share one commit and the SDK would retry it forever.
    const blob = '\u0001'.repeat(700_000);
    const writes = Array.from({ length: 4 }, (_, i): BatchWrite => ({
      kind: 'set',
      path: path(i),
      data: expense(i, { blob }),
    }));

    const result = await ops.commit(writes, { timeoutMs: 15_000 });

    expect(result.chunks).toBe(2);
    expect((await getDocFromServer(doc(db, path(3)))).get('blob')).toBe(blob);
    await ops.commit(writes.map((w) => ({ kind: 'delete', path: w.path })));
  }, 40_000);

  it('refuses a write larger than a commit may be, before writing anything', async () => {
    const writes: BatchWrite[] = [
      ...newExpenses(0, 3),
      {
        kind: 'set',
        path: path('huge'),
        data: expense(9, { blob: 'x'.repeat(3.5 * 1024 * 1024) }),
      },
    ];
    const progress: BatchProgress[] = [];

    const error = await failure(ops.commit(writes, { onProgress: (e) => progress.push(e) }));

    expect(error.reason).toBe('write-too-large');
    expect(error.path).toBe(path('huge'));
    expect(error.rollback).toEqual({ status: 'not-needed' });
    expect(error.message).toContain('nothing was written');
    expect(progress.map((e) => e.phase)).toEqual(['failed']);
    expect(await state()).toEqual({});
  });

  it('refuses an invalid write before writing anything', async () => {
    const writes: BatchWrite[] = [
      ...newExpenses(0, 600),
      { kind: 'set', path: 'expenses', data: {} },
    ];
    const error = await failure(ops.commit(writes));
    expect(error.reason).toBe('invalid-write');
    expect(error.chunk).toBe(2);
    expect(error.path).toBe('expenses');
    expect(await state()).toEqual({});
  });

  for (const [label, maxWritesPerChunk] of [
    ['one chunk', 500],
    ['several chunks', 1],
  ] as const) {
    it(`applies serverTimestamp() and increment() inside a batch (${label})`, async () => {
      await given({ [path('counter')]: expense(0, { amountMinor: 10 }) });
      const result = await ops.commit(
        [
          {
            kind: 'update',
            path: path('counter'),
            data: { amountMinor: increment(5), updatedAt: serverTimestamp() },
          },
          {
            kind: 'set',
            path: path('new'),
            data: expense(1, { createdAt: serverTimestamp(), amountMinor: increment(3) }),
          },
          { kind: 'set', path: path('counter'), data: { amountMinor: increment(2) }, merge: true },
        ],
        { maxWritesPerChunk },
      );
      expect(result.chunks).toBe(maxWritesPerChunk === 1 ? 3 : 1);
      const after = await state();
      expect(after[path('counter')]['amountMinor']).toBe(17);
      expect(after[path('counter')]['updatedAt']).toEqual(jasmine.any(Timestamp));
      expect(after[path('new')]['amountMinor']).toBe(3);
      expect(after[path('new')]['createdAt']).toEqual(jasmine.any(Timestamp));
    });
  }

  const threeChunks = (): BatchWrite[] => [
    { kind: 'update', path: path('p0'), data: { note: 'after' } },
    { kind: 'delete', path: path('p1') },
    ...newExpenses(0, 58),
  ];

  it('rolls back the committed chunks when cancelled midway', async () => {
    const before = await preExisting(2);
    const controller = new AbortController();
    const onProgress = (e: BatchProgress) => {
      if (e.phase === 'committing' && e.chunksDone === 1) controller.abort();
    };

    const error = await failure(
      ops.commit(threeChunks(), { maxWritesPerChunk: 20, signal: controller.signal, onProgress }),
    );

    expect(error.reason).toBe('cancelled');
    expect(error.chunk).toBe(2);
    expect(error.chunksCommitted).toBe(1);
    expect(error.rollback).toEqual({ status: 'complete', restored: 20 });
    expect(await state()).toEqual(before);
  });

  it('rolls back when the subscriber unsubscribes midway', async () => {
    const before = await preExisting(2);
    const seen: BatchProgress[] = [];
    const subscription = ops.execute(threeChunks(), { maxWritesPerChunk: 20 }).subscribe({
      next: (e) => {
        seen.push(e);
        if (e.phase === 'committing' && e.chunksDone === 2) subscription.unsubscribe();
      },
    });

    await ops.idle();

    expect(seen.at(-1)?.chunksDone).toBe(2);
    expect(await state()).toEqual(before);
  });

  it('counts a commit that does not answer in time as failed and rolls it back too', async () => {
    const before = await preExisting(2);
    const clock = new ManualClock();
    // Chunk 2 reaches Firestore, but its acknowledgement is "lost": the timeout must fire, and the
    // rollback must also undo chunk 2, which lands before the restores do.
    const commit: CommitFn = (batch, info) => {
      if (info.phase === 'rollback' || info.chunk !== 2) return batch.commit();
      void batch.commit();
      setTimeout(() => clock.advance(30_000));
      return new Promise(() => undefined);
    };
    ops = new BatchOperation(db, { clock, commit });

    const error = await failure(ops.commit(threeChunks(), { maxWritesPerChunk: 20 }));

    expect(error.reason).toBe('commit-timeout');
    expect(error.chunk).toBe(2);
    expect(error.chunksCommitted).toBe(1);
    expect(error.code).toBe('deadline-exceeded');
    expect(error.rollback).toEqual({ status: 'complete', restored: 40 });
    expect(await state()).toEqual(before);
  });

  it('names exactly the documents a failed rollback could not restore', async () => {
    // A document recorded by the admin: staff may delete it, but the rules do not let staff
    // create a document in someone else's name, so the rollback cannot bring it back.
    const { app: adminApp, db: adminDb } = await playgroundFirestore(PROJECT, RULES, ADMIN);
    try {
      const batch = writeBatch(adminDb);
      batch.set(doc(adminDb, path('admins')), expense(1, { createdBy: ADMIN }));
      await batch.commit();
    } finally {
      await deleteApp(adminApp);
    }
    const before = await preExisting(1);
    const writes: BatchWrite[] = [
      { kind: 'delete', path: path('admins') },
      { kind: 'update', path: path('p0'), data: { note: 'after' } },
      ...newExpenses(0, 3),
      { kind: 'set', path: path('bad'), data: expense(0, { currency: 'euro' }) },
    ];

    const error = await failure(ops.commit(writes, { maxWritesPerChunk: 3 }));

    expect(error.chunk).toBe(2);
    expect(error.documentsUnchanged).toBeFalse();
    expect(error.rollback.status).toBe('incomplete');
    const rollback = error.rollback as Extract<
      BatchOperationError['rollback'],
      { status: 'incomplete' }
    >;
    expect(rollback.unrestored.map((u) => u.path)).toEqual([path('admins')]);
    expect(rollback.unrestored.map((u) => (u.cause as { code?: string }).code)).toEqual([
      'permission-denied',
    ]);
    expect(rollback.restored).toBe(2);
    expect(error.message).toContain(
      `ROLLBACK INCOMPLETE: 1 document could not be restored: ${path('admins')}`,
    );
    expect(await state()).toEqual(before); // all but the admin's document, which stays deleted
  });

  /** A BatchOperation that records the before-images it reads and how many commits are in flight. */
  function instrumented(hold?: (info: CommitInfo) => Promise<void> | undefined) {
    const reads: string[] = [];
    const sent: { info: CommitInfo; inFlight: number }[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const read: ReadFn = (firestore, p) => {
      reads.push(p);
      return getDocFromServer(doc(firestore, p));
    };
    const commit: CommitFn = async (batch, info) => {
      sent.push({ info, inFlight });
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      try {
        await hold?.(info);
        await batch.commit();
      } finally {
        inFlight--;
      }
    };
    return { operation: new BatchOperation(db, { read, commit }), reads, sent, maxInFlight: () => maxInFlight };
  }
  const isNew = (write: BatchWrite) => write.path.includes('-new-');

  it('reads no before-image of a document it creates, and its rollback deletes exactly those', async () => {
    const before = await preExisting(4);
    const writes: BatchWrite[] = [
      { kind: 'update', path: path('p0'), data: { note: 'after' } },
      ...newExpenses(0, 50),
      { kind: 'delete', path: path('p1') },
      ...newExpenses(50, 50),
      { kind: 'set', path: path('p2'), data: expense(2, { note: 'overwritten' }) },
      ...newExpenses(100, 30),
      { kind: 'set', path: path('bad'), data: expense(0, { amountMinor: 'bad' }) },
    ];
    const { operation, reads } = instrumented();

    const error = await failure(operation.commit(writes, { maxWritesPerChunk: 40, createsNew: isNew, commitConcurrency: 2 }));

    expect(reads.sort()).toEqual([path('bad'), path('p0'), path('p1'), path('p2')].sort());
    expect(error.reason).toBe('commit-failed');
    expect(error.chunk).toBe(4);
    // Chunks 1–3 committed (40 writes each): 117 created documents deleted, p0–p2 restored.
    expect(error.rollback).toEqual({ status: 'complete', restored: 120 });
    expect(await state()).toEqual(before);
  });

  it('keeps at most commitConcurrency chunks in flight, sends the last alone, reports in order', async () => {
    const { operation, sent, maxInFlight } = instrumented();
    const progress: BatchProgress[] = [];

    await operation.commit(newExpenses(0, 200), { maxWritesPerChunk: 20, createsNew: isNew, commitConcurrency: 3, onProgress: (e) => progress.push(e) });

    expect(sent.length).toBe(10);
    expect(maxInFlight()).toBe(3);
    expect(sent.every((s) => s.inFlight < 3)).toBeTrue();
    expect(sent.map((s) => s.info.chunk)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(sent.at(-1)?.inFlight).withContext('the last chunk goes alone').toBe(0);
    const committed = progress.filter((e) => e.phase === 'committing').map((e) => e.chunksDone);
    expect(committed).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(progress.filter((e) => e.phase === 'committing').map((e) => e.writesDone)).toEqual(committed.map((n) => n * 20));
    expect(Object.keys(await state()).length).toBe(200);
  });

  it('rolls back every chunk, those that committed after the failed one included, when one fails with others in flight', async () => {
    const before = await preExisting(2);
    // Chunk 3 (of 6) is refused; chunks 4 and 5 are already sent and commit. Chunk 3 is held until
    // chunk 5 is sent, so the failure surely comes with later chunks in flight.
    let releaseThird!: () => void;
    const third = new Promise<void>((resolve) => (releaseThird = resolve));
    const { operation, sent, maxInFlight } = instrumented((info) => {
      if (info.phase === 'commit' && info.chunk === 5) releaseThird();
      return info.phase === 'commit' && info.chunk === 3 ? third : undefined;
    });
    const writes: BatchWrite[] = [
      { kind: 'update', path: path('p0'), data: { note: 'after' } },
      ...newExpenses(0, 49),
      ...newExpenses(49, 50),
      { kind: 'set', path: path('bad'), data: expense(0, { amountMinor: 'bad' }) },
      { kind: 'delete', path: path('p1') },
      ...newExpenses(99, 48),
      ...newExpenses(147, 50),
      ...newExpenses(197, 50),
      ...newExpenses(247, 50),
    ];
    const progress: BatchProgress[] = [];

    const error = await failure(
      operation.commit(writes, { maxWritesPerChunk: 50, createsNew: isNew, commitConcurrency: 3, onProgress: (e) => progress.push(e) }),
    );

    expect(maxInFlight()).toBe(3);
    expect(sent.filter((s) => s.info.phase === 'commit').map((s) => s.info.chunk)).toEqual([1, 2, 3, 4, 5]);
    expect(error.reason).toBe('commit-failed');
    expect(error.chunk).toBe(3);
    expect(error.chunksCommitted).toBe(2);
    // Chunks 1, 2, 4 and 5 committed: 200 documents, all restored (chunk 6, the last, never sent).
    expect(error.rollback).toEqual({ status: 'complete', restored: 200 });
    const committed = progress.filter((e) => e.phase === 'committing').map((e) => e.chunksDone);
    expect(committed).toEqual([0, 1, 2]);
    expect(await state()).toEqual(before);
  });

  /**
   * The SDK's resend, which the emulator produces only by chance: when a commit is refused, the
   * SDK sends the commits queued behind it again, and one that landed on the first send can be
   * refused on the second. Here the listed chunks land and are then reported refused.
   */
  function landingButRefused(chunksThatLand: readonly number[]) {
    const sent: number[] = [];
    const commit: CommitFn = async (batch, info) => {
      if (info.phase === 'commit') sent.push(info.chunk);
      await batch.commit();
      if (info.phase === 'commit' && chunksThatLand.includes(info.chunk))
        throw Object.assign(new Error('resent after an earlier refusal: the create is now an update'), { code: 'permission-denied' });
    };
    return { operation: new BatchOperation(db, { commit }), sent };
  }
  /** Each chunk's first write: created by that chunk alone. */
  const firstWrite = (chunk: readonly BatchWrite[]) => chunk[0]?.path;

  it('rolls back a chunk reported refused behind a refused one when its witness shows it landed', async () => {
    const before = await preExisting(1);
    // Chunk 2 is refused (bad data); chunk 3, in flight behind it, lands and is reported refused.
    // (Chunk 5, the last, is never sent.)
    const { operation, sent } = landingButRefused([3]);
    const writes: BatchWrite[] = [
      ...newExpenses(0, 20),
      { kind: 'set', path: path('bad'), data: expense(0, { amountMinor: 'bad' }) },
      ...newExpenses(20, 19),
      ...newExpenses(39, 20),
      ...newExpenses(59, 20),
      { kind: 'delete', path: path('p0') },
    ];

    const error = await failure(
      operation.commit(writes, { maxWritesPerChunk: 20, createsNew: isNew, commitConcurrency: 3, witness: firstWrite }),
    );

    // Chunk 4 goes once chunk 1 is acknowledged, before chunk 2's refusal is taken in (in order).
    expect(sent).toEqual([1, 2, 3, 4]);
    expect(error.reason).toBe('commit-failed');
    expect(error.chunk).toBe(2);
    // Chunks 1, 3 and 4 landed: their 60 documents are deleted; chunk 2 (refused) wrote nothing.
    expect(error.rollback).toEqual({ status: 'complete', restored: 60 });
    expect(await state()).toEqual(before);
  });

  it('without a witness, leaves such a chunk behind (why commitConcurrency > 1 needs one)', async () => {
    const { operation } = landingButRefused([3]);
    const writes: BatchWrite[] = [
      ...newExpenses(0, 20),
      { kind: 'set', path: path('bad'), data: expense(0, { amountMinor: 'bad' }) },
      ...newExpenses(20, 19),
      ...newExpenses(39, 20),
      ...newExpenses(59, 1),
    ];

    const error = await failure(operation.commit(writes, { maxWritesPerChunk: 20, createsNew: isNew, commitConcurrency: 3 }));

    expect(error.rollback).toEqual({ status: 'complete', restored: 20 });
    expect(Object.keys(await state()).length).withContext("chunk 3's rows, reported refused, stay").toBe(20);
  });

  it('counts a chunk reported refused whose witness exists as committed, and goes on', async () => {
    const { operation, sent } = landingButRefused([2]);
    const progress: BatchProgress[] = [];

    const result = await operation.commit(newExpenses(0, 60), {
      maxWritesPerChunk: 20,
      createsNew: isNew,
      commitConcurrency: 2,
      witness: firstWrite,
      onProgress: (e) => progress.push(e),
    });

    expect(result.chunks).toBe(3);
    expect(sent).toEqual([1, 2, 3]);
    expect(progress.filter((e) => e.phase === 'committing').map((e) => e.chunksDone)).toEqual([0, 1, 2, 3]);
    expect(Object.keys(await state()).length).toBe(60);
  });

  it('rolls back the chunks in flight too when cancelled', async () => {
    const before = await preExisting(1);
    const controller = new AbortController();
    const { operation } = instrumented();
    const onProgress = (e: BatchProgress) => {
      if (e.phase === 'committing' && e.chunksDone === 1) controller.abort();
    };

    const error = await failure(
      operation.commit([{ kind: 'delete', path: path('p0') }, ...newExpenses(0, 199)], {
        maxWritesPerChunk: 20,
        createsNew: isNew,
        commitConcurrency: 4,
        signal: controller.signal,
        onProgress,
      }),
    );

    expect(error.reason).toBe('cancelled');
    expect(error.chunksCommitted).toBeGreaterThanOrEqual(1);
    expect(error.rollback.status).toBe('complete');
    expect(await state()).toEqual(before);
  });

  it('runs through the Angular service, loading the core on first use', async () => {
    TestBed.configureTestingModule({
      providers: [{ provide: FirestoreLoader, useValue: { firestore: () => Promise.resolve(db) } }],
    });
    const service = TestBed.inject(BatchOperationService);

    const progress = await lastValueFrom(service.execute(newExpenses(0, 2)).pipe(toArray()));
    const result = await service.commit([{ kind: 'delete', path: path('new-0') }]);

    expect(progress.map((e) => e.phase)).toEqual(['committing', 'done']);
    expect(result).toEqual(jasmine.objectContaining({ chunks: 1, writes: 1 }));
    expect(Object.keys(await state())).toEqual([path('new-1')]);
    TestBed.resetTestingModule();
  });
});

describe('BatchOperation size estimate', () => {
  const set = (data: DocumentData): BatchWrite => ({ kind: 'set', path: 'expenses/e1', data });

  it('counts a string by its UTF-8 bytes plus the characters JSON escapes', () => {
    const base = estimateWriteBytes(set({ s: '' }));
    expect(estimateWriteBytes(set({ s: 'x'.repeat(1000) })) - base).toBe(1000);
    expect(estimateWriteBytes(set({ s: 'é'.repeat(1000) })) - base).toBe(2000);
    expect(estimateWriteBytes(set({ s: '€'.repeat(1000) })) - base).toBe(3000);
    expect(estimateWriteBytes(set({ s: '"'.repeat(1000) })) - base).toBe(2000);
    expect(estimateWriteBytes(set({ s: '\u0001'.repeat(1000) })) - base).toBe(2000);
  });

  it('closes a chunk at 500 writes or at the byte budget, keeping the order', () => {
    const small = Array.from({ length: 1200 }, (_, i): BatchWrite => set({ n: i }));
    expect(planChunks(small, 500, 3 * 1024 * 1024).map((c) => c.writes.length)).toEqual([
      500, 500, 200,
    ]);
    const big = Array.from({ length: 7 }, (_, i): BatchWrite =>
      set({ n: i, blob: 'x'.repeat(900_000) }),
    );
    const chunks = planChunks(big, 500, 3 * 1024 * 1024);
    expect(chunks.map((c) => c.writes.length)).toEqual([3, 3, 1]);
    expect(chunks.flatMap((c) => c.writes)).toEqual(big);
  });

  it("also closes a chunk where the caller's rule says so, never leaving one empty", () => {
    const writes = Array.from({ length: 10 }, (_, i): BatchWrite => set({ n: i }));
    const everyThird = (chunk: readonly BatchWrite[]) => chunk.length === 3;
    const chunks = planChunks(writes, 500, 3 * 1024 * 1024, 'refuse', everyThird);
    expect(chunks.map((c) => c.writes.length)).toEqual([3, 3, 3, 1]);
    expect(chunks.flatMap((c) => c.writes)).toEqual(writes);
    expect(planChunks(writes, 500, 3 * 1024 * 1024, 'refuse', () => true).length).toBe(10);
  });
});

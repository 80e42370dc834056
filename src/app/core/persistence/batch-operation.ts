import {
  doc,
  getDocFromServer,
  writeBatch,
  type DocumentData,
  type DocumentSnapshot,
  type Firestore,
  type WriteBatch,
} from 'firebase/firestore';
import { Observable } from 'rxjs';
import {
  BatchOperationError,
  errorCode,
  type BatchClock,
  type BatchFailure,
  type BatchFailureReason,
  type BatchOptions,
  type BatchProgress,
  type BatchResult,
  type BatchWrite,
  type RollbackOutcome,
  type UnrestoredDocument,
} from './batch-write';
import { estimateWriteBytes } from './write-size';

const MiB = 1024 * 1024;
export const MAX_WRITES_PER_COMMIT = 500;
/** The emulator (and a gRPC backend) refuses a commit over 4 MiB; the SDK then retries it forever. */
export const COMMIT_LIMIT_BYTES = 4 * MiB;
export const DEFAULT_CHUNK_BYTES = 3 * MiB;
const MAX_CHUNK_BYTES = COMMIT_LIMIT_BYTES - MiB / 2;
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_READ_CONCURRENCY = 32;
/** The web SDK keeps at most 10 commits outstanding on its write stream; more would only queue. */
export const MAX_COMMIT_CONCURRENCY = 10;
/** Restores retried one document at a time after a restore chunk was refused. */
const SINGLE_RESTORE_CONCURRENCY = 8;

/** Which commit a `CommitFn` is asked to send: a chunk of the operation or of its rollback. */
export interface CommitInfo {
  readonly phase: 'commit' | 'rollback';
  /** 1-based. */
  readonly chunk: number;
}
export type CommitFn = (batch: WriteBatch, info: CommitInfo) => Promise<void>;

/** Reads one before-image from the server; tests wrap it to count or fail reads. */
export type ReadFn = (db: Firestore, path: string) => Promise<DocumentSnapshot>;

export interface BatchOperationDeps {
  readonly clock?: BatchClock;
  /** Sends one batch; tests wrap it to lose an acknowledgement. Default `batch.commit()`. */
  readonly commit?: CommitFn;
  /** Default `getDocFromServer`. */
  readonly read?: ReadFn;
}

export const systemClock: BatchClock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface Chunk {
  readonly index: number;
  readonly writes: readonly BatchWrite[];
}
interface BeforeImage {
  readonly exists: boolean;
  readonly data?: DocumentData;
}
/** `mayHaveLanded`: refused, but its witness could not be read (rolled back to be safe). */
type CommitOutcome = { ok: true } | { ok: false; timedOut: boolean; error: unknown; mayHaveLanded?: boolean };

/** A commit or read that did not answer in time; the SDK may still be working on it. */
class NoAnswerError extends Error {
  readonly code = 'deadline-exceeded';
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/**
 * Turns a list of writes into Firestore `writeBatch` commits and makes the whole list
 * all-or-nothing as far as Firestore lets a client:
 * - chunks by count (≤ 500) and by estimated size (≤ 3 MiB, see `estimateWriteBytes`);
 * - one chunk: one atomic commit, nothing else;
 * - several chunks: reads the before-image of every touched document (but those the caller
 *   creates, `createsNew`, and keeps, `keepOnRollback`) ahead of the chunk that first touches it,
 *   while earlier chunks commit; commits chunk by chunk, up to `commitConcurrency` at a time, the
 *   last alone; and on a failure, a timeout or a cancel restores the committed chunks in reverse
 *   order (re-`set` without merge, or delete what did not exist), itself in chunks.
 * This is compensation, not isolation: another client writing the same documents meanwhile can
 * see the intermediate state, and its change to a touched document is overwritten by a rollback.
 * Framework-free (the Node benchmark uses it); `BatchOperationService` is the Angular face.
 */
export class BatchOperation {
  private readonly clock: BatchClock;
  private readonly send: CommitFn;
  private readonly read: ReadFn;
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly db: Firestore,
    deps: BatchOperationDeps = {},
  ) {
    this.clock = deps.clock ?? systemClock;
    this.send = deps.commit ?? ((batch) => batch.commit());
    this.read = deps.read ?? ((db, path) => getDocFromServer(doc(db, path)));
  }

  /**
   * Runs on subscribe; emits progress, completes when every chunk is committed, errors with a
   * `BatchOperationError` after any rollback has finished. Unsubscribing cancels (and rolls back).
   */
  execute(writes: readonly BatchWrite[], options: BatchOptions = {}): Observable<BatchProgress> {
    return new Observable<BatchProgress>((subscriber) => {
      const controller = new AbortController();
      const outer = options.signal;
      const forward = () => controller.abort(outer?.reason);
      if (outer?.aborted) forward();
      else outer?.addEventListener('abort', forward, { once: true });
      this.track(
        this.run(writes, { ...options, signal: controller.signal }, (p) => subscriber.next(p)),
      )
        .then(
          () => subscriber.complete(),
          (error: unknown) => subscriber.error(error),
        )
        .finally(() => outer?.removeEventListener('abort', forward));
      return () => controller.abort(new DOMException('The subscriber unsubscribed.', 'AbortError'));
    });
  }

  /** The same operation for callers that only want the outcome. */
  commit(
    writes: readonly BatchWrite[],
    options: BatchOptions & { readonly onProgress?: (progress: BatchProgress) => void } = {},
  ): Promise<BatchResult> {
    return this.track(this.run(writes, options, options.onProgress ?? (() => undefined)));
  }

  /** Resolves once no operation runs, rollbacks of unsubscribed operations included. */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  private track<T>(operation: Promise<T>): Promise<T> {
    this.running.add(operation);
    const forget = () => this.running.delete(operation);
    operation.then(forget, forget);
    return operation;
  }

  private async run(
    writes: readonly BatchWrite[],
    options: BatchOptions,
    onProgress: (progress: BatchProgress) => void,
  ): Promise<BatchResult> {
    const started = this.clock.now();
    const limits = resolveLimits(options);
    const signal = options.signal;
    let total = 0;
    let chunksDone = 0;
    let writesDone = 0;
    const report = (phase: BatchProgress['phase'], rollback?: BatchProgress['rollback']) => {
      try {
        onProgress({
          phase,
          chunksDone,
          chunksTotal: total,
          writesDone,
          writesTotal: writes.length,
          rollback,
        });
      } catch {
        // A listener's bug must not leave half a batch behind.
      }
    };
    const fail = (
      failure: Omit<BatchFailure, 'chunksTotal' | 'chunksCommitted'>,
      cause: unknown,
    ) => {
      report('failed');
      return new BatchOperationError(
        { ...failure, chunksTotal: total, chunksCommitted: chunksDone },
        cause,
      );
    };

    // Plan and build every batch first: the size check and the SDK's own validation of paths and
    // data happen here, before anything is written.
    let prepared: { chunks: Chunk[]; batches: WriteBatch[] };
    try {
      const planned = planChunks(writes, limits.maxWritesPerChunk, limits.maxChunkBytes, 'refuse', options.closeChunkBefore);
      prepared = {
        chunks: planned,
        batches: planned.map((chunk) => this.build(chunk, planned.length)),
      };
    } catch (error) {
      report('failed');
      throw error;
    }
    const { chunks, batches } = prepared;
    total = chunks.length;
    const notNeeded: RollbackOutcome = { status: 'not-needed' };

    if (signal?.aborted)
      throw fail({ reason: 'cancelled', chunk: 1, rollback: notNeeded }, signal.reason);

    if (total <= 1) {
      report('committing');
      if (total === 1) {
        // Too late to cancel once sent: an atomic commit cannot be recalled.
        const outcome = await this.commitInTime(
          batches[0],
          { phase: 'commit', chunk: 1 },
          limits.timeoutMs,
        );
        if (!outcome.ok) {
          const rollback: RollbackOutcome = outcome.timedOut
            ? { status: 'commit-may-still-apply' }
            : notNeeded;
          throw fail(
            { reason: outcome.timedOut ? 'commit-timeout' : 'commit-failed', chunk: 1, rollback },
            outcome.error,
          );
        }
        chunksDone = 1;
        writesDone = writes.length;
      }
      report('done');
      return { chunks: total, writes: writes.length, durationMs: this.clock.now() - started };
    }

    report('reading');
    // Before-images: each chunk needs those of the documents it touches first, except the ones a
    // rollback leaves as written and the ones it creates (known absent: no read). They are read
    // ahead, chunk after chunk, while earlier chunks commit; a chunk is sent once its own are in.
    const kept = options.keepOnRollback ?? (() => false);
    const createsNew = options.createsNew ?? (() => false);
    const before = new Map<string, BeforeImage>();
    const toRead: string[][] = chunks.map(() => []);
    const seen = new Set<string>();
    for (const chunk of chunks) {
      for (const write of chunk.writes) {
        if (seen.has(write.path)) continue;
        seen.add(write.path);
        if (kept(write.path)) continue;
        if (write.kind === 'set' && createsNew(write)) before.set(write.path, { exists: false });
        else toRead[chunk.index].push(write.path);
      }
    }
    const stopReading = new AbortController();
    let reads: Promise<void> = Promise.resolve();
    const chunkReads = toRead.map((paths) => {
      reads = reads.then(() =>
        forEachLimited(paths, limits.readConcurrency, stopReading.signal, async (path) => {
          const image = await withTimeout(this.clock, this.readImage(path), limits.timeoutMs).catch(
            (error: unknown) => Promise.reject(new ReadFailure(path, error)),
          );
          before.set(path, image);
        }),
      );
      reads.catch(() => undefined); // awaited (and reported) by the chunk that needs it
      return reads;
    });

    // Commits: up to `commitConcurrency` chunks in flight, acknowledged in order (progress moves
    // over a prefix of the chunks). The last chunk is sent alone, once every earlier one is in: a
    // failure can never follow it, so once it commits the operation has succeeded.
    report('committing');
    const inFlight = new Map<number, Promise<CommitOutcome>>();
    const applied: Chunk[] = [];
    let failure: { chunk: number; reason: BatchFailureReason; error: unknown; path?: string } | undefined;
    const settleOldest = async () => {
      const index = Math.min(...inFlight.keys());
      const chunk = chunks[index];
      const outcome = await this.landed(await inFlight.get(index)!, chunk, options.witness, limits.timeoutMs);
      inFlight.delete(index);
      if (outcome.ok) {
        applied.push(chunk);
        if (failure) return; // rolled back below; progress stays on the prefix before the failure
        chunksDone++;
        writesDone += chunk.writes.length;
        report('committing');
        return;
      }
      // A commit that did not answer may still land later. Restore it too instead of waiting or
      // re-reading: the SDK sends one client's writes in order on one stream, so our restore
      // commits queue behind it and, if it does land, land after it. If it never lands (offline,
      // a stuck 4 MiB commit), the restores cannot land either and time out: reported below.
      if (outcome.timedOut || outcome.mayHaveLanded) applied.push(chunk);
      failure ??= { chunk: index, reason: outcome.timedOut ? 'commit-timeout' : 'commit-failed', error: outcome.error };
    };
    for (const chunk of chunks) {
      const isLast = chunk.index === total - 1;
      const room = isLast ? 0 : limits.commitConcurrency - 1;
      while (inFlight.size > room && !failure) await settleOldest();
      if (failure || signal?.aborted) break;
      try {
        await chunkReads[chunk.index];
      } catch (error) {
        const read = error instanceof ReadFailure ? error : undefined;
        failure = { chunk: chunk.index, reason: 'read-failed', error: read?.cause ?? error, path: read?.path };
        break;
      }
      if (signal?.aborted) break;
      inFlight.set(chunk.index, this.commitInTime(batches[chunk.index], { phase: 'commit', chunk: chunk.index + 1 }, limits.timeoutMs));
    }
    stopReading.abort();
    while (inFlight.size) await settleOldest();

    if (failure || chunksDone < total) {
      const rollback = applied.length
        ? await this.rollBack(
            [...applied].sort((a, b) => a.index - b.index),
            before,
            limits,
            options,
            (p) => report('rolling-back', p),
          )
        : notNeeded;
      if (!failure) throw fail({ reason: 'cancelled', chunk: chunksDone + 1, rollback }, signal?.reason);
      throw fail({ reason: failure.reason, chunk: failure.chunk + 1, path: failure.path, rollback }, failure.error);
    }
    report('done');
    return { chunks: total, writes: writes.length, durationMs: this.clock.now() - started };
  }

  /**
   * A commit reported refused may still have landed: when a commit fails, the SDK drops it from
   * its write stream and sends those queued behind it again, and a create sent twice is refused the
   * second time. The chunk's witness says which: there, it landed (as if acknowledged); absent, it
   * did not; unreadable, it may have (rolled back like a commit that timed out).
   */
  private async landed(
    outcome: CommitOutcome,
    chunk: Chunk,
    witness: BatchOptions['witness'],
    timeoutMs: number,
  ): Promise<CommitOutcome> {
    if (outcome.ok || outcome.timedOut) return outcome;
    const path = witness?.(chunk.writes);
    if (!path) return outcome;
    try {
      const image = await withTimeout(this.clock, this.readImage(path), timeoutMs);
      return image.exists ? { ok: true } : outcome;
    } catch {
      return { ...outcome, mayHaveLanded: true };
    }
  }

  private async readImage(path: string): Promise<BeforeImage> {
    const snapshot = await this.read(this.db, path);
    return snapshot.exists() ? { exists: true, data: snapshot.data() } : { exists: false };
  }

  private build(chunk: Chunk, total: number): WriteBatch {
    const batch = writeBatch(this.db);
    for (const write of chunk.writes) {
      try {
        const ref = doc(this.db, write.path);
        if (write.kind === 'set') batch.set(ref, write.data, { merge: write.merge ?? false });
        else if (write.kind === 'update') batch.update(ref, write.data);
        else batch.delete(ref);
      } catch (error) {
        const failure = {
          reason: 'invalid-write',
          chunk: chunk.index + 1,
          chunksTotal: total,
          chunksCommitted: 0,
        } as const;
        throw new BatchOperationError(
          { ...failure, path: write.path, rollback: { status: 'not-needed' } },
          error,
        );
      }
    }
    return batch;
  }

  /** Every commit races the timeout: a lost acknowledgement must not hang the caller. */
  private commitInTime(
    batch: WriteBatch,
    info: CommitInfo,
    timeoutMs: number,
  ): Promise<CommitOutcome> {
    return withTimeout(
      this.clock,
      Promise.resolve().then(() => this.send(batch, info)),
      timeoutMs,
    ).then(
      () => ({ ok: true }),
      (error: unknown) => ({ ok: false, timedOut: error instanceof NoAnswerError, error }),
    );
  }

  /**
   * Restores each touched document once, to its state before the operation, latest chunk first.
   * A restore chunk Firestore refuses (rules, say) is retried one document at a time, so exactly
   * the documents that cannot be restored are named; a restore chunk that times out is not
   * retried (the network is the problem) and all its documents are named.
   */
  private async rollBack(
    applied: readonly Chunk[],
    before: ReadonlyMap<string, BeforeImage>,
    limits: Limits,
    options: Pick<BatchOptions, 'keepOnRollback' | 'rollbackLead'>,
    onProgress: (progress: { chunksDone: number; chunksTotal: number }) => void,
  ): Promise<RollbackOutcome> {
    const restores: BatchWrite[] = [];
    const seen = new Set<string>();
    const kept = options.keepOnRollback ?? (() => false);
    for (const chunk of [...applied].reverse()) {
      for (const { path } of [...chunk.writes].reverse()) {
        if (seen.has(path) || kept(path)) continue;
        seen.add(path);
        const image = before.get(path);
        restores.push(
          image?.exists ? { kind: 'set', path, data: image.data ?? {} } : { kind: 'delete', path },
        );
      }
    }
    if (!restores.length) return { status: 'complete', restored: 0 };
    const lead = options.rollbackLead ?? [];
    const isLead = (write: BatchWrite) => lead.includes(write);
    // A before-image is a stored document (≤ 1 MiB): one estimated over the budget goes alone.
    const chunks = planChunks([...lead, ...restores], limits.maxWritesPerChunk, limits.maxChunkBytes, 'alone');
    const unrestored: UnrestoredDocument[] = [];
    let restoredChunks = 0;
    onProgress({ chunksDone: 0, chunksTotal: chunks.length });
    const restoreChunk = async (chunk: Chunk) => {
      const info: CommitInfo = { phase: 'rollback', chunk: chunk.index + 1 };
      const outcome = await this.restore(chunk.writes, info, limits.timeoutMs);
      if (!outcome.ok && outcome.timedOut) {
        unrestored.push(...chunk.writes.map(({ path }) => ({ path, cause: outcome.error })));
      } else if (!outcome.ok) {
        // The lead goes first and together (the restores may depend on it), then one by one.
        const leading = chunk.writes.filter(isLead);
        if (leading.length) await this.restore(leading, info, limits.timeoutMs);
        await forEachLimited(chunk.writes.filter((write) => !isLead(write)), SINGLE_RESTORE_CONCURRENCY, undefined, async (write) => {
          const single = await this.restore([write], info, limits.timeoutMs);
          if (!single.ok) unrestored.push({ path: write.path, cause: single.error });
        });
      }
      onProgress({ chunksDone: ++restoredChunks, chunksTotal: chunks.length });
    };
    // The first restore commit carries the lead, on which the others may depend (the rules read
    // the rollback's entry): it goes alone, the rest up to `commitConcurrency` at a time.
    await restoreChunk(chunks[0]);
    await forEachLimited(chunks.slice(1), limits.commitConcurrency, undefined, restoreChunk);
    const restored = restores.length - unrestored.length;
    // (The lead is not a restore: it is neither counted as restored nor named as unrestored.)
    return unrestored.length
      ? { status: 'incomplete', restored, unrestored }
      : { status: 'complete', restored };
  }

  private restore(
    writes: readonly BatchWrite[],
    info: CommitInfo,
    timeoutMs: number,
  ): Promise<CommitOutcome> {
    let batch: WriteBatch;
    try {
      batch = this.build({ index: info.chunk - 1, writes }, info.chunk);
    } catch (error) {
      return Promise.resolve({ ok: false, timedOut: false, error });
    }
    return this.commitInTime(batch, info, timeoutMs);
  }
}

class ReadFailure extends Error {
  constructor(
    readonly path: string,
    override readonly cause: unknown,
  ) {
    super(`could not read ${path}: ${errorCode(cause) ?? String(cause)}`);
  }
}

interface Limits {
  readonly timeoutMs: number;
  readonly maxWritesPerChunk: number;
  readonly maxChunkBytes: number;
  readonly readConcurrency: number;
  readonly commitConcurrency: number;
}

function resolveLimits(options: BatchOptions): Limits {
  const limits: Limits = {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxWritesPerChunk: options.maxWritesPerChunk ?? MAX_WRITES_PER_COMMIT,
    maxChunkBytes: options.maxChunkBytes ?? DEFAULT_CHUNK_BYTES,
    readConcurrency: options.readConcurrency ?? DEFAULT_READ_CONCURRENCY,
    commitConcurrency: options.commitConcurrency ?? 1,
  };
  const check = (ok: boolean, what: string) => {
    if (!ok) throw new RangeError(`BatchOperation: ${what}`);
  };
  check(limits.timeoutMs > 0, 'timeoutMs must be positive');
  check(
    Number.isInteger(limits.maxWritesPerChunk) &&
      limits.maxWritesPerChunk >= 1 &&
      limits.maxWritesPerChunk <= MAX_WRITES_PER_COMMIT,
    `maxWritesPerChunk must be 1..${MAX_WRITES_PER_COMMIT}`,
  );
  check(
    limits.maxChunkBytes >= 1 && limits.maxChunkBytes <= MAX_CHUNK_BYTES,
    `maxChunkBytes must be at most ${MAX_CHUNK_BYTES}`,
  );
  check(
    Number.isInteger(limits.readConcurrency) && limits.readConcurrency >= 1,
    'readConcurrency must be a positive integer',
  );
  check(
    Number.isInteger(limits.commitConcurrency) &&
      limits.commitConcurrency >= 1 &&
      limits.commitConcurrency <= MAX_COMMIT_CONCURRENCY,
    `commitConcurrency must be 1..${MAX_COMMIT_CONCURRENCY}`,
  );
  return limits;
}

/**
 * Greedy and order-preserving: a chunk closes when the next write would break either limit (or
 * the caller's `closeBefore` says so).
 * A single write over the byte budget is refused (nothing is written yet) or, for restores, sent
 * in a chunk of its own.
 */
export function planChunks(
  writes: readonly BatchWrite[],
  maxWrites: number,
  maxBytes: number,
  oversize: 'refuse' | 'alone' = 'refuse',
  closeBefore: BatchOptions['closeChunkBefore'] = undefined,
): Chunk[] {
  const chunks: Chunk[] = [];
  let current: BatchWrite[] = [];
  let bytes = 0;
  for (const write of writes) {
    const size = estimateWriteBytes(write);
    if (size > maxBytes && oversize === 'refuse') {
      const failure = {
        reason: 'write-too-large',
        path: write.path,
        chunksTotal: 0,
        chunksCommitted: 0,
      } as const;
      const cause = new RangeError(
        `~${(size / MiB).toFixed(2)} MiB estimated, a commit may carry ~${(maxBytes / MiB).toFixed(2)} MiB (a Firestore document at most 1 MiB)`,
      );
      throw new BatchOperationError({ ...failure, rollback: { status: 'not-needed' } }, cause);
    }
    if (current.length && (current.length >= maxWrites || bytes + size > maxBytes || closeBefore?.(current, write))) {
      chunks.push({ index: chunks.length, writes: current });
      current = [];
      bytes = 0;
    }
    current.push(write);
    bytes += size;
  }
  if (current.length) chunks.push({ index: chunks.length, writes: current });
  return chunks;
}

function withTimeout<T>(clock: BatchClock, work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = clock.setTimeout(() => reject(new NoAnswerError(ms)), ms);
    work.then(
      (value) => {
        clock.clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clock.clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Runs `work` over `items` with at most `limit` at a time; stops taking items on abort or error. */
async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal | undefined,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < items.length && !failed && !signal?.aborted) {
      try {
        await work(items[next++]);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

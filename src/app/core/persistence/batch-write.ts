import type { DocumentData } from 'firebase/firestore';

// The vocabulary of a batch operation: what goes in (writes, options) and what comes out
// (progress, result, error). Type-only Firebase imports, so importing this file never pulls the
// ~170 kB Firestore SDK into a bundle: `BatchOperationService` loads the SDK on first use.

/**
 * One document write. `path` is a document path (`expenses/abc`, `orders/o1/items/i1`).
 * `data` may hold Firestore sentinels (`serverTimestamp()`, `increment()`, `arrayUnion()`,
 * `deleteField()` where Firestore allows it). `update` keys may be dotted field paths and the
 * document must exist (Firestore fails the whole chunk otherwise).
 */
export type BatchWrite =
  | {
      readonly kind: 'set';
      readonly path: string;
      readonly data: DocumentData;
      readonly merge?: boolean;
    }
  | { readonly kind: 'update'; readonly path: string; readonly data: DocumentData }
  | { readonly kind: 'delete'; readonly path: string };

export type BatchPhase = 'reading' | 'committing' | 'rolling-back' | 'done' | 'failed';

export interface BatchProgress {
  readonly phase: BatchPhase;
  /** Chunks committed so far (not decreased by a rollback: see `rollback`). */
  readonly chunksDone: number;
  readonly chunksTotal: number;
  readonly writesDone: number;
  readonly writesTotal: number;
  /** Present from the moment a rollback starts: restore commits done and planned. */
  readonly rollback?: { readonly chunksDone: number; readonly chunksTotal: number };
}

/** Something that tells time and schedules callbacks; tests pass their own. */
export interface BatchClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface BatchOptions {
  /** Longest wait for one commit before it counts as failed. Default 30 s. */
  readonly timeoutMs?: number;
  /** Aborting before the last chunk is committed rolls back what was committed. */
  readonly signal?: AbortSignal;
  /** At most 500 (the default). Smaller chunks mean more, shorter commits. */
  readonly maxWritesPerChunk?: number;
  /** Estimated bytes per commit, default 3 MiB; at most 3.5 MiB (the emulator refuses > 4 MiB). */
  readonly maxChunkBytes?: number;
  /** Before-images read at the same time. Default 32. */
  readonly readConcurrency?: number;
  /**
   * Chunks committed at the same time (1..10, default 1). They are still acknowledged and reported
   * in order; the last chunk is always sent alone, after every earlier one is acknowledged, so a
   * failure never comes after it (once it commits, the operation has succeeded). On a failure or a
   * cancel no further chunk is sent, the ones in flight are waited for, and every one that
   * committed is rolled back.
   * More than 1 needs `witness`: when a commit is refused, the SDK drops it from its write stream
   * and sends the ones queued behind it again, so a chunk that was applied on the first send can be
   * reported failed by the second (a create over its own rows is an update the rules refuse). Such
   * a chunk's outcome is only known by reading its witness (seen on the emulator with 3 in flight:
   * two chunks written, reported failed, and not rolled back before the witness).
   */
  readonly commitConcurrency?: number;
  /**
   * The path of a document that exists exactly when this chunk has committed: one the chunk creates
   * and that nothing else creates or deletes (an append-only activity entry of its own, say).
   * Read only for a chunk reported failed behind an earlier failure, to learn whether it landed.
   */
  readonly witness?: (chunk: readonly BatchWrite[]) => string | undefined;
  /**
   * Writes that create a document which does not exist: a `set` on a fresh id whose security
   * rules refuse it when the document is there (a set on an existing document is an update, which
   * they must not allow for it), so the whole chunk fails instead of overwriting. Their
   * before-image is "absent" without a read, and a rollback deletes them. Only for such writes: if
   * the rules let one overwrite a document, a rollback would delete that document.
   */
  readonly createsNew?: (write: Extract<BatchWrite, { kind: 'set' }>) => boolean;
  /**
   * A caller's own reason to close a chunk before `next` joins it, e.g. the security rules' limit
   * of 20 distinct documents read per commit. Chunks stay in order; every chunk keeps ≥ 1 write.
   */
  readonly closeChunkBefore?: (chunk: readonly BatchWrite[], next: BatchWrite) => boolean;
  /**
   * Documents a rollback leaves as written, such as append-only activity entries that no client
   * may delete: their before-images are neither read nor restored.
   */
  readonly keepOnRollback?: (path: string) => boolean;
  /**
   * Writes a rollback commits first, in its first restore commit: e.g. the activity entry that
   * records the undo, which the rules want beside the deletes it permits.
   */
  readonly rollbackLead?: readonly BatchWrite[];
}

export interface BatchResult {
  readonly chunks: number;
  readonly writes: number;
  readonly durationMs: number;
}

export type BatchFailureReason =
  /** A write the SDK refuses (bad path, unsupported value): found before anything was written. */
  | 'invalid-write'
  /** One write is larger than a commit may be: found before anything was written. */
  | 'write-too-large'
  /** A before-image could not be read (permissions, offline): nothing was written. */
  | 'read-failed'
  /** Firestore refused a chunk (rules, missing document for update, document too large...). */
  | 'commit-failed'
  /** A chunk's commit did not answer in time. */
  | 'commit-timeout'
  | 'cancelled';

export interface UnrestoredDocument {
  readonly path: string;
  readonly cause: unknown;
}

export type RollbackOutcome =
  /** Nothing was written, so there is nothing to restore. */
  | { readonly status: 'not-needed' }
  /**
   * One-chunk operation whose commit timed out or was cancelled in flight: the SDK still holds it
   * and may apply it later, all or nothing. No before-images were read, so no rollback.
   */
  | { readonly status: 'commit-may-still-apply' }
  | { readonly status: 'complete'; readonly restored: number }
  | {
      readonly status: 'incomplete';
      readonly restored: number;
      readonly unrestored: readonly UnrestoredDocument[];
    };

export interface BatchFailure {
  readonly reason: BatchFailureReason;
  /** 1-based chunk that failed, timed out, or would have come next when cancelled. */
  readonly chunk?: number;
  readonly chunksTotal: number;
  readonly chunksCommitted: number;
  /** The path of the offending write or document, when one is known. */
  readonly path?: string;
  readonly rollback: RollbackOutcome;
}

export class BatchOperationError extends Error {
  override readonly name = 'BatchOperationError';
  readonly reason: BatchFailureReason;
  readonly chunk: number | undefined;
  readonly chunksTotal: number;
  readonly chunksCommitted: number;
  readonly path: string | undefined;
  readonly rollback: RollbackOutcome;

  constructor(failure: BatchFailure, cause: unknown) {
    super(describeFailure(failure, cause), { cause });
    this.reason = failure.reason;
    this.chunk = failure.chunk;
    this.chunksTotal = failure.chunksTotal;
    this.chunksCommitted = failure.chunksCommitted;
    this.path = failure.path;
    this.rollback = failure.rollback;
  }

  /** The Firestore error code of the cause (`permission-denied`, `not-found`...), if it has one. */
  get code(): string | undefined {
    return errorCode(this.cause);
  }

  /** True when every document is known to be as it was before the operation. */
  get documentsUnchanged(): boolean {
    return this.rollback.status === 'not-needed' || this.rollback.status === 'complete';
  }
}

export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function causeText(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  const code = errorCode(cause);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

function describeFailure(f: BatchFailure, cause: unknown): string {
  const where = f.chunk ? `chunk ${f.chunk} of ${f.chunksTotal}` : 'the batch';
  const what = {
    'invalid-write': `A write in ${where} is invalid${f.path ? ` (${f.path})` : ''}`,
    'write-too-large': `A write is too large for one commit${f.path ? ` (${f.path})` : ''}`,
    'read-failed': `Could not read the current state of ${f.path ?? 'a document'} before writing`,
    'commit-failed': `Firestore refused ${where}`,
    'commit-timeout': `The commit of ${where} did not answer in time`,
    cancelled: `Cancelled before ${where} was committed`,
  }[f.reason];
  const r = f.rollback;
  const after = {
    'not-needed': 'nothing was written.',
    'commit-may-still-apply': 'the SDK may still apply it later, all of it or none of it.',
    complete: `rolled back${r.status === 'complete' ? ` (${plural(r.restored, 'document')} restored)` : ''}; every document is as it was before.`,
    incomplete:
      r.status === 'incomplete'
        ? `ROLLBACK INCOMPLETE: ${plural(r.unrestored.length, 'document')} could not be restored: ${r.unrestored
            .slice(0, 20)
            .map((u) => `${u.path} (${causeText(u.cause)})`)
            .join(
              ', ',
            )}${r.unrestored.length > 20 ? `, and ${r.unrestored.length - 20} more (see .rollback)` : ''}.`
        : '',
  }[r.status];
  return `${what} (${causeText(cause)}); ${after}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

import type { ActivitySealRunResult } from '@maestro/contracts';
import { FieldValue, Timestamp, type Firestore } from 'firebase-admin/firestore';
import type { Logger } from '../logger';
import { PageSizer, readPages } from './log-pages';
import {
  countUnsealed,
  entryHash,
  GENESIS_HASH,
  logAfter,
  readHead,
  SEAL_VERSION,
  sealHash,
  sealRef,
  toSummary,
  type SealContent,
  type SealDoc,
} from './seal-chain';

export interface SealerDeps {
  db: Firestore;
  logger: Logger;
  settleMs: number;
  maxEntriesPerSeal: number;
  /** A run stops after this many seals (the next run goes on): one request stays bounded. */
  maxSealsPerRun: number;
  /**
   * A run also stops after the seal during which it read this many bytes (estimated): entries may
   * be up to 1 MiB each, so a count alone does not bound how long a run reads. Default 64 MiB.
   */
  maxBytesPerRun?: number;
  /** Written into each seal (which node sealed it). */
  instanceId: string;
  now: () => Date;
  /** Aborted when the app closes: the run stops after the seal it is writing. */
  signal?: AbortSignal;
}

// Another node writing the same sequence: after this many lost races in one run, leave the rest
// to the node that keeps winning rather than contend for every seal.
const MAX_LOST_RACES = 3;

export const SEAL_RUN_BYTES = 64 * 1024 * 1024;

/** What a seal keeps of an entry: the entry itself is hashed as it is read, then dropped. */
interface SealedEntry {
  id: string;
  at: Timestamp;
  hash: string;
}

/**
 * Seals every settled entry after the newest seal, at most maxEntriesPerSeal per seal.
 *
 * Which entries: those whose commit time `at` is at least settleMs old, in (at, id) order,
 * strictly after the previous seal's last position. The settle delay is what makes the set
 * well defined: it absorbs the skew between this node's clock and Firestore's commit clock,
 * so no commit can still appear with an `at` inside a stretch already sealed.
 *
 * Several nodes: each seal is created in a transaction that reads the previous seal and the
 * next sequence; if the next one exists, another node sealed first — this run lost the race,
 * re-reads the head and goes on after that seal (its entries are never sealed twice, because a
 * seal always starts right after the previous seal's last position).
 */
export async function sealActivity(deps: SealerDeps): Promise<ActivitySealRunResult> {
  const { db } = deps;
  const cutoff = Timestamp.fromMillis(deps.now().getTime() - deps.settleMs);
  const written: SealDoc[] = [];
  const byteBudget = deps.maxBytesPerRun ?? SEAL_RUN_BYTES;
  const sizer = new PageSizer();
  let head = await readHead(db);
  let lostRaces = 0;
  let bytesRead = 0;
  while (written.length < deps.maxSealsPerRun && bytesRead < byteBudget && !deps.signal?.aborted) {
    const settled = await readSettled(deps, head, cutoff, sizer, byteBudget - bytesRead);
    bytesRead += settled.bytes;
    if (settled.entries.length === 0) break;
    const seal = buildSeal(head, settled.entries, deps.instanceId);
    if (await createSeal(db, head, seal)) {
      written.push(seal);
      head = seal;
    } else {
      if (++lostRaces > MAX_LOST_RACES) break;
      head = await readHead(db);
    }
  }
  const sealed = written.reduce((sum, seal) => sum + seal.count, 0);
  if (written.length > 0) {
    // The log line is a copy of the chain's head outside Firestore: a chain rewritten later
    // (by someone holding admin credentials) will not end with a hash logged here.
    deps.logger.info(
      { sealed, seals: written.map((seal) => seal.sequence), headHash: head?.hash },
      `activity log: sealed ${sealed} entries up to seal ${head?.sequence}`,
    );
  }
  return {
    sealed,
    seals: written.map(toSummary),
    headSequence: head?.sequence ?? 0,
    headHash: head?.hash ?? null,
    unsealedEntries: await countUnsealed(db, head?.last),
  };
}

/**
 * The next seal's entries, read a page at a time (pages shrink when entries are big) and hashed
 * as they arrive, so a run holds one page of the log, never a whole seal's worth. Stops at
 * maxEntriesPerSeal, or after the page that used up the run's remaining bytes.
 */
async function readSettled(
  deps: SealerDeps,
  head: SealDoc | undefined,
  cutoff: Timestamp,
  sizer: PageSizer,
  bytesLeft: number,
): Promise<{ entries: SealedEntry[]; bytes: number }> {
  const entries: SealedEntry[] = [];
  let bytes = 0;
  const log = logAfter(deps.db, head?.last, cutoff);
  for await (const page of readPages(log, sizer, deps.maxEntriesPerSeal)) {
    for (const { snapshot, data, bytes: size } of page) {
      // Any shape hashes: canonical JSON covers every Firestore value, odd fields included.
      entries.push({
        id: snapshot.id,
        at: data['at'] as Timestamp,
        hash: entryHash(snapshot.id, data),
      });
      bytes += size;
    }
    if (bytes >= bytesLeft) break;
  }
  return { entries, bytes };
}

function buildSeal(
  previous: SealDoc | undefined,
  entries: SealedEntry[],
  instanceId: string,
): SealDoc {
  const first = entries[0]!;
  const last = entries.at(-1)!;
  const content: SealContent = {
    version: SEAL_VERSION,
    sequence: (previous?.sequence ?? 0) + 1,
    previousHash: previous?.hash ?? GENESIS_HASH,
    count: entries.length,
    first: { at: first.at, id: first.id },
    last: { at: last.at, id: last.id },
    entryIds: entries.map((entry) => entry.id),
    entryHashes: entries.map((entry) => entry.hash),
  };
  // sealedAt is the commit time; it is set on write and the returned copy is only reported.
  return { ...content, hash: sealHash(content), sealedAt: Timestamp.now(), sealedBy: instanceId };
}

/** Creates the seal if it is still the next one; false when another node got there first. */
async function createSeal(
  db: Firestore,
  previous: SealDoc | undefined,
  seal: SealDoc,
): Promise<boolean> {
  const next = sealRef(db, seal.sequence);
  try {
    return await db.runTransaction(async (tx) => {
      const [nextSnap, previousSnap] = await tx.getAll(
        next,
        ...(previous ? [sealRef(db, previous.sequence)] : []),
      );
      if (nextSnap!.exists) return false;
      // The previous seal is what this one links to: it must still be there, unchanged.
      if (previous && previousSnap?.get('hash') !== previous.hash) return false;
      tx.create(next, { ...seal, sealedAt: FieldValue.serverTimestamp() });
      return true;
    });
  } catch (error) {
    // The transaction gave up under contention (ABORTED, 10) or the create met a seal written
    // between our read and commit (ALREADY_EXISTS, 6): either way another node sealed first.
    const code = (error as { code?: unknown }).code;
    if (code === 10 || code === 6) return false;
    throw error;
  }
}

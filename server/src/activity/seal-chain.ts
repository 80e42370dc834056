import { createHash } from 'node:crypto';
import type { ActivitySealSummary } from '@maestro/contracts';
import {
  FieldPath,
  Timestamp,
  type DocumentData,
  type Firestore,
  type Query,
} from 'firebase-admin/firestore';
import { canonicalJson } from './canonical-json';

export const ACTIVITY_COLLECTION = 'activity';
export const SEALS_COLLECTION = 'activitySeals';

/** The "previous hash" of seal 1. */
export const GENESIS_HASH = '0'.repeat(64);

/** Bumped if the hashed input ever changes; a verifier refuses versions it does not know. */
export const SEAL_VERSION = 1;

/** A position in the log: entries are ordered by commit time, then document id (ties). */
export interface LogPosition {
  at: Timestamp;
  id: string;
}

/**
 * `activitySeals/{sequence, 12 digits}` (zero-padded so the ids sort as the chain runs).
 * A seal covers every entry after the previous seal's `last` up to and including its own `last`:
 * the seals tile the log's time line without gaps, so a back-dated entry lands inside a sealed
 * stretch and shows. Ids and per-entry hashes are listed (bounded by maxEntriesPerSeal), so a
 * verifier names the very entry that changed, not just the seal.
 */
export interface SealDoc {
  version: number;
  sequence: number;
  previousHash: string;
  /** sealHash() of the fields above and below, except sealedAt and sealedBy. */
  hash: string;
  count: number;
  first: LogPosition;
  last: LogPosition;
  entryIds: string[];
  /** entryHash() of each listed entry, same order as entryIds. */
  entryHashes: string[];
  /** Commit time of the seal (server timestamp; informative, not hashed). */
  sealedAt: Timestamp;
  /** The API instance that wrote it (informative, not hashed). */
  sealedBy: string;
}

export type SealContent = Omit<SealDoc, 'hash' | 'sealedAt' | 'sealedBy'>;

export const sealId = (sequence: number) => String(sequence).padStart(12, '0');

export const sealRef = (db: Firestore, sequence: number) =>
  db.collection(SEALS_COLLECTION).doc(sealId(sequence));

/** SHA-256 of the canonical JSON of one entry, its id included (a copy under another id differs). */
export function entryHash(id: string, data: DocumentData): string {
  return sha256(canonicalJson({ id, data }));
}

/**
 * SHA-256 over the seal's content: the previous seal's hash, its sequence, its range and each
 * covered entry's hash in log order. An edit of any covered entry, or of the seal's own list,
 * range or link, gives another hash.
 */
export function sealHash(seal: SealContent): string {
  return sha256(
    canonicalJson({
      version: seal.version,
      sequence: seal.sequence,
      previousHash: seal.previousHash,
      count: seal.count,
      first: seal.first,
      last: seal.last,
      entryIds: seal.entryIds,
      entryHashes: seal.entryHashes,
    }),
  );
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The log in seal order: entries with a timestamp `at`, by (at, document id), up to `until`
 * when given. Firestore orders ties on the document id, and a cursor on both fields resumes
 * exactly after a position.
 */
export function logOrder(db: Firestore, until?: Timestamp): Query {
  const log = db.collection(ACTIVITY_COLLECTION);
  return (until ? log.where('at', '<=', until) : log).orderBy('at').orderBy(FieldPath.documentId());
}

/** Firestore's earliest timestamp: starting the log there leaves out entries whose `at` is not a timestamp. */
export const LOG_START = new Timestamp(-62_135_596_800, 0);

/** The log after a position (from the beginning when there is none). */
export function logAfter(
  db: Firestore,
  position: LogPosition | undefined,
  until?: Timestamp,
): Query {
  return position
    ? logOrder(db, until).startAfter(position.at, position.id)
    : logOrder(db, until).startAt(LOG_START);
}

/** The newest seal, or undefined before the first. */
export async function readHead(db: Firestore): Promise<SealDoc | undefined> {
  // By the field: Firestore does not scan document ids in descending order.
  const newest = await db.collection(SEALS_COLLECTION).orderBy('sequence', 'desc').limit(1).get();
  return newest.docs[0]?.data() as SealDoc | undefined;
}

/** Entries after the newest seal's last one: younger than the settle delay, or not reached yet. */
export async function countUnsealed(
  db: Firestore,
  headLast: LogPosition | undefined,
): Promise<number> {
  const counted = await logAfter(db, headLast).count().get();
  return counted.data().count;
}

export function toSummary(seal: SealContent & { hash: string }): ActivitySealSummary {
  return {
    sequence: seal.sequence,
    hash: seal.hash,
    previousHash: seal.previousHash,
    count: seal.count,
    firstAt: seal.first.at.toDate().toISOString(),
    lastAt: seal.last.at.toDate().toISOString(),
  };
}

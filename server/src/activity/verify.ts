import type { ActivityChainProblem, ActivityChainVerification } from '@maestro/contracts';
import { FieldPath, Timestamp, type DocumentData, type Firestore } from 'firebase-admin/firestore';
import { PageSizer, readPages } from './log-pages';
import {
  ACTIVITY_COLLECTION,
  countUnsealed,
  entryHash,
  GENESIS_HASH,
  logAfter,
  logOrder,
  sealHash,
  SEALS_COLLECTION,
  type LogPosition,
  type SealDoc,
} from './seal-chain';
import { readSeal } from './seal-shape';

export interface VerifyOptions {
  /** Seals read per page (each page is one query). */
  sealPageSize?: number;
  /** Seals whose entries are read at the same time. */
  concurrency?: number;
  /** Problems listed in the answer; the rest are only counted. */
  maxProblems?: number;
}

// getAll of entries the range query did not return (moved or removed): ids per round trip. Few:
// an entry may weigh 1 MiB, and each is hashed and dropped as it arrives.
const GET_ALL_CHUNK = 10;

// Seal records are small (ids and hashes), but one edited by hand may not be.
const SEAL_PAGE_BYTES = 4 * 1024 * 1024;

/** Where a seal's stretch of the log starts: after the previous seal, or (unknown) at its first entry. */
type StretchStart = { after: LogPosition | undefined } | { from: LogPosition };

/** What one seal's check found, kept apart so problems can be listed in chain order. */
interface SealFindings {
  sequence: number;
  problems: ActivityChainProblem[];
  /** Entries inside this seal's stretch that it does not list (inserted, or moved here). */
  strays: string[];
}

/**
 * Walks the seals in order and recomputes every hash from the entries as they are now.
 *
 * Per seal, one range query reads the entries of its stretch of the log (after the previous
 * seal's last position, up to its own) in pages that shrink when entries are big; each entry is
 * hashed as it arrives and dropped, so memory holds a page per concurrent check, not a stretch.
 * Listed entries the query did not return are fetched with getAll in chunks: gone → removed;
 * there but moved (their `at` edited) → altered. Entries the query returned that the seal does
 * not list are "inserted", unless another seal lists them (then they were moved, and that seal
 * reports them as altered). Seals are checked `concurrency` at a time; memory holds one set of
 * ids (~100 bytes per entry) to resolve moved entries.
 */
export async function verifyActivityChain(
  db: Firestore,
  options: VerifyOptions = {},
): Promise<ActivityChainVerification> {
  const started = performance.now();
  const pageSize = options.sealPageSize ?? 50;
  const concurrency = options.concurrency ?? 4;
  const maxProblems = options.maxProblems ?? 500;

  const findings: SealFindings[] = [];
  const listed = new Set<string>();
  let previous: { sequence: number; hash: string; last: LogPosition | undefined } | undefined;
  let head: { sequence: number; hash: string | null; sealedAt: unknown } | undefined;
  let sealsChecked = 0;
  let entriesChecked = 0;
  // One sizer for every stretch: once a check meets big entries, the others read fewer at a time.
  const sizer = new PageSizer();
  const sealLog = db.collection(SEALS_COLLECTION).orderBy(FieldPath.documentId());
  const sealPages = new PageSizer({ maxDocs: pageSize, pageBytes: SEAL_PAGE_BYTES });

  for await (const page of readPages(sealLog, sealPages)) {
    const checks: (() => Promise<void>)[] = [];
    for (const { snapshot: doc, data } of page) {
      const read = readSeal(doc.id, data, (previous?.sequence ?? 0) + 1);
      const found: SealFindings = { sequence: read.sequence, problems: read.problems, strays: [] };
      findings.push(found);
      sealsChecked++;
      const hash = data['hash'];
      head = {
        sequence: read.sequence,
        hash: typeof hash === 'string' ? hash : null,
        sealedAt: data['sealedAt'],
      };
      if (!read.seal) {
        // Unreadable: nothing to check its entries against; the next seal is checked against it.
        previous = { sequence: read.sequence, hash: String(hash), last: read.last };
        continue;
      }
      const seal = read.seal;
      found.problems.push(...checkLink(seal, previous));
      for (const id of seal.entryIds) listed.add(id);
      entriesChecked += seal.entryIds.length;
      // A stretch starts right after the previous seal's last entry. After a missing or unreadable
      // seal that point is unknown: check from the seal's own first entry, or every entry of the
      // missing seal would look inserted here (the broken link already says what happened).
      const gap = seal.sequence > (previous?.sequence ?? 0) + 1 || (previous && !previous.last);
      const start: StretchStart = gap ? { from: seal.first } : { after: previous?.last };
      checks.push(() => checkEntries(db, seal, start, found, sizer));
      previous = { sequence: seal.sequence, hash: seal.hash, last: seal.last };
    }
    await inParallel(checks, concurrency);
  }

  const problems = findings.flatMap((found) => [
    ...found.problems,
    ...found.strays
      // Listed by another seal: it was moved here by an edit of its time, reported as altered there.
      .filter((id) => !listed.has(id))
      .map((id) => ({
        seal: found.sequence,
        kind: 'inserted' as const,
        entryId: id,
        message: `Entry ${id} lies inside the stretch of the log sealed by seal ${found.sequence} but no seal lists it: it was added later with an earlier time.`,
      })),
  ]);

  return {
    ok: problems.length === 0,
    sealsChecked,
    entriesChecked,
    unsealedEntries: await countUnsealed(db, previous?.last),
    lastSealedAt: head?.sealedAt instanceof Timestamp ? head.sealedAt.toDate().toISOString() : null,
    headSequence: head?.sequence ?? 0,
    headHash: head?.hash ?? null,
    problems: problems.slice(0, maxProblems),
    problemCount: problems.length,
    verifiedAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - started),
  };
}

/** The seal follows the previous one, and its own record still hashes to its hash. */
function checkLink(
  seal: SealDoc,
  previous: { sequence: number; hash: string } | undefined,
): ActivityChainProblem[] {
  const problems: ActivityChainProblem[] = [];
  const expectedSequence = (previous?.sequence ?? 0) + 1;
  const expectedPrevious = previous?.hash ?? GENESIS_HASH;
  if (seal.sequence > expectedSequence) {
    const missing =
      seal.sequence - expectedSequence === 1
        ? `seal ${expectedSequence} is missing`
        : `seals ${expectedSequence} to ${seal.sequence - 1} are missing`;
    problems.push({
      seal: seal.sequence,
      kind: 'broken-link',
      message: `The chain is broken before seal ${seal.sequence}: ${missing}.`,
    });
  } else if (seal.previousHash !== expectedPrevious) {
    problems.push({
      seal: seal.sequence,
      kind: 'broken-link',
      message: `Seal ${seal.sequence} does not follow ${
        previous ? `seal ${previous.sequence}` : 'the start of the chain'
      }: its previous hash ${short(seal.previousHash)} should be ${short(expectedPrevious)}.`,
    });
  }
  // Only the link edited (the record still hashes right with the true previous hash): the
  // broken link says it all. Anything else that does not hash right is an edit of the seal itself.
  const selfConsistent =
    sealHash(seal) === seal.hash ||
    sealHash({ ...seal, previousHash: expectedPrevious }) === seal.hash;
  if (!selfConsistent) {
    problems.push({
      seal: seal.sequence,
      kind: 'seal-altered',
      message: `Seal ${seal.sequence}'s own record (its entry list, range or hash) was edited: it no longer hashes to ${short(seal.hash)}.`,
    });
  }
  return problems;
}

/** Reads the seal's stretch of the log and compares each entry with the hash sealed for it. */
async function checkEntries(
  db: Firestore,
  seal: SealDoc,
  start: StretchStart,
  found: SealFindings,
  sizer: PageSizer,
): Promise<void> {
  const expected = new Map(seal.entryIds.map((id, i) => [id, seal.entryHashes[i]!]));
  const unseen = new Set(seal.entryIds);
  // Per listed entry found: null when it hashes as sealed, else a short description of it.
  const checked = new Map<string, string | null>();
  const check = (id: string, data: DocumentData) =>
    checked.set(id, entryHash(id, data) === expected.get(id) ? null : describe(data));
  const from =
    'from' in start
      ? logOrder(db).startAt(start.from.at, start.from.id)
      : logAfter(db, start.after);
  for await (const page of readPages(from.endAt(seal.last.at, seal.last.id), sizer)) {
    for (const { snapshot, data } of page) {
      if (!expected.has(snapshot.id)) found.strays.push(snapshot.id);
      else check(snapshot.id, data);
      unseen.delete(snapshot.id);
    }
  }
  // Not where the seal left them: moved by an edit of `at`, or gone.
  const elsewhere = [...unseen];
  for (let i = 0; i < elsewhere.length; i += GET_ALL_CHUNK) {
    const refs = elsewhere
      .slice(i, i + GET_ALL_CHUNK)
      .map((id) => db.collection(ACTIVITY_COLLECTION).doc(id));
    for (const snap of await db.getAll(...refs)) {
      const data = snap.data();
      if (data) check(snap.id, data);
    }
  }
  // In the seal's order, so problems read like the log.
  for (const id of seal.entryIds) {
    const description = checked.get(id);
    if (description === undefined) {
      found.problems.push({
        seal: seal.sequence,
        kind: 'removed',
        entryId: id,
        message: `Entry ${id}, sealed by seal ${seal.sequence}, was deleted.`,
      });
    } else if (description !== null) {
      found.problems.push({
        seal: seal.sequence,
        kind: 'altered',
        entryId: id,
        message: `Entry ${id} (${description}) was changed after seal ${seal.sequence} sealed it.`,
      });
    }
  }
}

/**
 * "ORDER_CREATED on order 42 by staff@…": enough for an admin to find the entry. Fields of any
 * shape or length may be stored, so each is cut short and anything but text or a number is "?".
 */
function describe(data: DocumentData): string {
  const subject = isMap(data['subject']) ? data['subject'] : null;
  const actor = brief(data['actorEmail']) ?? brief(data['actorUid']);
  return [
    brief(data['action']) ?? 'no action',
    subject ? `on ${brief(subject['type']) ?? '?'} ${brief(subject['id']) ?? '?'}` : undefined,
    actor ? `by ${actor}` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
}

function brief(value: unknown): string | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string' || value === '') return undefined;
  return value.length > 60 ? `${value.slice(0, 59)}…` : value;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function short(hash: string): string {
  return `${hash.slice(0, 12)}…`;
}

async function inParallel(tasks: (() => Promise<void>)[], concurrency: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, tasks.length) }, async () => {
      while (next < tasks.length) await tasks[next++]!();
    }),
  );
}

// The activity log screen's reads at BENCH_ENTRIES entries (default 100,000): first page and next
// page (cursor) newest first, unfiltered and filtered by actor and by correlation id, next to what
// the same page costs without an index and cursor, measured in the same run.
// The query has the shape of FirestoreActivityRepository.page() (src/app/activity/data/): equality
// `where`s, orderBy at desc + document id desc, limit(pageSize + 1), startAfter(last snapshot), sent
// through the firebase-admin SDK (no sign-in, no rules: the read itself is what is timed).
// The emulator does not enforce composite indexes, so an "unindexed" query would simply run there;
// the baseline is what such a query really costs where it has no index: read the whole (filtered)
// set and sort it in memory, or skip with offset() (Firestore bills every skipped document).
// Runs in a Firestore project of its own (emptied before and after), never the app's data.
import { randomBytes } from 'node:crypto';
import { FieldPath, Timestamp, type Query, type QueryDocumentSnapshot } from 'firebase-admin/firestore';
import type { ActivityEntry, ActivitySubjectType } from '../contracts/activity.ts';
import { createFirebase } from '../server/src/firebase.ts';

/** 5–6 min at 100,000 on a shared 2-core machine (the emulator scans per query); `BENCH_ENTRIES=10000 npm run bench -- activity-log` for a quick look. */
const ENTRIES = Number(process.env['BENCH_ENTRIES'] ?? 100_000);
const REPEATS = Number(process.env['BENCH_REPEATS'] ?? 5);
/** Reading all entries is slow: fewer rounds of it. */
const FULL_SCAN_REPEATS = Number(process.env['BENCH_FULL_SCAN_REPEATS'] ?? 2);
const PAGE_SIZE = 50; // ActivityPage's page size in the SPA
const PROJECT = `demo-maestro-bench-activity-${randomBytes(4).toString('hex')}`;
const DAY_MS = 86_400_000;
const NOW = Date.now();

const firebase = createFirebase(PROJECT);
const db = firebase.firestore;
const activity = db.collection('activity');

async function clear(): Promise<void> {
  const host = process.env['FIRESTORE_EMULATOR_HOST'];
  await fetch(`http://${host}/emulator/v1/projects/${PROJECT}/databases/(default)/documents`, {
    method: 'DELETE',
  });
}

// ── Seeding: a realistic spread, deterministic so runs compare ──

const ACTORS = Array.from({ length: 8 }, (_, i) => `user-${i}`);
const ACTIONS: [string, ActivitySubjectType][] = [
  ['ORDER_CREATED', 'order'],
  ['ORDER_STATUS_CHANGED', 'order'],
  ['EXPENSE_CREATED', 'expense'],
  ['EXPENSE_UPDATED', 'expense'],
  ['ACCOUNT_CREATED', 'account'],
  ['CATEGORY_UPDATED', 'category'],
  ['TRANSFER_CREATED', 'transfer'],
  ['BUDGET_UPDATED', 'budget'],
  ['IMPORT_COMPLETED', 'import'],
  ['USER_ROLE_CHANGED', 'user'],
];
/** ~100 entries per correlation id: one command (an import, a saga) writes many entries. */
const CORRELATIONS = Math.max(1, Math.round(ENTRIES / 100));

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}

function entry(i: number, rand: () => number): ActivityEntry {
  // Skewed towards a few busy actors and actions, as a real log is.
  const actor = ACTORS[Math.floor(ACTORS.length * rand() ** 2)]!;
  const [action, type] = ACTIONS[Math.floor(ACTIONS.length * rand() ** 1.5)]!;
  return {
    actorUid: actor,
    actorEmail: `${actor}@maestro.test`,
    action,
    subject: { type, id: `${type}-${Math.floor(rand() * ENTRIES / 20)}` },
    changes: { status: { from: 'CONFIRMED', to: 'PREPARING' }, version: { from: i, to: i + 1 } },
    correlationId: `correlation-${Math.floor(rand() * CORRELATIONS)}`,
    eventId: `event-${i}`,
    at: Timestamp.fromMillis(NOW - Math.floor(rand() * 90 * DAY_MS)),
  };
}

/** Batches of 500, 8 in flight. */
async function seed(count: number): Promise<void> {
  const rand = random(42);
  const all = Array.from({ length: count }, (_, i) => entry(i, rand));
  let next = 0;
  let written = 0;
  let reported = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < count) {
        const start = next;
        next += 500;
        const batch = db.batch();
        for (const data of all.slice(start, start + 500)) batch.create(activity.doc(), data);
        await batch.commit();
        written += Math.min(500, count - start);
        if (written - reported >= count / 10) {
          reported = written;
          process.stdout.write(`  seeded ${written}/${count}\n`);
        }
      }
    }),
  );
}

// ── The reads ──

interface Read {
  ms: number;
  /** Documents Firestore bills: returned ones, plus skipped ones for offset(). */
  read: number;
  ids: string[];
}

type Filter = (q: Query) => Query;
const unfiltered: Filter = (q) => q;

/** The SPA's page(): filters, newest first with the id as tie-break, one extra to know if more. */
function pageQuery(filter: Filter): Query {
  return filter(activity).orderBy('at', 'desc').orderBy(FieldPath.documentId(), 'desc');
}

async function timed(run: () => Promise<Omit<Read, 'ms'>>): Promise<Read> {
  const started = performance.now();
  const result = await run();
  return { ...result, ms: performance.now() - started };
}

async function cursorPage(filter: Filter, after?: QueryDocumentSnapshot) {
  let q = pageQuery(filter);
  if (after) q = q.startAfter(after);
  const docs = (await q.limit(PAGE_SIZE + 1).get()).docs;
  return { docs: docs.slice(0, PAGE_SIZE), read: docs.length };
}

const ids = (docs: QueryDocumentSnapshot[]) => docs.map((d) => d.id);

/** Baseline: every matching document, sorted in memory as the index would have. */
async function fullScanPage(filter: Filter, page: number): Promise<Omit<Read, 'ms'>> {
  const docs = (await filter(activity).get()).docs;
  const sorted = docs.sort((a, b) => {
    const byTime = (b.get('at') as Timestamp).toMillis() - (a.get('at') as Timestamp).toMillis();
    return byTime || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
  });
  return { read: docs.length, ids: ids(sorted.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)) };
}

/** Baseline for the next page: no cursor, skip the first page with offset(). */
async function offsetPage(filter: Filter): Promise<Omit<Read, 'ms'>> {
  const docs = (await pageQuery(filter).offset(PAGE_SIZE).limit(PAGE_SIZE + 1).get()).docs;
  return { read: PAGE_SIZE + docs.length, ids: ids(docs.slice(0, PAGE_SIZE)) };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(
  times: number,
  run: () => Promise<Omit<Read, 'ms'>>,
  warmUp = true,
): Promise<Read[]> {
  if (warmUp) await run(); // the channel and the emulator's first parse of the query
  const results: Read[] = [];
  for (let i = 0; i < times; i++) results.push(await timed(run));
  return results;
}

interface Row {
  what: string;
  indexed: Read[];
  baselineName: string;
  baseline: Read[];
}
const rows: Row[] = [];

async function scenario(name: string, filter: Filter): Promise<void> {
  process.stdout.write(`  measuring ${name}…\n`);
  const first = await measure(REPEATS, async () => {
    const { docs, read } = await cursorPage(filter);
    return { read, ids: ids(docs) };
  });
  const last = (await cursorPage(filter)).docs.at(-1);
  const next = await measure(REPEATS, async () => {
    const { docs, read } = await cursorPage(filter, last);
    return { read, ids: ids(docs) };
  });
  const isWholeLog = filter === unfiltered;
  const scans = isWholeLog ? FULL_SCAN_REPEATS : REPEATS;
  // No warm-up: the cursor queries before have warmed the channel, and a scan is slow.
  const firstScan = await measure(scans, () => fullScanPage(filter, 0), false);
  const nextScan = await measure(scans, () => fullScanPage(filter, 1), false);
  const nextOffset = await measure(REPEATS, () => offsetPage(filter));
  // The baselines must return the very page the cursor does, or the comparison means nothing.
  const same = (a: Read[], b: Read[]) => a[0]!.ids.join() === b[0]!.ids.join();
  if (!same(first, firstScan) || !same(next, nextScan) || !same(next, nextOffset)) {
    throw new Error(`${name}: the baseline returned a different page than the indexed query`);
  }
  const full = `full scan + sort (${scans}×)`;
  rows.push({ what: `${name}: first page`, indexed: first, baselineName: full, baseline: firstScan });
  rows.push({ what: `${name}: next page`, indexed: next, baselineName: full, baseline: nextScan });
  rows.push({ what: `${name}: next page`, indexed: next, baselineName: 'offset(50)', baseline: nextOffset });
}

function printTable(): void {
  const p = (r: Read[], q: number) => percentile(r.map((x) => x.ms), q).toFixed(1).padStart(7);
  console.log(
    `\n  ${'query (cursor, indexed)'.padEnd(28)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'reads'.padStart(6)}` +
      `  │ ${'baseline (no index / no cursor)'.padEnd(26)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'reads'.padStart(7)}  │ p50 ratio`,
  );
  for (const { what, indexed, baselineName, baseline } of rows) {
    const ratio = percentile(baseline.map((x) => x.ms), 50) / percentile(indexed.map((x) => x.ms), 50);
    console.log(
      `  ${what.padEnd(28)} ${p(indexed, 50)} ${p(indexed, 95)} ${String(indexed[0]!.read).padStart(6)}` +
        `  │ ${baselineName.padEnd(26)} ${p(baseline, 50)} ${p(baseline, 95)} ${String(baseline[0]!.read).padStart(7)}  │ ${ratio.toFixed(1).padStart(6)}×`,
    );
  }
  console.log(
    '\n  reads: documents returned (51 = a page of 50 + one to know whether more exist); offset() bills' +
      '\n  the skipped ones too. The emulator does not enforce composite indexes (it evaluates every query' +
      '\n  by scanning), so the baseline is what the query costs without one: read the whole matching set' +
      '\n  and sort it, or skip with offset(). Production Firestore answers the cursor query from the index' +
      '\n  in time proportional to the page, not the log; the emulator only approximates that.',
  );
}

try {
  const started = performance.now();
  console.log(`${ENTRIES} activity entries, project ${PROJECT}, ${REPEATS} repeats (firebase-admin)`);
  await clear();
  const seedStarted = performance.now();
  await seed(ENTRIES);
  const seedS = (performance.now() - seedStarted) / 1000;
  console.log(`  seeding: ${seedS.toFixed(1)} s (${Math.round(ENTRIES / seedS)} entries/s)`);
  await scenario('all', unfiltered);
  await scenario('actor user-3', (q) => q.where('actorUid', '==', 'user-3'));
  await scenario('correlation-7', (q) => q.where('correlationId', '==', 'correlation-7'));
  printTable();
  console.log(`\n  total ${((performance.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await clear();
  await firebase.close();
}

// The CSV import's write path, measured: 10,000 valid expense rows into the emulator through
// BatchOperation as the ImportOrchestrator sends them now (no before-image read for the rows, which
// are created; a few chunks in flight; progress per chunk; an activity entry per chunk, the ledger
// bump in the last), against today's path before issue 16 (every before-image read first, then
// chunk after chunk: kept below, in this file only) and against one commit per row (the row and its
// own activity entry: the naive audited write), in the same run; then the rollback of all 10,000.
// Web SDK in Node as a staff member (a mock token with the role claim), so the app's rules (account
// lookup per row, audit entries) run as in the app. In a Firestore project of its own
// (BENCH_IMPORT_PROJECT, default demo-maestro-import-bench) with firestore.rules loaded and the
// accounts and categories seeded, wiped before each method and at the end: every method starts from
// the same empty collections, and the numbers do not depend on what other suites left in (or keep
// doing to) demo-maestro. There, with other benches running, one commit per row took ~220 ms.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ExpenseDraft } from '../contracts/expenses.ts';
import { BatchOperation, DEFAULT_CHUNK_BYTES, planChunks, type ReadFn } from '../src/app/core/persistence/batch-operation.ts';
import type { BatchOperationError, BatchProgress } from '../src/app/core/persistence/batch-write.ts';
import { IMPORT_CHUNK_WRITES, IMPORT_COMMITS_IN_FLIGHT, importRowPath, planImport, type ImportPlan } from '../src/app/expenses/data/import-writes.ts';

// firebase's CommonJS build, as BatchOperation gets it under tsx (see batch-operation.bench.mts).
const require = createRequire(import.meta.url);
const { deleteApp, initializeApp } = require('firebase/app') as typeof import('firebase/app');
const { collection, connectFirestoreEmulator, doc, getCountFromServer, getDocFromServer, increment, initializeFirestore, query, serverTimestamp, terminate, where, writeBatch } =
  require('firebase/firestore') as typeof import('firebase/firestore');

/** `BENCH_ROWS=1000 npm run bench -- import` for a quick look. */
const ROWS = Number(process.env['BENCH_ROWS'] ?? 10_000);
/** One commit per row gets this long; past it, the rate is extrapolated to ROWS. */
const PER_ROW_BUDGET_S = 180;

const firestoreHost = process.env['FIRESTORE_EMULATOR_HOST'] ?? '127.0.0.1:8080';
const projectId = process.env['BENCH_IMPORT_PROJECT'] ?? 'demo-maestro-import-bench';
if (!projectId.startsWith('demo-')) throw new Error('BENCH_IMPORT_PROJECT must be a demo- project: the bench wipes it');
const run = `bench${Date.now().toString(36)}`;
const emulator = `http://${firestoreHost}/emulator/v1/projects/${projectId}`;

const user = { uid: 'bench-staff', email: 'staff@maestro.test' };
const uid = user.uid;
const app = initializeApp({ apiKey: 'demo-api-key', projectId }, run);
const db = initializeFirestore(app, {});
const [host, port] = firestoreHost.split(':');
connectFirestoreEmulator(db, host!, Number(port), { mockUserToken: { sub: uid, user_id: uid, email: user.email, role: 'staff' } });

const ACCOUNTS = ['cash-register', 'business-checking', 'company-card'];
const CATEGORIES = ['ingredients', 'produce', 'utilities', 'rent', 'wages', 'equipment'];

/** The app's rules, for this project only (the emulator keeps rules per project). */
async function loadRules(): Promise<void> {
  const content = readFileSync(new URL('../firestore.rules', import.meta.url), 'utf8');
  const response = await fetch(`${emulator}:securityRules`, { method: 'PUT', body: JSON.stringify({ rules: { files: [{ name: 'firestore.rules', content }] } }) });
  if (!response.ok) throw new Error(`could not load the rules: ${response.status} ${await response.text()}`);
}

async function wipe(): Promise<void> {
  const response = await fetch(`${emulator}/databases/(default)/documents`, { method: 'DELETE' });
  if (!response.ok) throw new Error(`could not wipe ${projectId}: ${response.status} ${await response.text()}`);
}

/** Empties the bench's project and writes the accounts and categories the rules look up, as the seed would. */
async function reset(): Promise<void> {
  await wipe();
  await asAdmin(async (adminDb) => {
    const batch = adminDb.batch();
    for (const id of ACCOUNTS) batch.set(adminDb.doc(`accounts/${id}`), { name: id, type: 'bank', currency: 'USD', openingBalanceMinor: 0, archived: false, createdBy: 'seed' });
    for (const id of CATEGORIES) batch.set(adminDb.doc(`categories/${id}`), { name: id, colour: '#607d8b', icon: 'label', parentId: null });
    await batch.commit();
  });
}
/** What a CSV of ROWS valid rows becomes after mapping and review (dates in 2023: no month view moves). */
const rows: ExpenseDraft[] = Array.from({ length: ROWS }, (_, i) => ({
  accountId: ACCOUNTS[i % ACCOUNTS.length]!,
  categoryId: CATEGORIES[i % CATEGORIES.length]!,
  amountMinor: 100 + (i % 9_900),
  currency: 'USD',
  date: `2023-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
  payee: `${run} Supplier ${i % 250}`,
  note: i % 4 ? '' : 'Weekly delivery',
  tags: i % 3 ? ['bench'] : ['bench', 'weekly'],
}));

/** The orchestrator's plan: chunk by chunk, each chunk's activity entry and rows; the ledger bump last. */
function importPlan(importId: string, importRows: readonly ExpenseDraft[] = rows) {
  return planImport(
    { importId, fileName: `${importId}.csv`, rows: importRows, eventId: importId, correlationId: importId, actor: user },
    { serverTimestamp, increment },
    { planChunks, DEFAULT_CHUNK_BYTES },
  );
}
/**
 * The timeout is longer than the app's 30 s because a busy emulator can stall one commit for
 * longer, and a benchmark should measure that, not fail on it.
 */
const TIMEOUT_MS = 180_000;
/** Progress on stderr, so a long run shows it is alive; the tables go to stdout. */
const note = (text: string) => process.stderr.write(`  … ${text}\n`);

interface Row {
  path: string;
  seconds: number;
  note?: string;
  /** A phase of the row above: no ratio of its own. */
  part?: boolean;
}

/** What the import screen sees: the rows written after each acknowledged chunk, over time. */
class ProgressClock {
  readonly started = performance.now();
  private readonly updates: { rows: number; at: number }[] = [];
  constructor(private readonly plan: ImportPlan) {}
  /** As the orchestrator does: rows in the first `chunksDone` chunks, emitted when they grow. */
  chunksDone(chunksDone: number): void {
    const rows = chunksDone > 0 ? (this.plan.chunks[Math.min(chunksDone, this.plan.chunks.length) - 1]?.to ?? 0) : 0;
    if (rows > (this.updates.at(-1)?.rows ?? 0)) this.updates.push({ rows, at: performance.now() });
  }
  /** Seconds from the start to the first update, the largest gap from the start through the end, marks at 25 % steps. */
  summary(ended = performance.now()) {
    const times = [this.started, ...this.updates.map((u) => u.at), ended];
    const gaps = times.slice(1).map((t, i) => (t - times[i]!) / 1000);
    const marks = [25, 50, 75, 100].map((percent) => ({
      percent,
      seconds: ((this.updates.find((u) => u.rows >= (ROWS * percent) / 100)?.at ?? Number.NaN) - this.started) / 1000,
    }));
    return { updates: this.updates.length, firstAt: gaps[0] ?? 0, largestGap: Math.max(...gaps), marks };
  }
}
type Progress = ReturnType<ProgressClock['summary']>;

/**
 * TODAY'S PATH before issue 16, kept here only as the baseline: BatchOperation read the before-image
 * of every document first (32 at a time, the activity entries excepted), then committed the chunks
 * one after the other. (Its rollback is not needed: this run succeeds.)
 */
async function todaysPath(plan: ImportPlan, progress: ProgressClock): Promise<{ chunks: number; readSeconds: number; reads: number }> {
  const { writes, options } = plan;
  const chunks = planChunks(writes, options.maxWritesPerChunk, options.maxChunkBytes, 'refuse', options.closeChunkBefore);
  const paths = [...new Set(writes.map((w) => w.path))].filter((path) => !options.keepOnRollback(path));
  const before = new Map<string, unknown>();
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < paths.length) {
        const path = paths[next++]!;
        const snapshot = await getDocFromServer(doc(db, path));
        before.set(path, snapshot.exists() ? snapshot.data() : null);
      }
    }),
  );
  const readSeconds = (performance.now() - progress.started) / 1000;
  for (const chunk of chunks) {
    const batch = writeBatch(db);
    for (const write of chunk.writes) {
      if (write.kind === 'set') batch.set(doc(db, write.path), write.data, { merge: write.merge ?? false });
      else if (write.kind === 'update') batch.update(doc(db, write.path), write.data);
      else batch.delete(doc(db, write.path));
    }
    await batch.commit();
    progress.chunksDone(chunk.index + 1);
  }
  return { chunks: chunks.length, readSeconds, reads: before.size };
}

/** A BatchOperation whose before-image reads are counted. */
function countingOperation(): { operation: BatchOperation; reads: string[] } {
  const reads: string[] = [];
  const read: ReadFn = (firestore, path) => {
    reads.push(path);
    return getDocFromServer(doc(firestore, path));
  };
  return { operation: new BatchOperation(db, { read }), reads };
}

const plannedImport = (importId: string): ImportPlan => importPlan(importId);

async function measureTodaysPath(): Promise<{ rows: Row[]; progress: Progress; chunks: number }> {
  const plan = plannedImport(`${run}-today`);
  const progress = new ProgressClock(plan);
  const result = await todaysPath(plan, progress);
  const seconds = (performance.now() - progress.started) / 1000;
  return {
    chunks: result.chunks,
    progress: progress.summary(),
    rows: [
      { path: `(a) TODAY: before-images first (${fmt(result.reads)} reads), then ${result.chunks} chunks one by one`, seconds },
      { path: '↳ of which reading before-images', seconds: result.readSeconds, part: true },
    ],
  };
}

/** The app's chunks in flight against one fewer (or two, when the app sends one): does overlapping pay? */
const OTHER_IN_FLIGHT = IMPORT_COMMITS_IN_FLIGHT === 1 ? 2 : IMPORT_COMMITS_IN_FLIGHT - 1;

/** The new path; another `inFlight` shows whether overlapping more commits pays. */
async function measureImport(inFlight = IMPORT_COMMITS_IN_FLIGHT): Promise<{ rows: Row[]; progress: Progress; chunks: number; reads: string[] }> {
  const plan = plannedImport(`${run}-import${inFlight}`);
  const { operation, reads } = countingOperation();
  const progress = new ProgressClock(plan);
  const onProgress = (p: BatchProgress) => progress.chunksDone(p.chunksDone);
  const result = await operation.commit(plan.writes, { ...plan.options, commitConcurrency: inFlight, timeoutMs: TIMEOUT_MS, onProgress });
  const seconds = (performance.now() - progress.started) / 1000;
  const label = inFlight === IMPORT_COMMITS_IN_FLIGHT ? '(n) NEW' : `(n${inFlight}) new path, ${inFlight} chunk${inFlight === 1 ? '' : 's'} in flight instead of ${IMPORT_COMMITS_IN_FLIGHT}`;
  return {
    chunks: result.chunks,
    reads,
    progress: progress.summary(),
    rows: [
      {
        path: `${label}: rows created without a read (${reads.length} before-image read: ${reads.join(', ') || 'none'}), ${result.chunks} chunks, ${inFlight} in flight`,
        seconds,
      },
    ],
  };
}

/** The naive audited path: one commit per row, holding the row and its own activity entry. */
async function measureSetDocEach(): Promise<Row> {
  const importId = `${run}-single`;
  const started = performance.now();
  let done = 0;
  for (let i = 0; i < rows.length; i++) {
    const plan = importPlan(`${importId}-${i + 1}`, [rows[i]!]);
    const batch = writeBatch(db);
    for (const write of plan.writes) {
      if (write.kind !== 'set' || write.path === 'metadata/ledger') continue;
      batch.set(doc(db, write.path), write.data);
    }
    await batch.commit();
    done++;
    if ((performance.now() - started) / 1000 > PER_ROW_BUDGET_S) break;
  }
  const seconds = (performance.now() - started) / 1000;
  const path = '(b) one commit per row: the row and its activity entry (sequential)';
  return done === ROWS ? { path, seconds } : { path, seconds: (seconds * ROWS) / done, note: `EXTRAPOLATED from ${done} rows in ${seconds.toFixed(1)} s` };
}

/**
 * Writes every row again through the new path, then cancels before the last chunk (entry
 * "imported" + ledger): every row goes back. Then checks that no document the import touched is
 * changed: no row left (by path and by query), no "imported" entry, the ledger not moved by it.
 */
async function measureRollback(): Promise<{ rows: Row[]; check: string }> {
  const importId = `${run}-rollback`;
  const controller = new AbortController();
  let abortedAt = 0;
  const plan = plannedImport(importId);
  const ledgerBefore = (await getDocFromServer(doc(db, 'metadata/ledger'))).data();
  const { operation, reads } = countingOperation();
  const started = performance.now();
  const onProgress = (p: BatchProgress) => {
    if (p.phase === 'committing' && p.chunksDone === p.chunksTotal - 1 && !abortedAt) {
      abortedAt = performance.now();
      controller.abort(new Error('bench: cancel after the last chunk of rows'));
    }
  };
  try {
    await operation.commit(plan.writes, { ...plan.options, timeoutMs: TIMEOUT_MS, signal: controller.signal, onProgress });
    throw new Error('the rollback run was not cancelled');
  } catch (error) {
    // Not `instanceof`: tsx loads batch-write.ts once for this file and once for BatchOperation's require().
    const failure = error as Partial<BatchOperationError>;
    if (failure.name !== 'BatchOperationError' || failure.reason !== 'cancelled' || failure.rollback?.status !== 'complete') throw error;
    const ended = performance.now();
    const byQuery = (await getCountFromServer(query(collection(db, 'expenses'), where('importId', '==', importId)))).data().count;
    const rowPaths = rows.map((_, i) => importRowPath(importId, i + 1));
    let byPath = 0;
    for (let i = 0; i < rowPaths.length; i += 200) {
      const found = await Promise.all(rowPaths.slice(i, i + 200).map((path) => getDocFromServer(doc(db, path))));
      byPath += found.filter((snapshot) => snapshot.exists()).length;
    }
    const imported = (await getDocFromServer(doc(db, `activity/${importId}`))).exists();
    const ledgerAfter = (await getDocFromServer(doc(db, 'metadata/ledger'))).data();
    // Other engineers' runs may bump the ledger meanwhile: it must not name this import's entries.
    const ledgerMoved = ledgerAfter?.['auditId'] === importId || plan.chunks.some((_, n) => ledgerAfter?.['auditId'] === `${importId}-chunk-${n + 1}`);
    if (byQuery || byPath || imported || ledgerMoved) {
      throw new Error(`after the rollback: ${byQuery} rows by query, ${byPath} by path, "imported" entry ${imported}, ledger moved by it ${ledgerMoved}`, { cause: error });
    }
    const restored = failure.rollback.restored;
    return {
      check: `rolled back ${fmt(restored)} rows with ${reads.length} before-image read (${reads.join(', ') || 'none'}); afterwards 0 of ${fmt(ROWS)} rows by path, 0 by query, no "imported" entry, the ledger not moved by it (version ${ledgerBefore?.['version'] ?? 0} before; others may bump it meanwhile) → 0 documents changed`,
      rows: [
        { path: '(c) write every row again (new path), then cancel', seconds: (ended - started) / 1000, part: true },
        { path: `(c) roll back ${fmt(restored)} rows (deletes in chunks, ${plan.options.commitConcurrency} in flight)`, seconds: (ended - abortedAt) / 1000 },
      ],
    };
  }
}

/** The emulator's owner in the bench's project (rules off), as the seed writes. */
async function asAdmin(work: (adminDb: import('firebase-admin/firestore').Firestore) => Promise<void>): Promise<void> {
  process.env['FIRESTORE_EMULATOR_HOST'] ??= firestoreHost;
  process.env['METADATA_SERVER_DETECTION'] ??= 'none';
  const admin = await import('firebase-admin/app');
  const { getFirestore } = await import('firebase-admin/firestore');
  const adminApp = admin.initializeApp({ projectId }, `${run}-admin-${Math.random()}`);
  try {
    await work(getFirestore(adminApp));
  } finally {
    await admin.deleteApp(adminApp);
  }
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

try {
  await loadRules();
  await reset();
  // Warm-up: the first commits on a fresh connection, and the emulator's first few thousand rule
  // evaluations (its JIT), are slower for every method: whichever ran first paid for it (measured:
  // the same 3,000-row import took 8.4 s first and 5.7 s right after).
  const warm = importPlan(`${run}-warm`, rows.slice(0, Math.min(ROWS, 3_000)));
  await new BatchOperation(db).commit(warm.writes, { ...warm.options, timeoutMs: TIMEOUT_MS });
  for (let i = 0; i < 100; i++) {
    const one = importPlan(`${run}-warm-${i}`, [rows[i]!]);
    const batch = writeBatch(db);
    for (const write of one.writes) if (write.kind === 'set' && write.path !== 'metadata/ledger') batch.set(doc(db, write.path), write.data);
    await batch.commit();
  }
  await reset();

  // Each method starts from the same empty collections (bar the accounts and categories): the
  // emulator's cost per commit grows with the documents already there.
  note(`(n) importing ${fmt(ROWS)} rows through the new path`);
  const imported = await measureImport();
  await reset();
  note(`(n) ${fmt(imported.rows[0]!.seconds, 1)} s; (n${OTHER_IN_FLIGHT}) the new path, ${OTHER_IN_FLIGHT} in flight`);
  const otherInFlight = await measureImport(OTHER_IN_FLIGHT);
  await reset();
  note(`(n${OTHER_IN_FLIGHT}) ${fmt(otherInFlight.rows[0]!.seconds, 1)} s; (a) today's path`);
  const today = await measureTodaysPath();
  await reset();
  note(`(a) ${fmt(today.rows[0]!.seconds, 1)} s; (b) one commit per row`);
  const single = await measureSetDocEach();
  await reset();
  note(`(b) ${fmt(single.seconds, 1)} s; (c) writing every row again, then rolling back`);
  const rollback = await measureRollback();
  const baseline = ROWS / single.seconds;
  const todayRate = ROWS / today.rows[0]!.seconds;

  console.log(`\nCSV import write path: ${fmt(ROWS)} valid expense rows (+ an activity entry per commit + ledger bump),`);
  console.log(`web SDK in Node against the Firestore emulator (project ${projectId}, the app's rules), as staff.`);
  console.log('rows/s: higher is better; ratio: rows/s ÷ one commit per row (row + its entry); vs today: rows/s ÷ (a).\n');
  console.log('| path | rows | seconds | rows/s | ratio | vs today |');
  console.log('| :--- | ---: | ---: | ---: | ---: | ---: |');
  for (const row of [...imported.rows, ...otherInFlight.rows, ...today.rows, single, ...rollback.rows]) {
    const rate = ROWS / row.seconds;
    const path = row.note ? `${row.path} — ${row.note}` : row.path;
    const ratio = row.part ? '' : `${(rate / baseline).toFixed(2)}×`;
    const vsToday = row.part || row === single || row.path.startsWith('(c)') ? '' : `${(rate / todayRate).toFixed(2)}×`;
    console.log(`| ${path} | ${fmt(ROWS)} | ${fmt(row.seconds, 1)} | ${fmt(rate)} | ${ratio} | ${vsToday} |`);
  }
  console.log(`\nRollback: ${rollback.check}.`);
  console.log(`\nProgress as the import screen sees it (chunks of ≤ ${IMPORT_CHUNK_WRITES} writes; new path ${IMPORT_COMMITS_IN_FLIGHT} in flight):\n`);
  console.log('| path | updates | first update (s) | largest gap between updates (s) | 25 % | 50 % | 75 % | 100 % |');
  console.log('| :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [label, p] of [['(n) new', imported.progress], [`(n${OTHER_IN_FLIGHT}) new, ${OTHER_IN_FLIGHT} in flight`, otherInFlight.progress], ['(a) today', today.progress]] as const) {
    console.log(`| ${label} | ${p.updates} | ${fmt(p.firstAt, 1)} | ${fmt(p.largestGap, 1)} | ${p.marks.map((m) => fmt(m.seconds, 1)).join(' | ')} |`);
  }
  console.log(
    '\nThe largest gap counts from the start to the first update and from the last update to the end too.' +
      "\nToday's path writes nothing before every before-image is read: its first update waits for all the reads." +
      '\nThe rollback deletes the rows it created (no before-image to restore), 500 to a commit.',
  );
} catch (error) {
  console.error('\nThe benchmark failed:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  const started = performance.now();
  try {
    await wipe();
    console.log(`\n(wiped the bench's project ${projectId} in ${fmt((performance.now() - started) / 1000, 1)} s)`);
  } catch (error) {
    console.error(`\nClean-up failed: the bench's project ${projectId} still holds this run's documents`, error);
    process.exitCode = 1;
  }
  await terminate(db);
  await deleteApp(app);
}
// The SDK's gRPC channel can outlive terminate() for a while; the measurements are printed.
process.exit(process.exitCode ?? 0);

// The CSV import's write path, measured: 10,000 valid expense rows into the emulator through
// BatchOperation as the ImportOrchestrator sends them (before-images, 500-write chunks, progress,
// an activity entry per chunk, the ledger bump in the last), against one commit per row (the row and
// its own activity entry: the naive audited write),
// and the time to roll all 10,000 back. Web SDK in Node, signed in as the demo staff user, so the
// rules (account lookup per row) run as in the app. Run by `npm run bench`, which seeds the emulators.
import { createRequire } from 'node:module';
import type { ExpenseDraft } from '../contracts/expenses.ts';
import { BatchOperation, DEFAULT_CHUNK_BYTES, planChunks } from '../src/app/core/persistence/batch-operation.ts';
import type { BatchOperationError, BatchProgress } from '../src/app/core/persistence/batch-write.ts';
import { importRollbackEntryId } from '../contracts/activity.ts';
import { IMPORT_CHUNK_WRITES, importRowPath, planImport } from '../src/app/expenses/data/import-writes.ts';

// firebase's CommonJS build, as BatchOperation gets it under tsx (see batch-operation.bench.mts).
const require = createRequire(import.meta.url);
const { deleteApp, initializeApp } = require('firebase/app') as typeof import('firebase/app');
const { connectAuthEmulator, getAuth, signInWithEmailAndPassword } = require('firebase/auth') as typeof import('firebase/auth');
const { collection, connectFirestoreEmulator, doc, getCountFromServer, increment, initializeFirestore, query, serverTimestamp, terminate, where, writeBatch } =
  require('firebase/firestore') as typeof import('firebase/firestore');

/** `BENCH_ROWS=1000 npm run bench -- import` for a quick look. */
const ROWS = Number(process.env['BENCH_ROWS'] ?? 10_000);
/** One commit per row gets this long; past it, the rate is extrapolated to ROWS. */
const PER_ROW_BUDGET_S = 180;

const firestoreHost = process.env['FIRESTORE_EMULATOR_HOST'] ?? '127.0.0.1:8080';
const authHost = process.env['FIREBASE_AUTH_EMULATOR_HOST'] ?? '127.0.0.1:9099';
const projectId = process.env['GCLOUD_PROJECT'] ?? 'demo-maestro';
const run = `bench${Date.now().toString(36)}`;

const app = initializeApp({ apiKey: 'demo-api-key', projectId }, run);
const auth = getAuth(app);
connectAuthEmulator(auth, `http://${authHost}`, { disableWarnings: true });
const user = (await signInWithEmailAndPassword(auth, 'staff@maestro.test', 'maestro-staff')).user;
const uid = user.uid;
const db = initializeFirestore(app, {});
const [host, port] = firestoreHost.split(':');
connectFirestoreEmulator(db, host!, Number(port));

const ACCOUNTS = ['cash-register', 'business-checking', 'company-card'];
const CATEGORIES = ['ingredients', 'produce', 'utilities', 'rent', 'wages', 'equipment'];
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
    { importId, fileName: `${importId}.csv`, rows: importRows, eventId: importId, correlationId: importId, actor: { uid, email: user.email } },
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
const toRemove: string[] = [];
const activityToRemove: string[] = [];

async function measureImport(): Promise<{ rows: Row[]; marks: { percent: number; seconds: number }[]; chunks: number }> {
  const importId = `${run}-import`;
  const marks: { percent: number; seconds: number }[] = [];
  let committingAt = 0;
  const started = performance.now();
  const onProgress = (p: BatchProgress) => {
    if (p.phase === 'committing' && p.chunksDone === 0) committingAt = performance.now();
    const written = Math.min(p.writesDone, ROWS);
    for (const percent of [25, 50, 75, 100]) {
      if (!marks.some((m) => m.percent === percent) && written >= (ROWS * percent) / 100) {
        marks.push({ percent, seconds: (performance.now() - started) / 1000 });
      }
    }
  };
  // Listed for the clean-up first: a failed run may leave rows behind too.
  toRemove.push(...rows.map((_, i) => importRowPath(importId, i + 1)));
  const plan = importPlan(importId);
  activityToRemove.push(...plan.writes.filter((w) => w.path.startsWith('activity/')).map((w) => w.path));
  const result = await new BatchOperation(db).commit(plan.writes, { ...plan.options, timeoutMs: TIMEOUT_MS, onProgress });
  const ended = performance.now();
  return {
    chunks: result.chunks,
    marks,
    rows: [
      { path: `(a) import: BatchOperation, ${result.chunks} chunks`, seconds: (ended - started) / 1000 },
      { path: '↳ of which reading before-images', seconds: (committingAt - started) / 1000, part: true },
      { path: '↳ of which committing the chunks', seconds: (ended - committingAt) / 1000, part: true },
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
      (write.path.startsWith('activity/') ? activityToRemove : toRemove).push(write.path);
    }
    await batch.commit();
    done++;
    if ((performance.now() - started) / 1000 > PER_ROW_BUDGET_S) break;
  }
  const seconds = (performance.now() - started) / 1000;
  const path = '(b) one commit per row: the row and its activity entry (sequential)';
  return done === ROWS ? { path, seconds } : { path, seconds: (seconds * ROWS) / done, note: `EXTRAPOLATED from ${done} rows in ${seconds.toFixed(1)} s` };
}

/** Writes every row again, then cancels before the last chunk (activity + ledger): all rows go back. */
async function measureRollback(): Promise<Row[]> {
  const importId = `${run}-rollback`;
  const controller = new AbortController();
  let abortedAt = 0;
  const started = performance.now();
  const onProgress = (p: BatchProgress) => {
    if (p.phase === 'committing' && p.chunksDone === p.chunksTotal - 1 && !abortedAt) {
      abortedAt = performance.now();
      controller.abort(new Error('bench: cancel after the last chunk of rows'));
    }
  };
  const plan = importPlan(importId);
  activityToRemove.push(...plan.writes.filter((w) => w.path.startsWith('activity/')).map((w) => w.path), 'activity/' + importRollbackEntryId(importId));
  try {
    await new BatchOperation(db).commit(plan.writes, { ...plan.options, timeoutMs: TIMEOUT_MS, signal: controller.signal, onProgress });
    throw new Error('the rollback run was not cancelled');
  } catch (error) {
    // Not `instanceof`: tsx loads batch-write.ts once for this file and once for BatchOperation's require().
    const failure = error as Partial<BatchOperationError>;
    if (failure.name !== 'BatchOperationError' || failure.reason !== 'cancelled' || failure.rollback?.status !== 'complete') {
      toRemove.push(...rows.map((_, i) => importRowPath(importId, i + 1))); // whatever the rollback left
      throw error;
    }
    const ended = performance.now();
    const left = (await getCountFromServer(query(collection(db, 'expenses'), where('importId', '==', importId)))).data().count;
    if (left !== 0) throw new Error(`${left} rows left after the rollback`, { cause: error });
    return [
      { path: '(c) write every row again, then cancel', seconds: (ended - started) / 1000, part: true },
      { path: `(c) roll back ${fmt(failure.rollback.restored)} rows (deletes in chunks)`, seconds: (ended - abortedAt) / 1000 },
    ];
  }
}

/**
 * Everything the run may have written goes with the admin SDK (as the seed writes): the activity log
 * is append-only for clients, and the rules refuse a client's delete of a row that is not there.
 */
async function cleanUp(paths: readonly string[]): Promise<void> {
  process.env['FIRESTORE_EMULATOR_HOST'] ??= firestoreHost;
  process.env['METADATA_SERVER_DETECTION'] ??= 'none';
  const admin = await import('firebase-admin/app');
  const { getFirestore } = await import('firebase-admin/firestore');
  const adminApp = admin.initializeApp({ projectId }, `${run}-admin`);
  try {
    const adminDb = getFirestore(adminApp);
    for (let i = 0; i < paths.length; i += 500) {
      const batch = adminDb.batch();
      for (const path of paths.slice(i, i + 500)) batch.delete(adminDb.doc(path));
      await batch.commit();
    }
  } finally {
    await admin.deleteApp(adminApp);
  }
}

/** Removes the rows written so far (not the activity entry: that goes at the end). */
async function removeNow(): Promise<void> {
  await cleanUp(toRemove.splice(0));
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

try {
  // Warm-up: the first commits on a fresh connection are slower for every method.
  const warm = importPlan(`${run}-warm`, rows.slice(0, 200));
  await new BatchOperation(db).commit(warm.writes, warm.options);
  for (const write of warm.writes) {
    if (write.path.startsWith('activity/')) activityToRemove.push(write.path);
    else if (write.path.startsWith('expenses/')) toRemove.push(write.path);
  }

  note(`(a) importing ${fmt(ROWS)} rows through BatchOperation`);
  const imported = await measureImport();
  // Each method starts from the same collection: the emulator's cost per commit grows with the
  // documents already there, so leaving (a)'s rows would slow (b) down and flatter (a).
  await removeNow();
  note(`(a) ${fmt(imported.rows[0]!.seconds, 1)} s; (b) one commit per row`);
  const single = await measureSetDocEach();
  await removeNow();
  note(`(b) ${fmt(single.seconds, 1)} s; (c) writing every row again, then rolling back`);
  const rollback = await measureRollback();
  const baseline = ROWS / single.seconds;

  console.log(`\nCSV import write path: ${fmt(ROWS)} valid expense rows (+ an activity entry per commit + ledger bump),`);
  console.log('web SDK in Node against the Firestore emulator, signed in as staff (rules on).');
  console.log("rows/s: higher is better; ratio: rows/s ÷ one commit per row (row + its entry).\n");
  console.log('| path | rows | seconds | rows/s | ratio |');
  console.log('| :--- | ---: | ---: | ---: | ---: |');
  for (const row of [...imported.rows, single, ...rollback]) {
    const rate = ROWS / row.seconds;
    const path = row.note ? `${row.path} — ${row.note}` : row.path;
    console.log(`| ${path} | ${fmt(ROWS)} | ${fmt(row.seconds, 1)} | ${fmt(rate)} | ${row.part ? '' : `${(rate / baseline).toFixed(2)}×`} |`);
  }
  console.log(`\nProgress of (a), as the import screen sees it (${imported.chunks} chunks of ≤ ${IMPORT_CHUNK_WRITES} writes):\n`);
  console.log('| rows written | seconds since start |');
  console.log('| ---: | ---: |');
  for (const mark of imported.marks) console.log(`| ${mark.percent} % (${fmt((ROWS * mark.percent) / 100)}) | ${fmt(mark.seconds, 1)} |`);
  console.log(
    '\nNothing is written before every before-image is read, so the first quarter includes the reading.' +
      '\nThe rollback restores each row to its before-image: here a delete, 500 to a commit.',
  );
} catch (error) {
  console.error('\nThe benchmark failed:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  const started = performance.now();
  try {
    await cleanUp([...new Set([...toRemove, ...activityToRemove])]);
    console.log(
      `\n(cleaned up ${fmt(toRemove.length)} row paths and ${activityToRemove.length} activity entries in ${fmt((performance.now() - started) / 1000, 1)} s;` +
        ' the ledger version keeps its +1: it only goes up)',
    );
  } catch (error) {
    console.error(`\nClean-up failed: rows of this run start with expenses/${run}-`, error);
    process.exitCode = 1;
  }
  await terminate(db);
  await deleteApp(app);
}
// The SDK's gRPC channel can outlive terminate() for a while; the measurements are printed.
process.exit(process.exitCode ?? 0);

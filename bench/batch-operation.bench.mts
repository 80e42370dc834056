// BatchOperation (chunks of 500 with before-images and rollback) against one commit per document
// (setDoc, awaited one after the other, as a plain loop does), in the same run, through the
// `firebase` web SDK in Node (gRPC to the emulator), signed in as the demo staff user so the
// Firestore rules run as in the app. Run by `npm run bench`, which starts and seeds the emulators.
import { createRequire } from 'node:module';
import type { DocumentData, Firestore } from 'firebase/firestore';
import { toExpenseDoc } from '../contracts/expenses.ts';
import type { BatchProgress, BatchWrite } from '../src/app/core/persistence/batch-write.ts';
import { BatchOperation } from '../src/app/core/persistence/batch-operation.ts';

// tsx runs `src/**/*.ts` as CommonJS (package.json has no "type": "module"), so BatchOperation gets
// firebase's CommonJS build. Load firebase the same way here: objects from the ESM build would be
// refused by it ("Type does not match the expected instance").
const require = createRequire(import.meta.url);
const { deleteApp, initializeApp } = require('firebase/app') as typeof import('firebase/app');
const { connectAuthEmulator, getAuth, signInWithEmailAndPassword } =
  require('firebase/auth') as typeof import('firebase/auth');
const {
  connectFirestoreEmulator,
  doc,
  initializeFirestore,
  serverTimestamp,
  setDoc,
  terminate,
  writeBatch,
} = require('firebase/firestore') as typeof import('firebase/firestore');

/** `BENCH_DOCUMENTS=1000 npm run bench` for a quick look. */
const DOCUMENTS = Number(process.env['BENCH_DOCUMENTS'] ?? 10_000);
/** One commit per document gets this long; past it, the rate is extrapolated to DOCUMENTS. */
const PER_DOCUMENT_BUDGET_S = 180;
const WARM_UP = 200;

const firestoreHost = process.env['FIRESTORE_EMULATOR_HOST'] ?? '127.0.0.1:8080';
const authHost = process.env['FIREBASE_AUTH_EMULATOR_HOST'] ?? '127.0.0.1:9099';
const run = `bench-${Date.now().toString(36)}`;

const app = initializeApp(
  { apiKey: 'demo-api-key', projectId: process.env['GCLOUD_PROJECT'] ?? 'demo-maestro' },
  run,
);
const auth = getAuth(app);
connectAuthEmulator(auth, `http://${authHost}`, { disableWarnings: true });
const uid = (await signInWithEmailAndPassword(auth, 'staff@maestro.test', 'maestro-staff')).user
  .uid;
const db = initializeFirestore(app, {});
const [host, port] = firestoreHost.split(':');
connectFirestoreEmulator(db, host!, Number(port));

const written: string[] = [];
/** A valid expense as the rules take it (`toExpenseDoc`, timestamps): the account is looked up per write. */
const expense = (i: number): DocumentData => ({
  ...toExpenseDoc(
    {
      accountId: ['cash-register', 'business-checking', 'company-card'][i % 3]!,
      categoryId: 'ingredients',
      amountMinor: 100 + (i % 9_900),
      currency: 'USD',
      date: `2023-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      payee: `${run} Bench supplier ${i % 100}`,
      note: '',
      tags: ['bench'],
    },
    uid,
  ),
  createdAt: serverTimestamp(),
  updatedAt: serverTimestamp(),
});
const sets = (method: string, count: number): BatchWrite[] =>
  Array.from({ length: count }, (_, i) => ({
    kind: 'set',
    path: `expenses/${run}-${method}-${i}`,
    data: expense(i),
  }));

interface Row {
  method: string;
  documents: number;
  seconds: number;
  note?: string;
  /** A phase of the row above: no ratio of its own. */
  part?: boolean;
}

async function measureBatchOperation(): Promise<Row[]> {
  const writes = sets('batch', DOCUMENTS);
  let committingAt = 0;
  const onProgress = (p: BatchProgress) => {
    if (p.phase === 'committing' && p.chunksDone === 0) committingAt = performance.now();
  };
  const started = performance.now();
  const result = await new BatchOperation(db).commit(writes, { onProgress });
  const ended = performance.now();
  written.push(...writes.map((w) => w.path));
  return [
    {
      method: `BatchOperation (${result.chunks} chunks)`,
      documents: DOCUMENTS,
      seconds: (ended - started) / 1000,
    },
    {
      method: '↳ of which reading before-images',
      documents: DOCUMENTS,
      seconds: (committingAt - started) / 1000,
      part: true,
    },
    {
      method: '↳ of which committing the chunks',
      documents: DOCUMENTS,
      seconds: (ended - committingAt) / 1000,
      part: true,
    },
  ];
}

async function measureSetDocEach(): Promise<Row> {
  const writes = sets('single', DOCUMENTS) as Extract<BatchWrite, { kind: 'set' }>[];
  const started = performance.now();
  let done = 0;
  for (const write of writes) {
    await setDoc(doc(db, write.path), write.data);
    written.push(write.path);
    done++;
    if ((performance.now() - started) / 1000 > PER_DOCUMENT_BUDGET_S) break;
  }
  const seconds = (performance.now() - started) / 1000;
  if (done === DOCUMENTS)
    return { method: 'setDoc per document (sequential)', documents: DOCUMENTS, seconds };
  return {
    method: 'setDoc per document (sequential)',
    documents: DOCUMENTS,
    seconds: (seconds * DOCUMENTS) / done,
    note: `EXTRAPOLATED from ${done} documents in ${seconds.toFixed(1)} s`,
  };
}

async function cleanUp(database: Firestore, paths: readonly string[]): Promise<void> {
  for (let i = 0; i < paths.length; i += 500) {
    const batch = writeBatch(database);
    for (const path of paths.slice(i, i + 500)) batch.delete(doc(database, path));
    await batch.commit();
  }
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

try {
  // Warm-up: the first commits on a fresh connection are several times slower for both methods.
  const warmUp = sets('warm', WARM_UP);
  await new BatchOperation(db).commit(warmUp);
  for (const write of warmUp.slice(0, 20))
    await setDoc(doc(db, `${write.path}-single`), expense(0));
  written.push(...warmUp.map((w) => w.path), ...warmUp.slice(0, 20).map((w) => `${w.path}-single`));

  const batchRows = await measureBatchOperation();
  const single = await measureSetDocEach();
  const baseline = DOCUMENTS / single.seconds;

  console.log(`\nBatchOperation vs one commit per document: ${fmt(DOCUMENTS)} expense documents,`);
  console.log('web SDK in Node against the Firestore emulator, signed in as staff (rules on).');
  console.log("documents/s: higher is better; ratio: documents/s ÷ setDoc's.\n");
  console.log('| method | documents | seconds | documents/s | ratio |');
  console.log('| :--- | ---: | ---: | ---: | ---: |');
  for (const row of [...batchRows, single]) {
    const rate = row.documents / row.seconds;
    const method = row.note ? `${row.method} — ${row.note}` : row.method;
    const ratio = row.part ? '' : `${(rate / baseline).toFixed(2)}×`;
    console.log(
      `| ${method} | ${fmt(row.documents)} | ${fmt(row.seconds, 1)} | ${fmt(rate)} | ${ratio} |`,
    );
  }
  console.log(
    '\nOn loopback there is no network round trip to save, and the emulator evaluates the rules for' +
      '\nevery write either way. Against a real backend, setDoc awaited per document also pays one' +
      '\nround trip per document; a chunk pays one per 500 writes.',
  );
} finally {
  const started = performance.now();
  await cleanUp(db, written);
  console.log(
    `\n(cleaned up ${fmt(written.length)} documents in ${fmt((performance.now() - started) / 1000, 1)} s)`,
  );
  await terminate(db);
  await deleteApp(app);
}
// The SDK's gRPC channel can outlive terminate() for a while; the measurements are printed.
process.exit(0);

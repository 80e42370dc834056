// Sealing and verifying the activity log's hash chain (server/src/activity/) over BENCH_ENTRIES
// entries (default 10,000), next to a plain read of the same entries in pages of 500 in the same
// run: what recomputing every hash and checking every link costs over just reading the log.
// Runs in a Firestore project of its own (emptied before and after), never the app's data.
import { FieldPath, FieldValue, type Firestore } from 'firebase-admin/firestore';
import { createActivitySeals } from '../server/src/activity/activity-seals.ts';
import { createFirebase } from '../server/src/firebase.ts';
import { createLogger } from '../server/src/logger.ts';

const ENTRIES = Number(process.env['BENCH_ENTRIES'] ?? 10_000);
const PROJECT = 'demo-maestro-bench-seals';

const firebase = createFirebase(PROJECT);
const db = firebase.firestore;

async function clear(): Promise<void> {
  const host = process.env['FIRESTORE_EMULATOR_HOST'];
  await fetch(`http://${host}/emulator/v1/projects/${PROJECT}/databases/(default)/documents`, {
    method: 'DELETE',
  });
}

/** Order-shaped entries, 500 per batch, 4 batches at a time. */
async function writeEntries(count: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < count) {
        const start = next;
        next += 500;
        const batch = db.batch();
        for (let i = start; i < Math.min(start + 500, count); i++) {
          batch.create(db.collection('activity').doc(), {
            actorUid: `bench-${i % 7}`,
            actorEmail: `bench-${i % 7}@maestro.test`,
            action: 'ORDER_STATUS_CHANGED',
            subject: { type: 'order', id: `order-${i}` },
            changes: {
              status: { from: 'CONFIRMED', to: 'PREPARING' },
              version: { from: 3, to: 4 },
            },
            correlationId: `correlation-${i}`,
            eventId: `event-${i}`,
            at: FieldValue.serverTimestamp(),
          });
        }
        await batch.commit();
      }
    }),
  );
}

/** The baseline: every entry once, in log order, pages of 500. */
async function readAll(firestore: Firestore): Promise<number> {
  let read = 0;
  let last: FirebaseFirestore.QueryDocumentSnapshot | undefined;
  for (;;) {
    let page = firestore
      .collection('activity')
      .orderBy('at')
      .orderBy(FieldPath.documentId())
      .limit(500);
    if (last) page = page.startAfter(last);
    const docs = (await page.get()).docs;
    if (docs.length === 0) return read;
    read += docs.length;
    last = docs.at(-1);
  }
}

const seconds = async <T,>(run: () => Promise<T>): Promise<[number, T]> => {
  const started = performance.now();
  const result = await run();
  return [(performance.now() - started) / 1000, result];
};

try {
  await clear();
  const [writeS] = await seconds(() => writeEntries(ENTRIES));
  const seals = createActivitySeals({
    firestore: db,
    logger: createLogger('silent'),
    config: { intervalMs: 0, settleMs: 0, maxEntriesPerSeal: 500 },
    maxSealsPerRun: 10_000,
  });
  const [sealS, sealed] = await seconds(() => seals.sealNow());
  if (sealed.sealed !== ENTRIES) throw new Error(`sealed ${sealed.sealed} of ${ENTRIES}`);
  const [readS, read] = await seconds(() => readAll(db));
  const [verifyS, verified] = await seconds(() => seals.verify());
  if (!verified.ok || verified.entriesChecked !== ENTRIES || read !== ENTRIES) {
    throw new Error(`verification did not check ${ENTRIES} entries: ${JSON.stringify(verified)}`);
  }
  const row = (what: string, s: number) =>
    console.log(
      `  ${what.padEnd(38)} ${s.toFixed(2).padStart(7)} s  ${Math.round(ENTRIES / s)
        .toString()
        .padStart(7)} entries/s`,
    );
  console.log(`${ENTRIES} entries, ${sealed.seals.length} seals of ≤ 500`);
  row('write (batches of 500, baseline only)', writeS);
  row('seal (POST /api/admin/activity/seal)', sealS);
  row('plain read in log order (baseline)', readS);
  row('verify (GET /api/admin/activity/verify)', verifyS);
  console.log(`  verify / plain read: ${(verifyS / readS).toFixed(2)}×`);
} finally {
  await clear();
  await firebase.close();
}

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import type {
  ActivityChainVerification,
  ActivitySealRunResult,
  ApiErrorBody,
} from '@maestro/contracts';
import { FieldPath, FieldValue, Timestamp, type Firestore } from 'firebase-admin/firestore';
import { createActivitySeals } from '../src/activity/activity-seals';
import { canonicalJson, isoWithNanos } from '../src/activity/canonical-json';
import { entryHash, GENESIS_HASH, sealHash, type SealDoc } from '../src/activity/seal-chain';
import { createApp, type MaestroServer } from '../src/app';
import { ConfigError, loadConfig, type ActivitySealConfig } from '../src/config';
import { createFirebase, type FirebaseServices } from '../src/firebase';
import { createLogger } from '../src/logger';
import { appendActivity } from '../src/orders/activity';
import {
  assertEmulatorsRunning,
  closeTestFirebase,
  testFirebase,
} from './support/firebase-test-env';
import { request } from './support/test-server';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

// The log and its seals live in a Firestore project of their own, emptied before each test: the
// chain covers the whole `activity` collection, which every other test file (and the demo data)
// writes to in the app's project. Sign-in still uses the app's Auth project.
const SEALS_PROJECT = 'demo-maestro-seals';

let firebase: FirebaseServices;
let db: Firestore;
let staff: TestUser;
let admin: TestUser;
const servers: MaestroServer[] = [];

before(async () => {
  await assertEmulatorsRunning();
  firebase = createFirebase(SEALS_PROJECT);
  db = firebase.firestore;
  staff = await createTestUser('seals-staff');
  admin = await createTestUser('seals-admin', { admin: true });
});
beforeEach(clearProject);
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
after(async () => {
  await clearProject();
  await firebase.close();
  await deleteTestUsers();
  await closeTestFirebase();
});

async function clearProject(): Promise<void> {
  const host = process.env['FIRESTORE_EMULATOR_HOST'];
  const response = await fetch(
    `http://${host}/emulator/v1/projects/${SEALS_PROJECT}/databases/(default)/documents`,
    { method: 'DELETE' },
  );
  assert.equal(response.status, 200, 'clearing the test project');
}

/** The real app against the test project; sealing on demand only unless the test says otherwise. */
async function startApi(
  seals: Partial<ActivitySealConfig> = {},
  logs: Record<string, unknown>[] = [],
): Promise<{ url: string; server: MaestroServer }> {
  const server = createApp({
    config: {
      port: 0,
      host: '127.0.0.1',
      spaOrigins: ['http://127.0.0.1:4200'],
      activitySeals: { intervalMs: 0, settleMs: 0, maxEntriesPerSeal: 40, ...seals },
    },
    logger: createLogger('info', {
      write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>),
    }),
    auth: testFirebase().auth,
    firestore: db,
    sagaRecovery: false,
  });
  servers.push(server);
  return { url: await server.listen(), server };
}

const seal = (url: string, token = admin.idToken) =>
  request<ActivitySealRunResult>(`${url}/api/admin/activity/seal`, { method: 'POST', token });
const verify = (url: string, token = admin.idToken) =>
  request<ActivityChainVerification>(`${url}/api/admin/activity/verify`, { token });

/** An entry with every kind of value the canonical form must keep exactly. */
function entryData(writer: number, i: number) {
  return {
    actorUid: `writer-${writer}`,
    actorEmail: writer === 0 ? null : `writer-${writer}@maestro.test`,
    action: 'EXPENSE_UPDATED',
    subject: { type: 'expense', id: `expense-${i}` },
    changes: {
      amountMinor: { from: 1000 + i, to: 1250.5 },
      note: { from: null, to: `note ${i} ✓ "quoted"` },
      tags: { from: [], to: ['b', 'a'] },
      date: { from: new Timestamp(1_700_000_000, 123_456_000), to: Timestamp.fromMillis(0) },
      $weird: { from: { z: 1, a: [true, false] }, to: -0 },
    },
    correlationId: `correlation-${writer}`,
    eventId: randomUUID(),
    at: FieldValue.serverTimestamp(),
  };
}

/**
 * `count` entries from four writers at once, each writing as the app does somewhere: the API's
 * appendActivity in a transaction, a browser-like single create, and batches (whose entries share
 * one commit time, so their order rests on the document id).
 */
async function writeEntries(count: number): Promise<void> {
  const writers = 4;
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      const mine = Array.from({ length: count }, (_, i) => i).filter((i) => i % writers === writer);
      if (writer === 0) {
        for (let start = 0; start < mine.length; start += 5) {
          const batch = db.batch();
          for (const i of mine.slice(start, start + 5)) {
            batch.create(db.collection('activity').doc(), entryData(writer, i));
          }
          await batch.commit();
        }
        return;
      }
      for (const i of mine) {
        if (writer === 1) {
          await db.runTransaction(async (tx) => {
            appendActivity(db, tx, {
              actor: { uid: 'writer-1', email: null },
              action: 'ORDER_UPDATED',
              orderId: `order-${i}`,
              changes: { notes: { from: '', to: `note ${i}` } },
              correlationId: `correlation-${i}`,
            });
          });
        } else {
          await db.collection('activity').doc().create(entryData(writer, i));
        }
      }
    }),
  );
}

/** Entry ids in log order, (at, id), as Firestore sorts them. */
async function logIds(): Promise<string[]> {
  const log = await db.collection('activity').orderBy('at').orderBy(FieldPath.documentId()).get();
  return log.docs.map((doc) => doc.id);
}

async function storedSeals(): Promise<(SealDoc & { id: string })[]> {
  const seals = await db.collection('activitySeals').orderBy(FieldPath.documentId()).get();
  return seals.docs.map((doc) => ({ ...(doc.data() as SealDoc), id: doc.id }));
}

/** Writes `count` entries and seals them through the API; returns the API's url. */
async function sealedLog(count: number): Promise<string> {
  const { url } = await startApi();
  await writeEntries(count);
  const sealed = await seal(url);
  assert.equal(sealed.status, 200, JSON.stringify(sealed.body));
  assert.equal(sealed.body.sealed, count);
  return url;
}

const problemsOf = (body: ActivityChainVerification) =>
  body.problems.map(({ seal, kind, entryId }) => ({ seal, kind, entryId }));

describe('activity seals: sealing and verifying through the admin API', () => {
  test('entries from several writers seal into one chain that verifies', async () => {
    const { url } = await startApi();
    await writeEntries(150);

    const sealed = await seal(url);
    assert.equal(sealed.status, 200, JSON.stringify(sealed.body));
    assert.equal(sealed.body.sealed, 150);
    assert.deepEqual(
      sealed.body.seals.map((s) => [s.sequence, s.count]),
      [
        [1, 40],
        [2, 40],
        [3, 40],
        [4, 30],
      ],
    );
    assert.equal(sealed.body.headSequence, 4);
    assert.equal(sealed.body.unsealedEntries, 0);

    // Each entry exactly once, in log order; each seal linked to the one before; ids sort.
    const seals = await storedSeals();
    assert.deepEqual(
      seals.map((s) => s.id),
      ['000000000001', '000000000002', '000000000003', '000000000004'],
    );
    assert.deepEqual(
      seals.flatMap((s) => s.entryIds),
      await logIds(),
    );
    assert.equal(seals[0]!.previousHash, GENESIS_HASH);
    for (let i = 1; i < seals.length; i++) assert.equal(seals[i]!.previousHash, seals[i - 1]!.hash);
    for (const stored of seals) assert.equal(sealHash(stored), stored.hash);
    assert.equal(sealed.body.headHash, seals[3]!.hash);

    const verified = await verify(url);
    assert.equal(verified.status, 200, JSON.stringify(verified.body));
    assert.equal(verified.body.ok, true, JSON.stringify(verified.body.problems));
    assert.equal(verified.body.sealsChecked, 4);
    assert.equal(verified.body.entriesChecked, 150);
    assert.equal(verified.body.unsealedEntries, 0);
    assert.deepEqual(verified.body.problems, []);
    assert.equal(verified.body.problemCount, 0);
    assert.equal(verified.body.headSequence, 4);
    assert.equal(verified.body.headHash, seals[3]!.hash);
    assert.equal(verified.body.lastSealedAt, seals[3]!.sealedAt.toDate().toISOString());
  });

  test('an entry altered with the admin SDK is named, down to a change of one microsecond in its time', async () => {
    const url = await sealedLog(100);
    const ids = await logIds();
    const [edited, retimed] = [ids[10]!, ids[55]!];
    await db.doc(`activity/${edited}`).update({ 'changes.extra': { from: null, to: 'cover-up' } });
    const at = (await db.doc(`activity/${retimed}`).get()).get('at') as Timestamp;
    // One microsecond, within the same millisecond (a Date would not see the difference).
    const step = at.nanoseconds % 1_000_000 < 999_000 ? 1000 : -1000;
    const later = new Timestamp(at.seconds, at.nanoseconds + step);
    assert.equal(later.toDate().getTime(), at.toDate().getTime(), 'same millisecond');
    await db.doc(`activity/${retimed}`).update({ at: later });

    const verified = await verify(url);
    assert.equal(verified.body.ok, false);
    assert.deepEqual(problemsOf(verified.body), [
      { seal: 1, kind: 'altered', entryId: edited },
      { seal: 2, kind: 'altered', entryId: retimed },
    ]);
    assert.match(verified.body.problems[0]!.message, /was changed after seal 1 sealed it/);
    assert.equal(verified.body.entriesChecked, 100);
    assert.equal(verified.body.unsealedEntries, 0);
  });

  test('an entry moved to another time is altered, not inserted where it landed', async () => {
    const url = await sealedLog(100);
    const ids = await logIds();
    const landing = (await db.doc(`activity/${ids[90]}`).get()).get('at') as Timestamp;
    await db.doc(`activity/${ids[5]}`).update({ at: landing });

    const verified = await verify(url);
    assert.deepEqual(problemsOf(verified.body), [{ seal: 1, kind: 'altered', entryId: ids[5] }]);
  });

  test('a removed entry is named', async () => {
    const url = await sealedLog(100);
    const removed = (await logIds())[85]!;
    await db.doc(`activity/${removed}`).delete();

    const verified = await verify(url);
    assert.equal(verified.body.ok, false);
    assert.deepEqual(problemsOf(verified.body), [{ seal: 3, kind: 'removed', entryId: removed }]);
    assert.match(verified.body.problems[0]!.message, /was deleted/);
  });

  test('a back-dated entry inside a sealed stretch is named as inserted', async () => {
    const url = await sealedLog(100);
    const ids = await logIds();
    const at = (await db.doc(`activity/${ids[45]}`).get()).get('at') as Timestamp;
    await db.doc('activity/backdated').create({ ...entryData(9, 999), at });

    const verified = await verify(url);
    assert.deepEqual(problemsOf(verified.body), [
      { seal: 2, kind: 'inserted', entryId: 'backdated' },
    ]);
  });

  test('a seal whose previous hash was edited is named as a broken link', async () => {
    const url = await sealedLog(100);
    await db.doc('activitySeals/000000000002').update({ previousHash: 'f'.repeat(64) });

    const verified = await verify(url);
    assert.deepEqual(problemsOf(verified.body), [
      { seal: 2, kind: 'broken-link', entryId: undefined },
    ]);
    assert.match(verified.body.problems[0]!.message, /does not follow seal 1/);
  });

  test('covering up an edit by re-hashing its seal breaks the link to the next seal', async () => {
    const url = await sealedLog(100);
    const [first] = await storedSeals();
    const edited = first!.entryIds[3]!;
    await db.doc(`activity/${edited}`).update({ action: 'NOTHING_HAPPENED' });
    // Someone with admin credentials fixes seal 1 to match: the entry, then the seal's own hash.
    const data = (await db.doc(`activity/${edited}`).get()).data()!;
    const entryHashes = first!.entryHashes.with(3, entryHash(edited, data));
    const rehashed = sealHash({ ...first!, entryHashes });
    await db.doc('activitySeals/000000000001').update({ entryHashes, hash: rehashed });

    const verified = await verify(url);
    assert.deepEqual(problemsOf(verified.body), [
      { seal: 2, kind: 'broken-link', entryId: undefined },
    ]);
  });

  test('an edit of any one field of a stored seal is named: range, count, ids and every hash', async () => {
    const url = await sealedLog(100);
    const path = 'activitySeals/000000000002';
    const original = (await db.doc(path).get()).data()!;
    const seal = original as SealDoc;
    const later = (position: SealDoc['first']) =>
      new Timestamp(position.at.seconds, position.at.nanoseconds + 1000);
    const hash = 'a'.repeat(64);
    type Named = { seal: number; kind: string; entryId: string | undefined }[];
    const altered: Named = [{ seal: 2, kind: 'seal-altered', entryId: undefined }];
    // [field, the edit, what the verifier must name]
    const edits: [string, Record<string, unknown>, Named][] = [
      ['first.at', { first: { ...seal.first, at: later(seal.first) } }, altered],
      ['first.id', { first: { ...seal.first, id: seal.entryIds[1] } }, altered],
      ['last.at', { last: { ...seal.last, at: later(seal.last) } }, altered],
      ['last.id', { last: { ...seal.last, id: 'zzzzzzzzzzzzzzzzzzzz' } }, altered],
      ['count', { count: seal.count + 1 }, altered],
      ['hash', { hash }, [...altered, { seal: 3, kind: 'broken-link', entryId: undefined }]],
      ['previousHash', { previousHash: hash }, [{ seal: 2, kind: 'broken-link', entryId: undefined }]],
      [
        'an entry id',
        { entryIds: seal.entryIds.with(5, 'renamed') },
        [
          ...altered,
          { seal: 2, kind: 'removed', entryId: 'renamed' },
          { seal: 2, kind: 'inserted', entryId: seal.entryIds[5] },
        ],
      ],
      [
        'an entry hash',
        { entryHashes: seal.entryHashes.with(5, hash) },
        [...altered, { seal: 2, kind: 'altered', entryId: seal.entryIds[5] }],
      ],
      ['version', { version: 2 }, altered],
      [
        'sequence',
        { sequence: 7 },
        [
          { seal: 7, kind: 'seal-altered', entryId: undefined }, // stored as seal 2
          { seal: 7, kind: 'broken-link', entryId: undefined }, // seals 2 to 6 missing
          { seal: 7, kind: 'seal-altered', entryId: undefined }, // no longer hashes right
        ],
      ],
    ];
    for (const [field, edit, expected] of edits) {
      await db.doc(path).update(edit);
      assert.deepEqual(problemsOf((await verify(url)).body), expected, field);
      await db.doc(path).set(original);
    }
    assert.deepEqual(problemsOf((await verify(url)).body), [], 'restored, it verifies');
  });

  test("a seal's edited entry list is named as seal-altered; a missing seal as a broken link", async () => {
    const url = await sealedLog(100);
    await db
      .doc('activitySeals/000000000001')
      .update({ entryHashes: FieldValue.arrayRemove((await storedSeals())[0]!.entryHashes[0]) });
    await db.doc('activitySeals/000000000002').delete();

    const verified = await verify(url);
    assert.deepEqual(problemsOf(verified.body), [
      { seal: 1, kind: 'seal-altered', entryId: undefined },
      { seal: 3, kind: 'broken-link', entryId: undefined },
    ]);
    assert.match(verified.body.problems[1]!.message, /seal 2 is missing/);
  });

  test('entries written after the last seal are unsealed, not problems; the next run seals them', async () => {
    const url = await sealedLog(50);
    await writeEntries(3);

    const verified = await verify(url);
    assert.equal(verified.body.ok, true, JSON.stringify(verified.body.problems));
    assert.equal(verified.body.unsealedEntries, 3);
    assert.equal(verified.body.entriesChecked, 50);

    const next = await seal(url);
    assert.equal(next.body.sealed, 3);
    assert.deepEqual(
      next.body.seals.map((s) => s.sequence),
      [3],
    );
    const again = await verify(url);
    assert.equal(again.body.ok, true);
    assert.equal(again.body.unsealedEntries, 0);
    assert.equal(again.body.entriesChecked, 53);
  });

  test('two API nodes sealing at once build one chain: no sequence twice, no entry twice', async () => {
    const nodes = [
      await startApi({ maxEntriesPerSeal: 10 }),
      await startApi({ maxEntriesPerSeal: 10 }),
    ];
    await writeEntries(120);

    const runs = await Promise.all([...nodes, ...nodes].map(({ url }) => seal(url)));
    for (const run of runs) assert.equal(run.status, 200, JSON.stringify(run.body));
    // A node that kept losing the race may leave entries for a later run: one more, then count.
    runs.push(await seal(nodes[0]!.url));

    const written = runs.flatMap((run) => run.body.seals.map((s) => s.sequence));
    assert.equal(new Set(written).size, written.length, 'no sequence written by two runs');
    assert.equal(
      runs.reduce((sum, run) => sum + run.body.sealed, 0),
      120,
    );
    const seals = await storedSeals();
    assert.deepEqual(
      seals.map((s) => s.sequence),
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    assert.deepEqual(
      seals.flatMap((s) => s.entryIds),
      await logIds(),
    );
    const verified = await verify(nodes[1]!.url);
    assert.equal(verified.body.ok, true, JSON.stringify(verified.body.problems));
    assert.equal(verified.body.entriesChecked, 120);
  });

  test('entries younger than the settle delay are left for a later run', async () => {
    const { url } = await startApi({ settleMs: 60_000 });
    await writeEntries(8);

    const run = await seal(url);
    assert.equal(run.status, 200);
    assert.equal(run.body.sealed, 0);
    assert.equal(run.body.headSequence, 0);
    assert.equal(run.body.unsealedEntries, 8);
    assert.equal((await storedSeals()).length, 0);
    const verified = await verify(url);
    assert.equal(verified.body.ok, true);
    assert.equal(verified.body.unsealedEntries, 8);
    assert.equal(verified.body.lastSealedAt, null);
  });

  test('the settle delay is measured against commit times: a run seals up to now − settle, the next run the rest', async () => {
    await writeEntries(12);
    const older = await logIds();
    const newestOld = (await db.doc(`activity/${older.at(-1)}`).get()).get('at') as Timestamp;
    // The cutoff is a whole millisecond at or after the newest old entry; the new ones commit later.
    const cutoffMs = newestOld.toMillis() + 1;
    while (Date.now() <= cutoffMs + 1) await sleep(2);
    await writeEntries(5);

    const settleMs = 5_000;
    const logger = createLogger('silent');
    const config = { intervalMs: 0, settleMs, maxEntriesPerSeal: 500 };
    const frozen = createActivitySeals({
      firestore: db,
      logger,
      config,
      now: () => new Date(cutoffMs + settleMs),
    });
    const first = await frozen.sealNow();
    assert.equal(first.sealed, 12);
    assert.equal(first.unsealedEntries, 5);

    const later = createActivitySeals({
      firestore: db,
      logger,
      config: { ...config, settleMs: 0 },
    });
    const second = await later.sealNow();
    assert.equal(second.sealed, 5);
    const seals = await storedSeals();
    assert.deepEqual(
      seals.map((s) => s.entryIds),
      [older, (await logIds()).slice(12)],
    );
    assert.equal((await later.verify()).ok, true);
  });

  test('the interval seals on its own and stops with the app', async () => {
    const logs: Record<string, unknown>[] = [];
    const { url, server } = await startApi({ intervalMs: 20 }, logs);
    await writeEntries(6);
    await waitFor(
      async () =>
        (await verify(url)).body.unsealedEntries === 0 && (await storedSeals()).length > 0,
    );
    assert.ok(logs.some((line) => String(line['msg']).startsWith('activity log: sealed')));

    await server.close();
    const sealsAfterClose = (await storedSeals()).length;
    await writeEntries(2);
    await sleep(300); // fifteen intervals: a timer left running would have sealed these
    assert.equal((await storedSeals()).length, sealsAfterClose);
  });

  test('only admins: no token → 401, staff → 403 naming the need for an administrator', async () => {
    const { url } = await startApi();
    for (const path of ['/api/admin/activity/verify', '/api/admin/activity/seal']) {
      const method = path.endsWith('seal') ? 'POST' : 'GET';
      const anonymous = await request<ApiErrorBody>(`${url}${path}`, { method });
      assert.equal(anonymous.status, 401, path);
      assert.equal(anonymous.body.error.code, 'unauthenticated');
      const asStaff = await request<ApiErrorBody>(`${url}${path}`, {
        method,
        token: staff.idToken,
      });
      assert.equal(asStaff.status, 403, path);
      assert.equal(asStaff.body.error.code, 'forbidden');
      assert.match(asStaff.body.error.message, /administrator/);
    }
    assert.equal((await storedSeals()).length, 0, 'a refused seal request sealed nothing');
  });
});

describe('canonical JSON of an entry', () => {
  test('keys are sorted whatever their insertion order, integer-like keys included', () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: 2, c: 3 }, 10: 'x', 9: 'y' }),
      '{"10":"x","9":"y","a":{"c":3,"d":2},"b":1}',
    );
  });
  test('a timestamp keeps its nanoseconds and differs from the string of the same instant', () => {
    const at = new Timestamp(1_700_000_000, 123_456_789);
    assert.equal(isoWithNanos(at), '2023-11-14T22:13:20.123456789Z');
    assert.notEqual(canonicalJson({ at }), canonicalJson({ at: isoWithNanos(at) }));
    assert.notEqual(canonicalJson(at), canonicalJson(new Timestamp(1_700_000_000, 123_457_789)));
  });
  test('a map cannot pass for a tagged value; -0, NaN and 1 vs "1" stay apart', () => {
    const at = new Timestamp(1, 0);
    assert.notEqual(canonicalJson(at), canonicalJson({ $timestamp: isoWithNanos(at) }));
    assert.notEqual(canonicalJson(-0), canonicalJson(0));
    assert.notEqual(canonicalJson(Number.NaN), canonicalJson(null));
    assert.notEqual(canonicalJson(1), canonicalJson('1'));
  });
});

describe('activity seal configuration', () => {
  test('reads the MAESTRO_ACTIVITY_SEAL_* variables', () => {
    const config = loadConfig({
      MAESTRO_ACTIVITY_SEAL_INTERVAL_MS: '0',
      MAESTRO_ACTIVITY_SEAL_SETTLE_MS: '2000',
      MAESTRO_ACTIVITY_SEAL_MAX_ENTRIES: '100',
    });
    assert.deepEqual(config.activitySeals, {
      intervalMs: 0,
      settleMs: 2000,
      maxEntriesPerSeal: 100,
    });
  });
  test('refuses a seal bigger than a document can hold well', () => {
    assert.throws(
      () => loadConfig({ MAESTRO_ACTIVITY_SEAL_MAX_ENTRIES: '5000' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.problems.includes(
          'MAESTRO_ACTIVITY_SEAL_MAX_ENTRIES must be a whole number from 1 to 2000',
        ),
    );
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(50);
  }
}

import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import type {
  ActivityChainVerification,
  ActivitySealRunResult,
  OrderHistoryEntry,
  OrderHistoryResponse,
} from '@maestro/contracts';
import { FieldValue, GeoPoint, Timestamp, type Firestore } from 'firebase-admin/firestore';
import { sealActivity } from '../src/activity/sealer';
import { createApp, type MaestroServer } from '../src/app';
import { createFirebase, type FirebaseServices } from '../src/firebase';
import { createLogger } from '../src/logger';
import { appendActivity } from '../src/orders/activity';
import { HISTORY_LIMITS, orderHistory } from '../src/orders/history';
import {
  assertEmulatorsRunning,
  closeTestFirebase,
  testFirebase,
} from './support/firebase-test-env';
import { heapPeakDuring, mb } from './support/heap-probe';
import { request } from './support/test-server';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

// Entries with missing, odd or huge fields, written with the Admin SDK (no rules), must not break
// the order history, the sealer or verify, nor make them hold the log in memory. A project of its
// own, emptied before each test: the seals cover the whole `activity` collection.
const PROJECT = 'demo-maestro-malformed';
const ORDER = 'o-malformed';
const HUGE = 900_000;

let firebase: FirebaseServices;
let db: Firestore;
let staff: TestUser;
let admin: TestUser;
let server: MaestroServer | undefined;
let url: string;

before(async () => {
  await assertEmulatorsRunning();
  firebase = createFirebase(PROJECT);
  db = firebase.firestore;
  staff = await createTestUser('malformed-staff');
  admin = await createTestUser('malformed-admin', { admin: true });
});
beforeEach(async () => {
  await clearProject();
  // The real app on this project; sealing on demand, with the default entries per seal.
  server = createApp({
    config: {
      port: 0,
      host: '127.0.0.1',
      spaOrigins: ['http://127.0.0.1:4200'],
      activitySeals: { intervalMs: 0, settleMs: 0, maxEntriesPerSeal: 500 },
    },
    logger: createLogger('silent'),
    auth: testFirebase().auth,
    firestore: db,
    sagaRecovery: false,
  });
  url = await server.listen();
  await db.doc(`orders/${ORDER}`).set({ status: 'READY', version: 4 });
});
afterEach(async () => {
  await server?.close();
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
    `http://${host}/emulator/v1/projects/${PROJECT}/databases/(default)/documents`,
    { method: 'DELETE' },
  );
  assert.equal(response.status, 200, 'clearing the test project');
}

const history = (orderId = ORDER) =>
  request<OrderHistoryResponse>(`${url}/api/orders/${orderId}/history`, { token: staff.idToken });
const seal = () =>
  request<ActivitySealRunResult>(`${url}/api/admin/activity/seal`, {
    method: 'POST',
    token: admin.idToken,
  });
const verify = () =>
  request<ActivityChainVerification>(`${url}/api/admin/activity/verify`, { token: admin.idToken });

/** What the API itself writes: one well-formed entry of the order. */
async function wellFormed(action: string, changes: Record<string, { from: unknown; to: unknown }>) {
  return db.runTransaction(async (tx) =>
    appendActivity(db, tx, {
      actor: { uid: staff.uid, email: staff.email },
      action,
      orderId: ORDER,
      changes,
      correlationId: 'saga-malformed',
    }),
  );
}

const base = (id: string) => ({
  actorUid: 'writer',
  actorEmail: 'writer@maestro.test',
  action: 'ORDER_UPDATED',
  subject: { type: 'order', id: ORDER },
  changes: { notes: { from: '', to: 'ok' } },
  correlationId: 'saga-malformed',
  eventId: id,
  at: FieldValue.serverTimestamp(),
});

/** One entry per way of being odd, each committed after the one before (times in this order). */
function malformedEntries(): Record<string, Record<string, unknown>> {
  const withoutSubject: Record<string, unknown> = base('no-subject');
  delete withoutSubject['subject'];
  const withoutTime: Record<string, unknown> = base('no-at');
  delete withoutTime['at'];
  return {
    'no-subject': withoutSubject,
    'changes-null': { ...base('changes-null'), changes: null },
    'action-number': { ...base('action-number'), action: 42 },
    'actor-odd': { ...base('actor-odd'), actorUid: { not: 'a uid' }, actorEmail: 1234 },
    'fake-status': {
      ...base('fake-status'),
      action: 'ORDER_STATUS_CHANGED',
      changes: { status: 'DELIVERED' },
    },
    'fake-status-values': {
      ...base('fake-status-values'),
      action: 'ORDER_STATUS_CHANGED',
      changes: { status: { from: 'READY', to: 'TELEPORTED' }, version: 7 },
    },
    'huge-changes': {
      ...base('huge-changes'),
      changes: { notes: { from: '', to: 'x'.repeat(HUGE) }, table: { from: '1', to: '2' } },
    },
    'many-fields': {
      ...base('many-fields'),
      changes: Object.fromEntries(
        Array.from({ length: 3000 }, (_, i) => [`f${i}`, { from: null, to: `value ${i}` }]),
      ),
    },
    'odd-types': {
      ...base('odd-types'),
      changes: {
        place: { from: null, to: new GeoPoint(52.5, 13.4) },
        link: { from: null, to: db.doc('orders/elsewhere') },
        blob: { from: null, to: Buffer.from('bytes') },
        when: { from: null, to: new Timestamp(1_700_000_000, 0) },
      },
    },
    'at-null': { ...base('at-null'), at: null },
    'at-string': { ...base('at-string'), at: '2026-01-01T00:00:00Z' },
    'no-at': withoutTime,
  };
}

async function writeMalformed(): Promise<Record<string, Record<string, unknown>>> {
  const entries = malformedEntries();
  for (const [id, data] of Object.entries(entries)) await db.doc(`activity/${id}`).set(data);
  return entries;
}

describe('malformed activity entries', () => {
  test('the order history answers 200: odd fields are null or marked unknown, huge values truncated, the rest intact', async () => {
    const placed = await wellFormed('ORDER_CREATED', { status: { from: null, to: 'PENDING' } });
    await writeMalformed();
    const moved = await wellFormed('ORDER_STATUS_CHANGED', {
      status: { from: 'PREPARING', to: 'READY' },
    });

    const response = await history();
    assert.equal(response.status, 200, JSON.stringify(response.body).slice(0, 500));
    const { entries, complete } = response.body;
    assert.equal(complete, true);
    const byId = new Map(entries.map((entry) => [entry.id, entry]));
    const entry = (id: string) => byId.get(id)!;
    // No subject, or no `at` at all: not this order's entries (the query cannot find them).
    assert.equal(byId.has('no-subject'), false);
    assert.equal(byId.has('no-at'), false);
    assert.equal(entries.length, 2 + 10);
    // Where Firestore orders them: a null time first, a string after every timestamp.
    assert.deepEqual([entries[0]!.id, entries.at(-1)!.id], ['at-null', 'at-string']);
    // The API's own entries in order around the odd ones, untouched by them.
    assert.equal(entries[1]!.id, placed);
    assert.equal(entries.at(-2)!.id, moved);
    assert.deepEqual(entry(moved).changes, { status: { from: 'PREPARING', to: 'READY' } });
    assert.deepEqual(entry(moved).actor, { uid: staff.uid, email: staff.email });

    assert.equal(entry('changes-null').changes, null);
    assert.equal(entry('changes-null').action, 'ORDER_UPDATED');
    assert.equal(entry('action-number').action, null);
    assert.deepEqual(entry('action-number').changes, { notes: { from: '', to: 'ok' } });
    assert.equal(entry('actor-odd').actor, null);
    assert.equal(entry('actor-odd').correlationId, 'saga-malformed');
    assert.deepEqual(entry('fake-status').changes, {
      status: { from: { unknown: true }, to: { unknown: true } },
    });
    assert.deepEqual(entry('fake-status-values').changes, {
      status: { from: 'READY', to: { unknown: true } },
      version: { from: { unknown: true }, to: { unknown: true } },
    });
    assert.deepEqual(entry('huge-changes').changes, {
      notes: { from: '', to: { truncated: true, bytes: HUGE + 1 } },
      table: { from: '1', to: '2' },
    });
    const many = entry('many-fields');
    assert.ok(Object.keys(many.changes!).length <= HISTORY_LIMITS.fieldsPerEntry);
    assert.equal(Object.keys(many.changes!).length + many.omittedChanges!, 3000);
    assert.ok(JSON.stringify(many).length < 2 * HISTORY_LIMITS.entryChangesBytes);
    assert.deepEqual(entry('odd-types').changes, {
      place: { from: null, to: { latitude: 52.5, longitude: 13.4 } },
      link: { from: null, to: 'orders/elsewhere' },
      blob: { from: null, to: { unknown: true } },
      when: { from: null, to: '2023-11-14T22:13:20.000Z' },
    });
    assert.equal(entry('at-string').at, null);
    assert.equal(entry('at-null').at, null);
    // Well-formed parts of odd entries still read as usual.
    for (const e of entries) assert.ok(e.at === null || new Date(e.at).toISOString() === e.at);
    assert.ok(JSON.stringify(response.body).length < 64 * 1024, 'the answer stays small');
  });

  test('the history stops reading at its byte budget and says it is incomplete', async () => {
    await wellFormed('ORDER_CREATED', { status: { from: null, to: 'PENDING' } });
    await writeJunk(12, ORDER);
    const full = await orderHistory(db, ORDER);
    assert.equal(full!.complete, true);
    assert.equal(full!.entries.length, 13);

    const bounded = await orderHistory(db, ORDER, {
      ...HISTORY_LIMITS,
      readBytes: 4 * 1024 * 1024,
    });
    assert.equal(bounded!.complete, false);
    // Reads stop once the budget is spent: a page (at most 4 MiB of junk) past it at most.
    assert.ok(
      bounded!.entries.length >= 4 && bounded!.entries.length <= 10,
      String(bounded!.entries.length),
    );
    assert.equal(bounded!.entries[0]!.action, 'ORDER_CREATED');
  });

  test('odd entries are sealed like any other: verify passes, then names each one tampered with', async () => {
    await wellFormed('ORDER_CREATED', { status: { from: null, to: 'PENDING' } });
    await writeMalformed();

    const sealed = await seal();
    assert.equal(sealed.status, 200, JSON.stringify(sealed.body));
    // Every entry with a time is sealed (`at-…` and `no-at` have none: never sealed).
    assert.equal(sealed.body.sealed, 1 + 9);
    const first = await verify();
    assert.equal(first.status, 200);
    assert.equal(first.body.ok, true, JSON.stringify(first.body.problems));
    assert.equal(first.body.entriesChecked, 10);

    // Deterministic: sealing again seals nothing new, and verifying again still passes.
    assert.equal((await seal()).body.sealed, 0);
    assert.equal((await verify()).body.ok, true);

    await db.doc('activity/no-subject').update({ subject: { type: 'order', id: ORDER } });
    await db
      .doc('activity/huge-changes')
      .update({ 'changes.notes.to': `${'x'.repeat(HUGE - 1)}y` });
    await db.doc('activity/odd-types').update({ 'changes.link.to': db.doc('orders/other') });
    await db.doc('activity/action-number').update({ action: 43 });

    const tampered = await verify();
    assert.equal(tampered.status, 200);
    assert.equal(tampered.body.ok, false);
    assert.deepEqual(tampered.body.problems.map((p) => [p.kind, p.entryId]).sort(), [
      ['altered', 'action-number'],
      ['altered', 'huge-changes'],
      ['altered', 'no-subject'],
      ['altered', 'odd-types'],
    ]);
    for (const problem of tampered.body.problems)
      assert.ok(problem.message.length < 400, problem.message);
  });

  test('a sealing run stops at its byte budget; the next run goes on from there', async () => {
    await writeJunk(20, ORDER);
    const deps = {
      db,
      logger: createLogger('silent'),
      settleMs: 0,
      maxEntriesPerSeal: 500,
      maxSealsPerRun: 200,
      instanceId: 'test',
      now: () => new Date(),
    };
    const first = await sealActivity({ ...deps, maxBytesPerRun: 3 * 1024 * 1024 });
    // It stops after the page that crossed the budget: pages, not entries, are the unit.
    assert.ok(first.sealed > 0 && first.sealed < 20, String(first.sealed));
    assert.equal(first.unsealedEntries, 20 - first.sealed);
    const second = await sealActivity(deps);
    assert.equal(second.sealed, 20 - first.sealed);
    assert.equal((await verify()).body.ok, true);
  });

  test('memory stays bounded reading 50 entries of 900 KB: history, sealing and verify', async (t) => {
    await wellFormed('ORDER_CREATED', { status: { from: null, to: 'PENDING' } });
    await writeJunk(50, ORDER);
    const moved = await wellFormed('ORDER_STATUS_CHANGED', {
      status: { from: 'PREPARING', to: 'READY' },
    });
    // The bound: far below the 45 MB the junk weighs (old readers held it all at once).
    const BOUND = 24 * 1024 * 1024;

    const read = await heapPeakDuring(history);
    t.diagnostic(
      `history: heap +${mb(read.peakGrowthBytes)} at peak, baseline ${mb(read.baselineBytes)}, ${read.samples} samples`,
    );
    assert.equal(read.result.status, 200);
    assert.equal(read.result.body.entries.length, 52);
    assert.equal(read.result.body.entries.at(-1)!.id, moved);
    assert.ok(read.result.body.entries.slice(1, -1).every(isTruncatedJunk));

    const sealing = await heapPeakDuring(seal);
    t.diagnostic(`seal: heap +${mb(sealing.peakGrowthBytes)} at peak, ${sealing.samples} samples`);
    assert.equal(sealing.result.body.sealed, 52);

    const checking = await heapPeakDuring(verify);
    t.diagnostic(
      `verify: heap +${mb(checking.peakGrowthBytes)} at peak, ${checking.samples} samples`,
    );
    assert.equal(checking.result.body.ok, true, JSON.stringify(checking.result.body.problems));
    assert.equal(checking.result.body.entriesChecked, 52);

    for (const [name, peak] of [
      ['history', read],
      ['seal', sealing],
      ['verify', checking],
    ] as const) {
      assert.ok(peak.peakGrowthBytes < BOUND, `${name}: heap grew ${mb(peak.peakGrowthBytes)}`);
    }
  });
});

/** `count` entries of the order, each with a 900 KB string in its changes. */
async function writeJunk(count: number, orderId: string): Promise<void> {
  for (let i = 0; i < count; i++) {
    await db.doc(`activity/junk-${String(i).padStart(3, '0')}`).set({
      ...base(`junk-${i}`),
      subject: { type: 'order', id: orderId },
      changes: { notes: { from: null, to: `${i}`.padEnd(HUGE, 'j') } },
    });
  }
}

function isTruncatedJunk(entry: OrderHistoryEntry): boolean {
  const to = entry.changes?.['notes']?.to as { truncated?: boolean } | undefined;
  return to?.truncated === true;
}

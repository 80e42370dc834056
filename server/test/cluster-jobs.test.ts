// Background work of a cluster of API processes on one Redis has one owner at a time: a saga left
// by a node killed mid-step is recovered once, by one other node; the activity log is sealed by
// one node on the interval, not three.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Firestore } from 'firebase-admin/firestore';
import { assertEmulatorsRunning, closeTestFirebase, testFirebase } from './support/firebase-test-env';
import { cleanUpOrders, createDish, orderBody, postOrder } from './support/orders-fixtures';
import { skipWithoutRedis, startRedis, type TestRedis } from './support/redis';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

const LEASE_MS = 2000;

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('background jobs of three API processes on one Redis', { skip: skipWithoutRedis() }, () => {
  let redis: TestRedis;
  const nodes: ServerProcess[] = [];
  let user: TestUser;
  let dish: string;
  let db: Firestore;
  let startedAt: Date;

  before(async () => {
    await assertEmulatorsRunning();
    redis = await startRedis();
    db = testFirebase().firestore;
    startedAt = new Date();
    for (let i = 0; i < 3; i++) {
      nodes.push(
        await startServerProcess({
          MAESTRO_REDIS_URL: redis.url,
          NODE_ENV: 'test',
          MAESTRO_FAULT_INJECTION: '1',
          MAESTRO_SAGA_LEASE_MS: String(LEASE_MS),
          MAESTRO_SAGA_STEP_TIMEOUT_MS: '500',
          MAESTRO_ACTIVITY_SEAL_INTERVAL_MS: '250',
          MAESTRO_ACTIVITY_SEAL_SETTLE_MS: '0',
        }),
      );
    }
    user = await createTestUser('cluster-jobs');
    dish = await createDish('cluster-jobs-dish');
  });

  after(async () => {
    for (const node of nodes) node.killAll();
    await cleanUpOrders([user.uid]);
    await redis.stop();
    await deleteTestUsers();
    await closeTestFirebase();
  });

  test('the activity log is sealed on the interval by one node at a time', async () => {
    // Entries to seal: an activity entry per order placed.
    for (let i = 0; i < 3; i++) await postOrder(nodes[i]!.url, user.idToken, orderBody(dish));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const seals = await db.collection('activitySeals').where('sealedAt', '>=', startedAt).get();
    const sealers = new Set(seals.docs.map((doc) => doc.get('sealedBy') as string));
    assert.ok(seals.size > 0, 'the log was sealed');
    assert.equal(sealers.size, 1, `seals by ${sealers.size} nodes: ${[...sealers].join(', ')}`);
  });
  test('a node killed mid-saga: another node recovers the saga, exactly once', async () => {
    const [crashing, ...others] = nodes as [ServerProcess, ...ServerProcess[]];
    const sagas = db.collection('sagas').where('actor.uid', '==', user.uid);
    const before = new Set((await sagas.get()).docs.map((doc) => doc.id));
    // The payment is authorized, then the process exits before the saga records it.
    const placing = fetch(`${crashing.url}/api/orders`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${user.idToken}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': randomUUID(),
        'X-Maestro-Faults': 'payment=crash',
      },
      body: JSON.stringify(orderBody(dish)),
    }).then(
      () => 'answered',
      () => 'connection lost',
    );
    assert.equal(await placing, 'connection lost');
    await crashing.exited;

    const finished = await until(
      async () => {
        const found = (await sagas.get()).docs
          .filter((doc) => !before.has(doc.id))
          .map((doc) => ({ id: doc.id, status: doc.get('status') as string }));
        assert.ok(found.length <= 1, 'one order was placed');
        return found.length === 1 && ['compensated', 'completed'].includes(found[0]!.status) ? found[0] : undefined;
      },
      20_000,
      'the saga to be finished by another node',
    );
    const recoveries = others.flatMap((node, index) =>
      node.logs.filter((line) => line['msg'] === 'recovering an unfinished saga' && line['orderId'] === finished.id).map(() => index),
    );
    assert.equal(recoveries.length, 1, `recovered ${recoveries.length} times`);
    // One payment, authorized by the crashed node; given back once if the saga was undone.
    const payments = await db.collection('payments').where('orderId', '==', finished.id).get();
    assert.equal(payments.size, 1);
    assert.equal(payments.docs[0]!.get('status'), finished.status === 'compensated' ? 'refunded' : 'authorized');
  });

});

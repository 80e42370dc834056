// A burst of orders for one dish: exactly min(N, stock) are placed, every other buyer gets 409
// out_of_stock (never a 5xx or a timeout), and stock, reservations and payments agree afterwards.
// Over two API nodes sharing Redis (the stock guard across nodes), and on one node without Redis.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import type { Firestore } from 'firebase-admin/firestore';
import type { Redis } from 'ioredis';
import type { RateLimitConfig } from '../src/config';
import { createRedisClient } from '../src/limits/redis-client';
import { createLogger } from '../src/logger';
import { assertEmulatorsRunning, closeTestFirebase, testFirebase } from './support/firebase-test-env';
import { cleanUpOrders, createDish, orderBody, postOrder, stockOf } from './support/orders-fixtures';
import { skipWithoutRedis, startRedis, type TestRedis } from './support/redis';
import { startTestServer, type TestServer } from './support/test-server';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

const FLOOD: Partial<RateLimitConfig> = { memberWrites: { points: 100_000, durationSeconds: 60 } };

async function burst(nodes: TestServer[], user: TestUser, dish: string, orders: number) {
  const answers = await Promise.all(
    Array.from({ length: orders }, (_, i) => postOrder(nodes[i % nodes.length]!.baseUrl, user.idToken, orderBody(dish))),
  );
  const count = (test: (status: number, code?: string) => boolean) =>
    answers.filter((answer) => test(answer.status, answer.body.error?.code)).length;
  return {
    answers,
    placed: count((status) => status === 201),
    outOfStock: count((status, code) => status === 409 && code === 'out_of_stock'),
    other: answers.filter((answer) => answer.status !== 201 && !(answer.status === 409 && answer.body.error?.code === 'out_of_stock')),
  };
}

async function assertConsistent(db: Firestore, dish: string, placedIds: string[], stockLeft: number) {
  assert.equal(await stockOf(dish), stockLeft);
  const held = await db.collection('inventoryReservations').where('status', '==', 'held').get();
  const heldHere = held.docs.filter((doc) => (doc.get('lines') as Record<string, number>)[dish] !== undefined);
  assert.deepEqual(heldHere.map((doc) => doc.id).sort(), [...placedIds].sort(), 'a reservation for each placed order, none else');
}

describe('a hot dish sells out cleanly', () => {
  let user: TestUser;
  let db: Firestore;

  before(async () => {
    await assertEmulatorsRunning();
    db = testFirebase().firestore;
    user = await createTestUser('hot-dish');
  });
  after(async () => {
    await cleanUpOrders([user.uid]);
    await deleteTestUsers();
    await closeTestFirebase();
  });

  describe('two nodes on one Redis', { skip: skipWithoutRedis() }, () => {
    let redis: TestRedis;
    const clients: Redis[] = [];
    const nodes: TestServer[] = [];
    before(async () => {
      redis = await startRedis();
      for (let i = 0; i < 2; i++) {
        const commands = createRedisClient(redis.url, createLogger('silent'));
        clients.push(commands);
        if (commands.status !== 'ready') await once(commands, 'ready');
        nodes.push(await startTestServer({ limits: { redis: commands, rateLimits: FLOOD }, redisUrl: redis.url }));
      }
    });
    after(async () => {
      for (const node of nodes) await node.close();
      for (const client of clients) client.disconnect();
      await redis.stop();
    });

    test('160 orders, 40 in stock: 40 placed, 120 × 409 out_of_stock, no other answer', async () => {
      const dish = await createDish('hot-redis', { stock: 40 });
      const result = await burst(nodes, user, dish, 160);
      assert.deepEqual(result.other.map((answer) => `${answer.status} ${JSON.stringify(answer.body.error)}`), []);
      assert.equal(result.placed, 40);
      assert.equal(result.outOfStock, 120);
      const placed = result.answers.filter((answer) => answer.status === 201).map((answer) => answer.body.id);
      await assertConsistent(db, dish, placed, 0);
      // The refused buyers' cards were given back.
      const refused = result.answers.filter((answer) => answer.status === 409).map((answer) => answer.body.error!.orderId!);
      const payments = await Promise.all(refused.slice(0, 20).map((id) => db.collection('payments').doc(id).get()));
      assert.ok(payments.every((payment) => payment.get('status') === 'refunded'));
    });
  });

  test('one node without Redis (the default set-up): 120 orders, 120 in stock, all placed', async () => {
    const nodes = [await startTestServer({ limits: { rateLimits: FLOOD } })];
    try {
      const dish = await createDish('hot-plain', { stock: 120 });
      const result = await burst(nodes, user, dish, 120);
      assert.deepEqual(result.other.map((answer) => `${answer.status} ${JSON.stringify(answer.body.error)}`), []);
      assert.equal(result.placed, 120);
      await assertConsistent(db, dish, result.answers.map((answer) => answer.body.id), 0);
    } finally {
      for (const node of nodes) await node.close();
    }
  });
});

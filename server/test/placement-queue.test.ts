// Orders a node places at once are bounded; the rest wait their turn, and past the waiting room
// the node answers 503 with Retry-After at once (nothing placed), never a timeout mid-saga.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { placementQueue, PlacementQueueFull } from '../src/orders/placement-queue';
import { assertEmulatorsRunning, closeTestFirebase } from './support/firebase-test-env';
import { cleanUpOrders, createDish, orderBody, postOrder } from './support/orders-fixtures';
import { startTestServer, type TestServer } from './support/test-server';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('the placement queue (pure logic)', () => {
  test('runs at most `concurrency` at once, the others in arrival order; an error frees the slot', async () => {
    const queue = placementQueue({ concurrency: 2, maxWaiting: 10 });
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const runs = Array.from({ length: 6 }, (_, i) =>
      queue.run(async () => {
        running++;
        most = Math.max(most, running);
        order.push(i);
        await tick();
        running--;
        if (i === 1) throw new Error('a saga that failed');
        return i;
      }),
    );
    const settled = await Promise.allSettled(runs);
    assert.equal(most, 2);
    assert.deepEqual(order, [0, 1, 2, 3, 4, 5]);
    assert.equal(settled.filter((s) => s.status === 'fulfilled').length, 5);
  });

  test('past the waiting room: refused at once with PlacementQueueFull, nothing run', async () => {
    const queue = placementQueue({ concurrency: 1, maxWaiting: 1 });
    let ran = 0;
    const work = async () => {
      ran++;
      await tick();
    };
    const results = await Promise.allSettled([queue.run(work), queue.run(work), queue.run(work)]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'fulfilled', 'rejected']);
    assert.ok((results[2] as PromiseRejectedResult).reason instanceof PlacementQueueFull);
    assert.equal(ran, 2);
  });
});

describe('POST /api/orders when the queue is full', () => {
  let api: TestServer;
  let user: TestUser;
  before(async () => {
    await assertEmulatorsRunning();
    api = await startTestServer({ placementQueue: { concurrency: 1, maxWaiting: 1 } });
    user = await createTestUser('placement-queue');
  });
  after(async () => {
    await api.close();
    await cleanUpOrders([user.uid]);
    await deleteTestUsers();
    await closeTestFirebase();
  });

  test('503 unavailable with Retry-After and words; the others are placed', async () => {
    const dish = await createDish('queue-dish');
    const answers = await Promise.all(Array.from({ length: 6 }, () => postOrder(api.baseUrl, user.idToken, orderBody(dish))));
    const refused = answers.filter((answer) => answer.status === 503);
    assert.ok(refused.length > 0, 'some refused at once');
    assert.ok(answers.some((answer) => answer.status === 201), 'some placed');
    for (const answer of refused) {
      assert.equal(answer.headers.get('retry-after'), '5');
      assert.equal(answer.body.error?.code, 'unavailable');
      assert.match(answer.body.error?.message ?? '', /nothing was placed/);
    }
    assert.equal(answers.filter((answer) => answer.status !== 503 && answer.status !== 201).length, 0);
  });
});

// Two API nodes on one Firestore race on one slow compensation. The owner renews its lease before
// every compensation attempt, so the other node (sweeping every half lease) never takes the saga
// over while the first is still undoing it: one owner at a time, and each undo's effect once.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Order, OrderErrorBody } from '@maestro/contracts';
import { assertEmulatorsRunning, closeTestFirebase, testFirebase } from './support/firebase-test-env';
import { activityOf, cleanUpOrders, createDish, docData, postOrder, stockOf } from './support/orders-fixtures';
import { startTestServer, type TestServer } from './support/test-server';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

// A payment undo that never answers takes 3 attempts × 500 ms + pauses ≈ 1.8 s: longer than the
// 1.4 s lease, so without renewal the lease runs out mid-compensation and node B, sweeping all
// the while, claims the saga. With renewal, attempts are ≈ 0.75 s apart: well within a lease.
const SAGA = { stepTimeoutMs: 500, leaseMs: 1400, faultInjection: true };

let nodeA: TestServer;
let nodeB: TestServer;
let staff: TestUser;

before(async () => {
  await assertEmulatorsRunning();
  [nodeA, nodeB] = await Promise.all([startTestServer({ saga: SAGA }), startTestServer({ saga: SAGA })]);
  staff = await createTestUser('saga-lease');
});
after(async () => {
  await Promise.all([nodeA.close(), nodeB.close()]);
  await cleanUpOrders([staff.uid]);
  await deleteTestUsers();
  await closeTestFirebase();
});

interface Attempt {
  node: 'A' | 'B';
  step: string;
  attempt: number;
  time: number;
}

const attemptsOf = (node: 'A' | 'B', api: TestServer, orderId: string): Attempt[] =>
  api.logs
    .filter((line) => line['msg'] === 'compensation attempt' && line['orderId'] === orderId)
    .map((line) => ({ node, step: String(line['step']), attempt: Number(line['attempt']), time: Number(line['time']) }));

test('a slow compensation keeps its owner: the other node never undoes a step while the lease is renewed', { timeout: 30_000 }, async () => {
  const dishId = await createDish('lease', { stock: 10 });
  const idA = nodeA.server.orders.ctx.instanceId;
  assert.notEqual(idA, nodeB.server.orders.ctx.instanceId, 'two nodes, two instance ids');

  // Watch who owns the saga while node A works (the order id is unknown until the answer: watch the user's sagas).
  const owners: { at: number; orderId: string; owner: string }[] = [];
  const unwatch = testFirebase()
    .firestore.collection('sagas')
    .where('actor.uid', '==', staff.uid)
    .onSnapshot((snapshot) => {
      for (const doc of snapshot.docChanges()) owners.push({ at: Date.now(), orderId: doc.doc.id, owner: String(doc.doc.get('owner')) });
    });

  // Payment done, stock fails: node A undoes the stock, then the payment, whose answer never comes.
  const placing = postOrder(nodeA.baseUrl, staff.idToken, { type: 'takeaway', items: [{ menuItemId: dishId, quantity: 2 }] }, {
    'X-Maestro-Faults': 'inventory=error, payment-undo=timeout',
  });
  // Node B sweeps without pause (not only every half lease): it would claim the saga the moment A's lease ran out.
  let answered = false;
  const sweeping = (async () => {
    while (!answered) {
      await nodeB.server.orders.recovery.sweep();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const placed = await placing.finally(() => (answered = true));
  const answeredAt = Date.now();
  await sweeping;
  const answer = placed.body as Order & OrderErrorBody;
  assert.equal(placed.status, 503, JSON.stringify(nodeA.logs.filter((l) => Number(l["level"]) >= 40)));
  assert.equal(answer.error.code, 'inventory_unavailable');
  const orderId = answer.error.orderId!;

  // Node A gave up on the payment undo after 3 attempts, leaving it to a sweep (or, had it lost
  // the saga, stopped when its answer came).
  const gaveUp = nodeA.logs.find((line) => line['msg'] === 'compensation failed; the recovery sweep will retry it' && line['orderId'] === orderId);
  const aDone = gaveUp ? Number(gaveUp['time']) : answeredAt;

  // A sweep (either node, once A's lease ran out) finishes the undo.
  const deadline = Date.now() + 15_000;
  while ((await docData(`sagas/${orderId}`))?.['status'] !== 'compensated') {
    assert.ok(Date.now() < deadline, 'the saga is compensated by a sweep');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  unwatch();

  const attempts = [...attemptsOf('A', nodeA, orderId), ...attemptsOf('B', nodeB, orderId)].sort((a, b) => a.time - b.time);
  const aStart = attempts.find((a) => a.node === 'A' && a.step === 'payment')!.time;
  const duringA = attempts.filter((a) => a.time >= aStart && a.time <= aDone);
  assert.deepEqual(
    duringA.map((a) => `${a.node} ${a.step} #${a.attempt}`),
    ['A payment #1', 'A payment #2', 'A payment #3'],
    'while node A undoes the payment, nobody else does (nor A twice)',
  );
  assert.ok(gaveUp, 'node A kept the saga to the end of its attempts and recorded the failed undo');
  assert.ok(aDone - aStart > SAGA.leaseMs, `the undo outlasted one lease (${aDone - aStart} ms)`);
  const seen = owners.filter((o) => o.orderId === orderId && o.at >= aStart && o.at <= aDone);
  assert.ok(seen.length > 0);
  assert.ok(seen.every((o) => o.owner === idA), 'node A owned the saga throughout its undo');
  // After A let go, exactly one more attempt (by whichever node claimed the saga) finished it.
  const afterA = attempts.filter((a) => a.time > aDone);
  assert.equal(afterA.length, 1, JSON.stringify(afterA));
  assert.equal(afterA[0]!.step, 'payment');

  // Each effect happened once: one refund, the stock back once.
  assert.equal((await docData(`payments/${orderId}`))?.['status'], 'refunded');
  assert.equal(await stockOf(dishId), 10);
  const undone = (await activityOf(orderId)).map((entry) => entry['action']).filter((action) => String(action).endsWith('RESTORED') || String(action).endsWith('REFUNDED'));
  assert.deepEqual(undone.sort(), ['ORDER_INVENTORY_RESTORED', 'ORDER_PAYMENT_REFUNDED']);
});

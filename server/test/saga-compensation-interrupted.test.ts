// A delete is committed before the saga's steps are undone: an error while undoing them (the
// real saga cannot be made to throw here, so a stand-in does) must not turn the answer into a
// 500. Found by the fuzz test (FUZZ_SEED=1583836884 on a busy machine): DELETE → 500.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { deleteOrder } from '../src/orders/saga/cancellation';
import type { OrderEvents } from '../src/orders/order-events';
import { createLogger } from '../src/logger';
import { assertEmulatorsRunning, closeTestFirebase, testFirebase } from './support/firebase-test-env';
import { cleanUpOrders, createDish, postOrder } from './support/orders-fixtures';
import { startTestServer, type TestServer } from './support/test-server';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

let api: TestServer;
let staff: TestUser;

before(async () => {
  await assertEmulatorsRunning();
  api = await startTestServer();
  staff = await createTestUser('compensation-interrupted');
});
after(async () => {
  await api.close();
  await cleanUpOrders([staff.uid]);
  await deleteTestUsers();
  await closeTestFirebase();
});

test('a delete whose compensation throws still answers the deletion, and says so in the log', async () => {
  const dishId = await createDish('interrupted', { stock: 5 });
  const placed = await postOrder(api.baseUrl, staff.idToken, { type: 'takeaway', customerName: 'Race', items: [{ menuItemId: dishId, quantity: 1 }] });
  assert.equal(placed.status, 201);
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('debug', { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  const deleted: string[] = [];
  const ctx = {
    db: testFirebase().firestore,
    logger,
    events: { deleted: (orderId: string) => deleted.push(orderId) } as unknown as OrderEvents,
    instanceId: 'test-node',
    now: () => new Date(),
    stepTimeoutMs: 5000,
    leaseMs: 30_000,
  };
  const failingSaga = { compensate: () => Promise.reject(new Error('10 ABORTED: too much contention')) };

  const answer = await deleteOrder(ctx, failingSaga, placed.body.id, { uid: staff.uid, email: staff.email, admin: false });

  assert.deepEqual(answer, { orderId: placed.body.id, version: placed.body.version + 1 });
  assert.equal((await testFirebase().firestore.doc(`orders/${placed.body.id}`).get()).exists, false);
  assert.deepEqual(deleted, [placed.body.id]);
  const logged = lines.find((line) => line['msg'] === 'compensation interrupted; the recovery sweep will finish it');
  assert.equal(logged?.['orderId'], placed.body.id);
  // Left for the recovery sweep: the saga is compensating, owned by this node until its lease ends.
  assert.equal((await testFirebase().firestore.doc(`sagas/${placed.body.id}`).get()).get('status'), 'compensating');
});

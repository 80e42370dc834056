// Staff never see internal error text: a step or an undo that fails with an internal error
// (here an injected one worded like a gRPC failure) is recorded with a code and words for people;
// the internal text goes to the log only.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Order, OrderErrorBody, OrderHistoryResponse } from '@maestro/contracts';
import { assertEmulatorsRunning, closeTestFirebase } from './support/firebase-test-env';
import { activityOf, cleanUpOrders, createDish, deliveryTo, docData, postOrder } from './support/orders-fixtures';
import { request, startTestServer, type TestServer } from './support/test-server';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

// What InjectedFault and a step timeout say: text for engineers.
const INTERNAL = /13 INTERNAL|injected fault|faults\.ts|no answer within/;

let api: TestServer;
let staff: TestUser;
let dishId: string;

before(async () => {
  await assertEmulatorsRunning();
  // A long lease: the undo left failing stays as it is while the test reads it.
  api = await startTestServer({ saga: { stepTimeoutMs: 300, leaseMs: 30_000, faultInjection: true } });
  staff = await createTestUser('error-words');
  dishId = await createDish('words', { stock: 50 });
});
after(async () => {
  await api.close();
  await cleanUpOrders([staff.uid]);
  await deleteTestUsers();
  await closeTestFirebase();
});

/** Everything staff (and admins) can read about the order: API answers and stored documents. */
async function everythingReadable(orderId: string, firstAnswer: unknown): Promise<string> {
  const get = (path: string) => request(`${api.baseUrl}/api/orders/${orderId}${path}`, { token: staff.idToken });
  const [order, history] = await Promise.all([get(''), get('/history')]);
  assert.equal(order.status, 200);
  assert.equal(history.status, 200);
  return JSON.stringify({
    firstAnswer,
    order: order.body,
    history: history.body,
    activity: await activityOf(orderId),
    orderDoc: await docData(`orders/${orderId}`),
    saga: await docData(`sagas/${orderId}`),
  });
}

const loggedInternal = (orderId: string) =>
  api.logs.some((line) => line['orderId'] === orderId && INTERNAL.test(JSON.stringify(line['err'] ?? '')));

test('a step that fails with an internal error: code and words in the failure and the history, the text in the log', async () => {
  const placed = await postOrder(api.baseUrl, staff.idToken, { type: 'takeaway', items: [{ menuItemId: dishId, quantity: 1 }] }, {
    'X-Maestro-Faults': 'payment=error',
  });
  const body = placed.body as Order & OrderErrorBody;
  assert.equal(placed.status, 503);
  assert.equal(body.error.code, 'payment_unavailable');
  const orderId = body.error.orderId!;

  const readable = await everythingReadable(orderId, body);
  assert.doesNotMatch(readable, INTERNAL);
  const history = JSON.parse(readable).history as OrderHistoryResponse;
  const failedStep = history.entries.find((entry) => entry.action === 'ORDER_PAYMENT_FAILED');
  assert.deepEqual(failedStep?.changes?.['error']?.to, {
    code: 'payment_unavailable',
    message: body.error.message,
  });
  assert.match(body.error.message, /The payment service failed\. .* Try again in a moment\./);
  const saga = (await docData(`sagas/${orderId}`)) as { steps: Record<string, Record<string, unknown>> };
  assert.equal(saga.steps['payment']?.['status'], 'failed', 'uncertain: undone like a success');
  assert.equal(saga.steps['payment']?.['errorCode'], 'payment_unavailable');
  assert.equal(saga.steps['payment']?.['error'], body.error.message);
  assert.ok(loggedInternal(orderId), 'the internal text is in the log, under the order id');
});

test('a step that times out: words, not the timer text', async () => {
  const placed = await postOrder(api.baseUrl, staff.idToken, { type: 'takeaway', items: [{ menuItemId: dishId, quantity: 1 }] }, {
    'X-Maestro-Faults': 'inventory=timeout',
  });
  const body = placed.body as Order & OrderErrorBody;
  assert.equal(body.error.code, 'inventory_unavailable');
  assert.match(body.error.message, /The stock service did not answer in time/);
  assert.doesNotMatch(await everythingReadable(body.error.orderId!, body), INTERNAL);
  const saga = (await docData(`sagas/${body.error.orderId}`)) as { steps: Record<string, Record<string, unknown>> };
  assert.equal(saga.steps['inventory']?.['status'], 'timed_out');
});

test('an undo that keeps failing: its record says so in words (the saga timeline shows it), the text is logged', async () => {
  const placed = await postOrder(api.baseUrl, staff.idToken, { ...deliveryTo(), items: [{ menuItemId: dishId, quantity: 1 }] }, {
    'X-Maestro-Faults': 'delivery=error, inventory-undo=error',
  });
  const body = placed.body as Order & OrderErrorBody;
  assert.equal(body.error.code, 'delivery_unavailable');
  const orderId = body.error.orderId!;
  assert.doesNotMatch(await everythingReadable(orderId, body), INTERNAL);
  const saga = (await docData(`sagas/${orderId}`)) as { steps: Record<string, { compensation: Record<string, unknown> | null }> };
  const undo = saga.steps['inventory']?.compensation;
  assert.equal(undo?.['status'], 'failed');
  assert.equal(undo?.['errorCode'], 'inventory_unavailable');
  assert.equal(undo?.['error'], 'The stock service could not undo this step after 3 attempts; the API keeps retrying it.');
  // Undone last first, and no further: the payment waits for the stock, the sweep takes it from here.
  assert.equal(saga.steps['delivery']?.compensation?.['status'], 'done');
  assert.equal(saga.steps['payment']?.compensation, null);
  assert.equal((await docData(`sagas/${orderId}`))?.['status'], 'compensating');
  const log = (await activityOf(orderId)).map((entry) => entry['action']);
  assert.ok(log.includes('ORDER_DELIVERY_CANCELLED'), log.join());
  assert.ok(!log.includes('ORDER_INVENTORY_RESTORED'), 'a failed undo is not logged as done');
  const attempts = api.logs.filter((line) => line['msg'] === 'compensation attempt failed' && line['orderId'] === orderId);
  assert.equal(attempts.length, 3);
  assert.ok(loggedInternal(orderId));
});

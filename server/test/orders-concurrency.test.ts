import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Order, OrderErrorBody } from '@maestro/contracts';
import { SIMULATED_CARD_LIMIT_MINOR } from '../src/orders/payments/simulated-payment-provider';
import {
  assertEmulatorsRunning,
  closeTestFirebase,
  testFirebase,
} from './support/firebase-test-env';
import {
  cleanUpOrders,
  createDish,
  docData,
  orderBody,
  postOrder,
  stockOf,
} from './support/orders-fixtures';
import { oneFieldChanged } from './support/one-field-changed';
import { request, startTestServer, type TestServer } from './support/test-server';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

type Body = Order & OrderErrorBody;

describe('orders under concurrency, and idempotent retries', () => {
  let api: TestServer;
  const users: TestUser[] = [];
  const newUser = async (label: string) => {
    const user = await createTestUser(label);
    users.push(user);
    return user;
  };
  const ordersBy = async (uid: string) =>
    (await testFirebase().firestore.collection('orders').where('createdBy', '==', uid).get()).docs;

  before(async () => {
    await assertEmulatorsRunning();
    api = await startTestServer();
  });
  after(async () => {
    await api.close();
    await cleanUpOrders(users.map((user) => user.uid));
    await deleteTestUsers();
    await closeTestFirebase();
  });

  test('eight orders at once for the last unit: exactly one wins, the rest fail and are refunded', async () => {
    const user = await newUser('last-unit');
    const last = await createDish('last', { stock: 1 });
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => postOrder(api.baseUrl, user.idToken, orderBody(last))),
    );
    const winners = responses.filter((response) => response.status === 201);
    assert.equal(winners.length, 1, responses.map((r) => r.status).join(','));
    for (const loser of responses.filter((response) => response.status !== 201)) {
      assert.equal(loser.status, 409, JSON.stringify(loser.body));
      assert.equal(loser.body.error.code, 'out_of_stock');
      assert.equal((await docData(`payments/${loser.body.error.orderId}`))?.['status'], 'refunded');
    }
    assert.equal(await stockOf(last), 0, 'never below zero');
    assert.equal((await docData(`payments/${winners[0]!.body.id}`))?.['status'], 'authorized');
  });

  test('a retry with the same Idempotency-Key returns the same order; one is created, stock taken once', async () => {
    const user = await newUser('idempotent');
    const dish = await createDish('dish', { stock: 10 });
    const key = 'order-7f3a';
    const first = await postOrder(api.baseUrl, user.idToken, orderBody(dish), {
      'Idempotency-Key': key,
    });
    // The same request again, with its keys in another order: still the same request.
    const retry = await postOrder(
      api.baseUrl,
      user.idToken,
      { items: [{ quantity: 1, menuItemId: dish }], type: 'takeaway' },
      { 'Idempotency-Key': key },
    );
    assert.equal(first.status, 201);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    assert.equal(retry.status, 201);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.equal(retry.body.id, first.body.id);
    assert.equal((await ordersBy(user.uid)).length, 1);
    assert.equal(await stockOf(dish), 9);
  });

  test('five concurrent requests with one key create one order', async () => {
    const user = await newUser('idempotent-burst');
    const dish = await createDish('dish', { stock: 10 });
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        postOrder(api.baseUrl, user.idToken, orderBody(dish), { 'Idempotency-Key': 'burst-1' }),
      ),
    );
    for (const response of responses) {
      assert.ok(
        response.status === 201 || response.body.error.code === 'request_in_progress',
        JSON.stringify(response.body),
      );
    }
    const ids = new Set(responses.map((r) => r.body.id ?? r.body.error.orderId));
    assert.equal(ids.size, 1);
    assert.equal((await ordersBy(user.uid)).length, 1);
    assert.equal(await stockOf(dish), 9);
  });

  test('the same key with a different body → 422 idempotency_key_reused; another user may use the key', async () => {
    const user = await newUser('idempotent-reuse');
    const other = await newUser('idempotent-other');
    const dish = await createDish('dish');
    const first = await postOrder(api.baseUrl, user.idToken, orderBody(dish), {
      'Idempotency-Key': 'k1',
    });
    const changed = await postOrder(
      api.baseUrl,
      user.idToken,
      orderBody(dish, { items: [{ menuItemId: dish, quantity: 2 }] }),
      { 'Idempotency-Key': 'k1' },
    );
    assert.equal(changed.status, 422);
    assert.equal(changed.body.error.code, 'idempotency_key_reused');
    assert.equal(changed.body.error.orderId, first.body.id);
    const theirs = await postOrder(api.baseUrl, other.idToken, orderBody(dish), {
      'Idempotency-Key': 'k1',
    });
    assert.equal(theirs.status, 201);
    assert.notEqual(theirs.body.id, first.body.id);
  });

  test('the same key with any one top-level field changed → 422, no second order', async () => {
    const user = await newUser('idempotent-each-field');
    const dish = await createDish('dish');
    const other = await createDish('other');
    // [what changed, the first request, the retry under its key]
    const changes = oneFieldChanged(dish, other);
    for (const [what, first, retry] of changes) {
      const key = `field-${what.replace(/\W+/g, '-')}`;
      const placed = await postOrder(api.baseUrl, user.idToken, first, { 'Idempotency-Key': key });
      assert.equal(placed.status, 201, `${what}: ${JSON.stringify(placed.body)}`);
      const reused = await postOrder(api.baseUrl, user.idToken, retry, { 'Idempotency-Key': key });
      assert.equal(reused.status, 422, `${what}: ${JSON.stringify(reused.body)}`);
      assert.equal(reused.body.error.code, 'idempotency_key_reused', what);
      assert.equal(reused.body.error.orderId, placed.body.id, what);
    }
    assert.equal((await ordersBy(user.uid)).length, changes.length, 'one order per key');
  });

  test('a retried failed placement replays its failure; no second order, no second charge', async () => {
    const user = await newUser('idempotent-failed');
    const caviar = await createDish('caviar', { priceMinor: SIMULATED_CARD_LIMIT_MINOR + 1 });
    const first = await postOrder(api.baseUrl, user.idToken, orderBody(caviar), {
      'Idempotency-Key': 'f1',
    });
    const retry = await postOrder(api.baseUrl, user.idToken, orderBody(caviar), {
      'Idempotency-Key': 'f1',
    });
    assert.equal(first.status, 402);
    assert.equal(retry.status, 402);
    assert.deepEqual(retry.body, first.body);
    assert.equal((await ordersBy(user.uid)).length, 1);
  });

  test('two cancellations at once: one wins, the stock comes back once', async () => {
    const user = await newUser('double-cancel');
    const dish = await createDish('dish', { stock: 10 });
    const placed = await postOrder(
      api.baseUrl,
      user.idToken,
      orderBody(dish, { items: [{ menuItemId: dish, quantity: 4 }] }),
    );
    const cancel = () =>
      request<Body>(`${api.baseUrl}/api/orders/${placed.body.id}/status`, {
        method: 'PATCH',
        token: user.idToken,
        body: JSON.stringify({ status: 'CANCELLED' }),
      });
    const statuses = (await Promise.all([cancel(), cancel()])).map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 409]);
    assert.equal(await stockOf(dish), 10);
    assert.equal((await docData(`payments/${placed.body.id}`))?.['status'], 'refunded');
  });
});

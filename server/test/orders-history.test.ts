import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Order, OrderErrorBody, OrderHistoryResponse } from '@maestro/contracts';
import { assertEmulatorsRunning, closeTestFirebase, testFirebase } from './support/firebase-test-env';
import { cleanUpOrders, createDish, orderBody, postOrder } from './support/orders-fixtures';
import { request, startTestServer, type TestServer } from './support/test-server';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

type Body = OrderHistoryResponse & OrderErrorBody;

describe('GET /api/orders/:id/history', () => {
  let api: TestServer;
  let cook: TestUser;
  let waiter: TestUser;
  let burger: string;

  before(async () => {
    await assertEmulatorsRunning();
    api = await startTestServer();
    cook = await createTestUser('history-cook');
    waiter = await createTestUser('history-waiter');
    burger = await createDish('burger');
  });
  after(async () => {
    await api.close();
    await cleanUpOrders([cook.uid, waiter.uid]);
    await deleteTestUsers();
    await closeTestFirebase();
  });

  const call = <T = Body>(method: string, path: string, token?: string, body?: unknown) =>
    request<T>(`${api.baseUrl}/api${path}`, {
      method,
      token,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const place = async (user: TestUser) => {
    const response = await postOrder(api.baseUrl, user.idToken, orderBody(burger));
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body as Order;
  };

  test("200: the order's entries oldest first, with actor, ISO time and old → new, read by another staff member", async () => {
    const order = await place(waiter);
    const other = await place(waiter);
    const moved = await call('PATCH', `/orders/${order.id}/status`, cook.idToken, {
      status: 'PREPARING',
    });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));

    // The waiter placed it, the cook moved it: the cook reads entries Firestore would not show them.
    const response = await call('GET', `/orders/${order.id}/history`, cook.idToken);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const { orderId, entries, complete } = response.body;
    assert.equal(orderId, order.id);
    assert.equal(complete, true);
    assert.deepEqual(
      entries.map((entry) => entry.action),
      [
        'ORDER_CREATED',
        'ORDER_MENU_CHECKED',
        'ORDER_PAYMENT_AUTHORIZED',
        'ORDER_INVENTORY_RESERVED',
        'ORDER_STATUS_CHANGED',
        'ORDER_STATUS_CHANGED',
      ],
    );
    assert.deepEqual(
      entries.filter((e) => e.action === 'ORDER_STATUS_CHANGED').map((e) => e.changes?.['status']),
      [
        { from: 'PENDING', to: 'CONFIRMED' },
        { from: 'CONFIRMED', to: 'PREPARING' },
      ],
    );
    const last = entries.at(-1)!;
    assert.deepEqual(last.actor, { uid: cook.uid, email: cook.email });
    assert.deepEqual(entries[0]!.actor, { uid: waiter.uid, email: waiter.email });
    assert.equal(last.correlationId, order.correlationId);
    for (const entry of entries) {
      assert.equal(new Date(entry.at!).toISOString(), entry.at, 'ISO 8601');
    }
    const times = entries.map((entry) => entry.at);
    assert.deepEqual(times, [...times].sort(), 'oldest first');
    // The other order's entries are not mixed in.
    const ids = new Set(entries.map((entry) => entry.id));
    const otherHistory = await call('GET', `/orders/${other.id}/history`, cook.idToken);
    assert.equal(otherHistory.body.entries.length, 5);
    assert.ok(otherHistory.body.entries.every((entry) => !ids.has(entry.id)));
  });

  test("each actor's display name from their profile, so the page says who by name; none without a profile", async () => {
    const db = testFirebase().firestore;
    await db.doc(`users/${waiter.uid}`).set({ uid: waiter.uid, email: waiter.email, displayName: '  Wendy Waiter ' });
    try {
      const order = await place(waiter);
      await call('PATCH', `/orders/${order.id}/status`, cook.idToken, { status: 'PREPARING' });
      const { entries } = (await call('GET', `/orders/${order.id}/history`, cook.idToken)).body;
      assert.deepEqual(entries[0]!.actor, { uid: waiter.uid, email: waiter.email, name: 'Wendy Waiter' });
      // The cook has no profile document: email only, as before.
      assert.deepEqual(entries.at(-1)!.actor, { uid: cook.uid, email: cook.email });
    } finally {
      await db.doc(`users/${waiter.uid}`).delete();
    }
  });

  test('401 without a token', async () => {
    const order = await place(waiter);
    const response = await call('GET', `/orders/${order.id}/history`);
    assert.equal(response.status, 401);
    assert.equal(response.body.error.code, 'unauthenticated');
  });

  test('404 for an unknown order, and for an id that cannot be one', async () => {
    for (const id of ['no-such-order', 'a.b']) {
      const response = await call('GET', `/orders/${id}/history`, cook.idToken);
      assert.equal(response.status, 404, id);
      assert.equal(response.body.error.code, 'order_not_found');
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Order, OrderErrorBody } from '@maestro/contracts';
import { SIMULATED_CARD_LIMIT_MINOR } from '../src/orders/payments/simulated-payment-provider';
import { assertEmulatorsRunning, closeTestFirebase } from './support/firebase-test-env';
import {
  activityOf,
  cleanUpOrders,
  createDish,
  deliveryTo,
  docData,
  postOrder,
  stockOf,
} from './support/orders-fixtures';
import { request, startTestServer, type TestServer } from './support/test-server';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

// Reference 002's table, row by row. The reference runs its services side by side, so a failed
// payment there undoes inventory and shipping; here the steps run in order (menu → payment →
// inventory → delivery), so a failure undoes exactly the steps before it, last first, and the
// end state is the same: nothing charged, held or booked, the order FAILED with its reason.

type Body = Order & OrderErrorBody;

describe('fulfillment saga: the table of reference 002', () => {
  let api: TestServer;
  let user: TestUser;
  let dish: string;
  let caviar: string;
  let lastUnit: string;

  before(async () => {
    await assertEmulatorsRunning();
    api = await startTestServer();
    user = await createTestUser('saga-table');
    dish = await createDish('dish', { stock: 50 });
    caviar = await createDish('caviar', { priceMinor: SIMULATED_CARD_LIMIT_MINOR + 1, stock: 50 });
    lastUnit = await createDish('last', { stock: 1 });
  });
  after(async () => {
    await api.close();
    await cleanUpOrders([user.uid]);
    await deleteTestUsers();
    await closeTestFirebase();
  });

  const place = (body: unknown) => postOrder(api.baseUrl, user.idToken, body);
  const actions = async (orderId: string) =>
    (await activityOf(orderId)).map((e) => String(e['action']));
  const undoActions = async (orderId: string) =>
    (await actions(orderId)).filter((a) => /REFUNDED|RESTORED|DELIVERY_CANCELLED/.test(a));
  const steps = async (orderId: string) =>
    Object.fromEntries(
      Object.entries(
        (await docData(`sagas/${orderId}`))?.['steps'] as Record<string, { status: string }>,
      ).map(([step, record]) => [step, record.status]),
    );
  async function assertFailed(
    response: { status: number; body: Body },
    status: number,
    code: string,
    step: string,
  ) {
    assert.equal(response.status, status, JSON.stringify(response.body));
    assert.equal(response.body.error.code, code);
    assert.equal(response.body.error.currentStatus, 'FAILED');
    const orderId = response.body.error.orderId!;
    const order = await request<Body>(`${api.baseUrl}/api/orders/${orderId}`, {
      token: user.idToken,
    });
    assert.equal(order.body.status, 'FAILED');
    assert.deepEqual(order.body.failure, { code, message: response.body.error.message, step });
    assert.equal((await docData(`sagas/${orderId}`))?.['status'], 'compensated');
    return orderId;
  }

  test('row 1 — every service succeeds: the order is CONFIRMED, nothing is undone', async () => {
    const response = await place({ ...deliveryTo(), items: [{ menuItemId: dish, quantity: 2 }] });
    assert.equal(response.status, 201);
    assert.equal(response.body.status, 'CONFIRMED');
    const id = response.body.id;
    assert.equal((await docData(`payments/${id}`))?.['status'], 'authorized');
    assert.equal(await stockOf(dish), 48);
    assert.equal((await docData(`deliveries/${id}`))?.['status'], 'scheduled');
    assert.deepEqual(await steps(id), {
      menu: 'done',
      payment: 'done',
      inventory: 'done',
      delivery: 'done',
    });
    assert.deepEqual(await undoActions(id), []);
  });

  test('row 2 — the product check answers 404: 404 to the client, no order, nothing touched', async () => {
    const response = await place({
      type: 'takeaway',
      items: [{ menuItemId: 'no-such-dish', quantity: 1 }],
    });
    assert.equal(response.status, 404);
    assert.equal(response.body.error.code, 'menu_item_not_found');
    assert.equal(response.body.error.orderId, undefined);
    const orders = await request<{ orders: Order[] }>(`${api.baseUrl}/api/orders?pageSize=100`, {
      token: user.idToken,
    });
    assert.ok(
      orders.body.orders.every((order) =>
        order.items.every((item) => item.menuItemId !== 'no-such-dish'),
      ),
    );
  });

  test('row 3 — the product check succeeds and there is no shipping: a takeaway order skips delivery', async () => {
    const response = await place({ type: 'takeaway', items: [{ menuItemId: dish, quantity: 1 }] });
    assert.equal(response.status, 201);
    const id = response.body.id;
    assert.deepEqual(await steps(id), {
      menu: 'done',
      payment: 'done',
      inventory: 'done',
      delivery: 'skipped',
    });
    assert.equal(await docData(`deliveries/${id}`), undefined);
  });

  test('row 4 — payment fails (declined): 402, order FAILED; inventory and delivery were never touched', async () => {
    const before = await stockOf(caviar);
    const response = await place({ ...deliveryTo(), items: [{ menuItemId: caviar, quantity: 1 }] });
    const id = await assertFailed(response, 402, 'payment_declined', 'payment');
    assert.match(response.body.error.message, /declined.*Nothing was charged/);
    assert.equal((await docData(`payments/${id}`))?.['status'], 'declined');
    assert.equal(await stockOf(caviar), before);
    assert.equal(await docData(`deliveries/${id}`), undefined);
    assert.deepEqual(await steps(id), {
      menu: 'done',
      payment: 'refused',
      inventory: 'pending',
      delivery: 'pending',
    });
    assert.ok((await actions(id)).includes('ORDER_PAYMENT_FAILED'));
    assert.deepEqual(await undoActions(id), [], 'a declined payment has nothing to refund');
  });

  test('row 5 — inventory fails (out of stock): 409, the payment is refunded, no courier booked', async () => {
    const response = await place({
      ...deliveryTo(),
      items: [{ menuItemId: lastUnit, quantity: 2 }],
    });
    const id = await assertFailed(response, 409, 'out_of_stock', 'inventory');
    assert.match(response.body.error.message, /Not enough left of .*1 left, 2 asked/);
    assert.equal((await docData(`payments/${id}`))?.['status'], 'refunded');
    assert.equal(await stockOf(lastUnit), 1, 'never below zero, nothing taken');
    assert.equal(await docData(`deliveries/${id}`), undefined);
    assert.deepEqual(await undoActions(id), ['ORDER_PAYMENT_REFUNDED']);
  });

  test('row 6 — shipping fails (no courier for the address): 422, the stock is restored and the payment refunded, last step first', async () => {
    const before = await stockOf(dish);
    const response = await place({
      ...deliveryTo('00000'),
      items: [{ menuItemId: dish, quantity: 3 }],
    });
    const id = await assertFailed(response, 422, 'delivery_address_unserved', 'delivery');
    assert.match(response.body.error.message, /No courier delivers to postal code 00000/);
    assert.equal(await stockOf(dish), before);
    assert.equal((await docData(`payments/${id}`))?.['status'], 'refunded');
    assert.equal((await docData(`deliveries/${id}`))?.['status'], 'refused');
    assert.deepEqual(await undoActions(id), ['ORDER_INVENTORY_RESTORED', 'ORDER_PAYMENT_REFUNDED']);
    const log = await activityOf(id);
    const correlation = new Set(log.map((entry) => entry['correlationId']));
    assert.equal(correlation.size, 1, 'every step and compensation under one correlation id');
  });
});

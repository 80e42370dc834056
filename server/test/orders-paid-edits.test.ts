// Item edits after placement are paid for: an increase past what the card holds authorizes the
// difference first (a decline leaves the order as it was), a failure after that authorization
// releases it, a node that stopped in between leaves it to the sweep; caps on lines and total.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ORDER_ITEMS_MAX,
  type Order,
  type OrderErrorBody,
  type OrderHistoryResponse,
  type OrderItemResponse,
} from '@maestro/contracts';
import { Timestamp } from 'firebase-admin/firestore';
import { simulatedPaymentProvider } from '../src/orders/payments/simulated-payment-provider';
import { assertEmulatorsRunning, closeTestFirebase, testFirebase } from './support/firebase-test-env';
import { cleanUpOrders, createDish, docData, postOrder, stockOf } from './support/orders-fixtures';
import { request, startTestServer, type TestServer } from './support/test-server';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

type Body = Order & OrderErrorBody & OrderItemResponse;

let api: TestServer;
let staff: TestUser;
let cheap: string; // $10.00
let pricey: string; // $60.00
let lavish: string; // $200.00

before(async () => {
  await assertEmulatorsRunning();
  // A 1 s lease: the sweep (every half lease) finds an abandoned authorization quickly.
  api = await startTestServer({ saga: { stepTimeoutMs: 300, leaseMs: 1000, faultInjection: true } });
  staff = await createTestUser('paid-edits');
  cheap = await createDish('cheap', { priceMinor: 1000, stock: 1000 });
  pricey = await createDish('pricey', { priceMinor: 6000, stock: 1000 });
  lavish = await createDish('lavish', { priceMinor: 20_000, stock: 1000 });
});
after(async () => {
  await api.close();
  await cleanUpOrders([staff.uid]);
  await deleteTestUsers();
  await closeTestFirebase();
});

const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  request<Body>(`${api.baseUrl}/api/orders${path}`, {
    method,
    token: staff.idToken,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function placed(items: { menuItemId: string; quantity: number }[] = [{ menuItemId: cheap, quantity: 1 }]) {
  const response = await postOrder(api.baseUrl, staff.idToken, { type: 'takeaway', items });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body.id;
}

/** Everything an edit may touch: the order as the API shows it, the stock it holds, the card. */
async function state(orderId: string) {
  const order = (await call('GET', `/${orderId}`)).body;
  const payment = await docData(`payments/${orderId}`);
  return {
    items: order.items.map(({ menuItemId, quantity }) => ({ menuItemId, quantity })),
    totalMinor: order.totalMinor,
    version: order.version,
    held: (await docData(`orders/${orderId}`))?.['authorizedMinor'],
    stock: [await stockOf(cheap), await stockOf(pricey), await stockOf(lavish)],
    reserved: (await docData(`inventoryReservations/${orderId}`))?.['lines'],
    paymentHolds: payment?.['authorizedMinor'],
  };
}

const increments = async (orderId: string) =>
  Object.values(((await docData(`payments/${orderId}`))?.['increments'] ?? {}) as Record<string, { amountMinor: number; status: string }>);

async function history(orderId: string) {
  return (await request<OrderHistoryResponse>(`${api.baseUrl}/api/orders/${orderId}/history`, { token: staff.idToken })).body.entries;
}

describe('an increase is paid for', () => {
  test('adding dishes past the card limit: 402 payment_declined, the order exactly as it was, the history says why', async () => {
    const orderId = await placed();
    const before = await state(orderId);

    const response = await call('POST', `/${orderId}/items`, { menuItemId: pricey, quantity: 99 });

    assert.equal(response.status, 402, JSON.stringify(response.body));
    assert.equal(response.body.error.code, 'payment_declined');
    assert.match(response.body.error.message, /declined for the extra amount/);
    assert.match(response.body.error.message, /stays as it was \(\$10\.00\) and nothing more was charged; to add the \$5,940\.00, place a separate order/);
    assert.deepEqual(await state(orderId), before, 'items, total, version, stock, reservation and card hold unchanged');
    const declined = (await history(orderId)).find((entry) => entry.action === 'ORDER_PAYMENT_REAUTHORIZATION_DECLINED');
    assert.deepEqual(declined?.changes, {
      extraAuthorizationMinor: { from: null, to: 594_000 },
      reason: { from: null, to: { code: 'payment_declined', message: response.body.error.message } },
    });
    assert.deepEqual((await increments(orderId)).map((i) => i.status), ['declined']);
  });

  test('an increase within the limit authorizes the difference; a decrease and a rise back within the hold authorize nothing', async () => {
    const orderId = await placed();
    const added = await call('POST', `/${orderId}/items`, { menuItemId: pricey, quantity: 10 });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    let now = await state(orderId);
    assert.equal(now.totalMinor, 61_000);
    assert.equal(now.held, 61_000);
    assert.equal(now.paymentHolds, 61_000);
    const entries = await history(orderId);
    const reauthorized = entries.find((entry) => entry.action === 'ORDER_PAYMENT_REAUTHORIZED');
    assert.deepEqual(reauthorized?.changes, {
      extraAuthorizationMinor: { from: null, to: 60_000 },
      authorizedMinor: { from: 1000, to: 61_000 },
    });

    const itemId = added.body.item.id;
    assert.equal((await call('PUT', `/${orderId}/items/${itemId}`, { quantity: 5 })).status, 200);
    assert.equal((await call('PUT', `/${orderId}/items/${itemId}`, { quantity: 8 })).status, 200);
    now = await state(orderId);
    assert.equal(now.totalMinor, 49_000);
    assert.equal(now.held, 61_000, 'the card keeps the larger hold; capture takes the total');
    assert.equal((await increments(orderId)).length, 1, 'no authorization for a decrease or a rise within the hold');

    assert.equal((await call('PUT', `/${orderId}/items/${itemId}`, { quantity: 20 })).status, 200);
    now = await state(orderId);
    assert.equal(now.totalMinor, 121_000);
    assert.equal(now.held, 121_000);
    assert.deepEqual((await increments(orderId)).map((i) => i.amountMinor).sort(), [60_000, 60_000]);
  });

  test('concurrent increases: every one paid, the hold equals what the order and the card say', async () => {
    const orderId = await placed();
    const stockBefore = await stockOf(pricey);
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => call('POST', `/${orderId}/items`, { menuItemId: pricey, quantity: 5 })),
    );
    const ok = answers.filter((answer) => answer.status === 201).length;
    assert.ok(answers.every((answer) => answer.status === 201 || answer.status === 409), JSON.stringify(answers.map((a) => a.body)));
    const now = await state(orderId);
    assert.ok(ok >= 2, `${ok} of 4 went through`);
    assert.equal(now.totalMinor, 1000 + ok * 30_000);
    assert.ok(now.held! as number >= now.totalMinor);
    assert.equal(now.paymentHolds, now.held);
    assert.equal(await stockOf(pricey), stockBefore - ok * 5);
    assert.equal((now.reserved as Record<string, number>)[pricey], ok * 5);
  });
});

describe('a failure after the authorization releases it', () => {
  test('the edit cannot be saved: 503, the extra hold released, the order, stock and hold unchanged', async () => {
    const orderId = await placed();
    const before = await state(orderId);
    const response = await call('POST', `/${orderId}/items`, { menuItemId: pricey, quantity: 2 }, { 'X-Maestro-Faults': 'edit-commit=error' });
    assert.equal(response.status, 503);
    assert.equal(response.body.error.code, 'unavailable');
    assert.match(response.body.error.message, /nothing was added, and the extra amount held on the card was released/);
    assert.deepEqual(await state(orderId), before);
    assert.deepEqual(await increments(orderId), [{ amountMinor: 12_000, status: 'voided' }]);
    const actions = (await history(orderId)).map((entry) => entry.action);
    assert.ok(actions.includes('ORDER_PAYMENT_REAUTHORIZATION_VOIDED'));
    assert.ok(!actions.includes('ORDER_ITEM_ADDED') && !actions.includes('ORDER_PAYMENT_REAUTHORIZED'));
    assert.doesNotMatch(JSON.stringify([response.body, await history(orderId)]), /13 INTERNAL|injected fault/);
  });

  test('the card does not answer: 503 payment_unavailable, the hold it made anyway is released', async () => {
    const orderId = await placed();
    const before = await state(orderId);
    const response = await call('POST', `/${orderId}/items`, { menuItemId: pricey, quantity: 1 }, { 'X-Maestro-Faults': 'edit-payment=timeout' });
    assert.equal(response.status, 503);
    assert.equal(response.body.error.code, 'payment_unavailable');
    assert.match(response.body.error.message, /did not confirm the extra \$60\.00, so nothing was added/);
    assert.deepEqual(await state(orderId), before);
    assert.deepEqual(await increments(orderId), [{ amountMinor: 6000, status: 'voided' }]);
  });

  test('a node that stopped between the authorization and the commit: the recovery sweep releases the hold', async () => {
    const orderId = await placed();
    const order = await docData(`orders/${orderId}`);
    const editId = `abandoned-${orderId}`;
    // What a node leaves when it dies right after the card said yes.
    await testFirebase().firestore.doc(`editAuthorizations/${editId}`).create({
      orderId,
      status: 'authorizing',
      amountMinor: 6000,
      currency: 'USD',
      actor: { uid: staff.uid, email: staff.email },
      correlationId: order?.['correlationId'],
      owner: 'a-node-that-crashed',
      leaseUntil: Timestamp.fromMillis(Date.now() - 1),
      createdAt: Timestamp.now(),
      updatedAt: Timestamp.now(),
    });
    await simulatedPaymentProvider(testFirebase().firestore).authorizeIncrement({ paymentId: orderId, incrementId: editId, amountMinor: 6000, currency: 'USD' });
    assert.equal((await docData(`payments/${orderId}`))?.['authorizedMinor'], 7000);

    await api.server.orders.recovery.sweep();

    assert.equal((await docData(`editAuthorizations/${editId}`))?.['status'], 'voided');
    assert.equal((await docData(`payments/${orderId}`))?.['authorizedMinor'], 1000);
    const released = (await history(orderId)).find((entry) => entry.action === 'ORDER_PAYMENT_REAUTHORIZATION_VOIDED');
    assert.equal(released?.actor?.uid, 'system');
  });
});

describe('caps on lines and total', () => {
  test('placing an order over the total cap: 400 order_too_large naming the cap, nothing placed', async () => {
    const response = await postOrder(api.baseUrl, staff.idToken, { type: 'takeaway', items: [{ menuItemId: lavish, quantity: 51 }] });
    assert.equal(response.status, 400);
    assert.equal(response.body.error.code, 'order_too_large');
    assert.equal(response.body.error.message, 'This order comes to $10,200.00; an order may come to at most $10,000.00. Split it into several orders.');
    assert.equal(response.body.error.orderId, undefined);
  });

  test(`placing an order of more than ${ORDER_ITEMS_MAX} lines: 400 naming the cap`, async () => {
    const lines = Array.from({ length: ORDER_ITEMS_MAX + 1 }, () => ({ menuItemId: cheap, quantity: 1 }));
    const response = await postOrder(api.baseUrl, staff.idToken, { type: 'takeaway', items: lines });
    assert.equal(response.status, 400);
    assert.match(response.body.error.message, new RegExp(`at most ${ORDER_ITEMS_MAX} items`));
  });

  test('an edit past the total cap or the line cap: 400 order_too_large, the order unchanged, nothing authorized', async () => {
    const orderId = await placed(Array.from({ length: ORDER_ITEMS_MAX }, () => ({ menuItemId: cheap, quantity: 1 })));
    const before = await state(orderId);

    const extraLine = await call('POST', `/${orderId}/items`, { menuItemId: cheap, quantity: 1 });
    assert.equal(extraLine.status, 400);
    assert.equal(extraLine.body.error.code, 'order_too_large');
    assert.match(extraLine.body.error.message, new RegExp(`already has ${ORDER_ITEMS_MAX} lines, the most an order takes`));

    const itemId = (await call('GET', `/${orderId}`)).body.items[0]!.id;
    const tooMuch = await call('PUT', `/${orderId}/items/${itemId}`, { quantity: 99 });
    assert.equal(tooMuch.status, 200, 'a line of 99 × $10.00 is within the cap');
    const back = await call('PUT', `/${orderId}/items/${itemId}`, { quantity: 1 });
    assert.equal(back.status, 200);

    const small = await placed();
    const over = await call('POST', `/${small}/items`, { menuItemId: lavish, quantity: 50 });
    assert.equal(over.status, 400);
    assert.equal(over.body.error.code, 'order_too_large');
    assert.match(over.body.error.message, /That would bring order .* to \$10,010\.00; an order may come to at most \$10,000\.00/);
    assert.deepEqual(await increments(small), [], 'refused before the card was asked');
    assert.equal((await state(orderId)).items.length, before.items.length);
  });
});

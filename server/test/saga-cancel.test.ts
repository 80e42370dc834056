// Cancelling and deleting an order against the emulator without the HTTP API (saga-harness.ts):
// a completed saga taken over and undone, a running one left to its owner, a final order refused,
// a served one kept from staff, an interrupted undo that still answers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ApiError } from '../src/http/api-error';
import { changeStatus } from '../src/orders/order-writes';
import { cancelOrder, compensateOrLeave, deleteOrder } from '../src/orders/saga/cancellation';
import { assertEmulatorsRunning } from './support/firebase-test-env';
import { ME, SALES_TIME_ZONE, STAFF, closeSagaDb, harness, historyOf, linesOf, orderOf, placed, sagaOf, salesTotalsOf, setOrderStatus } from './support/saga-harness';

before(assertEmulatorsRunning);
after(closeSagaDb);

const errorsLogged = (logs: Record<string, unknown>[]) => logs.filter((line) => Number(line['level']) >= 50);

describe('cancelling an order', () => {
  test('a confirmed one: CANCELLED, the board told, its completed saga taken over and undone', async () => {
    const h = harness();
    const saga = await placed();
    assert.equal((await h.saga.run(saga)).kind, 'confirmed');
    const order = await cancelOrder(h.ctx, h.saga, saga.orderId, STAFF);
    assert.deepEqual([order.status, order.version], ['CANCELLED', 3]);
    assert.deepEqual(
      h.told.slice(1).map(({ previousStatus, newStatus, version, failure }) => ({ previousStatus, newStatus, version, failure })),
      [{ previousStatus: 'CONFIRMED', newStatus: 'CANCELLED', version: 3, failure: null }],
    );
    assert.equal(h.told[1]?.updatedAt, order.updatedAt);
    const stored = await sagaOf(saga.orderId);
    assert.deepEqual([stored.status, stored.outcome, stored.owner], ['compensated', 'cancelled', ME]);
    assert.deepEqual(h.calls, ['payment', 'inventory', 'inventory-undo', 'payment-undo']);
    const cancelled = await orderOf(saga.orderId);
    assert.deepEqual([cancelled?.status, cancelled?.version, cancelled?.updatedBy], ['CANCELLED', 3, STAFF.uid]);
    const moves = (await historyOf(saga.orderId)).filter((entry) => entry.action === 'ORDER_STATUS_CHANGED');
    assert.deepEqual(moves.at(-1)?.changes, { status: { from: 'CONFIRMED', to: 'CANCELLED' }, version: { from: 2, to: 3 } });
  });

  test('one being placed: its running saga is left to undo itself', async () => {
    const h = harness();
    const saga = await placed();
    await cancelOrder(h.ctx, h.saga, saga.orderId, STAFF);
    assert.equal((await sagaOf(saga.orderId)).status, 'running');
    assert.deepEqual(h.calls, []);
  });

  test('a final one cannot be cancelled (409), and nothing changes', async () => {
    const h = harness();
    const saga = await placed({ status: 'compensated' });
    await setOrderStatus(saga.orderId, 'FAILED');
    await assert.rejects(
      cancelOrder(h.ctx, h.saga, saga.orderId, STAFF),
      (error: unknown) => error instanceof ApiError && error.status === 409 && /CANCELLED/.test(error.message),
    );
    assert.equal((await orderOf(saga.orderId))?.status, 'FAILED');
    assert.deepEqual(h.told, []);
  });

  test('an undo interrupted by an error answers all the same, and says so in the log', async () => {
    const h = harness();
    await compensateOrLeave(h.ctx, { compensate: () => Promise.reject(new Error('contention')) }, 'o-1', STAFF);
    assert.deepEqual(errorsLogged(h.logs).map((line) => line['orderId']), ['o-1']);
  });
});

describe('deleting an order', () => {
  test('an active one: gone, the board told, its completed saga undone', async () => {
    const h = harness();
    const saga = await placed();
    await h.saga.run(saga);
    assert.deepEqual(await deleteOrder(h.ctx, h.saga, saga.orderId, { ...STAFF, admin: false }), { orderId: saga.orderId, version: 3 });
    assert.equal(await orderOf(saga.orderId), undefined);
    assert.deepEqual(await linesOf(saga.orderId), []);
    assert.deepEqual(h.deleted, [[saga.orderId, 3]]);
    assert.deepEqual(h.calls.slice(2), ['inventory-undo', 'payment-undo']);
    assert.equal((await sagaOf(saga.orderId)).outcome, 'cancelled');
    const deleted = (await historyOf(saga.orderId)).find((entry) => entry.action === 'ORDER_DELETED');
    assert.deepEqual(deleted?.changes['version'], { from: 2, to: 3 });
    assert.deepEqual(deleted?.changes['items'], { from: [{ menuItemId: 'soup', quantity: 2 }], to: null });
    assert.equal(deleted?.actor, STAFF.uid);
  });

  test('one being placed: its running saga is left to undo itself', async () => {
    const h = harness();
    const saga = await placed();
    await deleteOrder(h.ctx, h.saga, saga.orderId, { ...STAFF, admin: false });
    assert.equal(await orderOf(saga.orderId), undefined);
    assert.deepEqual(h.calls, []);
    assert.equal((await sagaOf(saga.orderId)).status, 'running');
  });

  test('a served one: refused to staff (403, kept), deleted by an admin without undoing the sale', async () => {
    const h = harness();
    const saga = await placed({ status: 'completed', steps: { payment: 'done', inventory: 'done' } });
    await setOrderStatus(saga.orderId, 'SERVED');
    await assert.rejects(deleteOrder(h.ctx, h.saga, saga.orderId, { ...STAFF, admin: false }), (error: unknown) => error instanceof ApiError && error.status === 403);
    assert.equal((await orderOf(saga.orderId))?.status, 'SERVED');
    await deleteOrder(h.ctx, h.saga, saga.orderId, { ...STAFF, admin: true });
    assert.equal(await orderOf(saga.orderId), undefined);
    assert.deepEqual(h.calls, []);
    assert.equal((await sagaOf(saga.orderId)).status, 'completed');
  });
});

describe('the sales figures of a cancelled, failed or deleted order', () => {
  // 20:00 UTC on 1 March is 2 March in the business's time zone (saga-harness.ts).
  const createdAt = new Date('2026-03-01T20:00:00Z');

  test('a cancellation counts the order as cancelled on its business day; deleting it takes it out', async () => {
    const h = harness();
    const saga = await placed({ createdAt });
    await h.saga.run(saga);
    await cancelOrder(h.ctx, h.saga, saga.orderId, STAFF);
    assert.equal((await salesTotalsOf('2026-03-02'))?.['cancelledOrders'], 1);
    assert.equal(await salesTotalsOf('2026-03-01'), undefined, 'not on the UTC day');
    await deleteOrder(h.ctx, h.saga, saga.orderId, { ...STAFF, admin: false });
    assert.equal((await salesTotalsOf('2026-03-02'))?.['cancelledOrders'], 0);
  });

  test('an admin deleting a served order takes the sale and its lines out of the day', async () => {
    const h = harness();
    const saga = await placed({ createdAt: new Date('2026-03-09T20:00:00Z') });
    await h.saga.run(saga);
    for (const status of ['PREPARING', 'READY', 'SERVED'] as const)
      await changeStatus(h.ctx.db, saga.orderId, status, STAFF, new Date(), SALES_TIME_ZONE);
    assert.equal((await salesTotalsOf('2026-03-10'))?.['orders'], 1);
    await deleteOrder(h.ctx, h.saga, saga.orderId, { ...STAFF, admin: true });
    assert.equal((await salesTotalsOf('2026-03-10'))?.['orders'], 0);
    assert.equal((await salesTotalsOf('2026-03-10'))?.['grossMinor'], 0);
  });

  test('a failed saga counts the order as failed on its business day', async () => {
    const h = harness({ payment: { run: () => Promise.reject(new Error('down')) } });
    await h.saga.run(await placed({ createdAt: new Date('2026-03-05T20:00:00Z') }));
    assert.equal((await salesTotalsOf('2026-03-06'))?.['failedOrders'], 1);
    assert.equal((await salesTotalsOf('2026-03-06'))?.['failedMinor'], 1_000);
  });
});

// The saga's forward path against the emulator, without the HTTP API (saga-harness.ts): what
// it writes when every step succeeds, when one fails or is refused, when staff cancel the order
// mid-way, when another node took the saga over at each point, and under each test-mode fault.
// saga-decisions.test.ts and saga-fields.test.ts hold the decisions; this proves they are acted on.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { OutOfStock } from '../src/orders/inventory/stock-docs';
import { AFTERMATH } from '../src/orders/saga/saga-decisions';
import { assertEmulatorsRunning } from './support/firebase-test-env';
import {
  Crashed,
  ME,
  OTHER_NODE,
  STAFF,
  closeSagaDb,
  harness,
  historyOf,
  orderOf,
  placed,
  sagaOf,
  setOrderStatus,
  takeOver,
} from './support/saga-harness';

before(assertEmulatorsRunning);
after(closeSagaDb);

const statuses = async (orderId: string) =>
  Object.fromEntries(Object.entries((await sagaOf(orderId)).steps).map(([step, record]) => [step, record.status]));

describe('every step succeeds', () => {
  test('the order is CONFIRMED in one move, the saga completed, the board told, each step counted and logged', async () => {
    const h = harness();
    const saga = await placed();
    const outcome = await h.saga.run(saga);

    assert.equal(outcome.kind, 'confirmed');
    assert.equal(outcome.kind === 'confirmed' && outcome.order.status, 'CONFIRMED');
    assert.equal(outcome.kind === 'confirmed' && outcome.order.version, 2);
    assert.deepEqual(outcome.kind === 'confirmed' && outcome.order.items.map((line) => [line.menuItemId, line.quantity]), [['soup', 2]]);
    assert.deepEqual(h.calls, ['payment', 'inventory']);
    const stored = await sagaOf(saga.orderId);
    assert.equal(stored.status, 'completed');
    assert.equal(stored.outcome, 'confirmed');
    assert.equal(stored.owner, ME);
    assert.deepEqual(await statuses(saga.orderId), { menu: 'done', payment: 'done', inventory: 'done', delivery: 'skipped' });
    assert.equal(typeof stored.steps.inventory.durationMs, 'number');
    assert.equal(stored.steps.inventory.compensation, null);
    const order = await orderOf(saga.orderId);
    assert.equal(order?.status, 'CONFIRMED');
    assert.equal(order?.version, 2);
    assert.deepEqual(
      h.told.map(({ previousStatus, newStatus, version, failure }) => ({ previousStatus, newStatus, version, failure })),
      [{ previousStatus: 'PENDING', newStatus: 'CONFIRMED', version: 2, failure: null }],
    );
    assert.deepEqual(h.metrics, [
      ['payment', 'completed'],
      ['inventory', 'completed'],
    ]);
    const history = await historyOf(saga.orderId);
    assert.deepEqual(history.map((entry) => entry.action).sort(), [
      'ORDER_INVENTORY_RESERVED',
      'ORDER_PAYMENT_AUTHORIZED',
      'ORDER_STATUS_CHANGED',
    ]);
    assert.ok(history.every((entry) => entry.actor === STAFF.uid));
    assert.deepEqual(history.find((entry) => entry.action === 'ORDER_STATUS_CHANGED')?.changes, {
      status: { from: 'PENDING', to: 'CONFIRMED' },
      version: { from: 1, to: 2 },
    });
  });

  test('a first step an older node left pending is started (and the lease renewed) before it runs', async () => {
    let seen: Awaited<ReturnType<typeof sagaOf>> | undefined;
    const h = harness({ payment: { run: async (orderId) => void (seen = await sagaOf(orderId)) } });
    const saga = await placed({ steps: { payment: 'pending' }, leaseUntil: new Date(Date.now() + 1_000) });
    assert.equal((await h.saga.run(saga)).kind, 'confirmed');
    assert.equal(seen?.steps.payment.status, 'running');
    assert.ok(seen.leaseUntil.toMillis() > saga.leaseUntil.toMillis() + 10_000, 'a fresh lease');
  });

  test('a saga whose forward steps are all done is only confirmed', async () => {
    const h = harness();
    const saga = await placed({ steps: { payment: 'done', inventory: 'done' } });
    assert.equal((await h.saga.run(saga)).kind, 'confirmed');
    assert.deepEqual(h.calls, []);
    assert.equal((await orderOf(saga.orderId))?.status, 'CONFIRMED');
  });
});

describe('a step that does not succeed', () => {
  test('fails the order with the reason, undoes what was done last first, records and counts each undo', async () => {
    const h = harness({ inventory: { run: () => Promise.reject(new Error('13 INTERNAL')) } });
    const saga = await placed({ delivery: true });
    const outcome = await h.saga.run(saga);

    const failure = {
      code: 'inventory_unavailable',
      message: `The inventory service failed. ${AFTERMATH} Try again in a moment.`,
      step: 'inventory',
    };
    assert.deepEqual(outcome, { kind: 'failed', failure });
    assert.deepEqual(h.calls, ['payment', 'inventory', 'inventory-undo', 'payment-undo']);
    const stored = await sagaOf(saga.orderId);
    assert.equal(stored.status, 'compensated');
    assert.equal(stored.outcome, 'failed');
    assert.deepEqual(stored.failure, failure);
    assert.equal(stored.steps.inventory.status, 'failed');
    assert.equal(stored.steps.inventory.errorCode, 'inventory_unavailable');
    assert.equal(stored.steps.inventory.compensation?.result, 'inventory undone');
    assert.equal(stored.steps.payment.compensation?.status, 'done');
    assert.equal(stored.steps.payment.compensation?.attempts, 1);
    assert.equal(stored.steps.delivery.status, 'pending');
    assert.equal(stored.steps.delivery.compensation, null);
    const order = await orderOf(saga.orderId);
    assert.equal(order?.status, 'FAILED');
    assert.deepEqual(order?.failure, failure);
    assert.equal(order?.version, 2);
    assert.deepEqual(
      h.told.map(({ newStatus, failure: told }) => ({ newStatus, failure: told })),
      [{ newStatus: 'FAILED', failure }],
    );
    assert.deepEqual(h.metrics, [
      ['payment', 'completed'],
      ['inventory', 'failed'],
      ['inventory', 'compensated'],
      ['payment', 'compensated'],
    ]);
    const history = await historyOf(saga.orderId);
    assert.deepEqual(history.map((entry) => entry.action).sort(), [
      'ORDER_INVENTORY_FAILED',
      'ORDER_INVENTORY_RESTORED',
      'ORDER_PAYMENT_AUTHORIZED',
      'ORDER_PAYMENT_REFUNDED',
      'ORDER_STATUS_CHANGED',
    ]);
    assert.deepEqual(history.find((entry) => entry.action === 'ORDER_PAYMENT_REFUNDED')?.changes, {
      'steps.payment.compensation': { from: null, to: 'payment undone' },
    });
  });

  test('without metrics the saga runs, fails and undoes the same', async () => {
    const h = harness({ inventory: { run: () => Promise.reject(new Error('down')) } }, { withoutMetrics: true });
    const saga = await placed();
    assert.equal((await h.saga.run(saga)).kind, 'failed');
    assert.deepEqual(h.calls, ['payment', 'inventory', 'inventory-undo', 'payment-undo']);
    assert.equal((await sagaOf(saga.orderId)).status, 'compensated');
  });

  test('a refusal undoes only the steps before it: nothing happened at the refusing provider', async () => {
    const h = harness({ inventory: { run: () => Promise.reject(new OutOfStock([{ menuItemId: 'soup', requested: 2, available: 1 }])) } });
    const saga = await placed();
    const outcome = await h.saga.run(saga);
    assert.equal(outcome.kind === 'failed' && outcome.failure.code, 'out_of_stock');
    assert.deepEqual(h.calls, ['payment', 'inventory', 'payment-undo']);
    assert.equal((await sagaOf(saga.orderId)).steps.inventory.status, 'refused');
    assert.deepEqual(h.metrics[1], ['inventory', 'refused']);
  });
});

describe('staff cancel the order while it is being placed', () => {
  test('mid-way: the step done is recorded, the next never starts, what was done is undone', async () => {
    const h = harness({ payment: { run: (orderId) => setOrderStatus(orderId, 'CANCELLED') } });
    const saga = await placed();
    assert.deepEqual(await h.saga.run(saga), { kind: 'cancelled' });
    assert.deepEqual(h.calls, ['payment', 'payment-undo']);
    const stored = await sagaOf(saga.orderId);
    assert.deepEqual([stored.status, stored.outcome, stored.failure], ['compensated', 'cancelled', null]);
    assert.equal(stored.steps.payment.status, 'done');
    assert.equal(stored.steps.inventory.status, 'pending');
    assert.equal((await orderOf(saga.orderId))?.status, 'CANCELLED');
    assert.deepEqual(h.told, [], 'the cancellation told the board itself');
  });

  test('during the last step: its success is recorded with the confirmation refused, then undone', async () => {
    const h = harness({ inventory: { run: (orderId) => setOrderStatus(orderId, 'CANCELLED') } });
    const saga = await placed();
    assert.deepEqual(await h.saga.run(saga), { kind: 'cancelled' });
    assert.deepEqual(h.calls, ['payment', 'inventory', 'inventory-undo', 'payment-undo']);
    const stored = await sagaOf(saga.orderId);
    assert.equal(stored.steps.inventory.status, 'done');
    assert.equal(stored.steps.inventory.compensation?.status, 'done');
    assert.equal((await orderOf(saga.orderId))?.status, 'CANCELLED');
    const history = (await historyOf(saga.orderId)).map((entry) => entry.action);
    assert.ok(history.includes('ORDER_INVENTORY_RESERVED'), history.join());
    assert.ok(!history.includes('ORDER_STATUS_CHANGED'), 'no confirmation');
  });

  test('before the first step started: nothing runs, nothing to undo', async () => {
    const h = harness();
    const saga = await placed({ steps: { payment: 'pending' } });
    await setOrderStatus(saga.orderId, 'CANCELLED');
    assert.deepEqual(await h.saga.run(saga), { kind: 'cancelled' });
    assert.deepEqual(h.calls, []);
    assert.equal((await sagaOf(saga.orderId)).status, 'compensated');
  });

  test('before a step an older node left running: it is run again, then undone', async () => {
    const h = harness();
    const saga = await placed();
    await setOrderStatus(saga.orderId, 'CANCELLED');
    assert.deepEqual(await h.saga.run(saga), { kind: 'cancelled' });
    assert.deepEqual(h.calls, ['payment', 'payment-undo']);
  });

  test('the order deleted: the saga undoes what was done all the same', async () => {
    const h = harness({ payment: { run: async (orderId) => void (await h.ctx.db.collection('orders').doc(orderId).delete()) } });
    const saga = await placed();
    assert.deepEqual(await h.saga.run(saga), { kind: 'cancelled' });
    assert.deepEqual(h.calls, ['payment', 'payment-undo']);
  });
});

describe('another node took the saga over: this one stops and writes nothing more', () => {
  const untouched = async (orderId: string, payment: string, inventory: string, history: string[] = []) => {
    const stored = await sagaOf(orderId);
    assert.deepEqual([stored.status, stored.owner], ['running', OTHER_NODE]);
    assert.deepEqual([stored.steps.payment.status, stored.steps.inventory.status], [payment, inventory]);
    assert.equal((await orderOf(orderId))?.status, 'PENDING');
    assert.deepEqual((await historyOf(orderId)).map((entry) => entry.action), history);
  };

  test('before its first step', async () => {
    const h = harness();
    const saga = await placed({ steps: { payment: 'pending' } });
    await takeOver(saga.orderId);
    assert.deepEqual(await h.saga.run(saga), { kind: 'preempted' });
    assert.deepEqual(h.calls, []);
    await untouched(saga.orderId, 'pending', 'pending');
  });

  test('during a step: its end is not recorded, the next does not run', async () => {
    const h = harness({ payment: { run: takeOver } });
    const saga = await placed();
    assert.deepEqual(await h.saga.run(saga), { kind: 'preempted' });
    assert.deepEqual(h.calls, ['payment']);
    await untouched(saga.orderId, 'running', 'pending');
  });

  test('during the last step: no confirmation', async () => {
    const h = harness({ inventory: { run: takeOver } });
    const saga = await placed();
    assert.deepEqual(await h.saga.run(saga), { kind: 'preempted' });
    await untouched(saga.orderId, 'done', 'running', ['ORDER_PAYMENT_AUTHORIZED']);
    assert.deepEqual(h.told, []);
  });

  test('during a step that fails: no failure recorded, nothing undone', async () => {
    const h = harness({ payment: { run: (orderId) => takeOver(orderId).then(() => Promise.reject(new Error('down'))) } });
    const saga = await placed();
    assert.deepEqual(await h.saga.run(saga), { kind: 'preempted' });
    assert.deepEqual(h.calls, ['payment']);
    await untouched(saga.orderId, 'running', 'pending');
  });

  test('before the order is failed', async () => {
    const h = harness();
    const saga = await placed();
    await takeOver(saga.orderId);
    const failure = { code: 'interrupted' as const, message: 'x', step: 'payment' as const };
    assert.deepEqual(await h.saga.fail(saga.orderId, failure, STAFF), { kind: 'preempted' });
    await untouched(saga.orderId, 'running', 'pending');
  });
});

describe('test-mode faults (X-Maestro-Faults)', () => {
  test('error: the step throws before its provider is called, and is undone as uncertain', async () => {
    const h = harness();
    const saga = await placed();
    const outcome = await h.saga.run(saga, { payment: 'error' });
    assert.equal(outcome.kind === 'failed' && outcome.failure.code, 'payment_unavailable');
    assert.deepEqual(h.calls, ['payment-undo']);
    assert.equal((await sagaOf(saga.orderId)).steps.payment.status, 'failed');
  });

  test('timeout: the provider did its work, its answer never came', async () => {
    const h = harness({}, { stepTimeoutMs: 50 });
    const saga = await placed();
    const outcome = await h.saga.run(saga, { inventory: 'timeout' });
    assert.equal(outcome.kind === 'failed' && outcome.failure.message.startsWith('The inventory service did not answer in time.'), true);
    assert.deepEqual(h.calls, ['payment', 'inventory', 'inventory-undo', 'payment-undo']);
    assert.equal((await sagaOf(saga.orderId)).steps.inventory.status, 'timed_out');
  });

  test('crash: the process ends after the provider did its work', async () => {
    const h = harness();
    const saga = await placed();
    await h.saga.run(saga, { inventory: 'crash' }).catch(() => undefined);
    assert.deepEqual(h.calls.slice(0, 2), ['payment', 'inventory']);
    assert.equal(h.crashes[0], 'inventory');
  });

  test('confirm=crash: every step recorded, the confirmation lost', async () => {
    const h = harness();
    const saga = await placed();
    await assert.rejects(h.saga.run(saga, { confirm: 'crash' }), Crashed);
    assert.deepEqual(h.crashes, ['confirm']);
    assert.deepEqual(await statuses(saga.orderId), { menu: 'done', payment: 'done', inventory: 'done', delivery: 'skipped' });
    assert.equal((await orderOf(saga.orderId))?.status, 'PENDING');

    const recorded = await placed({ steps: { payment: 'done', inventory: 'done' } });
    const again = harness();
    await assert.rejects(again.saga.run(recorded, { confirm: 'crash' }), Crashed);
    assert.deepEqual(again.crashes, ['confirm']);
    assert.equal((await orderOf(recorded.orderId))?.status, 'PENDING');
  });

  test('confirm=crash after another node took the saga over during the last step: no crash, no write', async () => {
    const h = harness({ inventory: { run: takeOver } });
    const saga = await placed();
    assert.deepEqual(await h.saga.run(saga, { confirm: 'crash' }), { kind: 'preempted' });
    assert.deepEqual(h.crashes, []);
    assert.equal((await sagaOf(saga.orderId)).steps.inventory.status, 'running');
  });
});

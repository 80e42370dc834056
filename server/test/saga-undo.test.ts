// The saga's undoing and recovery against the emulator, without the HTTP API (saga-harness.ts):
// an undo retried and given up on, another node taking the saga over while it undoes, undo
// faults, and what recovery does with a saga its owner left behind.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_ACTOR } from '../src/orders/activity';
import { AFTERMATH } from '../src/orders/saga/saga-decisions';
import { assertEmulatorsRunning } from './support/firebase-test-env';
import { OTHER_NODE, STAFF, closeSagaDb, harness, historyOf, orderOf, placed, sagaOf, takeOver } from './support/saga-harness';

before(assertEmulatorsRunning);
after(closeSagaDb);

/** A saga whose payment and inventory are done and must be undone (the order failed). */
const toUndo = (status: 'running' | 'compensating' = 'compensating') =>
  placed({ status, steps: { payment: 'done', inventory: 'done' } });

describe('an undo that fails', () => {
  test('is tried 3 times, then recorded as failed in words; the steps before it wait for the sweep', async () => {
    const h = harness({ inventory: { undo: () => Promise.reject(new Error('13 INTERNAL')) } });
    const saga = await toUndo();
    assert.equal(await h.saga.compensate(saga.orderId, STAFF), false);
    assert.deepEqual(h.calls, ['inventory-undo', 'inventory-undo', 'inventory-undo']);
    const stored = await sagaOf(saga.orderId);
    assert.equal(stored.status, 'compensating');
    assert.deepEqual(
      { ...stored.steps.inventory.compensation, startedAt: undefined, finishedAt: undefined, durationMs: undefined },
      {
        status: 'failed',
        result: null,
        error: 'The inventory service could not undo this step after 3 attempts; the API keeps retrying it.',
        errorCode: 'inventory_unavailable',
        attempts: 3,
        startedAt: undefined,
        finishedAt: undefined,
        durationMs: undefined,
      },
    );
    assert.equal(stored.steps.payment.compensation, null);
    assert.deepEqual(h.metrics, [['inventory', 'compensation_failed']]);
    assert.deepEqual(await historyOf(saga.orderId), [], 'a failed undo is not logged as done');
  });

  test('renews its lease before each attempt, so no other node takes the saga over meanwhile', async () => {
    const renewedAt: number[] = [];
    const h = harness({
      payment: {
        undo: async (orderId, attempt) => {
          renewedAt.push((await sagaOf(orderId)).leaseUntil.toMillis());
          if (attempt < 3) throw new Error('busy');
          return 'refunded';
        },
      },
    });
    const saga = await placed({ status: 'compensating', steps: { payment: 'done' } });
    assert.equal(await h.saga.compensate(saga.orderId, STAFF), true);
    assert.equal(renewedAt.length, 3);
    assert.ok(renewedAt[0]! < renewedAt[1]! && renewedAt[1]! < renewedAt[2]!, renewedAt.join());
  });

  test('and then works: done on the attempt that worked, logged once', async () => {
    const h = harness({ payment: { undo: (_id, attempt) => (attempt < 3 ? Promise.reject(new Error('busy')) : Promise.resolve('refunded')) } });
    const saga = await toUndo();
    assert.equal(await h.saga.compensate(saga.orderId, STAFF), true);
    const stored = await sagaOf(saga.orderId);
    assert.equal(stored.status, 'compensated');
    assert.equal(stored.steps.payment.compensation?.status, 'done');
    assert.equal(stored.steps.payment.compensation?.result, 'refunded');
    assert.equal(stored.steps.payment.compensation?.attempts, 3);
    assert.ok((stored.steps.payment.compensation?.durationMs ?? -1) >= 0);
    const history = await historyOf(saga.orderId);
    assert.deepEqual(history.map((entry) => [entry.action, entry.actor]).sort(), [
      ['ORDER_INVENTORY_RESTORED', STAFF.uid],
      ['ORDER_PAYMENT_REFUNDED', STAFF.uid],
    ]);
  });

  test('undo faults: error never reaches the provider, timeout loses its answer, crash ends the process', async () => {
    const erring = harness();
    const a = await toUndo();
    assert.equal(await erring.saga.compensate(a.orderId, STAFF, { 'inventory-undo': 'error' }), false);
    assert.deepEqual(erring.calls, []);
    assert.equal((await sagaOf(a.orderId)).steps.inventory.compensation?.attempts, 3);

    const slow = harness({}, { stepTimeoutMs: 30 });
    const b = await toUndo();
    assert.equal(await slow.saga.compensate(b.orderId, STAFF, { 'payment-undo': 'timeout' }), false);
    assert.deepEqual(slow.calls, ['inventory-undo', 'payment-undo', 'payment-undo', 'payment-undo']);
    assert.equal((await sagaOf(b.orderId)).steps.payment.compensation?.status, 'failed');

    const crashing = harness();
    const c = await toUndo();
    await crashing.saga.compensate(c.orderId, STAFF, { 'payment-undo': 'crash' }).catch(() => undefined);
    assert.deepEqual(crashing.calls.slice(0, 2), ['inventory-undo', 'payment-undo']);
    assert.equal(crashing.crashes[0], 'payment-undo', 'after the provider undid the payment');
  });
});

describe('another node took the saga over while this one undoes: it stops', () => {
  test('after an undo: the undo is not recorded, the next is not made', async () => {
    const h = harness({ inventory: { undo: (orderId) => takeOver(orderId).then(() => 'restored') } });
    const saga = await toUndo();
    assert.equal(await h.saga.compensate(saga.orderId, STAFF), false);
    assert.deepEqual(h.calls, ['inventory-undo']);
    const stored = await sagaOf(saga.orderId);
    assert.deepEqual([stored.owner, stored.status, stored.steps.inventory.compensation], [OTHER_NODE, 'compensating', null]);
    assert.deepEqual(h.metrics, []);
  });

  test('between attempts: no further attempt', async () => {
    const h = harness({ inventory: { undo: (orderId) => takeOver(orderId).then(() => Promise.reject(new Error('busy'))) } });
    const saga = await toUndo();
    assert.equal(await h.saga.compensate(saga.orderId, STAFF), false);
    assert.deepEqual(h.calls, ['inventory-undo']);
    const stored = await sagaOf(saga.orderId);
    assert.deepEqual([stored.owner, stored.steps.inventory.compensation], [OTHER_NODE, null]);
  });

  test('after the last undo: the saga is not marked compensated', async () => {
    const h = harness({}, { onMetric: (step) => (step === 'payment' ? takeOver(saga.orderId) : undefined) });
    const saga = await toUndo();
    assert.equal(await h.saga.compensate(saga.orderId, STAFF), false);
    assert.deepEqual(h.calls, ['inventory-undo', 'payment-undo']);
    assert.equal((await sagaOf(saga.orderId)).status, 'compensating');
  });

  test('a settled saga is not undone again, and a saga that is gone has nothing to undo', async () => {
    const h = harness();
    const saga = await placed({ status: 'compensated', steps: { payment: 'done', inventory: 'done' } });
    assert.equal(await h.saga.compensate(saga.orderId, STAFF), false);
    assert.deepEqual(h.calls, []);
    assert.equal(await h.saga.compensate('no-such-order', STAFF), true);
  });
});

describe('recovery of a saga whose owner stopped (after this instance claimed it)', () => {
  test('one that was undoing: undone, as the system', async () => {
    const h = harness();
    const saga = await toUndo();
    await h.saga.recover(saga);
    assert.deepEqual(h.calls, ['inventory-undo', 'payment-undo']);
    assert.equal((await sagaOf(saga.orderId)).status, 'compensated');
    assert.ok((await historyOf(saga.orderId)).every((entry) => entry.actor === SYSTEM_ACTOR.uid));
  });

  test('one that lost only its confirmation: confirmed, as the system', async () => {
    const h = harness();
    const saga = await toUndo('running');
    await h.saga.recover(saga);
    assert.deepEqual(h.calls, []);
    assert.equal((await orderOf(saga.orderId))?.status, 'CONFIRMED');
    assert.equal((await sagaOf(saga.orderId)).status, 'completed');
    assert.deepEqual(h.told.map((change) => change.newStatus), ['CONFIRMED']);
    assert.deepEqual((await historyOf(saga.orderId)).map((entry) => entry.actor), [SYSTEM_ACTOR.uid]);
  });

  test('one stopped mid-step: the order FAILED as interrupted, what may exist undone', async () => {
    const h = harness();
    const saga = await placed({ steps: { payment: 'done', inventory: 'running' } });
    await h.saga.recover(saga);
    const order = await orderOf(saga.orderId);
    assert.deepEqual(order?.failure, {
      code: 'interrupted',
      message: `The API stopped while the inventory service was working on this order. ${AFTERMATH}`,
      step: 'inventory',
    });
    assert.equal(order?.status, 'FAILED');
    assert.deepEqual(h.calls, ['inventory-undo', 'payment-undo']);
    assert.equal((await sagaOf(saga.orderId)).status, 'compensated');
    assert.ok((await historyOf(saga.orderId)).every((entry) => entry.actor === SYSTEM_ACTOR.uid));
  });
});

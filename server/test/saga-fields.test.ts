// What the saga's transactions write and when they may, case by case, no Firestore: the lease,
// the guards (another node owns the saga; the order left PENDING), each step's fields, the
// order's moves out of PENDING and their history, a cancellation's take-over; and what cancelling
// and deleting an order write and refuse. saga-wiring.test.ts proves the transactions use them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ORDER_STATUSES, type OrderFailure, type OrderStatus } from '@maestro/contracts';
import { Timestamp } from 'firebase-admin/firestore';
import { ApiError } from '../src/http/api-error';
import type { OrderDoc, OrderItemDoc } from '../src/orders/order-docs';
import { assertMayDelete, cancelledOrder, deletedChanges } from '../src/orders/saga/cancellation-rules';
import { compensationRecord, undone, type StepOutcome } from '../src/orders/saga/saga-decisions';
import type { SagaDoc, SagaStatus } from '../src/orders/saga/saga-doc';
import {
  claimable,
  compensationChanges,
  confirmedOrder,
  failedOrder,
  failedSaga,
  leaseFields,
  ownedBy,
  placingGuard,
  renewGuard,
  statusChange,
  statusMoveChanges,
  stepChanges,
  stepFinished,
  stepStarted,
  takeOverFields,
  takesOver,
} from '../src/orders/saga/saga-fields';

const SAGA_STATUSES: SagaStatus[] = ['running', 'completed', 'compensating', 'compensated'];
const now = new Date('2026-03-01T12:00:00.000Z');
const actor = { uid: 'staff-1', email: 'staff@maestro.test' };
const earlier: OrderFailure = { code: 'payment_declined', message: 'The card was declined.', step: 'payment' };
const failure: OrderFailure = { code: 'inventory_unavailable', message: 'The stock service failed.', step: 'inventory' };

const saga = (status: SagaStatus, leaseUntil = now, owner = 'node-a'): SagaDoc =>
  ({ orderId: 'o1', status, owner, leaseUntil: Timestamp.fromDate(leaseUntil), failure: earlier }) as SagaDoc;

const order = (status: OrderStatus = 'PENDING'): OrderDoc =>
  ({
    type: 'takeaway',
    status,
    version: 4,
    failure: null,
    updatedAt: Timestamp.fromDate(new Date(0)),
    updatedBy: 'placer',
    correlationId: 'c1',
  }) as OrderDoc;

describe('the lease and who owns the saga', () => {
  test('a lease names this instance until leaseMs from now', () => {
    assert.deepEqual(leaseFields('node-a', 30_000, now), {
      owner: 'node-a',
      leaseUntil: Timestamp.fromMillis(now.getTime() + 30_000),
      updatedAt: Timestamp.fromDate(now),
    });
  });

  test('the saga is ours only while its owner is this instance', () => {
    const doc = saga('running');
    assert.equal(ownedBy(doc, 'node-a'), doc);
    assert.equal(ownedBy(doc, 'node-b'), undefined);
    assert.equal(ownedBy(undefined, 'node-a'), undefined);
  });

  test('an undo renews the lease of an unfinished saga of ours, else it was taken over', () => {
    const expected = { running: 'ok', compensating: 'ok', completed: 'preempted', compensated: 'preempted' };
    for (const status of SAGA_STATUSES) assert.equal(renewGuard(saga(status)), expected[status], status);
    assert.equal(renewGuard(undefined), 'preempted');
  });

  test('a forward move needs our running saga, then an order still PENDING', () => {
    for (const status of SAGA_STATUSES) {
      if (status !== 'running') assert.equal(placingGuard(saga(status), order()), 'preempted', status);
    }
    assert.equal(placingGuard(undefined, order()), 'preempted');
    for (const status of ORDER_STATUSES)
      assert.equal(placingGuard(saga('running'), order(status)), status === 'PENDING' ? 'ok' : 'cancelled', status);
    assert.equal(placingGuard(saga('running'), undefined), 'cancelled', 'the order was deleted');
  });

  test('another node may claim an unfinished saga once its lease ran out, not before', () => {
    const past = new Date(now.getTime() - 1);
    const later = new Date(now.getTime() + 1);
    for (const status of SAGA_STATUSES) {
      const unfinished = status === 'running' || status === 'compensating';
      assert.equal(claimable(saga(status, past), now), unfinished, `${status}, lease over`);
      assert.equal(claimable(saga(status, now), now), unfinished, `${status}, lease ends now`);
      assert.equal(claimable(saga(status, later), now), false, `${status}, lease still on`);
    }
    assert.equal(claimable(undefined, now), false);
  });
});

describe('a step', () => {
  const startedAt = new Date(now.getTime() - 1_500);
  const done: StepOutcome = { status: 'done', startedAt, error: null, action: 'ORDER_PAYMENT_AUTHORIZED', actor };
  const failed: StepOutcome = {
    ...done,
    status: 'failed',
    error: { code: 'payment_unavailable', message: 'The payment service failed.' },
    action: 'ORDER_PAYMENT_FAILED',
  };

  test('starts: running, since now', () => {
    assert.deepEqual(stepStarted('inventory', now), {
      'steps.inventory.status': 'running',
      'steps.inventory.startedAt': Timestamp.fromDate(now),
    });
  });

  test('ends: its status, when, how long, and the error in words with its code', () => {
    assert.deepEqual(stepFinished('payment', done, now), {
      'steps.payment.status': 'done',
      'steps.payment.finishedAt': Timestamp.fromDate(now),
      'steps.payment.durationMs': 1_500,
      'steps.payment.error': null,
      'steps.payment.errorCode': null,
    });
    assert.deepEqual(stepFinished('payment', failed, now), {
      'steps.payment.status': 'failed',
      'steps.payment.finishedAt': Timestamp.fromDate(now),
      'steps.payment.durationMs': 1_500,
      'steps.payment.error': 'The payment service failed.',
      'steps.payment.errorCode': 'payment_unavailable',
    });
  });

  test('its history entry: running to how it ended, and the error when there is one', () => {
    assert.deepEqual(stepChanges('payment', done), { 'steps.payment.status': { from: 'running', to: 'done' } });
    assert.deepEqual(stepChanges('payment', failed), {
      'steps.payment.status': { from: 'running', to: 'failed' },
      error: { from: null, to: { code: 'payment_unavailable', message: 'The payment service failed.' } },
    });
  });

  test('an undo\'s history entry says what it did', () => {
    const record = compensationRecord(now, now, 1, undone('refunded'));
    assert.deepEqual(compensationChanges('payment', record), {
      'steps.payment.compensation': { from: null, to: 'refunded' },
    });
  });
});

describe('the order leaves PENDING', () => {
  test('confirmed: one version up, now, nothing else changed', () => {
    const before = order();
    const after = confirmedOrder(before, now);
    assert.deepEqual(after, { ...before, status: 'CONFIRMED', version: 5, updatedAt: Timestamp.fromDate(now) });
    assert.deepEqual(statusMoveChanges(before, after), {
      status: { from: 'PENDING', to: 'CONFIRMED' },
      version: { from: 4, to: 5 },
    });
  });

  test('failed: with the failure, in the order and in its history', () => {
    const before = order();
    const after = failedOrder(before, failure, now);
    assert.deepEqual(after, { ...before, status: 'FAILED', failure, version: 5, updatedAt: Timestamp.fromDate(now) });
    assert.deepEqual(statusMoveChanges(before, after), {
      status: { from: 'PENDING', to: 'FAILED' },
      failure: { from: null, to: failure },
      version: { from: 4, to: 5 },
    });
  });

  test('the board is told the move, its version and failure', () => {
    const after = failedOrder(order(), failure, now);
    assert.deepEqual(statusChange('o1', 'PENDING', after), {
      orderId: 'o1',
      previousStatus: 'PENDING',
      newStatus: 'FAILED',
      updatedAt: '2026-03-01T12:00:00.000Z',
      version: 5,
      failure,
    });
  });

  test('a failing saga undoes: the order fails with the reason only while PENDING', () => {
    assert.deepEqual(failedSaga(saga('running'), order('PENDING'), failure), {
      status: 'compensating',
      outcome: 'failed',
      failure,
    });
    for (const placed of [order('CANCELLED'), undefined]) {
      assert.deepEqual(failedSaga(saga('running'), placed, failure), {
        status: 'compensating',
        outcome: 'cancelled',
        failure: earlier,
      });
    }
  });
});

describe('cancelling or deleting an order', () => {
  test('a cancellation takes over a completed saga to undo it; a running saga undoes itself', () => {
    for (const status of SAGA_STATUSES) assert.equal(takesOver(saga(status)), status === 'completed', status);
    assert.equal(takesOver(undefined), false);
    assert.deepEqual(takeOverFields('node-b', 1_000, now), {
      status: 'compensating',
      outcome: 'cancelled',
      owner: 'node-b',
      leaseUntil: Timestamp.fromMillis(now.getTime() + 1_000),
      updatedAt: Timestamp.fromDate(now),
    });
  });

  test('cancelled: one version up, now, by whom; its history has no failure', () => {
    const before = order('READY');
    const after = cancelledOrder(before, actor, now);
    assert.deepEqual(after, {
      ...before,
      status: 'CANCELLED',
      version: 5,
      updatedAt: Timestamp.fromDate(now),
      updatedBy: 'staff-1',
    });
    assert.deepEqual(statusMoveChanges(before, after), {
      status: { from: 'READY', to: 'CANCELLED' },
      version: { from: 4, to: 5 },
    });
  });

  test('served and delivered orders are sales records: staff may not delete them, an admin may', () => {
    for (const status of ORDER_STATUSES) {
      assert.doesNotThrow(() => assertMayDelete('o1', { status }, true), status);
      if (status !== 'SERVED' && status !== 'DELIVERED') {
        assert.doesNotThrow(() => assertMayDelete('o1', { status }, false), status);
        continue;
      }
      assert.throws(
        () => assertMayDelete('o1', { status }, false),
        (error: unknown) => {
          assert.ok(error instanceof ApiError);
          assert.equal(error.status, 403);
          assert.equal(error.code, 'forbidden');
          assert.equal(error.message, `Order o1 is ${status}: it is a sales record, and only an administrator deletes those.`);
          return true;
        },
      );
    }
  });

  test('a deletion keeps what the order was in its history: every field, every item, the version', () => {
    const doc = {
      ...order('CONFIRMED'),
      table: '7',
      address: null,
      customerName: 'Ada',
      notes: 'no onions',
      currency: 'EUR',
      subtotalMinor: 1_200,
      totalMinor: 1_200,
      itemCount: 2,
    } as OrderDoc;
    const items = [
      { menuItemId: 'soup', quantity: 1, notes: '', position: 0 },
      { menuItemId: 'bread', quantity: 2, notes: 'toasted', position: 1 },
    ] as OrderItemDoc[];
    assert.deepEqual(deletedChanges(doc, items), {
      type: { from: 'takeaway', to: null },
      table: { from: '7', to: null },
      address: { from: null, to: null },
      customerName: { from: 'Ada', to: null },
      notes: { from: 'no onions', to: null },
      status: { from: 'CONFIRMED', to: null },
      currency: { from: 'EUR', to: null },
      subtotalMinor: { from: 1_200, to: null },
      taxMinor: { from: 0, to: null },
      serviceMinor: { from: 0, to: null },
      totalMinor: { from: 1_200, to: null },
      itemCount: { from: 2, to: null },
      failure: { from: null, to: null },
      items: {
        from: [
          { menuItemId: 'soup', quantity: 1 },
          { menuItemId: 'bread', quantity: 2 },
        ],
        to: null,
      },
      version: { from: 4, to: 5 },
    });
  });
});

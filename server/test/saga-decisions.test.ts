// What the fulfillment saga decides, case by case, no Firestore: which steps run and which are
// undone, what a step's end and an undo's end are recorded as, how often an undo is tried, what
// recovery does with a saga left behind. saga-wiring.test.ts proves the saga acts on them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FulfillmentStep } from '@maestro/contracts';
import { Timestamp } from 'firebase-admin/firestore';
import { DeliveryRefused } from '../src/orders/delivery/delivery-provider';
import { OutOfStock } from '../src/orders/inventory/stock-docs';
import { PaymentDeclined } from '../src/orders/payments/payment-provider';
import {
  AFTERMATH,
  CANCELLED_WHILE_PLACING,
  COMPENSATION_ATTEMPTS,
  classify,
  compensationRecord,
  recoveryPlan,
  stepMetric,
  stepOutcome,
  stepsToRun,
  stepsToUndo,
  triesUndoAgain,
  undoEntry,
  undoFailed,
  undoMetric,
  undone,
  type Verdict,
} from '../src/orders/saga/saga-decisions';
import { pendingStep, type SagaDoc, type StepStatus } from '../src/orders/saga/saga-doc';
import { StepTimeout, retryPause, retryPauseMs, sleep } from '../src/orders/saga/timing';
import { sweepIntervalMs } from '../src/orders/saga/recovery';

const STATUSES: StepStatus[] = ['pending', 'running', 'done', 'refused', 'failed', 'timed_out', 'skipped'];
const actor = { uid: 'staff-1', email: 'staff@maestro.test' };

/** A saga's steps and their order; every step not named is skipped. */
function sagaOf(
  steps: Partial<Record<FulfillmentStep, StepStatus | { status: StepStatus; undone: 'done' | 'failed' }>>,
  status: SagaDoc['status'] = 'running',
): Pick<SagaDoc, 'status' | 'stepOrder' | 'steps'> {
  const record = (value: StepStatus | { status: StepStatus; undone: 'done' | 'failed' } | undefined) => {
    if (value === undefined) return { ...pendingStep(), status: 'skipped' as const };
    if (typeof value === 'string') return { ...pendingStep(), status: value };
    return { ...pendingStep(), status: value.status, compensation: compensationRecord(new Date(0), new Date(0), 1, value.undone === 'done' ? undone('refunded') : undoFailed('payment', 'x')) };
  };
  return {
    status,
    stepOrder: Object.keys(steps) as FulfillmentStep[],
    steps: {
      menu: record(steps.menu),
      payment: record(steps.payment),
      inventory: record(steps.inventory),
      delivery: record(steps.delivery),
    },
  };
}

describe('stepsToRun', () => {
  test('runs the pending steps and reruns the one left running, in the saga order, never the menu check', () => {
    assert.deepEqual(stepsToRun(sagaOf({ menu: 'done', payment: 'running', inventory: 'pending', delivery: 'pending' })), [
      'payment',
      'inventory',
      'delivery',
    ]);
    assert.deepEqual(stepsToRun(sagaOf({ menu: 'pending', inventory: 'pending', payment: 'running' })), ['inventory', 'payment']);
  });

  test('leaves out every step that ended one way or another', () => {
    for (const status of STATUSES) {
      const expected = status === 'pending' || status === 'running' ? ['payment'] : [];
      assert.deepEqual(stepsToRun(sagaOf({ menu: 'done', payment: status })), expected, status);
    }
  });
});

describe('classify: what a failed step means', () => {
  test('a declined card is a refusal in the provider words, nothing charged', () => {
    assert.deepEqual(classify('payment', new PaymentDeclined('The card was declined.'), 'The payment service'), {
      status: 'refused',
      failure: { code: 'payment_declined', message: 'The card was declined. Nothing was charged.', step: 'payment' },
    });
  });

  test('no stock and an unserved address are refusals, with what became of the order', () => {
    const shortage = new OutOfStock([{ menuItemId: 'soup', requested: 2, available: 1 }]);
    assert.deepEqual(classify('inventory', shortage, 'The stock service'), {
      status: 'refused',
      failure: { code: 'out_of_stock', message: `Not enough left of soup (1 left, 2 asked). ${AFTERMATH}`, step: 'inventory' },
    });
    assert.deepEqual(classify('delivery', new DeliveryRefused('No courier goes to 9 Far Road.'), 'The courier service'), {
      status: 'refused',
      failure: {
        code: 'delivery_address_unserved',
        message: `No courier goes to 9 Far Road. ${AFTERMATH}`,
        step: 'delivery',
      },
    });
    assert.equal(AFTERMATH, 'The order was not placed: nothing stays charged, reserved or booked.');
  });

  test('a timeout is uncertain: timed out, in words, never the timer text', () => {
    assert.deepEqual(classify('inventory', new StepTimeout('no answer within 300 ms'), 'The stock service'), {
      status: 'timed_out',
      failure: {
        code: 'inventory_unavailable',
        message: `The stock service did not answer in time. ${AFTERMATH} Try again in a moment.`,
        step: 'inventory',
      },
    });
  });

  test('any other error (or a thrown non-error) fails the step; its text stays out of the words', () => {
    for (const error of [new Error('13 INTERNAL: boom'), '13 INTERNAL: boom', undefined]) {
      assert.deepEqual(classify('delivery', error, 'The courier service'), {
        status: 'failed',
        failure: {
          code: 'delivery_unavailable',
          message: `The courier service failed. ${AFTERMATH} Try again in a moment.`,
          step: 'delivery',
        },
      });
    }
  });
});

describe('stepOutcome and its metric', () => {
  const startedAt = new Date('2026-03-01T12:00:00Z');

  test('a step done: no error, the done action', () => {
    assert.deepEqual(stepOutcome('inventory', null, startedAt, actor), {
      status: 'done',
      startedAt,
      error: null,
      action: 'ORDER_INVENTORY_RESERVED',
      actor,
    });
    assert.equal(stepMetric(null), 'completed');
  });

  test('a step that did not succeed: its status, the failure code and words, the failed action', () => {
    const verdict: Verdict = {
      status: 'timed_out',
      failure: { code: 'payment_unavailable', message: 'The payment service did not answer in time.', step: 'payment' },
    };
    assert.deepEqual(stepOutcome('payment', verdict, startedAt, actor), {
      status: 'timed_out',
      startedAt,
      error: { code: 'payment_unavailable', message: 'The payment service did not answer in time.' },
      action: 'ORDER_PAYMENT_FAILED',
      actor,
    });
    for (const status of ['refused', 'failed', 'timed_out'] as const)
      assert.equal(stepMetric({ ...verdict, status }), status);
  });
});

describe('stepsToUndo', () => {
  test('undoes last first whatever may have happened, never the menu check', () => {
    const saga = sagaOf({ menu: 'done', payment: 'done', inventory: 'timed_out', delivery: 'running' });
    assert.deepEqual(stepsToUndo(saga), ['delivery', 'inventory', 'payment']);
  });

  test('skips what never happened and what is undone already; retries a failed undo', () => {
    const saga = sagaOf({
      menu: 'done',
      payment: { status: 'done', undone: 'failed' },
      inventory: { status: 'done', undone: 'done' },
      delivery: 'refused',
    });
    assert.deepEqual(stepsToUndo(saga), ['payment']);
    assert.deepEqual(stepsToUndo(sagaOf({ menu: 'done', payment: 'pending', inventory: 'skipped' })), []);
  });
});

describe('an undo: how often it is tried and how it is recorded', () => {
  test(`tried ${COMPENSATION_ATTEMPTS} times, pausing 100 ms then 200 ms between`, () => {
    assert.equal(COMPENSATION_ATTEMPTS, 3);
    assert.deepEqual([1, 2, 3, 4].map(triesUndoAgain), [true, true, false, false]);
    assert.deepEqual([1, 2].map(retryPauseMs), [100, 200]);
  });

  test('the pauses are promises the undo waits for', async () => {
    const pause = sleep(0);
    assert.ok(pause instanceof Promise);
    assert.equal(await pause, undefined);
    const retry = retryPause(-10);
    assert.ok(retry instanceof Promise);
    await retry;
  });

  test('done: what it did; failed: words for people and a code, no result', () => {
    assert.deepEqual(undone('refunded'), { status: 'done', result: 'refunded', error: null, errorCode: null });
    assert.deepEqual(undoFailed('inventory', 'The stock service'), {
      status: 'failed',
      result: null,
      error: 'The stock service could not undo this step after 3 attempts; the API keeps retrying it.',
      errorCode: 'inventory_unavailable',
    });
  });

  test('its record carries the attempts, when it started and ended, how long it took', () => {
    const started = new Date('2026-03-01T12:00:00.000Z');
    const finished = new Date('2026-03-01T12:00:01.250Z');
    assert.deepEqual(compensationRecord(started, finished, 2, undone('restored')), {
      status: 'done',
      result: 'restored',
      error: null,
      errorCode: null,
      attempts: 2,
      startedAt: Timestamp.fromDate(started),
      finishedAt: Timestamp.fromDate(finished),
      durationMs: 1250,
    });
  });

  test('a done undo is logged with its action for staff; a failed one is not', () => {
    const expected = { payment: 'ORDER_PAYMENT_REFUNDED', inventory: 'ORDER_INVENTORY_RESTORED', delivery: 'ORDER_DELIVERY_CANCELLED' };
    for (const [step, action] of Object.entries(expected) as [keyof typeof expected, string][]) {
      assert.deepEqual(undoEntry(step, undone('x'), actor), { action, actor });
      assert.equal(undoEntry(step, undoFailed(step, 'x'), actor), null);
    }
    assert.equal(undoMetric(undone('refunded')), 'compensated');
    assert.equal(undoMetric(undoFailed('payment', 'x')), 'compensation_failed');
  });
});

describe('recoveryPlan: a saga whose owner stopped', () => {
  const serviceOf = (step: string) => `The ${step} service`;

  test('one that was undoing goes on undoing', () => {
    const saga = sagaOf({ menu: 'done', payment: 'done', inventory: 'running' }, 'compensating');
    assert.deepEqual(recoveryPlan(saga, serviceOf), { kind: 'compensate' });
  });

  test('one with every step done only lost its confirmation: confirm it', () => {
    assert.deepEqual(recoveryPlan(sagaOf({ menu: 'done', payment: 'done', inventory: 'done' }), serviceOf), { kind: 'confirm' });
  });

  test('one stopped mid-step fails the order as interrupted, naming the first step not done', () => {
    for (const status of ['running', 'pending', 'failed', 'timed_out'] as const) {
      const saga = sagaOf({ menu: 'done', payment: 'done', inventory: status, delivery: 'pending' });
      assert.deepEqual(recoveryPlan(saga, serviceOf), {
        kind: 'fail',
        failure: {
          code: 'interrupted',
          message: `The API stopped while the inventory service was working on this order. ${AFTERMATH}`,
          step: 'inventory',
        },
      });
    }
    const menu = recoveryPlan(sagaOf({ menu: 'running', payment: 'pending' }), serviceOf);
    assert.equal(menu.kind === 'fail' && menu.failure.message, `The API stopped while the menu check was working on this order. ${AFTERMATH}`);
  });
});

test('an order cancelled while it was being placed: its failure, not tied to a step', () => {
  assert.deepEqual(CANCELLED_WHILE_PLACING, {
    code: 'order_cancelled',
    message: 'The order was cancelled while it was being placed.',
    step: null,
  });
});

test('the recovery sweep runs every half lease, at most ten times a second', () => {
  assert.equal(sweepIntervalMs(30_000), 15_000);
  assert.equal(sweepIntervalMs(301), 150);
  assert.equal(sweepIntervalMs(201), 100);
  assert.equal(sweepIntervalMs(100), 100);
});

// The fulfillment saga's pure pieces, no Firestore: which step records still need undoing, the
// test-mode fault header, the step timeout, and what each step asks of its provider. saga-table.test.ts runs the saga itself.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Timestamp } from 'firebase-admin/firestore';
import { ApiError } from '../src/http/api-error';
import { InjectedFault, parseFaultPlan } from '../src/orders/saga/faults';
import { needsCompensation, pendingStep, type SagaInput, type StepRecord, type StepStatus } from '../src/orders/saga/saga-doc';
import { StepTimeout, withTimeout } from '../src/orders/saga/timing';
import { fulfillmentSteps } from '../src/orders/saga/step-handlers';
import type { DeliveryProvider } from '../src/orders/delivery/delivery-provider';
import type { Inventory } from '../src/orders/inventory/inventory';
import type { PaymentProvider } from '../src/orders/payments/payment-provider';

describe('needsCompensation', () => {
  const record = (status: StepStatus, compensation: 'done' | 'failed' | null = null): StepRecord => ({
    ...pendingStep(),
    status,
    compensation: compensation && {
      status: compensation,
      result: null,
      error: null,
      attempts: 1,
      startedAt: Timestamp.fromMillis(0),
      finishedAt: Timestamp.fromMillis(0),
      durationMs: 0,
    },
  });

  test('undoes what may have happened (done, failed, timed out, left running) until undone', () => {
    for (const status of ['running', 'done', 'failed', 'timed_out'] as const) {
      assert.equal(needsCompensation(record(status)), true, status);
      assert.equal(needsCompensation(record(status, 'failed')), true, `${status}, undo failed`);
      assert.equal(needsCompensation(record(status, 'done')), false, `${status}, undone`);
    }
  });

  test('leaves alone what never happened (pending, refused, skipped)', () => {
    for (const status of ['pending', 'refused', 'skipped'] as const)
      assert.equal(needsCompensation(record(status)), false, status);
  });

  test('a step starts pending with nothing recorded', () => {
    assert.deepEqual(pendingStep(), {
      status: 'pending',
      startedAt: null,
      finishedAt: null,
      durationMs: null,
      error: null,
      compensation: null,
    });
  });
});

describe('parseFaultPlan (X-Maestro-Faults, test mode)', () => {
  test('reads step=kind pairs, spaces allowed; nothing for an absent or blank header', () => {
    assert.deepEqual(parseFaultPlan('payment=timeout, delivery=error'), { payment: 'timeout', delivery: 'error' });
    assert.deepEqual(parseFaultPlan(' confirm = crash '), { confirm: 'crash' });
    assert.deepEqual(parseFaultPlan('inventory-undo=error,edit-payment=timeout'), {
      'inventory-undo': 'error',
      'edit-payment': 'timeout',
    });
    assert.deepEqual(parseFaultPlan(undefined), {});
    assert.deepEqual(parseFaultPlan('   '), {});
  });

  test('quotes the refused part as sent, without its spaces', () => {
    assert.throws(() => parseFaultPlan('payment=error,  payment=explode '), {
      message: /^X-Maestro-Faults: "payment=explode" is not step=kind/,
    });
  });

  for (const header of ['payment', 'payment=explode', 'menu=error', 'payment=error=1', 'payment=error,,', '=error']) {
    test(`refuses "${header}" with 400 naming the part and what is allowed`, () => {
      assert.throws(
        () => parseFaultPlan(header),
        (error: unknown) => {
          assert.ok(error instanceof ApiError);
          assert.equal(error.status, 400);
          assert.equal(error.code, 'bad_request');
          assert.match(error.message, /^X-Maestro-Faults: ".*" is not step=kind with step one of payment, inventory, delivery, confirm, payment-undo, inventory-undo, delivery-undo, edit-payment, edit-commit, edit-payment-undo and kind one of error, timeout, crash\.$/);
          return true;
        },
      );
    });
  }

  test('an injected fault reads like an internal failure', () => {
    const fault = new InjectedFault('payment');
    assert.equal(fault.name, 'InjectedFault');
    assert.equal(fault.message, '13 INTERNAL: injected fault at payment (stack: faults.ts)');
  });
});

describe('withTimeout', () => {
  test('gives the answer that comes in time', async () => {
    assert.equal(await withTimeout(Promise.resolve('authorized'), 1_000), 'authorized');
    await assert.rejects(withTimeout(Promise.reject(new Error('declined')), 1_000), /declined/);
  });

  test('leaves no timer behind once the answer came (a step timeout may be long)', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = timers();
    await withTimeout(Promise.resolve('authorized'), 60_000);
    await assert.rejects(withTimeout(Promise.reject(new Error('declined')), 60_000));
    assert.equal(timers(), before);
  });

  test('gives up on an answer that never comes, saying after how long', async () => {
    await assert.rejects(withTimeout(new Promise(() => undefined), 5), (error: unknown) => {
      assert.ok(error instanceof StepTimeout);
      assert.equal(error.message, 'no answer within 5 ms');
      return true;
    });
  });
});

describe('fulfillmentSteps: each step calls its provider, keyed by the order id', () => {
  const calls: unknown[][] = [];
  const record = (name: string) => (...args: unknown[]) => (calls.push([name, ...args]), Promise.resolve(`${name} done`));
  const steps = fulfillmentSteps({
    payments: { authorize: record('authorize'), refund: record('refund') } as unknown as PaymentProvider,
    inventory: { reserve: record('reserve'), release: record('release') } as unknown as Inventory,
    delivery: { schedule: record('schedule'), cancel: record('cancel') } as unknown as DeliveryProvider,
  });
  const address = { street: '1 Main St', city: 'Springfield', postalCode: '12345' };
  const input: SagaInput = { type: 'delivery', amountMinor: 1_250, currency: 'EUR', address, lines: { soup: 2 } as unknown as SagaInput['lines'] };

  test('names its service in the words staff read', () => {
    assert.deepEqual(
      Object.entries(steps).map(([step, handler]) => [step, handler.service]),
      [
        ['payment', 'The payment service'],
        ['inventory', 'The stock service'],
        ['delivery', 'The courier service'],
      ],
    );
  });

  test('runs: authorizes the total, reserves the lines, books the courier to the address', async () => {
    calls.length = 0;
    for (const handler of Object.values(steps)) await handler.run('o1', input);
    assert.deepEqual(calls, [
      ['authorize', { paymentId: 'o1', orderId: 'o1', amountMinor: 1_250, currency: 'EUR' }],
      ['reserve', 'o1', input.lines],
      ['schedule', { deliveryId: 'o1', orderId: 'o1', address }],
    ]);
  });

  test('undoes: refund, release, cancel, saying what each did', async () => {
    calls.length = 0;
    const results = [];
    for (const handler of Object.values(steps)) results.push(await handler.compensate('o1'));
    assert.deepEqual(calls, [['refund', 'o1'], ['release', 'o1'], ['cancel', 'o1']]);
    assert.deepEqual(results, ['refund done', 'release done', 'cancel done']);
  });

  test('refuses to book a courier without an address, before calling it', async () => {
    calls.length = 0;
    await assert.rejects(steps.delivery.run('o1', { ...input, address: null }), /^Error: a delivery saga without an address$/);
    assert.deepEqual(calls, []);
  });
});

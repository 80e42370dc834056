import { SAGA_ACTIONS, type OrderFailure } from '@maestro/contracts';
import { Timestamp } from 'firebase-admin/firestore';
import type { Actor } from '../activity';
import { DeliveryRefused } from '../delivery/delivery-provider';
import { OutOfStock } from '../inventory/stock-docs';
import type { SagaStepOutcome } from '../../metrics/metrics';
import { PaymentDeclined } from '../payments/payment-provider';
import { needsCompensation, type CompensationRecord, type SagaDoc, type StepStatus } from './saga-doc';
import type { ForwardStep } from './step-handlers';
import { StepTimeout } from './timing';

// What the fulfillment saga decides, apart from doing it (fulfillment-saga.ts does): which steps
// to run and to undo, what a step's end and an undo's end are recorded as, how often an undo is
// tried, and what recovery does with a saga left behind. No I/O: saga-decisions.test.ts walks
// every case.

export const AFTERMATH = 'The order was not placed: nothing stays charged, reserved or booked.';
export const COMPENSATION_ATTEMPTS = 3;

/** What a failed step means: its record's status and the order's failure. */
export interface Verdict {
  status: Extract<StepStatus, 'refused' | 'failed' | 'timed_out'>;
  failure: OrderFailure;
}

/** How a step ended, as saga-store.ts records it (the step's record and its activity entry). */
export interface StepOutcome {
  status: StepStatus;
  startedAt: Date;
  /** A code and words for people: staff read it in the order's history. */
  error: { code: OrderFailure['code']; message: string } | null;
  action: string;
  actor: Actor;
}

/** The forward steps still to run (or to run again: left running), in the saga's order. */
export function stepsToRun(saga: Pick<SagaDoc, 'stepOrder' | 'steps'>): ForwardStep[] {
  return saga.stepOrder.filter(
    (step): step is ForwardStep =>
      step !== 'menu' && (saga.steps[step].status === 'pending' || saga.steps[step].status === 'running'),
  );
}

/**
 * What a step's error means for the order and for the saga record. A definitive refusal's
 * message is the provider's answer meant for people (declined card, no stock, no courier); any
 * other error's text is internal and stays out of it (the caller logs it).
 */
export function classify(step: ForwardStep, error: unknown, service: string): Verdict {
  const refused = (code: OrderFailure['code'], answer: Error, aftermath: string): Verdict => ({
    status: 'refused',
    failure: { code, message: `${answer.message} ${aftermath}`, step },
  });
  if (error instanceof PaymentDeclined) return refused('payment_declined', error, 'Nothing was charged.');
  if (error instanceof OutOfStock) return refused('out_of_stock', error, AFTERMATH);
  if (error instanceof DeliveryRefused) return refused('delivery_address_unserved', error, AFTERMATH);
  const timedOut = error instanceof StepTimeout;
  return {
    status: timedOut ? 'timed_out' : 'failed',
    failure: {
      code: `${step}_unavailable`,
      message: `${service} ${timedOut ? 'did not answer in time' : 'failed'}. ${AFTERMATH} Try again in a moment.`,
      step,
    },
  };
}

/** A step's end: done (no verdict) or the verdict, with its activity action. */
export function stepOutcome(step: ForwardStep, verdict: Verdict | null, startedAt: Date, actor: Actor): StepOutcome {
  if (!verdict) return { status: 'done', startedAt, error: null, action: SAGA_ACTIONS[step].done, actor };
  return {
    status: verdict.status,
    startedAt,
    error: { code: verdict.failure.code, message: verdict.failure.message },
    action: SAGA_ACTIONS[step].failed,
    actor,
  };
}

export const stepMetric = (verdict: Verdict | null): SagaStepOutcome => verdict?.status ?? 'completed';

/** The steps whose effect may exist and is not undone yet, last first. */
export function stepsToUndo(saga: Pick<SagaDoc, 'stepOrder' | 'steps'>): ForwardStep[] {
  return [...saga.stepOrder]
    .reverse()
    .filter((step): step is ForwardStep => step !== 'menu' && needsCompensation(saga.steps[step]));
}

/** Whether an undo that failed on `attempt` is tried again. */
export const triesUndoAgain = (attempt: number): boolean => attempt < COMPENSATION_ATTEMPTS;

/** The end of an undo, before its times: done with what it did, or failed in words for people. */
export type UndoEnd = Pick<CompensationRecord, 'status' | 'result' | 'error' | 'errorCode'>;

export const undone = (result: string): UndoEnd => ({ status: 'done', result, error: null, errorCode: null });

export function undoFailed(step: ForwardStep, service: string): UndoEnd {
  return {
    status: 'failed',
    result: null,
    error: `${service} could not undo this step after ${COMPENSATION_ATTEMPTS} attempts; the API keeps retrying it.`,
    errorCode: `${step}_unavailable`,
  };
}

/** An undo's record on its step: how it ended, after how many attempts, when. */
export function compensationRecord(started: Date, finished: Date, attempts: number, end: UndoEnd): CompensationRecord {
  return {
    ...end,
    attempts,
    startedAt: Timestamp.fromDate(started),
    finishedAt: Timestamp.fromDate(finished),
    durationMs: finished.getTime() - started.getTime(),
  };
}

/** A done undo's activity entry (staff read "Payment refunded"); a failed one has none. */
export function undoEntry(step: ForwardStep, end: UndoEnd, actor: Actor): { action: string; actor: Actor } | null {
  return end.status === 'done' ? { action: SAGA_ACTIONS[step].compensated!, actor } : null;
}

export const undoMetric = (end: UndoEnd): SagaStepOutcome =>
  end.status === 'done' ? 'compensated' : 'compensation_failed';

/** Recovery of a saga whose owner stopped: what is left to do. */
export type RecoveryPlan =
  | { kind: 'compensate' }
  /** Every effect is secured and recorded; only the confirmation was lost. */
  | { kind: 'confirm' }
  | { kind: 'fail'; failure: OrderFailure };

export function recoveryPlan(
  saga: Pick<SagaDoc, 'status' | 'stepOrder' | 'steps'>,
  serviceOf: (step: ForwardStep) => string,
): RecoveryPlan {
  if (saga.status === 'compensating') return { kind: 'compensate' };
  const unfinished = saga.stepOrder.find((step) => saga.steps[step].status !== 'done');
  if (!unfinished) return { kind: 'confirm' };
  const service = unfinished === 'menu' ? 'The menu check' : serviceOf(unfinished);
  return {
    kind: 'fail',
    failure: {
      code: 'interrupted',
      message: `The API stopped while ${service.toLowerCase()} was working on this order. ${AFTERMATH}`,
      step: unfinished,
    },
  };
}

/** Staff cancelled (or deleted) the order while its saga was placing it. */
export const CANCELLED_WHILE_PLACING: OrderFailure = {
  code: 'order_cancelled',
  message: 'The order was cancelled while it was being placed.',
  step: null,
};

import type { FieldChanges, FulfillmentStep, OrderFailure, OrderStatus, OrderStatusChangedEvent } from '@maestro/contracts';
import { Timestamp } from 'firebase-admin/firestore';
import type { OrderDoc } from '../order-docs';
import type { CompensationRecord, SagaDoc } from './saga-doc';
import type { StepOutcome } from './saga-decisions';

// What saga-store.ts writes, apart from the transactions that write it: the saga and order
// fields of each move, their activity changes, and the guards that say whether this instance
// may still make the move. No I/O: saga-fields.test.ts walks every case.

/** ok: go on; preempted: another instance owns the saga now; cancelled: the order left PENDING. */
export type Guard = 'ok' | 'preempted' | 'cancelled';

/** Tells the board an order moved (OrderEvents.statusChanged). */
export type StatusChange = OrderStatusChangedEvent;

/** This instance owns the saga for another lease from `now`. */
export const leaseFields = (instanceId: string, leaseMs: number, now: Date) => ({
  owner: instanceId,
  leaseUntil: Timestamp.fromMillis(now.getTime() + leaseMs),
  updatedAt: Timestamp.fromDate(now),
});

/** The saga if `instanceId` owns it (another node may have taken it over after its lease ran out). */
export const ownedBy = (saga: SagaDoc | undefined, instanceId: string): SagaDoc | undefined =>
  saga?.owner === instanceId ? saga : undefined;

/** Running forward or undoing: not settled yet. */
const unfinished = (saga: SagaDoc): boolean => saga.status === 'running' || saga.status === 'compensating';

/** Before an undo attempt: this instance's saga, still unfinished, gets a new lease. */
export const renewGuard = (owned: SagaDoc | undefined): 'ok' | 'preempted' =>
  owned && unfinished(owned) ? 'ok' : 'preempted';

/** Before a forward move (start a step, start the next, confirm): the order must still be PENDING. */
export function placingGuard(owned: SagaDoc | undefined, order: Pick<OrderDoc, 'status'> | undefined): Guard {
  if (owned?.status !== 'running') return 'preempted';
  return order?.status === 'PENDING' ? 'ok' : 'cancelled';
}

/** Another node may take over a saga whose owner let its lease run out (crashed or hung). */
export const claimable = (saga: SagaDoc | undefined, now: Date): saga is SagaDoc =>
  saga !== undefined && unfinished(saga) && saga.leaseUntil.toMillis() <= now.getTime();

/** The saga fields that mark `step` running. */
export function stepStarted(step: FulfillmentStep, now: Date) {
  return {
    [`steps.${step}.status`]: 'running',
    [`steps.${step}.startedAt`]: Timestamp.fromDate(now),
  };
}

/** The saga fields of how `step` ended. */
export function stepFinished(step: FulfillmentStep, outcome: StepOutcome, now: Date) {
  return {
    [`steps.${step}.status`]: outcome.status,
    [`steps.${step}.finishedAt`]: Timestamp.fromDate(now),
    [`steps.${step}.durationMs`]: now.getTime() - outcome.startedAt.getTime(),
    [`steps.${step}.error`]: outcome.error?.message ?? null,
    [`steps.${step}.errorCode`]: outcome.error?.code ?? null,
  };
}

/** The step's activity changes (staff read them in the order's history). */
export function stepChanges(step: FulfillmentStep, outcome: StepOutcome): FieldChanges {
  const changes: FieldChanges = { [`steps.${step}.status`]: { from: 'running', to: outcome.status } };
  if (outcome.error) changes['error'] = { from: null, to: { code: outcome.error.code, message: outcome.error.message } };
  return changes;
}

/** PENDING → `status`, one version up. */
function moved(doc: OrderDoc, status: OrderStatus, now: Date, failure: OrderFailure | null): OrderDoc {
  return { ...doc, status, failure, version: doc.version + 1, updatedAt: Timestamp.fromDate(now) };
}

export const confirmedOrder = (doc: OrderDoc, now: Date): OrderDoc => moved(doc, 'CONFIRMED', now, doc.failure);

export const failedOrder = (doc: OrderDoc, failure: OrderFailure, now: Date): OrderDoc =>
  moved(doc, 'FAILED', now, failure);

/** The activity changes of an order's move: status and version, and the failure of a FAILED one. */
export function statusMoveChanges(before: OrderDoc, after: OrderDoc): FieldChanges {
  return {
    status: { from: before.status, to: after.status },
    ...(after.status === 'FAILED' ? { failure: { from: null, to: after.failure } } : {}),
    version: { from: before.version, to: after.version },
  };
}

/**
 * The saga turns to compensating: a failure while the order is PENDING fails the order; after
 * a cancellation the saga only undoes (and keeps the failure it had).
 */
export function failedSaga(saga: SagaDoc, order: Pick<OrderDoc, 'status'> | undefined, failure: OrderFailure) {
  const failing = order?.status === 'PENDING';
  return {
    status: 'compensating' as const,
    outcome: failing ? ('failed' as const) : ('cancelled' as const),
    failure: failing ? failure : saga.failure,
  };
}

/** An undo's activity changes: what it did (refunded, restored…). */
export const compensationChanges = (step: FulfillmentStep, record: CompensationRecord): FieldChanges => ({
  [`steps.${step}.compensation`]: { from: null, to: record.result },
});

export function statusChange(orderId: string, previousStatus: OrderStatus, doc: OrderDoc): StatusChange {
  return {
    orderId,
    previousStatus,
    newStatus: doc.status,
    updatedAt: doc.updatedAt.toDate().toISOString(),
    version: doc.version,
    failure: doc.failure,
  };
}

/**
 * A cancellation (or deletion) of an order whose saga completed takes the saga over to undo
 * it; a saga still running undoes itself (its next step sees the order left PENDING).
 */
export const takesOver = (saga: SagaDoc | undefined): saga is SagaDoc => saga?.status === 'completed';

export const takeOverFields = (instanceId: string, leaseMs: number, now: Date) => ({
  status: 'compensating' as const,
  outcome: 'cancelled' as const,
  ...leaseFields(instanceId, leaseMs, now),
});

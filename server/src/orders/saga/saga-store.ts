import type { FulfillmentStep, Order, OrderFailure } from '@maestro/contracts';
import { ORDER_ACTIONS } from '@maestro/contracts';
import type { Transaction } from 'firebase-admin/firestore';
import { appendActivity, type Actor } from '../activity';
import { embeddedItemDocsOf } from '../embedded-items';
import { itemsRef, orderRef, toOrder, toOrderItem, type OrderDoc, type OrderItemDoc } from '../order-docs';
import { countOrder } from '../../reports/sales-aggregates';
import { DEFAULT_BUSINESS_TIME_ZONE } from '../../reports/sales-calendar';
import type { SagaContext } from './saga-context';
import type { StepOutcome } from './saga-decisions';
import { sagaRef, type CompensationRecord, type SagaDoc } from './saga-doc';
import {
  claimable,
  compensationChanges,
  confirmedOrder,
  failedOrder,
  failedSaga,
  leaseFields,
  ownedBy,
  statusMoveChanges,
  placingGuard,
  renewGuard,
  statusChange,
  stepChanges,
  stepFinished,
  stepStarted,
  type Guard,
  type StatusChange,
} from './saga-fields';

// Every saga write is a transaction that first checks this instance still owns the saga (another
// node may have taken it over after the lease ran out) and renews the lease. What each writes and
// when it may is decided in saga-fields.ts.

export type { Guard, StatusChange } from './saga-fields';
export type { StepOutcome } from './saga-decisions';

const lease = (ctx: SagaContext, now: Date) => leaseFields(ctx.instanceId, ctx.leaseMs, now);

async function owned(ctx: SagaContext, tx: Transaction, orderId: string) {
  return ownedBy((await tx.get(sagaRef(ctx.db, orderId))).data() as SagaDoc | undefined, ctx.instanceId);
}

/** The saga (if this instance owns it) and its order, read in one round trip. */
async function ownedWithOrder(ctx: SagaContext, tx: Transaction, orderId: string) {
  const [sagaSnapshot, orderSnapshot] = await tx.getAll(sagaRef(ctx.db, orderId), orderRef(ctx.db, orderId));
  return {
    saga: ownedBy(sagaSnapshot!.data() as SagaDoc | undefined, ctx.instanceId),
    order: orderSnapshot!.data() as OrderDoc | undefined,
    orderSnapshot: orderSnapshot!,
  };
}

/** The step's activity entry (staff read it in the order's history). */
function logStepOutcome(
  ctx: SagaContext,
  tx: Transaction,
  orderId: string,
  step: FulfillmentStep,
  outcome: StepOutcome,
  correlationId: string,
): void {
  const changes = stepChanges(step, outcome);
  appendActivity(ctx.db, tx, { actor: outcome.actor, action: outcome.action, orderId, changes, correlationId });
}

/**
 * Renews this instance's lease before a compensation attempt (forward steps renew it in
 * `startStep`): an undo that retries can outlast one lease, and another node must not take the
 * saga over while this one is still working on it. 'preempted' when another node owns it now.
 */
export function renewLease(ctx: SagaContext, orderId: string): Promise<'ok' | 'preempted'> {
  return ctx.db.runTransaction(async (tx) => {
    const guard = renewGuard(await owned(ctx, tx, orderId));
    if (guard === 'ok') tx.update(sagaRef(ctx.db, orderId), lease(ctx, ctx.now()));
    return guard;
  });
}

/** Marks a step running, unless the order was cancelled (or deleted) meanwhile. */
export function startStep(ctx: SagaContext, orderId: string, step: FulfillmentStep): Promise<Guard> {
  return ctx.db.runTransaction(async (tx) => {
    const { saga, order } = await ownedWithOrder(ctx, tx, orderId);
    const guard = placingGuard(saga, order);
    const now = ctx.now();
    if (guard === 'ok') tx.update(sagaRef(ctx.db, orderId), { ...stepStarted(step, now), ...lease(ctx, now) });
    return guard;
  });
}

/** Records how a step ended, with its activity entry. */
export function finishStep(
  ctx: SagaContext,
  orderId: string,
  step: FulfillmentStep,
  outcome: StepOutcome,
): Promise<Guard> {
  return ctx.db.runTransaction(async (tx) => {
    const saga = await owned(ctx, tx, orderId);
    if (!saga) return 'preempted';
    const now = ctx.now();
    tx.update(sagaRef(ctx.db, orderId), { ...stepFinished(step, outcome, now), ...lease(ctx, now) });
    logStepOutcome(ctx, tx, orderId, step, outcome, saga.correlationId);
    return 'ok';
  });
}

/**
 * A step succeeded and the next one starts: both recorded in one transaction (one round of
 * reads and one commit instead of two). Unless the order was cancelled meanwhile: then the step's
 * success is recorded and the next one is not started.
 */
export function advanceStep(
  ctx: SagaContext,
  orderId: string,
  step: FulfillmentStep,
  outcome: StepOutcome,
  next: FulfillmentStep,
): Promise<Guard> {
  return ctx.db.runTransaction(async (tx) => {
    const { saga, order } = await ownedWithOrder(ctx, tx, orderId);
    if (!saga) return 'preempted';
    const now = ctx.now();
    const guard = placingGuard(saga, order);
    tx.update(sagaRef(ctx.db, orderId), {
      ...stepFinished(step, outcome, now),
      ...(guard === 'ok' ? stepStarted(next, now) : {}),
      ...lease(ctx, now),
    });
    logStepOutcome(ctx, tx, orderId, step, outcome, saga.correlationId);
    return guard;
  });
}

/**
 * PENDING → CONFIRMED and the saga completed, in one transaction; with `last`, the last step's
 * success is recorded in it too (one transaction instead of two).
 */
export function confirmOrder(
  ctx: SagaContext,
  orderId: string,
  actor: Actor,
  last?: { step: FulfillmentStep; outcome: StepOutcome },
): Promise<
  | { guard: 'ok'; order: Order; change: StatusChange }
  | { guard: 'preempted' }
  | { guard: 'cancelled' }
> {
  return ctx.db.runTransaction(async (tx) => {
    const { saga, order: doc, orderSnapshot: snapshot } = await ownedWithOrder(ctx, tx, orderId);
    const items =
      embeddedItemDocsOf(doc) ??
      (await tx.get(itemsRef(ctx.db, orderId).orderBy('position'))).docs.map(
        (item): [string, OrderItemDoc] => [item.id, item.data() as OrderItemDoc],
      );
    if (!saga) return { guard: 'preempted' as const };
    const now = ctx.now();
    // The last step's success is recorded whatever comes next: its effect exists, and a
    // cancellation must know to undo it.
    const lastFields = last ? stepFinished(last.step, last.outcome, now) : {};
    if (last) logStepOutcome(ctx, tx, orderId, last.step, last.outcome, saga.correlationId);
    const guard = placingGuard(saga, doc);
    if (guard !== 'ok') {
      if (last) tx.update(sagaRef(ctx.db, orderId), { ...lastFields, ...lease(ctx, now) });
      return { guard };
    }
    // 'ok' means the order is there and PENDING.
    const before = doc!;
    const updated = confirmedOrder(before, now);
    tx.update(snapshot.ref, { status: updated.status, version: updated.version, updatedAt: updated.updatedAt });
    tx.update(sagaRef(ctx.db, orderId), { ...lastFields, status: 'completed', outcome: 'confirmed', ...lease(ctx, now) });
    appendActivity(ctx.db, tx, {
      actor,
      action: ORDER_ACTIONS.statusChanged,
      orderId,
      changes: statusMoveChanges(before, updated),
      correlationId: saga.correlationId,
    });
    const order = toOrder(
      orderId,
      updated,
      items.map(([id, item]) => toOrderItem(id, item)),
    );
    return { guard: 'ok' as const, order, change: statusChange(orderId, before.status, updated) };
  });
}

/**
 * The saga failed: it turns to compensating and, if the order is still being placed, the
 * order becomes FAILED with the reason, in one transaction. Returns the status change, if any.
 */
export function failOrder(
  ctx: SagaContext,
  orderId: string,
  failure: OrderFailure,
  actor: Actor,
): Promise<{ guard: 'ok'; change: StatusChange | null } | { guard: 'preempted' }> {
  return ctx.db.runTransaction(async (tx) => {
    const { saga, order: doc, orderSnapshot: snapshot } = await ownedWithOrder(ctx, tx, orderId);
    if (!saga) return { guard: 'preempted' as const };
    const now = ctx.now();
    tx.update(sagaRef(ctx.db, orderId), { ...failedSaga(saga, doc, failure), ...lease(ctx, now) });
    if (doc?.status !== 'PENDING') return { guard: 'ok' as const, change: null };
    const updated = failedOrder(doc, failure, now);
    // Counted as failed in the sales aggregates, in this transaction.
    const counted = countOrder(ctx.db, tx, updated, ctx.salesTimeZone ?? DEFAULT_BUSINESS_TIME_ZONE);
    tx.update(snapshot.ref, {
      status: updated.status,
      failure,
      version: updated.version,
      updatedAt: updated.updatedAt,
      ...counted,
    });
    appendActivity(ctx.db, tx, {
      actor,
      action: ORDER_ACTIONS.statusChanged,
      orderId,
      changes: statusMoveChanges(doc, updated),
      correlationId: saga.correlationId,
    });
    return { guard: 'ok' as const, change: statusChange(orderId, doc.status, updated) };
  });
}

/** Records one compensation, with its activity entry. */
export function recordCompensation(
  ctx: SagaContext,
  orderId: string,
  step: FulfillmentStep,
  record: CompensationRecord,
  entry: { action: string; actor: Actor } | null,
): Promise<Guard> {
  return ctx.db.runTransaction(async (tx) => {
    const saga = await owned(ctx, tx, orderId);
    if (!saga) return 'preempted';
    tx.update(sagaRef(ctx.db, orderId), { [`steps.${step}.compensation`]: record, ...lease(ctx, ctx.now()) });
    if (entry) {
      const { action, actor } = entry;
      const changes = compensationChanges(step, record);
      appendActivity(ctx.db, tx, { actor, action, orderId, changes, correlationId: saga.correlationId });
    }
    return 'ok';
  });
}

export function markCompensated(ctx: SagaContext, orderId: string): Promise<Guard> {
  return ctx.db.runTransaction(async (tx) => {
    const saga = await owned(ctx, tx, orderId);
    if (!saga) return 'preempted';
    tx.update(sagaRef(ctx.db, orderId), { status: 'compensated', ...lease(ctx, ctx.now()) });
    return 'ok';
  });
}

/** Takes over an unfinished saga whose owner let its lease run out (crashed, or hung). */
export function claimExpired(ctx: SagaContext, orderId: string): Promise<SagaDoc | null> {
  return ctx.db.runTransaction(async (tx) => {
    const ref = sagaRef(ctx.db, orderId);
    const saga = (await tx.get(ref)).data() as SagaDoc | undefined;
    const now = ctx.now();
    if (!claimable(saga, now)) return null;
    tx.update(ref, lease(ctx, now));
    return { ...saga, owner: ctx.instanceId };
  });
}

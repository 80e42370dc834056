import { ORDER_ACTIONS, canTransition, isFinalOrderStatus, type Order } from '@maestro/contracts';
import type { Transaction } from 'firebase-admin/firestore';
import { appendActivity, type Actor } from '../activity';
import { itemsRef } from '../order-docs';
import { illegalTransition } from '../order-errors';
import { orderOf, readOrder } from '../order-writes';
import { countOrder, uncountOrder } from '../../reports/sales-aggregates';
import { DEFAULT_BUSINESS_TIME_ZONE } from '../../reports/sales-calendar';
import type { FulfillmentSaga } from './fulfillment-saga';
import type { SagaContext } from './saga-context';
import { sagaRef, type SagaDoc } from './saga-doc';
import { assertMayDelete, cancelledOrder, deletedChanges } from './cancellation-rules';
import { statusMoveChanges, takeOverFields, takesOver } from './saga-fields';

// Cancelling (PATCH status CANCELLED) and deleting an order undo what its saga did, with the same
// compensations as a failed saga: refund, restore stock, cancel the courier.
//
// Who compensates: a completed saga is taken over here (compensating, owned by this instance) in
// the transaction that cancels the order. A saga still running (the order is PENDING) is left to
// its owner: its next step sees the order is no longer PENDING and compensates itself.

/** Turns a completed saga to compensating for a cancellation; false if nothing to undo. */
function takeOverSaga(ctx: SagaContext, tx: Transaction, saga: SagaDoc | undefined, now: Date): boolean {
  if (!takesOver(saga)) return false;
  tx.update(sagaRef(ctx.db, saga.orderId), takeOverFields(ctx.instanceId, ctx.leaseMs, now));
  return true;
}

export async function cancelOrder(
  ctx: SagaContext,
  saga: FulfillmentSaga,
  orderId: string,
  actor: Actor,
): Promise<Order> {
  const now = ctx.now();
  const { order, previousStatus, compensate } = await ctx.db.runTransaction(async (tx) => {
    const { ref, doc, items } = await readOrder(ctx.db, tx, orderId);
    const sagaDoc = (await tx.get(sagaRef(ctx.db, orderId))).data() as SagaDoc | undefined;
    if (!canTransition(doc.status, 'CANCELLED', { type: doc.type }))
      throw illegalTransition(orderId, doc.status, 'CANCELLED', doc.type);
    const updated = cancelledOrder(doc, actor, now);
    // Counted as cancelled in the sales aggregates, in this transaction.
    const counted = countOrder(ctx.db, tx, updated, ctx.salesTimeZone ?? DEFAULT_BUSINESS_TIME_ZONE);
    tx.update(ref, {
      status: updated.status,
      version: updated.version,
      updatedAt: updated.updatedAt,
      updatedBy: updated.updatedBy,
      ...counted,
    });
    appendActivity(ctx.db, tx, {
      actor,
      action: ORDER_ACTIONS.statusChanged,
      orderId,
      changes: statusMoveChanges(doc, updated),
      correlationId: doc.correlationId,
    });
    return {
      order: orderOf(orderId, updated, items),
      previousStatus: doc.status,
      compensate: takeOverSaga(ctx, tx, sagaDoc, now),
    };
  });
  ctx.events.statusChanged({
    orderId,
    previousStatus,
    newStatus: 'CANCELLED',
    updatedAt: order.updatedAt,
    version: order.version,
    failure: null,
  });
  // A compensation that keeps failing leaves the saga compensating for the recovery sweep;
  // the cancellation itself stands.
  if (compensate) await compensateOrLeave(ctx, saga, orderId, actor);
  return order;
}

/**
 * The change is committed: an error while undoing the saga's steps (Firestore contention, a
 * provider down) must not answer 500 for it. The saga stays `compensating` under this node's
 * lease, and the recovery sweep finishes it once the lease runs out.
 */
export async function compensateOrLeave(ctx: SagaContext, saga: Pick<FulfillmentSaga, 'compensate'>, orderId: string, actor: Actor): Promise<void> {
  try {
    await saga.compensate(orderId, actor);
  } catch (error) {
    ctx.logger.error({ orderId, err: error }, 'compensation interrupted; the recovery sweep will finish it');
  }
}

/**
 * DELETE /api/orders/:id: the order and its items go (the activity log keeps what they were);
 * an order still in progress is compensated first. Completed orders (served, delivered) are
 * sales records: only an admin deletes those.
 */
export async function deleteOrder(
  ctx: SagaContext,
  saga: Pick<FulfillmentSaga, 'compensate'>,
  orderId: string,
  actor: Actor & { admin: boolean },
): Promise<{ orderId: string; version: number }> {
  const now = ctx.now();
  const { version, compensate } = await ctx.db.runTransaction(async (tx) => {
    const { ref, doc, items } = await readOrder(ctx.db, tx, orderId);
    const sagaDoc = (await tx.get(sagaRef(ctx.db, orderId))).data() as SagaDoc | undefined;
    assertMayDelete(orderId, doc, actor.admin);
    for (const [itemId] of items) tx.delete(itemsRef(ctx.db, orderId).doc(itemId));
    tx.delete(ref);
    // A counted order leaves the sales aggregates with it: they always equal a recount.
    const stored = { ...doc, items: items.map(([, item]) => item) };
    uncountOrder(ctx.db, tx, stored, ctx.salesTimeZone ?? DEFAULT_BUSINESS_TIME_ZONE);
    appendActivity(ctx.db, tx, {
      actor,
      action: ORDER_ACTIONS.deleted,
      orderId,
      changes: deletedChanges(doc, items.map(([, item]) => item)),
      correlationId: doc.correlationId,
    });
    const active = !isFinalOrderStatus(doc.status);
    return { version: doc.version + 1, compensate: active && takeOverSaga(ctx, tx, sagaDoc, now) };
  });
  ctx.events.deleted(orderId, version);
  if (compensate) await compensateOrLeave(ctx, saga, orderId, actor);
  return { orderId, version };
}

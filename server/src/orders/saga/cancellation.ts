import { ORDER_ACTIONS, canTransition, isFinalOrderStatus, type Order } from '@maestro/contracts';
import { Timestamp, type Transaction } from 'firebase-admin/firestore';
import { ApiError } from '../../http/api-error';
import { appendActivity, type Actor } from '../activity';
import { comparableFields, itemsRef } from '../order-docs';
import { illegalTransition } from '../order-errors';
import { orderOf, readOrder } from '../order-writes';
import { countOrder, uncountOrder } from '../../reports/sales-aggregates';
import { DEFAULT_BUSINESS_TIME_ZONE } from '../../reports/sales-calendar';
import type { FulfillmentSaga } from './fulfillment-saga';
import type { SagaContext } from './saga-context';
import { sagaRef, type SagaDoc } from './saga-doc';

// Cancelling (PATCH status CANCELLED) and deleting an order undo what its saga did, with the same
// compensations as a failed saga: refund, restore stock, cancel the courier.
//
// Who compensates: a completed saga is taken over here (compensating, owned by this instance) in
// the transaction that cancels the order. A saga still running (the order is PENDING) is left to
// its owner: its next step sees the order is no longer PENDING and compensates itself.

/** Turns a completed saga to compensating for `actor`'s cancellation; false if nothing to undo. */
function takeOverSaga(
  ctx: SagaContext,
  tx: Transaction,
  saga: SagaDoc | undefined,
  now: Date,
): boolean {
  if (saga?.status !== 'completed') return false;
  tx.update(sagaRef(ctx.db, saga.orderId), {
    status: 'compensating',
    outcome: 'cancelled',
    owner: ctx.instanceId,
    leaseUntil: Timestamp.fromMillis(now.getTime() + ctx.leaseMs),
    updatedAt: Timestamp.fromDate(now),
  });
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
    const updated = {
      ...doc,
      status: 'CANCELLED' as const,
      version: doc.version + 1,
      updatedAt: Timestamp.fromDate(now),
      updatedBy: actor.uid,
    };
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
      changes: {
        status: { from: doc.status, to: 'CANCELLED' },
        version: { from: doc.version, to: updated.version },
      },
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
    if ((doc.status === 'SERVED' || doc.status === 'DELIVERED') && !actor.admin) {
      throw new ApiError(
        403,
        'forbidden',
        `Order ${orderId} is ${doc.status}: it is a sales record, and only an administrator deletes those.`,
      );
    }
    for (const [itemId] of items) tx.delete(itemsRef(ctx.db, orderId).doc(itemId));
    tx.delete(ref);
    // A counted order leaves the sales aggregates with it: they always equal a recount.
    const stored = { ...doc, items: items.map(([, item]) => item) };
    uncountOrder(ctx.db, tx, stored, ctx.salesTimeZone ?? DEFAULT_BUSINESS_TIME_ZONE);
    appendActivity(ctx.db, tx, {
      actor,
      action: ORDER_ACTIONS.deleted,
      orderId,
      changes: {
        ...Object.fromEntries(
          Object.entries(comparableFields(doc)).map(([key, from]) => [key, { from, to: null }]),
        ),
        items: {
          from: items.map(([, item]) => ({ menuItemId: item.menuItemId, quantity: item.quantity })),
          to: null,
        },
        version: { from: doc.version, to: doc.version + 1 },
      },
      correlationId: doc.correlationId,
    });
    const active = !isFinalOrderStatus(doc.status);
    return { version: doc.version + 1, compensate: active && takeOverSaga(ctx, tx, sagaDoc, now) };
  });
  ctx.events.deleted(orderId, version);
  if (compensate) await compensateOrLeave(ctx, saga, orderId, actor);
  return { orderId, version };
}

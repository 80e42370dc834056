import {
  ORDER_ACTIONS,
  ORDER_DETAILS_EDITABLE_IN,
  canTransition,
  diffChanges,
  type Order,
  type OrderStatus,
} from '@maestro/contracts';
import {
  Timestamp,
  type DocumentReference,
  type Firestore,
  type Transaction,
} from 'firebase-admin/firestore';
import { ApiError } from '../http/api-error';
import { appendActivity, type Actor } from './activity';
import {
  comparableFields,
  itemsRef,
  orderRef,
  toOrder,
  toOrderItem,
  type OrderDoc,
  type OrderItemDoc,
} from './order-docs';
import { embeddedItemDocsOf } from './embedded-items';
import { illegalTransition, notEditable, orderNotFound } from './order-errors';
import { countOrder } from '../reports/sales-aggregates';
import { DEFAULT_BUSINESS_TIME_ZONE } from '../reports/sales-calendar';
import type { StatusChange } from './saga/saga-store';

// Writes to an existing order's details and status. Each is one transaction: the order
// (version + 1) and its activity entry commit together or not at all. Items: item-writes.ts.

export interface OrderSnapshot {
  ref: DocumentReference;
  doc: OrderDoc;
  items: [string, OrderItemDoc][];
}

export async function readOrder(
  db: Firestore,
  tx: Transaction,
  orderId: string,
): Promise<OrderSnapshot> {
  const ref = orderRef(db, orderId);
  const snapshot = await tx.get(ref);
  if (!snapshot.exists) throw orderNotFound(orderId);
  // The items the order carries; only an order without a trustworthy copy (from before the copy
  // existed, or damaged) costs a query of its subcollection, inside the transaction.
  const embedded = embeddedItemDocsOf(snapshot.data());
  const items =
    embedded ??
    (await tx.get(itemsRef(db, orderId).orderBy('position'))).docs.map(
      (item): [string, OrderItemDoc] => [item.id, item.data() as OrderItemDoc],
    );
  return { ref, doc: snapshot.data() as OrderDoc, items };
}

export const orderOf = (orderId: string, doc: OrderDoc, items: [string, OrderItemDoc][]): Order =>
  toOrder(
    orderId,
    doc,
    items.map(([id, item]) => toOrderItem(id, item)),
  );

/** PUT /api/orders/:id: customer name, notes, table. No change → no write, no version bump. */
export function updateOrderDetails(
  db: Firestore,
  orderId: string,
  patch: { customerName?: string; notes?: string; table?: string },
  actor: Actor,
  now: Date,
): Promise<{ order: Order; changedFields: string[] }> {
  return db.runTransaction(async (tx) => {
    const { ref, doc, items } = await readOrder(db, tx, orderId);
    if (!ORDER_DETAILS_EDITABLE_IN.includes(doc.status))
      throw notEditable(orderId, doc.status, 'details');
    if (patch.table !== undefined && doc.type !== 'dine-in') {
      throw new ApiError(
        400,
        'validation_failed',
        `Order ${orderId} is ${doc.type}: only dine-in orders have a table.`,
        {
          details: [{ path: 'table', message: 'only dine-in orders have a table' }],
        },
      );
    }
    const next: OrderDoc = {
      ...doc,
      customerName: patch.customerName ?? doc.customerName,
      notes: patch.notes ?? doc.notes,
      table: patch.table ?? doc.table,
    };
    const changes = diffChanges(comparableFields(doc), comparableFields(next));
    const changedFields = Object.keys(changes);
    if (!changedFields.length) return { order: orderOf(orderId, doc, items), changedFields };
    const updated = bump(next, actor, now);
    tx.update(ref, {
      customerName: updated.customerName,
      notes: updated.notes,
      table: updated.table,
      ...versionFields(updated),
    });
    appendActivity(db, tx, {
      actor,
      action: ORDER_ACTIONS.updated,
      orderId,
      changes: { ...changes, version: { from: doc.version, to: updated.version } },
      correlationId: doc.correlationId,
    });
    return { order: orderOf(orderId, updated, items), changedFields };
  });
}

/**
 * PATCH /api/orders/:id/status for every move but cancellation (which compensates). SERVED and
 * DELIVERED count the order in the sales aggregates, in the same transaction.
 */
export function changeStatus(
  db: Firestore,
  orderId: string,
  to: OrderStatus,
  actor: Actor,
  now: Date,
  salesTimeZone = DEFAULT_BUSINESS_TIME_ZONE,
): Promise<{ order: Order; change: StatusChange }> {
  return db.runTransaction(async (tx) => {
    const { ref, doc, items } = await readOrder(db, tx, orderId);
    if (!canTransition(doc.status, to, { type: doc.type, actor: 'staff' }))
      throw illegalTransition(orderId, doc.status, to, doc.type);
    // The kitchen's start is its first move to PREPARING: a recall (READY → PREPARING) keeps it.
    const starts = to === 'PREPARING' && !doc.startedAt;
    const startedAt = starts ? { startedAt: Timestamp.fromDate(now) } : {};
    const updated = bump({ ...doc, status: to, ...startedAt }, actor, now);
    const counted = countOrder(db, tx, { ...updated, items: items.map(([, item]) => item) }, salesTimeZone);
    tx.update(ref, { status: to, ...startedAt, ...versionFields(updated), ...counted });
    appendActivity(db, tx, {
      actor,
      action: ORDER_ACTIONS.statusChanged,
      orderId,
      changes: {
        status: { from: doc.status, to },
        version: { from: doc.version, to: updated.version },
      },
      correlationId: doc.correlationId,
    });
    return {
      order: orderOf(orderId, updated, items),
      change: {
        orderId,
        previousStatus: doc.status,
        newStatus: to,
        updatedAt: now.toISOString(),
        version: updated.version,
        failure: null,
        ...(starts ? { startedAt: now.toISOString() } : {}),
      },
    };
  });
}

export function bump(doc: OrderDoc, actor: Actor, now: Date): OrderDoc {
  return {
    ...doc,
    version: doc.version + 1,
    updatedAt: Timestamp.fromDate(now),
    updatedBy: actor.uid,
  };
}

export const versionFields = (doc: OrderDoc) => ({
  version: doc.version,
  updatedAt: doc.updatedAt,
  updatedBy: doc.updatedBy,
});

import { randomUUID } from 'node:crypto';
import {
  ORDER_ACTIONS,
  ORDER_ITEMS_EDITABLE_IN,
  ORDER_ITEMS_MAX,
  ORDER_TOTAL_MAX_MINOR,
  diffChanges,
  type OrderItem,
} from '@maestro/contracts';
import type {
  DocumentReference,
  DocumentSnapshot,
  Firestore,
  Transaction,
} from 'firebase-admin/firestore';
import { appendActivity, type Actor } from './activity';
import { embedItems } from './embedded-items';
import { STOCK_TRANSACTION, reservationRef, type ReservationDoc } from './inventory/stock-docs';
import {
  itemsRef,
  menuItemRef,
  pricedLine,
  retaxedLine,
  toMenuItem,
  totalsOf,
  toOrderItem,
  type OrderDoc,
  type OrderItemDoc,
} from './order-docs';
import { itemNotFound, notEditable, orderError, orderTooLarge, tooManyLines } from './order-errors';
import { bump, readOrder, versionFields } from './order-writes';
import { paidEdit, type PaidEditDeps } from './paid-edits';

// The items of a placed order. Each write is one transaction with the order (totals, version + 1,
// its items array: embedded-items.ts), the item document, the dish's stock, what the order holds
// (its reservation) and the activity entry; stock writes of one dish queue in this process
// (inventory/keyed-lock.ts). A write that raises the total past what the card holds first has the
// difference authorized (paid-edits.ts); caps on lines and total apply as on creation.

interface ItemResult {
  item: OrderItem;
  version: number;
}

/** POST /api/orders/:id/items: the dish's stock is reserved in the same transaction. */
export function addItem(
  deps: PaidEditDeps,
  orderId: string,
  line: { menuItemId: string; quantity: number; notes: string },
  actor: Actor,
  now: Date,
): Promise<ItemResult> {
  const { db } = deps.ctx;
  return paidEdit(deps, orderId, actor, [line.menuItemId], async (tx, payment) => {
    const { ref, doc, items } = await readOrder(db, tx, orderId);
    const menuSnapshot = await tx.get(menuItemRef(db, line.menuItemId));
    const reservation = await tx.get(reservationRef(db, orderId));
    assertItemsEditable(orderId, doc, reservation.data() as ReservationDoc | undefined);
    const menuItem = toMenuItem(line.menuItemId, menuSnapshot.data());
    if (!menuItem)
      throw orderError('menu_item_not_found', `There is no menu item ${line.menuItemId}.`);
    if (!menuItem.available)
      throw orderError('menu_item_unavailable', `${menuItem.name} is not available right now.`);
    if (menuItem.currency !== doc.currency)
      throw orderError(
        'currency_mismatch',
        `${menuItem.name} is priced in ${menuItem.currency}; this order is in ${doc.currency}.`,
      );
    if (doc.itemCount >= ORDER_ITEMS_MAX) throw tooManyLines(orderId);
    takeStock(tx, menuSnapshot.ref, menuItem.name, menuItem.stock, line.quantity);

    const itemId = randomUUID();
    const item: OrderItemDoc = {
      menuItemId: line.menuItemId,
      quantity: line.quantity,
      notes: line.notes,
      ...pricedLine(menuItem, line.quantity),
      position: doc.nextPosition,
    };
    tx.create(itemsRef(db, orderId).doc(itemId), item);
    const lines = reservation.get('lines') as ReservationDoc['lines'];
    tx.update(reservation.ref, {
      lines: { ...lines, [line.menuItemId]: (lines[line.menuItemId] ?? 0) + line.quantity },
    });
    const updated = bump(
      withTotals(doc, [...items.map(([, held]) => held), item], { nextPosition: doc.nextPosition + 1 }),
      actor,
      now,
    );
    assertTotalWithinCap(orderId, updated);
    tx.update(ref, {
      ...totalsFields(updated),
      items: embedItems([...items, [itemId, item]]),
      ...payment.settle(doc, updated, actor),
    });
    appendActivity(db, tx, {
      actor,
      action: ORDER_ACTIONS.itemAdded,
      orderId,
      changes: {
        [`items.${itemId}`]: { from: null, to: itemSummary(item) },
        ...totalChanges(doc, updated),
      },
      correlationId: doc.correlationId,
    });
    return { item: toOrderItem(itemId, item), version: updated.version };
  });
}

/** PUT /api/orders/:id/items/:itemId: more units take stock, fewer give it back. */
export async function updateItem(
  deps: PaidEditDeps,
  orderId: string,
  itemId: string,
  patch: { quantity?: number; notes?: string },
  actor: Actor,
  now: Date,
): Promise<ItemResult & { changed: boolean }> {
  const { db } = deps.ctx;
  return paidEdit(deps, orderId, actor, await dishOf(db, orderId, itemId), async (tx, payment) => {
    const { ref, doc, items, current, menuSnapshot, reservation } = await readEditableItem(
      db,
      tx,
      orderId,
      itemId,
    );
    const quantity = patch.quantity ?? current.quantity;
    const next: OrderItemDoc = {
      ...current,
      quantity,
      notes: patch.notes ?? current.notes,
      // Price and tax rate as ordered: a menu change since does not move them.
      ...retaxedLine(current, quantity),
    };
    const changes = diffChanges(itemSummary(current), itemSummary(next));
    if (!Object.keys(changes).length)
      return { item: toOrderItem(itemId, current), version: doc.version, changed: false };

    const delta = quantity - current.quantity;
    if (delta > 0) {
      const menuItem = toMenuItem(current.menuItemId, menuSnapshot.data());
      if (!menuItem?.available)
        throw orderError(
          'menu_item_unavailable',
          `${current.menuItem.name} is not available right now.`,
        );
      takeStock(tx, menuSnapshot.ref, menuItem.name, menuItem.stock, delta);
    } else if (delta < 0) {
      giveStock(tx, menuSnapshot, -delta);
    }
    if (delta !== 0) moveReservation(tx, reservation, current.menuItemId, delta);
    tx.update(itemsRef(db, orderId).doc(itemId), {
      quantity: next.quantity,
      notes: next.notes,
      lineTotalMinor: next.lineTotalMinor,
      taxMinor: next.taxMinor,
    });
    const updated = bump(
      withTotals(doc, items.map(([id, held]) => (id === itemId ? next : held))),
      actor,
      now,
    );
    assertTotalWithinCap(orderId, updated);
    // Fewer units need no authorization: the card keeps the larger hold (paid-edits.ts).
    tx.update(ref, {
      ...totalsFields(updated),
      items: embedItems(items.map(([id, item]) => [id, id === itemId ? next : item])),
      ...payment.settle(doc, updated, actor),
    });
    appendActivity(db, tx, {
      actor,
      action: ORDER_ACTIONS.itemUpdated,
      orderId,
      changes: { ...prefixed(`items.${itemId}`, changes), ...totalChanges(doc, updated) },
      correlationId: doc.correlationId,
    });
    return { item: toOrderItem(itemId, next), version: updated.version, changed: true };
  });
}

/**
 * DELETE /api/orders/:id/items/:itemId: its stock goes back; the last item cannot go. The total
 * only falls: no authorization (capture takes the lower total, see paid-edits.ts).
 */
export async function removeItem(
  { ctx: { db }, lock }: Pick<PaidEditDeps, 'ctx' | 'lock'>,
  orderId: string,
  itemId: string,
  actor: Actor,
  now: Date,
): Promise<{ version: number }> {
  return lock(await dishOf(db, orderId, itemId), () =>
    db.runTransaction(async (tx) => {
      const { ref, doc, items, current, menuSnapshot, reservation } = await readEditableItem(
        db,
        tx,
        orderId,
        itemId,
      );
      if (items.length <= 1) {
        throw orderError(
          'order_not_editable',
          `That is the last item of order ${orderId}; cancel the order instead.`,
          { context: { orderId, currentStatus: doc.status } },
        );
      }
      giveStock(tx, menuSnapshot, current.quantity);
      moveReservation(tx, reservation, current.menuItemId, -current.quantity);
      tx.delete(itemsRef(db, orderId).doc(itemId));
      const updated = bump(
        withTotals(doc, items.filter(([id]) => id !== itemId).map(([, held]) => held)),
        actor,
        now,
      );
      tx.update(ref, {
        ...totalsFields(updated),
        items: embedItems(items.filter(([id]) => id !== itemId)),
      });
      appendActivity(db, tx, {
        actor,
        action: ORDER_ACTIONS.itemRemoved,
        orderId,
        changes: {
          [`items.${itemId}`]: { from: itemSummary(current), to: null },
          ...totalChanges(doc, updated),
        },
        correlationId: doc.correlationId,
      });
      return { version: updated.version };
    }, STOCK_TRANSACTION),
  );
}

/** Everything an edit of one line reads first (all reads before any write, as transactions need). */
async function readEditableItem(db: Firestore, tx: Transaction, orderId: string, itemId: string) {
  const { ref, doc, items } = await readOrder(db, tx, orderId);
  const current = items.find(([id]) => id === itemId)?.[1];
  if (!current) throw itemNotFound(orderId, itemId);
  const menuSnapshot = await tx.get(menuItemRef(db, current.menuItemId));
  const reservation = await tx.get(reservationRef(db, orderId));
  assertItemsEditable(orderId, doc, reservation.data() as ReservationDoc | undefined);
  return { ref, doc, items, current, menuSnapshot, reservation };
}

/** The dish an item is of (it never changes), to queue its stock write; none if no such item. */
async function dishOf(db: Firestore, orderId: string, itemId: string): Promise<string[]> {
  const dish: unknown = (await itemsRef(db, orderId).doc(itemId).get()).get('menuItemId');
  return typeof dish === 'string' ? [dish] : [];
}

// Items change only while the kitchen can still act on it, and only while the order holds stock
// (a placed order always does; the check guards orders from before the saga existed).
function assertItemsEditable(
  orderId: string,
  doc: OrderDoc,
  reservation: ReservationDoc | undefined,
) {
  if (!ORDER_ITEMS_EDITABLE_IN.includes(doc.status))
    throw notEditable(orderId, doc.status, 'items');
  if (reservation?.status !== 'held')
    throw notEditable(orderId, doc.status, 'items (it holds no stock)');
}

function assertTotalWithinCap(orderId: string, updated: OrderDoc) {
  if (updated.totalMinor > ORDER_TOTAL_MAX_MINOR)
    throw orderTooLarge(orderId, updated.totalMinor, updated.currency);
}

function takeStock(
  tx: Transaction,
  ref: DocumentReference,
  name: string,
  stock: number,
  units: number,
) {
  if (stock < units) {
    throw orderError('out_of_stock', `Not enough ${name} left (${stock} left, ${units} asked).`);
  }
  tx.update(ref, { stock: stock - units });
}

function giveStock(tx: Transaction, menu: DocumentSnapshot, units: number) {
  // A dish taken off the menu since has no stock to give back to.
  if (menu.exists) tx.update(menu.ref, { stock: Number(menu.get('stock') ?? 0) + units });
}

function moveReservation(
  tx: Transaction,
  reservation: DocumentSnapshot,
  menuItemId: string,
  delta: number,
) {
  const lines = { ...(reservation.get('lines') as ReservationDoc['lines']) };
  const units = (lines[menuItemId] ?? 0) + delta;
  if (units > 0) lines[menuItemId] = units;
  else delete lines[menuItemId];
  tx.update(reservation.ref, { lines });
}

/** The order with its lines' figures (pricing.ts) at the service rate it was placed with. */
function withTotals(doc: OrderDoc, lines: OrderItemDoc[], extra: Partial<OrderDoc> = {}): OrderDoc {
  return {
    ...doc,
    ...extra,
    ...totalsOf(lines, doc.serviceRateBasisPoints ?? 0),
    itemCount: lines.length,
  };
}

const totalsFields = (doc: OrderDoc) => ({
  subtotalMinor: doc.subtotalMinor,
  taxMinor: doc.taxMinor ?? 0,
  serviceMinor: doc.serviceMinor ?? 0,
  totalMinor: doc.totalMinor,
  itemCount: doc.itemCount,
  nextPosition: doc.nextPosition,
  ...versionFields(doc),
});

function totalChanges(before: OrderDoc, after: OrderDoc) {
  return {
    ...((before.taxMinor ?? 0) !== after.taxMinor ? { taxMinor: { from: before.taxMinor ?? 0, to: after.taxMinor } } : {}),
    ...((before.serviceMinor ?? 0) !== after.serviceMinor
      ? { serviceMinor: { from: before.serviceMinor ?? 0, to: after.serviceMinor } }
      : {}),
    totalMinor: { from: before.totalMinor, to: after.totalMinor },
    version: { from: before.version, to: after.version },
  };
}

const itemSummary = (item: OrderItemDoc) => ({
  menuItemId: item.menuItemId,
  quantity: item.quantity,
  notes: item.notes,
  lineTotalMinor: item.lineTotalMinor,
});

function prefixed(prefix: string, changes: Record<string, { from: unknown; to: unknown }>) {
  return Object.fromEntries(
    Object.entries(changes).map(([key, change]) => [`${prefix}.${key}`, change]),
  );
}

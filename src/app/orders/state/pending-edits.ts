// Optimistic edits of a placed order: details and a line's quantity or instructions show as soon as
// staff save, and are put back only if the server refuses and nobody has changed them since.
// Confirmed edits carry the server's answer, applied by version like a socket event, so the page
// is right even when the socket is down (and the socket's copy of the same change is then a no-op).
import { lineTaxMinor, orderTotals, type Order, type OrderItem, type UpdateOrderRequest } from '@maestro/contracts';
import { ordersAdapter, type OrdersState } from './orders.state';
import { changeItems, putServerOrder, upsertItem } from './realtime-updates';

export type DetailFields = UpdateOrderRequest;

export function startDetailsEdit(state: OrdersState, orderId: string, changes: DetailFields): OrdersState {
  const order = state.entities[orderId];
  if (!order) return state;
  return ordersAdapter.updateOne({ id: orderId, changes: fitting(order, changes) }, state);
}

/** Each field goes back to `before` only while it still shows what we put there. */
export function rollBackDetailsEdit(state: OrdersState, orderId: string, before: DetailFields, optimistic: DetailFields): OrdersState {
  const order = state.entities[orderId];
  if (!order) return state;
  const held = order as Partial<Record<keyof DetailFields, string>>;
  const changes: DetailFields = {};
  for (const key of Object.keys(optimistic) as (keyof DetailFields)[]) {
    if (held[key] === optimistic[key] && before[key] !== undefined) changes[key] = before[key];
  }
  if (!Object.keys(changes).length) return state;
  return ordersAdapter.updateOne({ id: orderId, changes: fitting(order, changes) }, state);
}

export function startItemEdit(state: OrdersState, orderId: string, item: OrderItem): OrdersState {
  return replaceLine(state, orderId, item, () => true);
}

export function rollBackItemEdit(state: OrdersState, orderId: string, before: OrderItem, optimistic: OrderItem): OrdersState {
  return replaceLine(state, orderId, before, (held) => held.quantity === optimistic.quantity && held.notes === optimistic.notes);
}

export function saveOrder(state: OrdersState, order: Order): OrdersState {
  return putServerOrder(state, order, order.version);
}

export function saveItem(state: OrdersState, orderId: string, item: OrderItem, version: number): OrdersState {
  return changeItems(state, orderId, version, (items) => upsertItem(items, item));
}

export function saveItemRemoval(state: OrdersState, orderId: string, itemId: string, version: number): OrdersState {
  return changeItems(state, orderId, version, (items) => items.filter((item) => item.id !== itemId));
}

export function saveDeletion(state: OrdersState, orderId: string, version: number): OrdersState {
  const held = state.entities[orderId];
  return held && held.version < version ? ordersAdapter.removeOne(orderId, state) : state;
}

/** A table only on a dine-in order: the patch never turns a takeaway into something else. */
function fitting(order: Order, changes: DetailFields): Partial<Order> {
  const { table, ...rest } = changes;
  return order.type === 'dine-in' && table !== undefined ? { ...rest, table } : rest;
}

/** The line replaced (version unchanged: the server's event brings the next one), totals recomputed. */
function replaceLine(state: OrdersState, orderId: string, line: OrderItem, stillOurs: (held: OrderItem) => boolean): OrdersState {
  const order = state.entities[orderId];
  const held = order?.items.find((item) => item.id === line.id);
  if (!order || !held || !stillOurs(held)) return state;
  // The line's tax follows its new total by the same rule as the API's (pricing.ts).
  const taxed = { ...line, taxMinor: lineTaxMinor(line.lineTotalMinor, line.menuItem.taxRateBasisPoints ?? 0, line.menuItem.taxInclusive === true) };
  const items = order.items.map((item) => (item.id === line.id ? taxed : item));
  return ordersAdapter.updateOne({ id: orderId, changes: { items, ...orderTotals(items, order.serviceRateBasisPoints ?? 0) } }, state);
}

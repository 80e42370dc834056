// Socket events applied to the orders state. Every payload carries the order's version after the
// change; an event applies only when it is newer than the copy held, so duplicates, replays and
// events overtaken by a fresher list leave the state object untouched (nothing re-renders).
import { orderTotals, type Order, type OrderItem } from '@maestro/contracts';
import { OrdersRealtimeActions, type RealtimeOrderAction } from './orders.actions';
import { ordersAdapter, type OrdersState } from './orders.state';
import { withoutPending, withPendingMove } from './pending-moves';

export function realtimeOrderId(action: RealtimeOrderAction): string {
  return 'order' in action ? action.order.id : action.orderId;
}

export function applyRealtimeEvent(state: OrdersState, action: RealtimeOrderAction): OrdersState {
  switch (action.type) {
    case OrdersRealtimeActions.orderCreated.type:
    case OrdersRealtimeActions.orderUpdated.type:
      return putServerOrder(state, action.order, action.version);
    case OrdersRealtimeActions.orderStatusChanged.type: {
      const held = newerThanHeld(state, action.orderId, action.version);
      if (!held) return state;
      const { newStatus: status, updatedAt, version, failure, startedAt } = action;
      // The kitchen's start comes with the first move to PREPARING only; other moves keep it.
      const started = startedAt ? { startedAt } : {};
      return ordersAdapter.updateOne(
        { id: held.id, changes: { status, updatedAt, version, failure, ...started } },
        { ...state, pending: withoutPending(state.pending, held.id) },
      );
    }
    case OrdersRealtimeActions.orderDeleted.type: {
      const held = newerThanHeld(state, action.orderId, action.version);
      if (!held) return state;
      return ordersAdapter.removeOne(held.id, {
        ...state,
        pending: withoutPending(state.pending, held.id),
      });
    }
    case OrdersRealtimeActions.orderItemAdded.type:
    case OrdersRealtimeActions.orderItemUpdated.type:
      return changeItems(state, action.orderId, action.version, (items) =>
        upsertItem(items, action.item),
      );
    case OrdersRealtimeActions.orderItemRemoved.type:
      return changeItems(state, action.orderId, action.version, (items) =>
        items.filter((item) => item.id !== action.itemId),
      );
  }
}

/** Created or updated: an unknown order is added (we may have missed its creation). */
export function putServerOrder(state: OrdersState, order: Order, version: number): OrdersState {
  const held = state.entities[order.id];
  if (held && held.version >= version) return state;
  // The payload's version is the one the next event is compared with.
  const shown = withPendingMove({ ...order, version }, state.pending);
  return ordersAdapter.setOne(shown.order, { ...state, pending: shown.pending });
}

/** The held order when the event is newer; unknown orders wait for the next full list. */
function newerThanHeld(state: OrdersState, orderId: string, version: number): Order | null {
  const held = state.entities[orderId];
  return held && held.version < version ? held : null;
}

export function changeItems(
  state: OrdersState,
  orderId: string,
  version: number,
  change: (items: readonly OrderItem[]) => OrderItem[],
): OrdersState {
  const held = newerThanHeld(state, orderId, version);
  if (!held) return state;
  const items = change(held.items);
  return ordersAdapter.updateOne(
    { id: orderId, changes: { items, ...orderTotals(items, held.serviceRateBasisPoints ?? 0), version } },
    state,
  );
}

/** Replaces the line with the same id, or appends it (an update whose add we missed). */
export function upsertItem(items: readonly OrderItem[], item: OrderItem): OrderItem[] {
  const at = items.findIndex((line) => line.id === item.id);
  if (at === -1) return [...items, item];
  return items.map((line, index) => (index === at ? item : line));
}

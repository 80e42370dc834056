// Socket events applied to the orders state. Every payload carries the order's version after the
// change; an event applies only when it is newer than the copy held, so duplicates, replays and
// events overtaken by a fresher list leave the state object untouched (nothing re-renders).
// Events are applied to a draft (orders-draft.ts): the socket's events of one frame cost one copy
// of the state, whatever their number.
import { orderTotals, type Order, type OrderItem } from '@maestro/contracts';
import { OrdersRealtimeActions, type RealtimeOrderAction } from './orders.actions';
import { OrdersDraft } from './orders-draft';
import type { OrdersState } from './orders.state';
import { withoutPending, withPendingMove } from './pending-moves';

export function realtimeOrderId(action: RealtimeOrderAction): string {
  return 'order' in action ? action.order.id : action.orderId;
}

/** The events in order, as if applied one by one. */
export function applyRealtimeEvents(state: OrdersState, actions: readonly RealtimeOrderAction[]): OrdersState {
  const draft = new OrdersDraft(state);
  for (const action of actions) applyToDraft(draft, action);
  return draft.result();
}

/** True when the event changed the draft. */
export function applyToDraft(draft: OrdersDraft, action: RealtimeOrderAction): boolean {
  switch (action.type) {
    case OrdersRealtimeActions.orderCreated.type:
    case OrdersRealtimeActions.orderUpdated.type:
      return putServerOrderIn(draft, action.order, action.version);
    case OrdersRealtimeActions.orderStatusChanged.type: {
      const held = newerThanHeld(draft, action.orderId, action.version);
      if (!held) return false;
      const { newStatus: status, updatedAt, version, failure, startedAt } = action;
      // The kitchen's start comes with the first move to PREPARING only; other moves keep it.
      const started = startedAt ? { startedAt } : {};
      draft.pending = withoutPending(draft.pending, held.id);
      draft.set(held.id, { ...held, status, updatedAt, version, failure, ...started });
      return true;
    }
    case OrdersRealtimeActions.orderDeleted.type: {
      const held = newerThanHeld(draft, action.orderId, action.version);
      if (!held) return false;
      draft.pending = withoutPending(draft.pending, held.id);
      draft.set(held.id, null);
      return true;
    }
    case OrdersRealtimeActions.orderItemAdded.type:
    case OrdersRealtimeActions.orderItemUpdated.type:
      return changeItemsIn(draft, action.orderId, action.version, (items) => upsertItem(items, action.item));
    case OrdersRealtimeActions.orderItemRemoved.type:
      return changeItemsIn(draft, action.orderId, action.version, (items) =>
        items.filter((item) => item.id !== action.itemId),
      );
  }
}

/** Created or updated: an unknown order is added (we may have missed its creation). */
export function putServerOrder(state: OrdersState, order: Order, version: number): OrdersState {
  const draft = new OrdersDraft(state);
  putServerOrderIn(draft, order, version);
  return draft.result();
}

function putServerOrderIn(draft: OrdersDraft, order: Order, version: number): boolean {
  const held = draft.get(order.id);
  if (held && held.version >= version) return false;
  // The payload's version is the one the next event is compared with.
  const shown = withPendingMove({ ...order, version }, draft.pending);
  draft.pending = shown.pending;
  draft.set(order.id, shown.order);
  return true;
}

/** The held order when the event is newer; unknown orders wait for the next full list. */
function newerThanHeld(draft: OrdersDraft, orderId: string, version: number): Order | null {
  const held = draft.get(orderId);
  return held && held.version < version ? held : null;
}

export function changeItems(
  state: OrdersState,
  orderId: string,
  version: number,
  change: (items: readonly OrderItem[]) => OrderItem[],
): OrdersState {
  const draft = new OrdersDraft(state);
  changeItemsIn(draft, orderId, version, change);
  return draft.result();
}

function changeItemsIn(
  draft: OrdersDraft,
  orderId: string,
  version: number,
  change: (items: readonly OrderItem[]) => OrderItem[],
): boolean {
  const held = newerThanHeld(draft, orderId, version);
  if (!held) return false;
  const items = change(held.items);
  draft.set(orderId, { ...held, items, ...orderTotals(items, held.serviceRateBasisPoints ?? 0), version });
  return true;
}

/** Replaces the line with the same id, or appends it (an update whose add we missed). */
export function upsertItem(items: readonly OrderItem[], item: OrderItem): OrderItem[] {
  const at = items.findIndex((line) => line.id === item.id);
  if (at === -1) return [...items, item];
  return items.map((line, index) => (index === at ? item : line));
}

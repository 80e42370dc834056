// The full list replaces the board, at start and after a reconnect whose missed events could
// not be replayed. The list was read a moment ago, so anything newer that the socket brought in
// the meantime wins over it.
import type { Order } from '@maestro/contracts';
import { ordersAdapter, type OrdersState } from './orders.state';
import { withPendingMove } from './pending-moves';
import { applyRealtimeEvents } from './realtime-updates';

export function loadBoard(
  state: OrdersState,
  orders: readonly Order[],
  loadedAt: string,
): OrdersState {
  const shown = new Map<string, Order>();
  const settled = new Set<string>();
  for (const loaded of newestPerId(orders).values()) {
    const held = state.entities[loaded.id];
    if (held && held.version >= loaded.version) {
      shown.set(held.id, held);
      continue;
    }
    const merged = withPendingMove(loaded, state.pending);
    if (merged.pending !== state.pending) settled.add(loaded.id);
    shown.set(loaded.id, merged.order);
  }
  // An order missing from the list is gone, unless staff are moving it right now: its card
  // stays until the move settles, and the move's own outcome decides what comes next.
  for (const orderId of Object.keys(state.pending)) {
    const held = state.entities[orderId];
    if (held && !shown.has(orderId)) shown.set(orderId, held);
  }
  const pending = Object.fromEntries(
    Object.entries(state.pending).filter(([id]) => shown.has(id) && !settled.has(id)),
  );
  const listed: OrdersState = ordersAdapter.setAll([...shown.values()], {
    ...state,
    pending,
    loading: false,
    loadError: null,
    loadedAt,
    eventsWhileLoading: [],
  });
  return applyRealtimeEvents(listed, state.eventsWhileLoading);
}

/** Pages of a list can overlap while orders change: an order appears once, at its newest. */
function newestPerId(orders: readonly Order[]): Map<string, Order> {
  const newest = new Map<string, Order>();
  for (const order of orders) {
    const seen = newest.get(order.id);
    if (!seen || order.version > seen.version) newest.set(order.id, order);
  }
  return newest;
}

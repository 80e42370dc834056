// A service finishes hundreds of orders. The board shows the latest few; keeping every finished
// order in memory would grow the state (and each selector pass) for the whole shift.
import { isFinalOrderStatus, type Order } from '@maestro/contracts';
import { byMostRecentlyFinished } from './board-view';
import { ordersAdapter, type OrdersState } from './orders.state';

/** How many finished orders the board keeps: the most recently finished. */
export const FINISHED_KEPT = 50;

/**
 * Drops the finished orders beyond the latest `kept`. Orders with a move in flight stay (the
 * move's outcome decides). The same state object when nothing is dropped.
 */
export function capFinished(state: OrdersState, kept = FINISHED_KEPT): OrdersState {
  const finished: Order[] = [];
  for (const id of state.ids as readonly string[]) {
    const order = state.entities[id];
    if (order && isFinalOrderStatus(order.status) && !state.pending[id]) finished.push(order);
  }
  if (finished.length <= kept) return state;
  const dropped = finished.sort(byMostRecentlyFinished).slice(kept).map((order) => order.id);
  return ordersAdapter.removeMany(dropped, state);
}

// A service finishes hundreds of orders. The board shows the latest few; keeping every finished
// order in memory would grow the state (and each selector pass) for the whole shift.
import { isFinalOrderStatus, type Order } from '@maestro/contracts';
import { byMostRecentlyFinished } from './board-view';
import { OrdersDraft } from './orders-draft';
import type { OrdersState } from './orders.state';

/** How many finished orders the board keeps: the most recently finished. */
export const FINISHED_KEPT = 50;

/**
 * Drops the finished orders beyond the latest `kept`. Orders with a move in flight stay (the
 * move's outcome decides). The same state object when nothing is dropped.
 */
export function capFinished(state: OrdersState, kept = FINISHED_KEPT): OrdersState {
  const draft = new OrdersDraft(state);
  capFinishedIn(draft, kept);
  return draft.result();
}

/** True when it dropped any. */
export function capFinishedIn(draft: OrdersDraft, kept = FINISHED_KEPT): boolean {
  const finished: Order[] = [];
  for (const order of draft.orders()) {
    if (isFinalOrderStatus(order.status) && !draft.pending[order.id]) finished.push(order);
  }
  if (finished.length <= kept) return false;
  for (const order of finished.sort(byMostRecentlyFinished).slice(kept)) draft.set(order.id, null);
  return true;
}

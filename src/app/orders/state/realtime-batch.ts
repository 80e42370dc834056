// The socket's events as the reducer receives them: one by one or a frame's worth at once
// (OrdersRealtimeActions.eventsArrived), with the same outcome either way, for one copy of the
// state per action instead of one per event.
import { isFinalOrderStatus } from '@maestro/contracts';
import { capFinishedIn } from './finished-cap';
import { OrdersRealtimeActions, type RealtimeOrderAction } from './orders.actions';
import { OrdersDraft } from './orders-draft';
import type { OrdersState } from './orders.state';
import { applyToDraft, realtimeOrderId } from './realtime-updates';

/**
 * Each event applied in order, the finished orders capped after each event that can finish one.
 * While the list is in flight, an event it may predate is kept for replay on top of it: one that
 * changed the state, or one about an order not held yet. A stale event about a held order
 * stays ignored, since the list cannot hold anything older than what we already have.
 */
export function receiveRealtimeEvents(state: OrdersState, actions: readonly RealtimeOrderAction[]): OrdersState {
  const draft = new OrdersDraft(state);
  const remembered: RealtimeOrderAction[] = [];
  for (const action of actions) {
    const held = draft.get(realtimeOrderId(action));
    const applied = applyToDraft(draft, action);
    const capped = finishes(action) && capFinishedIn(draft);
    if (state.loading && (applied || capped || !held)) remembered.push(action);
  }
  const next = draft.result();
  if (!remembered.length) return next;
  return { ...next, eventsWhileLoading: [...next.eventsWhileLoading, ...remembered] };
}

/** Only an event that can finish an order can take the finished ones over the cap. */
function finishes(action: RealtimeOrderAction): boolean {
  if (action.type === OrdersRealtimeActions.orderStatusChanged.type)
    return isFinalOrderStatus(action.newStatus);
  if ('order' in action) return isFinalOrderStatus(action.order.status);
  return false;
}

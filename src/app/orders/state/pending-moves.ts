// Optimistic status moves: the card moves as soon as staff click, and comes back only if the
// server refuses and nothing newer has moved the order since.
import { canTransition, type Order, type OrderStatus } from '@maestro/contracts';
import { ordersAdapter, type OrdersState, type PendingMove } from './orders.state';

export function withoutPending(
  pending: Record<string, PendingMove>,
  orderId: string,
): Record<string, PendingMove> {
  if (!(orderId in pending)) return pending;
  const { [orderId]: _settled, ...rest } = pending;
  return rest;
}

/**
 * The server's copy of an order as the board shows it. While the server still reports the move's
 * `from` it has not seen our move yet (e.g. a note was edited meanwhile), so the card stays where
 * staff put it; any other status means the server has spoken, and the move is no longer pending.
 */
export function withPendingMove(
  order: Order,
  pending: Record<string, PendingMove>,
): { order: Order; pending: Record<string, PendingMove> } {
  const move = pending[order.id];
  if (!move) return { order, pending };
  if (order.status === move.from) return { order: { ...order, status: move.to }, pending };
  return { order, pending: withoutPending(pending, order.id) };
}

/**
 * Only a legal staff move from the status the board shows. One move per order at a time: a second
 * one would start from a status the server may still refuse, and its confirmation could not be
 * told apart from the first's.
 */
export function startMove(
  state: OrdersState,
  move: { orderId: string; from: OrderStatus; to: OrderStatus },
): OrdersState {
  const order = state.entities[move.orderId];
  if (!order || order.status !== move.from || move.orderId in state.pending) return state;
  if (!canTransition(move.from, move.to, { type: order.type })) return state;
  return ordersAdapter.updateOne(
    { id: move.orderId, changes: { status: move.to } },
    { ...state, pending: { ...state.pending, [move.orderId]: { from: move.from, to: move.to } } },
  );
}

/** The status stays: the realtime event carrying the new version follows, or already came. */
export function confirmMove(state: OrdersState, orderId: string): OrdersState {
  const pending = withoutPending(state.pending, orderId);
  return pending === state.pending ? state : { ...state, pending };
}

export function rollBackMove(
  state: OrdersState,
  move: { orderId: string; from: OrderStatus; to: OrderStatus; currentStatus?: OrderStatus | null },
): OrdersState {
  const held = state.pending[move.orderId];
  // No longer ours to undo: a realtime event already settled this move.
  if (!held || held.from !== move.from || held.to !== move.to) return state;
  const next = { ...state, pending: withoutPending(state.pending, move.orderId) };
  const order = state.entities[move.orderId];
  if (!order || order.status !== move.to) return next;
  // On a 409 the server names the status it holds: show that rather than guess.
  const status = move.currentStatus ?? move.from;
  return ordersAdapter.updateOne({ id: move.orderId, changes: { status } }, next);
}

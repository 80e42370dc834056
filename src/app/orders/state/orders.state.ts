// The shape of the orders slice: the orders the board and the kitchen show, plus what the
// screens need to tell the truth about them (loading, moves in flight, the socket's state).
import type { Order, OrderStatus } from '@maestro/contracts';
import { createEntityAdapter, type EntityState } from '@ngrx/entity';
import type { RealtimeOrderAction, SocketConnectionState } from './orders.actions';

/** A status move shown before the server answered. */
export interface PendingMove {
  from: OrderStatus;
  to: OrderStatus;
}

export interface OrdersConnection {
  state: SocketConnectionState;
  /** ISO 8601; null until the socket reported for the first time. */
  since: string | null;
}

export interface OrdersState extends EntityState<Order> {
  loading: boolean;
  loadError: string | null;
  /** ISO 8601 of the last full list. */
  loadedAt: string | null;
  /** By order id: at most one optimistic move per order. */
  pending: Record<string, PendingMove>;
  connection: OrdersConnection;
  /**
   * Socket events that arrived while the list was in flight: the list may predate them, so they
   * are replayed on top of it (versions make that safe). Without this, an order created or
   * deleted during the request would vanish or come back.
   */
  eventsWhileLoading: RealtimeOrderAction[];
}

/** Arrival order: the kitchen cooks first come, first served; ids break ties so it is stable. */
export function byArrival(a: Order, b: Order): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export const ordersAdapter = createEntityAdapter<Order>({ sortComparer: byArrival });

export const initialOrdersState: OrdersState = ordersAdapter.getInitialState({
  loading: false,
  loadError: null,
  loadedAt: null,
  pending: {},
  connection: { state: 'connecting', since: null },
  eventsWhileLoading: [],
});

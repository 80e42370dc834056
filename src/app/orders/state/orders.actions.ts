// What happens to the orders state, named by where it happened: the board's list request, the
// order socket, and the staff's status moves.
import type {
  Order,
  OrderCreatedEvent,
  OrderDeletedEvent,
  OrderEventName,
  OrderEventPayloads,
  OrderItem,
  OrderItemAddedEvent,
  OrderItemRemovedEvent,
  OrderItemUpdatedEvent,
  OrderStatus,
  OrderStatusChangedEvent,
  OrderUpdatedEvent,
  UpdateOrderRequest,
} from '@maestro/contracts';
import { createActionGroup, emptyProps, props } from '@ngrx/store';

export const OrdersBoardActions = createActionGroup({
  source: 'Orders Board',
  events: {
    'Board Load Started': emptyProps(),
    /** The full list, at start and on a resync; `loadedAt` (ISO) comes from the caller's clock. */
    'Board Loaded': props<{ orders: Order[]; loadedAt: string }>(),
    'Board Load Failed': props<{ message: string }>(),
  },
});

/** One per socket event; the props are the event's payload as the server sent it. */
export const OrdersRealtimeActions = createActionGroup({
  source: 'Orders Realtime',
  events: {
    'Order Created': props<OrderCreatedEvent>(),
    'Order Updated': props<OrderUpdatedEvent>(),
    'Order Status Changed': props<OrderStatusChangedEvent>(),
    'Order Deleted': props<OrderDeletedEvent>(),
    'Order Item Added': props<OrderItemAddedEvent>(),
    'Order Item Updated': props<OrderItemUpdatedEvent>(),
    'Order Item Removed': props<OrderItemRemovedEvent>(),
  },
});

export type RealtimeOrderAction = ReturnType<
  (typeof OrdersRealtimeActions)[keyof typeof OrdersRealtimeActions]
>;

/**
 * The socket's events of one animation frame, in arrival order: the reducer applies them in one
 * pass, as it would one by one (at 100 events a second, one copy of 5,000 orders per event was a
 * long task, issue 21).
 */
export const OrdersRealtimeBatchActions = createActionGroup({
  source: 'Orders Realtime',
  events: {
    'Events Arrived': props<{ events: RealtimeOrderAction[] }>(),
  },
});

export const OrdersCommandActions = createActionGroup({
  source: 'Orders Command',
  events: {
    /** Shown at once; the order's version stays until the server's event brings the new one. */
    'Status Change Optimistic': props<{ orderId: string; from: OrderStatus; to: OrderStatus }>(),
    'Status Change Confirmed': props<{ orderId: string }>(),
    /** The server refused (`currentStatus` from its 409 body when it said) or the call failed. */
    'Status Change Rolled Back': props<{
      orderId: string;
      from: OrderStatus;
      to: OrderStatus;
      currentStatus?: OrderStatus | null;
    }>(),
  },
});

/** Edits from the order page: shown at once where safe, put back on a refusal, the server's answer applied. */
export const OrdersEditActions = createActionGroup({
  source: 'Order Edit',
  events: {
    'Details Edit Optimistic': props<{ orderId: string; changes: UpdateOrderRequest }>(),
    'Details Edit Rolled Back': props<{ orderId: string; before: UpdateOrderRequest; optimistic: UpdateOrderRequest }>(),
    'Item Edit Optimistic': props<{ orderId: string; item: OrderItem }>(),
    'Item Edit Rolled Back': props<{ orderId: string; before: OrderItem; optimistic: OrderItem }>(),
    'Details Saved': props<{ order: Order }>(),
    'Item Saved': props<{ orderId: string; item: OrderItem; version: number }>(),
    'Item Removal Saved': props<{ orderId: string; itemId: string; version: number }>(),
    'Deletion Saved': props<{ orderId: string; version: number }>(),
  },
});

export const SOCKET_CONNECTION_STATES = ['connecting', 'live', 'reconnecting', 'offline'] as const;
export type SocketConnectionState = (typeof SOCKET_CONNECTION_STATES)[number];

export const OrdersConnectionActions = createActionGroup({
  source: 'Orders Socket',
  events: {
    /** `since` is ISO 8601: the board says "offline since 18:04". */
    'Connection Changed': props<{ state: SocketConnectionState; since: string }>(),
  },
});

type RealtimeActionCreators = {
  [E in OrderEventName]: (payload: OrderEventPayloads[E]) => RealtimeOrderAction;
};

const REALTIME_ACTION_BY_EVENT: RealtimeActionCreators = {
  'order:created': OrdersRealtimeActions.orderCreated,
  'order:updated': OrdersRealtimeActions.orderUpdated,
  'order:status-changed': OrdersRealtimeActions.orderStatusChanged,
  'order:deleted': OrdersRealtimeActions.orderDeleted,
  'order-item:added': OrdersRealtimeActions.orderItemAdded,
  'order-item:updated': OrdersRealtimeActions.orderItemUpdated,
  'order-item:removed': OrdersRealtimeActions.orderItemRemoved,
};

/** Lets the socket adapter loop over ORDER_EVENT_NAMES and dispatch each event generically. */
export function realtimeAction<E extends OrderEventName>(
  name: E,
  payload: OrderEventPayloads[E],
): RealtimeOrderAction {
  const create: (payload: OrderEventPayloads[E]) => RealtimeOrderAction =
    REALTIME_ACTION_BY_EVENT[name];
  return create(payload);
}

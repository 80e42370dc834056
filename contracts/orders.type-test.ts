// Compile-time tests of the order contracts: each @ts-expect-error line MUST fail to compile.
import {
  ORDER_EVENT_NAMES,
  type CreateOrderRequest,
  type Order,
  type OrderEventName,
  type OrderServerToClientEvents,
} from './orders';

// Every realtime event is listed once in ORDER_EVENT_NAMES.
type Missing = Exclude<OrderEventName, (typeof ORDER_EVENT_NAMES)[number]>;
export const allEventsListed: [Missing] extends [never] ? true : never = true;

export const dineIn: CreateOrderRequest = {
  type: 'dine-in',
  table: '4',
  items: [{ menuItemId: 'burger', quantity: 1 }],
};

// @ts-expect-error a dine-in order needs its table
export const noTable: CreateOrderRequest = { type: 'dine-in', items: [] };

// @ts-expect-error a delivery order needs its address
export const noAddress: CreateOrderRequest = { type: 'delivery', items: [] };

export function deliveryAddress(order: Order): string | undefined {
  // @ts-expect-error only a delivery order has an address
  return order.address?.street;
}

export const onStatus: OrderServerToClientEvents['order:status-changed'] = (payload) =>
  // @ts-expect-error a status-changed payload has no order, only its id
  payload.order;

// How people say orders and their statuses: one wording for the SPA's screens, its error
// sentences and the admin monitor, so a refusal names an order the way the board shows it.
import { SAGA_ACTIONS, type OrderStatus } from './orders';

/** What staff call each status on screen. */
export const ORDER_STATUS_WORDS: Record<OrderStatus, string> = {
  PENDING: 'Being placed',
  CONFIRMED: 'New',
  PREPARING: 'Preparing',
  READY: 'Ready',
  OUT_FOR_DELIVERY: 'Out for delivery',
  SERVED: 'Served',
  DELIVERED: 'Delivered',
  CANCELLED: 'Cancelled',
  FAILED: 'Failed',
};

/** A short reference people can say out loud: the id's first six characters, as `#3DSADV`. */
export const shortOrderNumber = (orderId: string): string => `#${orderId.slice(0, 6).toUpperCase()}`;

/** Where an order goes, in words: a table, a name to call, or a street. */
export function orderDestinationWords(order: {
  type: string;
  table?: string | null;
  customerName?: string;
  address?: { street?: string } | null;
}): string {
  switch (order.type) {
    case 'dine-in':
      return `Table ${order.table ?? ''}`;
    case 'delivery':
      return `Delivery · ${order.address?.street ?? ''}`;
    default:
      return order.customerName ? `Takeaway · ${order.customerName}` : 'Takeaway';
  }
}

/** A saga step's activity entries in words, on the order page and in the admin's saga monitor. */
export const SAGA_STEP_WORDS: Readonly<Record<string, string>> = {
  [SAGA_ACTIONS.menu.done]: 'Menu checked',
  [SAGA_ACTIONS.menu.failed]: 'Menu check failed',
  [SAGA_ACTIONS.payment.done]: 'Payment authorized',
  [SAGA_ACTIONS.payment.failed]: 'Payment failed',
  [SAGA_ACTIONS.payment.compensated!]: 'Payment refunded',
  [SAGA_ACTIONS.inventory.done]: 'Stock reserved',
  [SAGA_ACTIONS.inventory.failed]: 'Stock reservation failed',
  [SAGA_ACTIONS.inventory.compensated!]: 'Stock put back',
  [SAGA_ACTIONS.delivery.done]: 'Courier booked',
  [SAGA_ACTIONS.delivery.failed]: 'Courier booking failed',
  [SAGA_ACTIONS.delivery.compensated!]: 'Courier cancelled',
};

// How people say orders and their statuses: one wording for the SPA's screens, its error
// sentences and the admin monitor, so a refusal names an order the way the board shows it.
import type { OrderStatus } from './orders';

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

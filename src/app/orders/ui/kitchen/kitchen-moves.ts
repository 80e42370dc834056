// Which status move the kitchen offers on a ticket, and the "Recently bumped" list. Pure.
import { canTransition, type Order, type OrderStatus } from '@maestro/contracts';

/** The kitchen's forward move from each status it shows: start cooking, then plate. */
const BUMP_TO: Partial<Record<OrderStatus, OrderStatus>> = {
  CONFIRMED: 'PREPARING',
  PREPARING: 'READY',
};

/** Where a bump takes the order, or null when the status machine does not allow one. */
export function bumpTarget(order: Pick<Order, 'status' | 'type'>): OrderStatus | null {
  const to = BUMP_TO[order.status];
  return to && canTransition(order.status, to, { type: order.type }) ? to : null;
}

/** Recall takes a plate back to the stove: only from READY, and only when the machine allows it. */
export function canRecall(order: Pick<Order, 'status' | 'type'> | undefined): boolean {
  return !!order && order.status === 'READY' && canTransition('READY', 'PREPARING', { type: order.type });
}

export const RECALL_LIMIT = 5;

/** The orders this screen bumped to READY, newest first; bumping one again moves it to the front. */
export function rememberBump(bumped: readonly string[], orderId: string): string[] {
  return [orderId, ...bumped.filter((id) => id !== orderId)].slice(0, RECALL_LIMIT);
}

// The order board: one column per active status, then the orders that just finished.
// Pure functions; the selectors memoise them and keep unchanged columns' arrays as they were,
// so an event about one order re-renders only the column(s) it touched.
import {
  isFinalOrderStatus,
  type Order,
  type OrderStatus,
  type OrderType,
} from '@maestro/contracts';

/** Left to right, the way an order travels. */
export const BOARD_COLUMN_STATUSES = [
  'PENDING',
  'CONFIRMED',
  'PREPARING',
  'READY',
  'OUT_FOR_DELIVERY',
] as const satisfies readonly OrderStatus[];
export type BoardColumnStatus = (typeof BOARD_COLUMN_STATUSES)[number];

export interface BoardColumn {
  status: BoardColumnStatus;
  /** Oldest first: the order waiting longest is on top. */
  orders: readonly Order[];
  count: number;
}

export interface BoardView {
  columns: readonly BoardColumn[];
  /** SERVED, DELIVERED, CANCELLED and FAILED, the most recently finished first. */
  finished: readonly Order[];
}

export interface BoardFilter {
  text?: string;
  type?: OrderType | null;
}

/** `orders` in arrival order (as the state keeps them); `previous` lends its unchanged arrays. */
export function boardViewOf(orders: readonly Order[], previous: BoardView | null): BoardView {
  const byStatus = new Map<OrderStatus, Order[]>();
  const finished: Order[] = [];
  for (const order of orders) {
    if (isFinalOrderStatus(order.status)) {
      finished.push(order);
      continue;
    }
    const column = byStatus.get(order.status);
    if (column) column.push(order);
    else byStatus.set(order.status, [order]);
  }
  finished.sort(byMostRecentlyFinished);
  const columns = BOARD_COLUMN_STATUSES.map((status, index): BoardColumn => {
    const kept = previous?.columns[index];
    const orders = byStatus.get(status) ?? [];
    return kept && sameOrders(kept.orders, orders)
      ? kept
      : { status, orders, count: orders.length };
  });
  if (!previous) return { columns, finished };
  const sameColumns = columns.every((column, index) => column === previous.columns[index]);
  const sameFinished = sameOrders(previous.finished, finished);
  if (sameColumns && sameFinished) return previous;
  return {
    columns: sameColumns ? previous.columns : columns,
    finished: sameFinished ? previous.finished : finished,
  };
}

/** Text matches an order id's start, the table, the customer or an item, ignoring case. */
export function matchesBoardFilter(order: Order, filter: BoardFilter): boolean {
  if (filter.type && order.type !== filter.type) return false;
  const text = filter.text?.trim().toLowerCase() ?? '';
  if (!text) return true;
  return (
    order.id.toLowerCase().startsWith(text) ||
    (order.type === 'dine-in' && order.table.toLowerCase().includes(text)) ||
    order.customerName.toLowerCase().includes(text) ||
    order.items.some((item) => item.menuItem.name.toLowerCase().includes(text))
  );
}

export function isBoardFilterEmpty(filter: BoardFilter): boolean {
  return !filter.type && !filter.text?.trim();
}

/** Most recently finished first (ties by id, so the order is stable). */
export function byMostRecentlyFinished(a: Order, b: Order): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Same orders, same objects, same order: nothing on screen would change. */
export function sameOrders<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

// The kitchen display: tickets for what is to cook, and the "all day" tally (how many of each
// dish are to cook in total), optionally for one station.
import type { KitchenStation, Order, OrderItem, OrderStatus } from '@maestro/contracts';

/** Confirmed orders wait for the kitchen, preparing ones are on the stove. */
export const KITCHEN_STATUSES: readonly OrderStatus[] = ['CONFIRMED', 'PREPARING'];

export interface KitchenTicket {
  order: Order;
  /** The lines for the station shown (every line when no station is chosen). */
  items: readonly OrderItem[];
}

export interface AllDayCount {
  name: string;
  count: number;
}

export function isInKitchen(order: Order): boolean {
  return KITCHEN_STATUSES.includes(order.status);
}

export function itemsForStation(
  items: readonly OrderItem[],
  station: KitchenStation | null,
): readonly OrderItem[] {
  return station === null ? items : items.filter((item) => item.menuItem.station === station);
}

/**
 * `orders` in arrival order. `cache` keeps one ticket per order object, so a ticket keeps its
 * identity until its order changes and the display redraws only that ticket.
 */
export function kitchenTicketsOf(
  orders: readonly Order[],
  station: KitchenStation | null,
  cache: WeakMap<Order, KitchenTicket | null>,
): KitchenTicket[] {
  const tickets: KitchenTicket[] = [];
  for (const order of orders) {
    if (!isInKitchen(order)) continue;
    let ticket = cache.get(order);
    if (ticket === undefined) {
      const items = itemsForStation(order.items, station);
      ticket = station === null || items.length > 0 ? { order, items } : null;
      cache.set(order, ticket);
    }
    if (ticket) tickets.push(ticket);
  }
  return tickets;
}

/** Most wanted first, then by name, so the list does not jump between equal counts. */
export function allDayCountsOf(
  orders: readonly Order[],
  station: KitchenStation | null,
): AllDayCount[] {
  const counts = new Map<string, number>();
  for (const order of orders) {
    if (!isInKitchen(order)) continue;
    for (const item of itemsForStation(order.items, station)) {
      counts.set(item.menuItem.name, (counts.get(item.menuItem.name) ?? 0) + item.quantity);
    }
  }
  return [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

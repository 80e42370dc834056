// The kitchen display: tickets for what is to cook, and the "all day" tally (how many of each
// dish are to cook in total), optionally for some stations (a cook works grill and fry, say).
import { KITCHEN_STATIONS, type KitchenStation, type Order, type OrderItem, type OrderStatus } from '@maestro/contracts';

/** Confirmed orders wait for the kitchen, preparing ones are on the stove. */
export const KITCHEN_STATUSES: readonly OrderStatus[] = ['CONFIRMED', 'PREPARING'];

/** The stations shown; empty is every station. */
export type StationFilter = readonly KitchenStation[];

/**
 * One spelling per filter, in the stations' own order, without repeats; every station is the
 * same as none (all). A single station or null (all) is accepted too.
 */
export function stationFilterOf(stations: KitchenStation | StationFilter | null): StationFilter {
  if (stations === null) return [];
  const chosen = typeof stations === 'string' ? [stations] : stations;
  const set = KITCHEN_STATIONS.filter((station) => chosen.includes(station));
  return set.length === KITCHEN_STATIONS.length ? [] : set;
}

export interface KitchenTicket {
  order: Order;
  /** The lines for the stations shown (every line when no station is chosen). */
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
  stations: StationFilter,
): readonly OrderItem[] {
  return stations.length === 0 ? items : items.filter((item) => stations.includes(item.menuItem.station));
}

/**
 * `orders` in arrival order. `cache` keeps one ticket per order object, so a ticket keeps its
 * identity until its order changes and the display redraws only that ticket.
 */
export function kitchenTicketsOf(
  orders: readonly Order[],
  stations: StationFilter,
  cache: WeakMap<Order, KitchenTicket | null>,
): KitchenTicket[] {
  const tickets: KitchenTicket[] = [];
  for (const order of orders) {
    if (!isInKitchen(order)) continue;
    let ticket = cache.get(order);
    if (ticket === undefined) {
      const items = itemsForStation(order.items, stations);
      ticket = stations.length === 0 || items.length > 0 ? { order, items } : null;
      cache.set(order, ticket);
    }
    if (ticket) tickets.push(ticket);
  }
  return tickets;
}

/** Most wanted first, then by name, so the list does not jump between equal counts. */
export function allDayCountsOf(orders: readonly Order[], stations: StationFilter): AllDayCount[] {
  const counts = new Map<string, number>();
  for (const order of orders) {
    if (!isInKitchen(order)) continue;
    for (const item of itemsForStation(order.items, stations)) {
      counts.set(item.menuItem.name, (counts.get(item.menuItem.name) ?? 0) + item.quantity);
    }
  }
  return [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

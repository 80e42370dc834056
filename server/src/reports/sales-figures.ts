import type { LineSales, SalesFigures, SalesOutcome } from '@maestro/contracts';

// What one finished order adds to the sales reports. Pure: the aggregate writes (as an order
// finishes), the rebuild job, the recount in the tests and the bench's full scan all use it, so
// they cannot disagree on how an order counts.
//
// The counting rule: SERVED and DELIVERED are sales (gross = totalMinor, what the customer paid;
// net = gross − tax); CANCELLED and FAILED are counted apart, by number and by their totalMinor.
// Pricing fields an order lacks (orders placed before tax existed) count as 0 / not inclusive.

/** The fields of an order (as stored or as sent) the reports read; anything else is ignored. */
export interface CountableOrder {
  status: string;
  type: string;
  currency: string;
  totalMinor?: unknown;
  taxMinor?: unknown;
  serviceMinor?: unknown;
  items?: readonly CountableLine[];
}

export interface CountableLine {
  menuItemId: string;
  quantity?: unknown;
  lineTotalMinor?: unknown;
  taxMinor?: unknown;
  menuItem?: { name?: unknown; station?: unknown; taxInclusive?: unknown };
}

export interface DishLine extends LineSales {
  name: string;
  station: string;
}

export interface OrderSale {
  outcome: SalesOutcome;
  figures: SalesFigures;
  /** Completed orders only: each dish once (an order's lines of one dish added up). */
  dishes: Record<string, DishLine>;
  stations: Record<string, LineSales>;
}

export const OUTCOME_OF_STATUS: Readonly<Record<string, SalesOutcome>> = {
  SERVED: 'completed',
  DELIVERED: 'completed',
  CANCELLED: 'cancelled',
  FAILED: 'failed',
};

export const zeroFigures = (): SalesFigures => ({
  orders: 0,
  grossMinor: 0,
  taxMinor: 0,
  serviceMinor: 0,
  netMinor: 0,
  cancelledOrders: 0,
  cancelledMinor: 0,
  failedOrders: 0,
  failedMinor: 0,
});

export const SALES_FIGURE_KEYS = Object.keys(zeroFigures()) as (keyof SalesFigures)[];

/** A whole number of minor units, or 0 for anything else (a missing or damaged field). */
export const minorOf = (value: unknown): number => (Number.isSafeInteger(value) ? (value as number) : 0);

/** How `order` counts, or null while it is not finished (nothing to count yet). */
export function salesFiguresOfOrder(order: CountableOrder): OrderSale | null {
  const outcome = OUTCOME_OF_STATUS[order.status];
  if (!outcome) return null;
  const figures = zeroFigures();
  const total = minorOf(order.totalMinor);
  const sale: OrderSale = { outcome, figures, dishes: {}, stations: {} };
  if (outcome === 'cancelled') {
    figures.cancelledOrders = 1;
    figures.cancelledMinor = total;
    return sale;
  }
  if (outcome === 'failed') {
    figures.failedOrders = 1;
    figures.failedMinor = total;
    return sale;
  }
  const tax = minorOf(order.taxMinor);
  Object.assign(figures, {
    orders: 1,
    grossMinor: total,
    taxMinor: tax,
    serviceMinor: minorOf(order.serviceMinor),
    netMinor: total - tax,
  });
  for (const line of order.items ?? []) addLine(sale, line);
  return sale;
}

const stationOf = (line: CountableLine): string => (typeof line.menuItem?.station === 'string' ? line.menuItem.station : 'unknown');

/**
 * The dishes and stations of an order, each once, as the report's by-dish and by-station rows
 * name them: kept on a finished order so the list behind a row is one indexed query.
 */
export function salesSlicesOfOrder(order: Pick<CountableOrder, 'items'>): { dishes: string[]; stations: string[] } {
  const lines = order.items ?? [];
  return { dishes: [...new Set(lines.map((line) => line.menuItemId))], stations: [...new Set(lines.map(stationOf))] };
}

function addLine(sale: OrderSale, line: CountableLine): void {
  const tax = minorOf(line.taxMinor);
  // An inclusive price holds its tax; an exclusive one is net already.
  const net = minorOf(line.lineTotalMinor) - (line.menuItem?.taxInclusive === true ? tax : 0);
  const quantity = minorOf(line.quantity);
  const name = typeof line.menuItem?.name === 'string' ? line.menuItem.name : line.menuItemId;
  const station = stationOf(line);
  const dish = (sale.dishes[line.menuItemId] ??= { name, station, quantity: 0, netMinor: 0, taxMinor: 0 });
  dish.quantity += quantity;
  dish.netMinor += net;
  dish.taxMinor += tax;
  const byStation = (sale.stations[station] ??= { quantity: 0, netMinor: 0, taxMinor: 0 });
  byStation.quantity += quantity;
  byStation.netMinor += net;
  byStation.taxMinor += tax;
}

/** `into` += `sign` × `add`, field by field. */
export function addFigures(into: SalesFigures, add: SalesFigures, sign: 1 | -1 = 1): SalesFigures {
  for (const key of SALES_FIGURE_KEYS) into[key] += sign * add[key];
  return into;
}

export function addLineSales(into: LineSales, add: LineSales, sign: 1 | -1 = 1): LineSales {
  into.quantity += sign * add.quantity;
  into.netMinor += sign * add.netMinor;
  into.taxMinor += sign * add.taxMinor;
  return into;
}

/** Figures read back from Firestore: each field a whole number, else 0. */
export function figuresOf(data: unknown): SalesFigures {
  const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const figures = zeroFigures();
  for (const key of SALES_FIGURE_KEYS) figures[key] = minorOf(record[key]);
  return figures;
}

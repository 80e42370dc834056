import type { OrderStatus, OrderType } from './orders';

// Sales and profit reports: what `GET /api/reports/*` answers (admins only). The API reads
// aggregates it keeps as orders finish, never a scan of every order. Money is integer minor
// units of the report's one currency; orders in other currencies are in other reports.
//
// Which day and hour an order counts on: the moment it was PLACED (createdAt), in the business's
// time zone (`timeZone` in every answer), so an order's day never moves when it finishes late.
// Changing the time zone needs the aggregates rebuilt (the rebuild job gives the same figures
// as a recount).

/** How a finished order counts: SERVED or DELIVERED are sales; CANCELLED and FAILED apart. */
export const SALES_OUTCOMES = ['completed', 'cancelled', 'failed'] as const;
export type SalesOutcome = (typeof SALES_OUTCOMES)[number];

/** Figures of one slice (the range, a day, an hour, an order type). */
export interface SalesFigures {
  /** Orders SERVED or DELIVERED. */
  orders: number;
  /** What those customers paid: `totalMinor`, tax and service included. */
  grossMinor: number;
  taxMinor: number;
  serviceMinor: number;
  /** `grossMinor − taxMinor`: sales net of tax (the service charge is the business's). */
  netMinor: number;
  /** Cancelled and failed orders, counted apart: never in the sales above. */
  cancelledOrders: number;
  cancelledMinor: number;
  failedOrders: number;
  failedMinor: number;
}

/** A dish's or a station's share of completed orders. */
export interface LineSales {
  quantity: number;
  /** Line totals net of tax (an inclusive price less its tax; an exclusive price as is). */
  netMinor: number;
  taxMinor: number;
}

export interface DishSales extends LineSales {
  menuItemId: string;
  /** The name on the latest order counted (the menu may have renamed it since). */
  name: string;
  station: string;
}

export interface SalesReport {
  currency: string;
  /** Calendar dates, inclusive, in `timeZone`. */
  from: string;
  to: string;
  /** IANA zone the days and hours are cut in (e.g. 'Europe/Paris'). */
  timeZone: string;
  totals: SalesFigures;
  /** Every day of the range, zeros included, oldest first. */
  byDay: (SalesFigures & { date: string })[];
  /** 24 entries, hour 0–23 of the day in `timeZone`. */
  byHour: (SalesFigures & { hour: number })[];
  /** Dishes sold, most net sales first. */
  byDish: DishSales[];
  byStation: (LineSales & { station: string })[];
  byType: (SalesFigures & { type: string })[];
}

/** `GET /api/reports/sales?currency=&from=&to=`: at most this many days per report. */
export const SALES_REPORT_MAX_DAYS = 366;

/** `GET /api/reports/sales-months?currency=&to=YYYY-MM&months=N`: the profit view's trend. */
export interface SalesMonthsReport {
  currency: string;
  timeZone: string;
  /** Oldest first, `months` entries ending at `to`, zeros included. */
  months: (SalesFigures & { month: string })[];
}
export const SALES_MONTHS_MAX = 24;

/**
 * `GET /api/reports/orders?currency=&from=&to=&outcome=&type=|dish=|station=&pageSize=&cursor=`:
 * the finished orders behind a figure of the sales report, newest placed first, a page at a time.
 * Read with an index-backed query on the marker the aggregates wrote (`salesCountedAs`), so the
 * list holds exactly the orders the report counted for the same range, outcome and slice.
 */
export interface SalesOrderRow {
  id: string;
  status: OrderStatus;
  type: OrderType;
  /** "Table 4", "Takeaway · Ada", "Delivery · 1 Main St" (orderDestinationWords). */
  destination: string;
  currency: string;
  totalMinor: number;
  /** ISO 8601: placed (the day and hour it counts on). */
  createdAt: string;
  /** ISO 8601: when it reached its final status (its last change: final orders change no more). */
  finishedAt: string;
}

export interface SalesOrdersPage {
  currency: string;
  from: string;
  to: string;
  outcome: SalesOutcome;
  timeZone: string;
  orders: SalesOrderRow[];
  /** Pass back as `cursor` for the next page; null on the last. */
  nextCursor: string | null;
}

/** The slices of the sales report the list can follow: one at a time. */
export const SALES_ORDER_FILTERS = ['type', 'dish', 'station'] as const;
export const SALES_ORDERS_PAGE_DEFAULT = 25;
export const SALES_ORDERS_PAGE_MAX = 100;

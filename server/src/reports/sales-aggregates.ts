import type { LineSales, SalesFigures, SalesOutcome } from '@maestro/contracts';
import { FieldValue, type Firestore, type Timestamp, type Transaction } from 'firebase-admin/firestore';
import { salesSlotOf } from './sales-calendar';
import {
  SALES_FIGURE_KEYS,
  salesFiguresOfOrder,
  salesSlicesOfOrder,
  type CountableOrder,
  type DishLine,
  type OrderSale,
} from './sales-figures';

// The aggregates the reports read (the API's alone; the rules close them to clients):
//
//   salesDays/{currency}_{YYYY-MM-DD}   totals, hours (0–23), types, dishes, stations of the day
//   salesMonths/{currency}_{YYYY-MM}    totals of the month
//
// An order is counted in the transaction that moves it to SERVED, DELIVERED, CANCELLED or FAILED,
// and uncounted in the one that deletes it; `salesCountedAs` on the order (written in the same
// transaction) makes the count happen once however often a transaction is retried.
//
// Size: a day holds one entry per dish sold that day (5 fields, ~150 bytes with its name), so a
// menu of several thousand dishes stays far below Firestore's 1 MiB per document; the maps are
// exempt from indexing (firestore.indexes.json), so the 20,000 index entries are no limit either.

export const SALES_COLLECTIONS = { days: 'salesDays', months: 'salesMonths' } as const;

/** The marker on `orders/{id}`: how it was counted; absent until it finishes. */
export const COUNTED_AS_FIELD = 'salesCountedAs';
/** Written with the marker: the order's dishes and stations (sales-orders.ts lists by them). */
export const SLICE_FIELDS = { dishes: 'salesDishes', stations: 'salesStations' } as const;

/** What counting writes on the order itself: the marker and the slices it can be listed by. */
export interface SalesMarks { [COUNTED_AS_FIELD]: SalesOutcome; salesDishes: string[]; salesStations: string[] }

export function salesMarksOf(order: CountableOrder, outcome: SalesOutcome): SalesMarks {
  const { dishes, stations } = salesSlicesOfOrder(order);
  return { [COUNTED_AS_FIELD]: outcome, [SLICE_FIELDS.dishes]: dishes, [SLICE_FIELDS.stations]: stations };
}

export interface SalesDayDoc {
  currency: string;
  date: string;
  month: string;
  /** The zone the day was cut in when last written. */
  timeZone: string;
  totals: SalesFigures;
  hours: Record<string, SalesFigures>;
  types: Record<string, SalesFigures>;
  dishes: Record<string, DishLine>;
  stations: Record<string, LineSales>;
}

export interface SalesMonthDoc {
  currency: string;
  month: string;
  timeZone: string;
  totals: SalesFigures;
}

export const dayId = (currency: string, date: string) => `${currency}_${date}`;
export const monthId = (currency: string, month: string) => `${currency}_${month}`;
export const dayRef = (db: Firestore, currency: string, date: string) =>
  db.collection(SALES_COLLECTIONS.days).doc(dayId(currency, date));
export const monthRef = (db: Firestore, currency: string, month: string) =>
  db.collection(SALES_COLLECTIONS.months).doc(monthId(currency, month));

/** An order as stored: the fields counting needs, with its placing time. */
export type StoredOrder = CountableOrder & { createdAt: Timestamp } & Partial<SalesMarks>;

const increments = <T extends object>(values: T, sign: 1 | -1) =>
  Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      typeof value === 'number' ? FieldValue.increment(sign * value) : value,
    ]),
  );

/** Every figure of the slice, zeros included, so each slice always has the full shape. */
const figureIncrements = (figures: SalesFigures, sign: 1 | -1) =>
  Object.fromEntries(SALES_FIGURE_KEYS.map((key) => [key, FieldValue.increment(sign * figures[key])]));

/** Adds (or, with -1, takes away) one order's sale to its day and month documents. */
function writeSale(
  db: Firestore,
  tx: Transaction,
  order: StoredOrder,
  sale: OrderSale,
  timeZone: string,
  sign: 1 | -1,
): void {
  const { date, month, hour } = salesSlotOf(order.createdAt.toDate(), timeZone);
  const figures = figureIncrements(sale.figures, sign);
  const dishes = Object.fromEntries(
    Object.entries(sale.dishes).map(([id, dish]) => [id, increments(dish, sign)]),
  );
  const stations = Object.fromEntries(
    Object.entries(sale.stations).map(([station, line]) => [station, increments(line, sign)]),
  );
  const { currency } = order;
  // set + merge with increments: no read, so counting adds nothing to the transaction's reads.
  // An empty map would replace the stored one under merge: cancelled and failed orders send none.
  const lines = Object.keys(dishes).length ? { dishes, stations } : {};
  tx.set(
    dayRef(db, currency, date),
    {
      currency,
      date,
      month,
      timeZone,
      totals: figures,
      hours: { [String(hour)]: figures },
      types: { [order.type]: figures },
      ...lines,
    },
    { merge: true },
  );
  tx.set(monthRef(db, currency, month), { currency, month, timeZone, totals: figures }, { merge: true });
}

/**
 * Counts a finishing order: call inside the transaction that writes its final status, with the
 * order as it will be (status set). Returns the fields to write on the order with it (the
 * marker and its slices), or {} when it was counted already or is not final.
 */
export function countOrder(
  db: Firestore,
  tx: Transaction,
  order: StoredOrder,
  timeZone: string,
): Partial<SalesMarks> {
  if (order[COUNTED_AS_FIELD]) return {};
  const sale = salesFiguresOfOrder(order);
  if (!sale) return {};
  writeSale(db, tx, order, sale, timeZone, 1);
  return salesMarksOf(order, sale.outcome);
}

/** Takes a counted order out of the aggregates: call inside the transaction that deletes it. */
export function uncountOrder(db: Firestore, tx: Transaction, order: StoredOrder, timeZone: string): void {
  if (!order[COUNTED_AS_FIELD]) return;
  const sale = salesFiguresOfOrder(order);
  if (sale) writeSale(db, tx, order, sale, timeZone, -1);
}

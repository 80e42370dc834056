import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import type { JobLease } from '../cluster/job-lease';
import type { Logger } from '../logger';
import { COLLECTIONS } from '../orders/order-docs';
import {
  COUNTED_AS_FIELD,
  SALES_COLLECTIONS,
  SLICE_FIELDS,
  dayRef,
  monthRef,
  salesMarksOf,
  type StoredOrder,
} from './sales-aggregates';
import { addDays, salesSlotOf, startOfDay } from './sales-calendar';
import { addFigures, figuresOf, salesFiguresOfOrder, zeroFigures } from './sales-figures';
import { emptyTally, tallyOrder } from './sales-tally';

// The rebuild job: recounts the sales aggregates from the orders and rewrites them. Run it to
// count orders that finished before the aggregates existed (backfill), after a change of
// MAESTRO_BUSINESS_TIME_ZONE, or to repair them; a second run gives the same documents.
//
// Safe beside live traffic: each local day is one transaction that reads that day's orders and
// rewrites its documents, so an order finishing meanwhile waits for it or retries after it
// (Firestore locks what a transaction read); each month is then the sum of its days, again in
// a transaction over the days it reads. Orders are read a day at a time, never all at once.

export interface RebuildResult {
  timeZone: string;
  /** Local days rewritten (every day with an order or an old document). */
  days: number;
  months: number;
  /** Finished orders counted. */
  orders: number;
  /**
   * Older orders given their `salesCountedAs` marker (so a later delete uncounts them) and their
   * dishes and stations (so the list behind a dish or station holds them).
   */
  marked: number;
  /** False when another node took the job's lease meanwhile (it carries on). */
  finished: boolean;
}

/** Every local day that has an order or an aggregate document: what the rebuild rewrites. */
async function daysToRebuild(db: Firestore, timeZone: string): Promise<string[]> {
  const days = new Set<string>();
  const orders = await db.collection(COLLECTIONS.orders).select('createdAt').get();
  for (const order of orders.docs) {
    const createdAt = order.get('createdAt') as unknown;
    if (createdAt instanceof Timestamp) days.add(salesSlotOf(createdAt.toDate(), timeZone).date);
  }
  const aggregates = await db.collection(SALES_COLLECTIONS.days).select('date').get();
  for (const day of aggregates.docs) {
    const date = day.get('date') as unknown;
    if (typeof date === 'string') days.add(date);
  }
  return [...days].sort();
}

/** Recounts one local day in one transaction; returns the orders counted and marked. */
async function rebuildDay(db: Firestore, date: string, timeZone: string) {
  const start = Timestamp.fromDate(startOfDay(date, timeZone));
  const end = Timestamp.fromDate(startOfDay(addDays(date, 1), timeZone));
  return db.runTransaction(async (tx) => {
    const orders = await tx.get(
      db.collection(COLLECTIONS.orders).where('createdAt', '>=', start).where('createdAt', '<', end).orderBy('createdAt'),
    );
    const existing = await tx.get(db.collection(SALES_COLLECTIONS.days).where('date', '==', date));
    const tally = emptyTally();
    let counted = 0;
    let marked = 0;
    for (const snapshot of orders.docs) {
      const order = snapshot.data() as StoredOrder;
      const sale = salesFiguresOfOrder(order);
      if (!sale) continue;
      tallyOrder(tally, order, timeZone);
      counted++;
      // Orders counted before the slices were kept get them too, so the list behind a dish finds them.
      if (order[COUNTED_AS_FIELD] !== sale.outcome || !Array.isArray(order[SLICE_FIELDS.stations])) {
        tx.update(snapshot.ref, { ...salesMarksOf(order, sale.outcome) });
        marked++;
      }
    }
    for (const day of tally.days.values()) tx.set(dayRef(db, day.currency, day.date), day);
    for (const old of existing.docs) if (!tally.days.has(old.id)) tx.delete(old.ref);
    return { counted, marked };
  });
}

/** A month's documents (one per currency) as the sum of its day documents. */
async function rebuildMonth(db: Firestore, month: string, timeZone: string): Promise<void> {
  await db.runTransaction(async (tx) => {
    const days = await tx.get(db.collection(SALES_COLLECTIONS.days).where('month', '==', month));
    const existing = await tx.get(db.collection(SALES_COLLECTIONS.months).where('month', '==', month));
    const totals = new Map<string, ReturnType<typeof zeroFigures>>();
    for (const day of days.docs) {
      const currency = day.get('currency') as string;
      if (!totals.has(currency)) totals.set(currency, zeroFigures());
      addFigures(totals.get(currency)!, figuresOf(day.get('totals')));
    }
    for (const [currency, figures] of totals)
      tx.set(monthRef(db, currency, month), { currency, month, timeZone, totals: figures });
    for (const old of existing.docs)
      if (!totals.has(old.get('currency') as string)) tx.delete(old.ref);
  });
}

/**
 * Rebuilds every day and month. `lease` is asked before each transaction (it renews the node's
 * hold): when another node holds it, this run stops and says so (`finished: false`).
 */
export async function rebuildSales(
  db: Firestore,
  timeZone: string,
  options: { lease?: JobLease; logger?: Logger } = {},
): Promise<RebuildResult> {
  const held = async () => !options.lease || (await options.lease.acquire());
  const result: RebuildResult = { timeZone, days: 0, months: 0, orders: 0, marked: 0, finished: false };
  if (!(await held())) return result;
  const days = await daysToRebuild(db, timeZone);
  const months = new Set<string>();
  for (const date of days) {
    if (!(await held())) return result;
    const { counted, marked } = await rebuildDay(db, date, timeZone);
    result.days++;
    result.orders += counted;
    result.marked += marked;
    months.add(date.slice(0, 7));
  }
  const oldMonths = await db.collection(SALES_COLLECTIONS.months).select('month').get();
  for (const doc of oldMonths.docs) {
    const month = doc.get('month') as unknown;
    if (typeof month === 'string') months.add(month);
  }
  for (const month of [...months].sort()) {
    if (!(await held())) return result;
    await rebuildMonth(db, month, timeZone);
    result.months++;
  }
  result.finished = true;
  options.logger?.info({ ...result }, 'sales aggregates rebuilt');
  return result;
}

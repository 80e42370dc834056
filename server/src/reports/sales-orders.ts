import { orderDestinationWords, type SalesOrderRow, type SalesOrdersPage } from '@maestro/contracts';
import { FieldPath, Timestamp, type Firestore } from 'firebase-admin/firestore';
import type { z } from 'zod';
import { COLLECTIONS, type OrderDoc } from '../orders/order-docs';
import { decodeCursor, encodeCursor } from '../orders/repository';
import { COUNTED_AS_FIELD, SLICE_FIELDS } from './sales-aggregates';
import { addDays, startOfDay } from './sales-calendar';
import type { salesOrdersQuery } from './schemas';

// The orders behind a figure of the sales report. The marker the aggregates wrote with each
// count (`salesCountedAs`, with the order's dishes and stations) is what the query filters on,
// so the list is exactly what was counted: one index-backed query per page
// (firestore.indexes.json), never a scan of the orders. Days are cut in the business's zone
// on `createdAt`, as the aggregates cut them.

/** The fields a row shows: the order's lines stay in Firestore. */
const ROW_FIELDS = ['status', 'type', 'table', 'address', 'customerName', 'currency', 'totalMinor', 'createdAt', 'updatedAt'];

function rowOf(id: string, doc: Partial<OrderDoc>): SalesOrderRow {
  const iso = (at: unknown) => (at instanceof Timestamp ? at.toDate().toISOString() : '');
  return {
    id,
    status: doc.status!,
    type: doc.type!,
    destination: orderDestinationWords(doc as Parameters<typeof orderDestinationWords>[0]),
    currency: doc.currency ?? '',
    totalMinor: Number.isSafeInteger(doc.totalMinor) ? doc.totalMinor! : 0,
    createdAt: iso(doc.createdAt),
    // A final order changes no more (final statuses are final), so its last change is its finish.
    finishedAt: iso(doc.updatedAt),
  };
}

export async function listSalesOrders(
  db: Firestore,
  query: z.output<typeof salesOrdersQuery>,
  timeZone: string,
): Promise<SalesOrdersPage> {
  const start = Timestamp.fromDate(startOfDay(query.from, timeZone));
  const end = Timestamp.fromDate(startOfDay(addDays(query.to, 1), timeZone));
  let orders = db
    .collection(COLLECTIONS.orders)
    .where(COUNTED_AS_FIELD, '==', query.outcome)
    .where('currency', '==', query.currency)
    .where('createdAt', '>=', start)
    .where('createdAt', '<', end);
  if (query.type) orders = orders.where('type', '==', query.type);
  if (query.dish) orders = orders.where(SLICE_FIELDS.dishes, 'array-contains', query.dish);
  if (query.station) orders = orders.where(SLICE_FIELDS.stations, 'array-contains', query.station);
  orders = orders.orderBy('createdAt', 'desc').orderBy(FieldPath.documentId(), 'desc');
  if (query.cursor) {
    const { createdAt, id } = decodeCursor(query.cursor);
    orders = orders.startAfter(createdAt, id);
  }
  const page = await orders.select(...ROW_FIELDS).limit(query.pageSize + 1).get();
  const docs = page.docs.slice(0, query.pageSize);
  const last = docs.at(-1);
  return {
    currency: query.currency,
    from: query.from,
    to: query.to,
    outcome: query.outcome,
    timeZone,
    orders: docs.map((doc) => rowOf(doc.id, doc.data() as Partial<OrderDoc>)),
    nextCursor: page.docs.length > query.pageSize && last ? encodeCursor(last.get('createdAt') as Timestamp, last.id) : null,
  };
}

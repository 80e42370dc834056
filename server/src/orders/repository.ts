import {
  ORDER_PAGE_BYTES_MAX,
  byCategoryPosition,
  byMenuOrder,
  type MenuCategory,
  type MenuItem,
  type Order,
  type OrderListResponse,
  type OrderStatus,
} from '@maestro/contracts';
import { FieldPath, Timestamp, type Firestore } from 'firebase-admin/firestore';
import { ApiError } from '../http/api-error';
import { toMenuCategory } from '../menu/menu-docs';
import { embeddedItemsOf } from './embedded-items';
import {
  COLLECTIONS,
  itemsRef,
  orderRef,
  toMenuItem,
  toOrder,
  toOrderItem,
  type OrderDoc,
  type OrderItemDoc,
} from './order-docs';
import { DOC_ID } from './schemas';

/**
 * An order with its items (in the order they were added), or null. One read when the order
 * carries its items; otherwise (an order from before) its subcollection: every item change bumps
 * the order's version, so an unchanged version around the items read proves they belong together.
 * (Not a readOnly transaction: in @google-cloud/firestore 7.11 a failed read inside one also
 * leaves an unhandled rejection behind, which would take the process down.)
 */
export async function getOrder(db: Firestore, orderId: string): Promise<Order | null> {
  let snapshot = await orderRef(db, orderId).get();
  for (let attempt = 0; ; attempt++) {
    if (!snapshot.exists) return null;
    const embedded = embeddedItemsOf(snapshot.data());
    if (embedded) return toOrder(orderId, snapshot.data() as OrderDoc, embedded);
    const items = await itemsOf(db, orderId);
    const again = await orderRef(db, orderId).get();
    if (again.get('version') === snapshot.get('version') || attempt === 3) {
      return toOrder(orderId, snapshot.data() as OrderDoc, items);
    }
    snapshot = again;
  }
}

async function itemsOf(db: Firestore, orderId: string) {
  const items = await itemsRef(db, orderId).orderBy('position').get();
  return items.docs.map((item) => toOrderItem(item.id, item.data() as OrderItemDoc));
}

/**
 * The board: newest first, optionally only some statuses, a page at a time. One query per page:
 * each order carries its items (embedded-items.ts); only an order without a trustworthy array
 * (from before it existed, or tampered with) has its subcollection read.
 */
export async function listOrders(
  db: Firestore,
  query: { status?: OrderStatus[]; pageSize: number; cursor?: string },
): Promise<OrderListResponse> {
  let orders = db
    .collection(COLLECTIONS.orders)
    .orderBy('createdAt', 'desc')
    .orderBy(FieldPath.documentId(), 'desc');
  if (query.status) orders = orders.where('status', 'in', query.status);
  if (query.cursor) {
    const { createdAt, id } = decodeCursor(query.cursor);
    orders = orders.startAfter(createdAt, id);
  }
  const page = await orders.limit(query.pageSize + 1).get();
  const docs = page.docs.slice(0, query.pageSize);
  const list = await Promise.all(
    docs.map(async (doc) =>
      toOrder(
        doc.id,
        doc.data() as OrderDoc,
        embeddedItemsOf(doc.data()) ?? (await itemsOf(db, doc.id)),
      ),
    ),
  );
  // A page of large orders stops at about ORDER_PAGE_BYTES_MAX (at least one order): the rest
  // come on the next page, so neither side ever holds one giant answer.
  const kept = withinBytes(list, ORDER_PAGE_BYTES_MAX);
  const last = docs[kept - 1];
  const more = (kept < list.length || page.docs.length > query.pageSize) && last;
  return {
    orders: list.slice(0, kept),
    nextCursor: more ? encodeCursor(last.get('createdAt') as Timestamp, last.id) : null,
  };
}

/** How many of `orders`, from the first, fit in `maxBytes` of JSON (at least one). */
export function withinBytes(orders: readonly Order[], maxBytes: number): number {
  let bytes = 0;
  for (const [i, order] of orders.entries()) {
    bytes += Buffer.byteLength(JSON.stringify(order));
    if (bytes > maxBytes && i > 0) return i;
  }
  return orders.length;
}

/**
 * The menu in its order (the admin's category order, dishes of no known category last, then by
 * name) with the categories by position; archived dishes are off it.
 */
export async function listMenu(db: Firestore): Promise<{ menuItems: MenuItem[]; categories: MenuCategory[] }> {
  const [dishes, categoryDocs] = await Promise.all([
    db.collection(COLLECTIONS.menuItems).get(),
    db.collection(COLLECTIONS.menuCategories).get(),
  ]);
  const categories = categoryDocs.docs
    .flatMap((doc) => toMenuCategory(doc.id, doc.data()) ?? [])
    .sort(byCategoryPosition);
  const menuItems = dishes.docs
    .flatMap((doc) => toMenuItem(doc.id, doc.data()) ?? [])
    .filter((item) => !item.archived)
    .sort(byMenuOrder(categories));
  return { menuItems, categories };
}

// A cursor is the last order's position: its creation time (to the nanosecond) and id. The sales
// report's order list (reports/sales-orders.ts) pages the same way.
export function encodeCursor(createdAt: Timestamp, id: string): string {
  return Buffer.from(JSON.stringify([createdAt.seconds, createdAt.nanoseconds, id])).toString(
    'base64url',
  );
}

const MIN_SECONDS = -62135596800; // 0001-01-01, Firestore's range
const MAX_SECONDS = 253402300799; // 9999-12-31

export function decodeCursor(cursor: string): { createdAt: Timestamp; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3) {
      const [seconds, nanos, id] = value as unknown[];
      if (
        Number.isSafeInteger(seconds) &&
        (seconds as number) >= MIN_SECONDS &&
        (seconds as number) <= MAX_SECONDS &&
        Number.isSafeInteger(nanos) &&
        (nanos as number) >= 0 &&
        (nanos as number) < 1e9 &&
        typeof id === 'string' &&
        DOC_ID.test(id)
      ) {
        return { createdAt: new Timestamp(seconds as number, nanos as number), id };
      }
    }
  } catch {
    // not base64url JSON: refused below
  }
  throw new ApiError(400, 'bad_request', 'cursor is not valid; start again from the first page.');
}

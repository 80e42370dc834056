import type { OrderItem } from '@maestro/contracts';
import { FieldPath, type DocumentData, type Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS, itemsRef, orderRef, toOrderItem, type OrderItemDoc } from './order-docs';

// An order's items travel with it: `orders/{id}.items` holds every line (with its id), in the
// order they were added, next to `orders/{id}/items/{itemId}`. Both are written in the same
// transaction by every write that changes items (placement.ts, item-writes.ts), so the board
// reads a page of orders with one query. The array is at most ORDER_ITEMS_MAX (50) lines of
// well under 1 KiB each, far below Firestore's 1 MiB per document.
//
// Orders written before the array existed (or with one that is not what we write) are read
// from the subcollection instead (repository.ts), get the array on their next item write, and
// are moved by `migrateOrderItems` (run by the seed, like the member migration).

/** One line as stored on the order: the item document plus its id. */
export type EmbeddedItem = OrderItemDoc & { id: string };

/** The array to store on the order for these lines (as read or written), in position order. */
export function embedItems(items: readonly (readonly [string, OrderItemDoc])[]): EmbeddedItem[] {
  return items
    .map(([id, item]) => ({ ...item, id }))
    .sort((a, b) => a.position - b.position);
}

/**
 * The items an order document carries, or null when it carries none we can trust: no array
 * (an order from before), a line that is not one we write, or a count or sum that disagrees
 * with the order's own `itemCount` and `subtotalMinor` (written in the same transaction).
 * The caller then reads the subcollection.
 */
export function embeddedItemsOf(doc: DocumentData | undefined): OrderItem[] | null {
  return embeddedItemDocsOf(doc)?.map(([id, item]) => toOrderItem(id, item)) ?? null;
}

/** `embeddedItemsOf` as the stored documents (id, item), for the writes that read an order. */
export function embeddedItemDocsOf(doc: DocumentData | undefined): [string, OrderItemDoc][] | null {
  const stored: unknown = doc?.['items'];
  if (!Array.isArray(stored) || stored.length !== doc?.['itemCount']) return null;
  const items: [string, OrderItemDoc][] = [];
  let subtotal = 0;
  let position = -Infinity;
  for (const entry of stored) {
    if (!isEmbeddedItem(entry) || entry.position <= position) return null;
    position = entry.position;
    subtotal += entry.lineTotalMinor;
    const { id, ...item } = entry;
    items.push([id, item]);
  }
  return subtotal === doc?.['subtotalMinor'] ? items : null;
}

const isInt = (value: unknown): value is number => Number.isSafeInteger(value);
const isText = (value: unknown): value is string => typeof value === 'string';
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isEmbeddedItem(value: unknown): value is EmbeddedItem {
  if (!isRecord(value)) return false;
  const { id, menuItemId, quantity, notes, unitPriceMinor, lineTotalMinor, position, menuItem } =
    value;
  return (
    isText(id) &&
    id !== '' &&
    isText(menuItemId) &&
    isInt(quantity) &&
    quantity > 0 &&
    isText(notes) &&
    isInt(unitPriceMinor) &&
    isInt(lineTotalMinor) &&
    isInt(position) &&
    isRecord(menuItem) &&
    isText(menuItem['id']) &&
    isText(menuItem['name']) &&
    isText(menuItem['category']) &&
    isText(menuItem['station']) &&
    isInt(menuItem['priceMinor']) &&
    isText(menuItem['currency'])
  );
}

export interface ItemsMigrationReport {
  /** Orders looked at. */
  checked: number;
  /** Orders that were given their items array (or had a wrong one rewritten). */
  migrated: number;
}

const MIGRATION_PAGE = 300;
const MIGRATION_PARALLEL = 8;

/**
 * Gives every order without a trustworthy `items` array one, from its subcollection, each in a
 * transaction of its own that checks again. The order's version, time and history stay as they
 * are: what the API serves for it does not change. Safe to run again (and while the API runs):
 * a second run migrates nothing. An order whose lines disagree with its count or subtotal is
 * left alone (the board keeps reading its subcollection).
 */
export async function migrateOrderItems(db: Firestore): Promise<ItemsMigrationReport> {
  const report: ItemsMigrationReport = { checked: 0, migrated: 0 };
  const orders = db.collection(COLLECTIONS.orders);
  let after: string | undefined;
  for (;;) {
    let query = orders
      .orderBy(FieldPath.documentId())
      .select('items', 'itemCount', 'subtotalMinor')
      .limit(MIGRATION_PAGE);
    if (after !== undefined) query = query.startAfter(after);
    const page = await query.get();
    if (page.empty) return report;
    report.checked += page.size;
    const stale = page.docs.filter((doc) => !embeddedItemsOf(doc.data())).map((doc) => doc.id);
    for (let i = 0; i < stale.length; i += MIGRATION_PARALLEL) {
      const moved = await Promise.all(
        stale.slice(i, i + MIGRATION_PARALLEL).map((id) => migrateOne(db, id)),
      );
      report.migrated += moved.filter(Boolean).length;
    }
    after = page.docs.at(-1)!.id;
  }
}

function migrateOne(db: Firestore, orderId: string): Promise<boolean> {
  return db.runTransaction(async (tx) => {
    const snapshot = await tx.get(orderRef(db, orderId));
    const items = await tx.get(itemsRef(db, orderId).orderBy('position'));
    if (!snapshot.exists || embeddedItemsOf(snapshot.data())) return false;
    const embedded = embedItems(items.docs.map((item) => [item.id, item.data() as OrderItemDoc]));
    // Lines that disagree with the order's count or subtotal would not be trusted either: such an
    // order stays as it is, read from its subcollection.
    if (!embeddedItemsOf({ ...snapshot.data(), items: embedded })) return false;
    tx.update(snapshot.ref, { items: embedded });
    return true;
  });
}

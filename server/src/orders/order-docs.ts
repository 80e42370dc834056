import type {
  DeliveryAddress,
  KitchenStation,
  MenuItem,
  Order,
  OrderFailure,
  OrderItem,
  OrderStatus,
  OrderType,
  OrderedMenuItem,
} from '@maestro/contracts';
import { Timestamp, type DocumentData, type Firestore } from 'firebase-admin/firestore';

// Collections the orders API owns. Clients read orders, items and the menu; the rest is closed.
export const COLLECTIONS = {
  orders: 'orders',
  items: 'items',
  menuItems: 'menuItems',
  sagas: 'sagas',
  payments: 'payments',
  deliveries: 'deliveries',
  reservations: 'inventoryReservations',
  idempotencyKeys: 'idempotencyKeys',
  activity: 'activity',
  editAuthorizations: 'editAuthorizations',
} as const;

/** `orders/{id}` as stored. Items live in `orders/{id}/items/{itemId}`. */
export interface OrderDoc {
  type: OrderType;
  table: string | null;
  address: DeliveryAddress | null;
  customerName: string;
  notes: string;
  status: OrderStatus;
  currency: string;
  subtotalMinor: number;
  totalMinor: number;
  itemCount: number;
  /** Next item's position: items keep the order they were added in. */
  nextPosition: number;
  version: number;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** The first move to PREPARING (the kitchen's start); absent before it. */
  startedAt?: Timestamp;
  createdBy: string;
  updatedBy: string;
  failure: OrderFailure | null;
  correlationId: string;
  /**
   * What the card holds for this order: the total it was placed with, plus every extra amount
   * an item edit had authorized. An edit whose new total is above it authorizes the difference
   * first (paid-edits.ts). Absent on orders from before edits were paid for: their total.
   */
  authorizedMinor?: number;
  /**
   * Every line with its id, in position order, written with the subcollection in the same
   * transaction (embedded-items.ts). Absent on orders from before it existed.
   */
  items?: (OrderItemDoc & { id: string })[];
}

export interface OrderItemDoc {
  menuItemId: string;
  quantity: number;
  notes: string;
  unitPriceMinor: number;
  lineTotalMinor: number;
  position: number;
  menuItem: OrderedMenuItem;
}

export const orderRef = (db: Firestore, id: string) => db.collection(COLLECTIONS.orders).doc(id);
export const itemsRef = (db: Firestore, orderId: string) =>
  orderRef(db, orderId).collection(COLLECTIONS.items);
export const menuItemRef = (db: Firestore, id: string) =>
  db.collection(COLLECTIONS.menuItems).doc(id);

export function toOrder(id: string, doc: OrderDoc, items: OrderItem[]): Order {
  const common = {
    id,
    status: doc.status,
    customerName: doc.customerName,
    notes: doc.notes,
    items,
    currency: doc.currency,
    subtotalMinor: doc.subtotalMinor,
    totalMinor: doc.totalMinor,
    version: doc.version,
    createdAt: doc.createdAt.toDate().toISOString(),
    updatedAt: doc.updatedAt.toDate().toISOString(),
    ...(doc.startedAt ? { startedAt: doc.startedAt.toDate().toISOString() } : {}),
    createdBy: doc.createdBy,
    failure: doc.failure ?? null,
    correlationId: doc.correlationId,
  };
  switch (doc.type) {
    case 'dine-in':
      return { ...common, type: 'dine-in', table: doc.table ?? '' };
    case 'delivery':
      return { ...common, type: 'delivery', address: doc.address ?? emptyAddress() };
    default:
      return { ...common, type: 'takeaway' };
  }
}

const emptyAddress = (): DeliveryAddress => ({ street: '', city: '', postalCode: '' });

export function toOrderItem(id: string, doc: OrderItemDoc): OrderItem {
  return {
    id,
    menuItemId: doc.menuItemId,
    quantity: doc.quantity,
    notes: doc.notes,
    unitPriceMinor: doc.unitPriceMinor,
    lineTotalMinor: doc.lineTotalMinor,
    menuItem: doc.menuItem,
  };
}

/** A menu document, or null when it lacks what an order needs (a price, a currency). */
export function toMenuItem(id: string, data: DocumentData | undefined): MenuItem | null {
  if (!data) return null;
  const { name, category, station, priceMinor, currency, stock, available } = data;
  if (!Number.isSafeInteger(priceMinor) || typeof currency !== 'string') return null;
  return {
    id,
    name: typeof name === 'string' ? name : id,
    category: typeof category === 'string' ? category : '',
    station: (typeof station === 'string' ? station : 'grill') as KitchenStation,
    priceMinor: priceMinor as number,
    currency,
    stock: Number.isSafeInteger(stock) ? (stock as number) : 0,
    available: available === true,
  };
}

export function orderedMenuItem(item: MenuItem): OrderedMenuItem {
  const { id, name, category, station, priceMinor, currency } = item;
  return { id, name, category, station, priceMinor, currency };
}

/** The fields of an order the activity log and `order:updated` compare. */
export function comparableFields(doc: OrderDoc): Record<string, unknown> {
  return {
    type: doc.type,
    table: doc.table,
    address: doc.address,
    customerName: doc.customerName,
    notes: doc.notes,
    status: doc.status,
    currency: doc.currency,
    subtotalMinor: doc.subtotalMinor,
    totalMinor: doc.totalMinor,
    itemCount: doc.itemCount,
    failure: doc.failure,
  };
}

export const timestamp = (date: Date) => Timestamp.fromDate(date);

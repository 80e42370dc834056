import {
  lineTaxMinor,
  priceOrder,
  type DeliveryAddress,
  type KitchenStation,
  type MenuItem,
  type Order,
  type OrderFailure,
  type OrderItem,
  type OrderStatus,
  type OrderType,
  type OrderedMenuItem,
} from '@maestro/contracts';
import { Timestamp, type DocumentData, type Firestore } from 'firebase-admin/firestore';

// Collections the orders API owns. Clients read orders, items and the menu; the rest is closed.
export const COLLECTIONS = {
  orders: 'orders',
  items: 'items',
  menuItems: 'menuItems',
  menuCategories: 'menuCategories',
  settings: 'settings',
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
  /** Tax and service (pricing.ts); absent on orders from before them: 0. */
  taxMinor?: number;
  serviceRateBasisPoints?: number;
  serviceMinor?: number;
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
  /** Absent on lines of orders from before tax: 0. */
  taxMinor?: number;
  position: number;
  /** Snapshots of older orders lack the tax fields: 0 and false. */
  menuItem: StoredOrderedMenuItem;
}

export type StoredOrderedMenuItem = Omit<OrderedMenuItem, 'taxRateBasisPoints' | 'taxInclusive'> &
  Partial<Pick<OrderedMenuItem, 'taxRateBasisPoints' | 'taxInclusive'>>;

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
    taxMinor: doc.taxMinor ?? 0,
    serviceRateBasisPoints: doc.serviceRateBasisPoints ?? 0,
    serviceMinor: doc.serviceMinor ?? 0,
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
    taxMinor: doc.taxMinor ?? 0,
    menuItem: {
      ...doc.menuItem,
      taxRateBasisPoints: doc.menuItem.taxRateBasisPoints ?? 0,
      taxInclusive: doc.menuItem.taxInclusive === true,
    },
  };
}

/**
 * A menu document, or null when it lacks what an order needs (a price, a currency). Fields added
 * later (category id, tax, archived, version) read as '' / 0 / false on older documents.
 */
export function toMenuItem(id: string, data: DocumentData | undefined): MenuItem | null {
  if (!data) return null;
  const { name, category, categoryId, station, priceMinor, currency, stock, available } = data;
  if (!Number.isSafeInteger(priceMinor) || typeof currency !== 'string') return null;
  const { taxRateBasisPoints: rate, taxInclusive, archived, version } = data;
  return {
    id,
    name: typeof name === 'string' ? name : id,
    category: typeof category === 'string' ? category : '',
    categoryId: typeof categoryId === 'string' ? categoryId : '',
    station: (typeof station === 'string' ? station : 'grill') as KitchenStation,
    priceMinor: priceMinor as number,
    currency,
    stock: Number.isSafeInteger(stock) ? (stock as number) : 0,
    available: available === true,
    archived: archived === true,
    taxRateBasisPoints: Number.isSafeInteger(rate) ? (rate as number) : 0,
    taxInclusive: taxInclusive === true,
    version: Number.isSafeInteger(version) ? (version as number) : 0,
  };
}

/** The snapshot an order keeps: name, price and tax as they were when ordered. */
export function orderedMenuItem(item: MenuItem): OrderedMenuItem {
  const { id, name, category, station, priceMinor, currency, taxRateBasisPoints, taxInclusive } = item;
  return { id, name, category, station, priceMinor, currency, taxRateBasisPoints, taxInclusive };
}

/** A new line of `quantity` of the dish: price and tax locked in (pricing.ts rounds the tax). */
export function pricedLine(menuItem: MenuItem, quantity: number) {
  const lineTotalMinor = menuItem.priceMinor * quantity;
  return {
    unitPriceMinor: menuItem.priceMinor,
    lineTotalMinor,
    taxMinor: lineTaxMinor(lineTotalMinor, menuItem.taxRateBasisPoints, menuItem.taxInclusive),
    menuItem: orderedMenuItem(menuItem),
  };
}

/** The tax of a line whose quantity changed, at the rate it was ordered with. */
export function retaxedLine(item: OrderItemDoc, quantity: number): Pick<OrderItemDoc, 'lineTotalMinor' | 'taxMinor'> {
  const lineTotalMinor = item.unitPriceMinor * quantity;
  const rate = item.menuItem.taxRateBasisPoints ?? 0;
  return { lineTotalMinor, taxMinor: lineTaxMinor(lineTotalMinor, rate, item.menuItem.taxInclusive === true) };
}

/** The order's figures from its lines and its own service rate (placement and every item edit). */
export function totalsOf(lines: readonly OrderItemDoc[], serviceRateBasisPoints: number) {
  return priceOrder(lines, serviceRateBasisPoints);
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
    taxMinor: doc.taxMinor ?? 0,
    serviceMinor: doc.serviceMinor ?? 0,
    totalMinor: doc.totalMinor,
    itemCount: doc.itemCount,
    failure: doc.failure,
  };
}

export const timestamp = (date: Date) => Timestamp.fromDate(date);

// Orders: the menu, orders and their items, the status machine, the REST bodies, the realtime
// events and the error codes. Shared by the SPA (offers only legal moves, drops stale events)
// and the API (refuses illegal moves with 409). Money is integer minor units plus ISO 4217.
// Tax and service charge (issue 19): see pricing.ts for the arithmetic and its rounding rule.
import type { ApiErrorCode, ApiErrorDetail } from './api-error';
import type { FieldChanges } from './events';
import type { MenuCategory, MenuEventName, MenuEventPayloads, ServiceCharge } from './menu';
import { priceOrder, type OrderTotals, type PricedLine } from './pricing';
import type { SessionEnded, SessionRefreshRequired } from './realtime';

// ----- menu -----

export type KitchenStation = 'grill' | 'fry' | 'cold' | 'pastry' | 'bar';

/** `menuItems/{id}`: written by the API (menu routes, stock) and the seed; clients only read it. */
export interface MenuItem {
  id: string;
  name: string;
  /** The menu category's name (kept in step with `menuCategories/{categoryId}` by the API). */
  category: string;
  /** `menuCategories/{id}`; '' on dishes from before categories were documents. */
  categoryId: string;
  station: KitchenStation;
  priceMinor: number;
  currency: string;
  /** Units left; the fulfillment saga reserves from it and never takes it below zero. */
  stock: number;
  available: boolean;
  /** Off the menu for good (kept for the orders that name it); archived dishes are not offered. */
  archived: boolean;
  /** The category's tax, copied onto the dish by the API whenever either changes. */
  taxRateBasisPoints: number;
  taxInclusive: boolean;
  /** +1 with every change through the menu routes: clients drop menu events older than theirs. */
  version: number;
}

/**
 * The menu item as it was when ordered: price and tax are locked in, later menu edits do not move
 * them. Lines of older orders lack the tax fields: read as 0 and false.
 */
export type OrderedMenuItem = Pick<
  MenuItem,
  'id' | 'name' | 'category' | 'station' | 'priceMinor' | 'currency' | 'taxRateBasisPoints' | 'taxInclusive'
>;

// ----- orders -----

export const ORDER_TYPES = ['dine-in', 'takeaway', 'delivery'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

export interface DeliveryAddress {
  street: string;
  city: string;
  postalCode: string;
  /** For the courier: floor, door code… */
  instructions?: string;
}

/** What kind of order, with what that kind needs. */
export type OrderFulfillment =
  | { type: 'dine-in'; table: string }
  | { type: 'takeaway' }
  | { type: 'delivery'; address: DeliveryAddress };

export interface OrderItem {
  id: string;
  menuItemId: string;
  quantity: number;
  notes: string;
  unitPriceMinor: number;
  /** unitPriceMinor × quantity. */
  lineTotalMinor: number;
  /** The line's tax, rounded half away from zero (pricing.ts); 0 on lines of older orders. */
  taxMinor: number;
  menuItem: OrderedMenuItem;
}

/** Why an order ended FAILED (the saga step and the error the client got). */
export interface OrderFailure {
  code: OrderErrorCode;
  message: string;
  step: FulfillmentStep | null;
}

export type Order = OrderFulfillment & {
  id: string;
  status: OrderStatus;
  customerName: string;
  notes: string;
  items: OrderItem[];
  currency: string;
  /** Σ lineTotalMinor (prices as on the menu, inclusive tax inside them). */
  subtotalMinor: number;
  /** Σ of the lines' taxMinor (inclusive and exclusive); 0 on older orders. */
  taxMinor: number;
  /** The service charge rate when placed (per order type, set by an admin); 0 if none. */
  serviceRateBasisPoints: number;
  /** round(net subtotal × service rate / 10000); not taxed; 0 on older orders. */
  serviceMinor: number;
  /**
   * What the customer pays (and the card authorizes): subtotal + exclusive tax + service.
   * No delivery fee is modelled. Net sales = totalMinor − taxMinor.
   */
  totalMinor: number;
  /** +1 with every change of the order or its items: clients drop events older than what they hold. */
  version: number;
  /** ISO 8601. */
  createdAt: string;
  updatedAt: string;
  /**
   * ISO 8601: when the kitchen started it (its first move to PREPARING; a recall keeps it).
   * Absent until then, and on orders started before it was recorded.
   */
  startedAt?: string;
  createdBy: string;
  failure: OrderFailure | null;
  /** The fulfillment saga's correlation id: its activity entries carry it. */
  correlationId: string;
};

/** Lines per order, on creation and after item edits (the API answers 400 past it). */
export const ORDER_ITEMS_MAX = 50;
/**
 * The most an order may come to, in minor units of its currency (10,000.00 USD), on creation and
 * after item edits: 400 `order_too_large` past it. Above the simulated card limit (5,000.00), so
 * the card declines before the cap refuses.
 */
export const ORDER_TOTAL_MAX_MINOR = 1_000_000;
export const ORDER_QUANTITY_MAX = 99;
export const ORDER_TABLE_MAX = 20;
export const ORDER_NOTES_MAX = 500;
export const ORDER_ITEM_NOTES_MAX = 200;
export const ORDER_CUSTOMER_NAME_MAX = 80;
/** Longest accepted value of each delivery address field. */
export const DELIVERY_ADDRESS_MAX = { street: 120, city: 60, postalCode: 12, instructions: 200 } as const;

/**
 * Subtotal, tax, service and total of an order's lines (clients recompute after an item event,
 * with the order's own `serviceRateBasisPoints`); the API stores exactly these.
 */
export function orderTotals(items: readonly PricedLine[], serviceRateBasisPoints = 0): OrderTotals {
  return priceOrder(items, serviceRateBasisPoints);
}

// ----- the status machine -----
//
//   PENDING ─saga─▶ CONFIRMED ─▶ PREPARING ─▶ READY ─▶ SERVED                   (dine-in, takeaway)
//      │                             ▲          │ └──▶ OUT_FOR_DELIVERY ─▶ DELIVERED (delivery)
//      └─saga─▶ FAILED               └─recall───┘
//   every non-final status ─▶ CANCELLED
//
// Why this shape (reference 000/003 adapted):
// - PENDING is "being placed": the fulfillment saga runs (payment, stock, courier). Only the saga
//   leaves it forward, to CONFIRMED or FAILED; staff may only cancel it. So a board never shows an
//   order as confirmed whose payment or stock was not secured.
// - FAILED is the saga's verdict, not a staff action: it always carries the reason (`failure`).
// - Recall (READY → PREPARING) is the kitchen taking a plate back; it is the only backward move.
// - SERVED ends dine-in and takeaway (handed over); OUT_FOR_DELIVERY → DELIVERED ends delivery.
// - CANCELLED is reachable from every non-final status and runs the saga's compensations.
// - SERVED, DELIVERED, CANCELLED and FAILED are final: nothing leaves them.

export const ORDER_STATUSES = [
  'PENDING',
  'CONFIRMED',
  'PREPARING',
  'READY',
  'SERVED',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'CANCELLED',
  'FAILED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const FINAL_ORDER_STATUSES: readonly OrderStatus[] = [
  'SERVED',
  'DELIVERED',
  'CANCELLED',
  'FAILED',
];

/** Who moves the order: staff through PATCH /status, or the fulfillment saga. */
export type TransitionActor = 'staff' | 'saga';

const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  PENDING: ['CONFIRMED', 'FAILED', 'CANCELLED'],
  CONFIRMED: ['PREPARING', 'CANCELLED'],
  PREPARING: ['READY', 'CANCELLED'],
  READY: ['PREPARING', 'SERVED', 'OUT_FOR_DELIVERY', 'CANCELLED'],
  OUT_FOR_DELIVERY: ['DELIVERED', 'CANCELLED'],
  SERVED: [],
  DELIVERED: [],
  CANCELLED: [],
  FAILED: [],
};

/** Moves only the saga makes: confirming or failing an order being placed. */
const SAGA_ONLY: readonly OrderStatus[] = ['CONFIRMED', 'FAILED'];

export interface TransitionOptions {
  /** The order's type: SERVED is for dine-in and takeaway, OUT_FOR_DELIVERY for delivery. */
  type?: OrderType;
  /** Defaults to staff. */
  actor?: TransitionActor;
}

export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === 'string' && (ORDER_STATUSES as readonly string[]).includes(value);
}

export function isFinalOrderStatus(status: OrderStatus): boolean {
  return FINAL_ORDER_STATUSES.includes(status);
}

export function canTransition(
  from: OrderStatus,
  to: OrderStatus,
  options: TransitionOptions = {},
): boolean {
  if (!TRANSITIONS[from].includes(to)) return false;
  const actor = options.actor ?? 'staff';
  if (from === 'PENDING' && SAGA_ONLY.includes(to) && actor !== 'saga') return false;
  if (options.type === 'delivery' && to === 'SERVED') return false;
  if (options.type !== undefined && options.type !== 'delivery' && to === 'OUT_FOR_DELIVERY')
    return false;
  return true;
}

/** The statuses `from` may move to: what the SPA offers as buttons. */
export function legalNextStatuses(
  from: OrderStatus,
  options: TransitionOptions = {},
): OrderStatus[] {
  return TRANSITIONS[from].filter((to) => canTransition(from, to, options));
}

/** Item lines and order details change only before the food is handed over. */
export const ORDER_ITEMS_EDITABLE_IN: readonly OrderStatus[] = ['CONFIRMED', 'PREPARING'];
export const ORDER_DETAILS_EDITABLE_IN: readonly OrderStatus[] = [
  'CONFIRMED',
  'PREPARING',
  'READY',
  'OUT_FOR_DELIVERY',
];

// ----- the fulfillment saga (reference 002) -----

/** In this order; `delivery` runs for delivery orders only. Compensations run in reverse. */
export const FULFILLMENT_STEPS = ['menu', 'payment', 'inventory', 'delivery'] as const;
export type FulfillmentStep = (typeof FULFILLMENT_STEPS)[number];

/** Activity-log actions of the saga: a step done, failed, and its compensation. */
export const SAGA_ACTIONS: Record<
  FulfillmentStep,
  { done: string; failed: string; compensated: string | null }
> = {
  menu: { done: 'ORDER_MENU_CHECKED', failed: 'ORDER_MENU_CHECK_FAILED', compensated: null },
  payment: {
    done: 'ORDER_PAYMENT_AUTHORIZED',
    failed: 'ORDER_PAYMENT_FAILED',
    compensated: 'ORDER_PAYMENT_REFUNDED',
  },
  inventory: {
    done: 'ORDER_INVENTORY_RESERVED',
    failed: 'ORDER_INVENTORY_FAILED',
    compensated: 'ORDER_INVENTORY_RESTORED',
  },
  delivery: {
    done: 'ORDER_DELIVERY_SCHEDULED',
    failed: 'ORDER_DELIVERY_FAILED',
    compensated: 'ORDER_DELIVERY_CANCELLED',
  },
};

/** Activity-log actions of plain order writes. */
export const ORDER_ACTIONS = {
  created: 'ORDER_CREATED',
  updated: 'ORDER_UPDATED',
  statusChanged: 'ORDER_STATUS_CHANGED',
  deleted: 'ORDER_DELETED',
  itemAdded: 'ORDER_ITEM_ADDED',
  itemUpdated: 'ORDER_ITEM_UPDATED',
  itemRemoved: 'ORDER_ITEM_REMOVED',
  /** An item edit raised the total past what the card held: the difference was authorized. */
  paymentReauthorized: 'ORDER_PAYMENT_REAUTHORIZED',
  /** The card declined that difference: the edit was refused, the order is unchanged. */
  paymentReauthorizationDeclined: 'ORDER_PAYMENT_REAUTHORIZATION_DECLINED',
  /** The difference was authorized but the edit could not be made: the extra hold was released. */
  paymentReauthorizationVoided: 'ORDER_PAYMENT_REAUTHORIZATION_VOIDED',
} as const;

// ----- REST -----

/** Header of POST /api/orders: a retry with the same key gets the same order, never a second one. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Set on a response that replays what an earlier request with the same key did. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
export const IDEMPOTENCY_KEY_MAX = 200;

export interface OrderItemRequest {
  menuItemId: string;
  quantity: number;
  notes?: string;
}

/** `POST /api/orders` → 201 `Order` (CONFIRMED), or an error whose body names the FAILED order. */
export type CreateOrderRequest = OrderFulfillment & {
  customerName?: string;
  notes?: string;
  items: OrderItemRequest[];
};

/** `PUT /api/orders/:id` → `Order`. The type, address and items change through their own routes. */
export interface UpdateOrderRequest {
  customerName?: string;
  notes?: string;
  /** Dine-in only. */
  table?: string;
}

/** `PATCH /api/orders/:id/status` → `Order`; an illegal move → 409 `illegal_transition`. */
export interface UpdateOrderStatusRequest {
  status: OrderStatus;
}

/** `POST /api/orders/:id/items` body is an `OrderItemRequest`; `PUT …/items/:itemId` this. */
export interface UpdateOrderItemRequest {
  quantity?: number;
  notes?: string;
}

/** `POST|PUT /api/orders/:id/items[/:itemId]` → the item with its menu item. */
export interface OrderItemResponse {
  orderId: string;
  item: OrderItem;
  version: number;
}

/** `GET /api/orders?status=READY,PREPARING&pageSize=50&cursor=…`, newest first. */
export interface OrderListResponse {
  orders: Order[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
/**
 * Orders per page of GET /api/orders, at most. Each order carries its items (one document read),
 * so a board of 5,000 active orders loads in 10 pages; a page is also cut at about 1 MiB of JSON
 * (ORDER_PAGE_BYTES_MAX), whatever the count, so large orders make more, smaller pages.
 */
export const ORDER_PAGE_SIZE_MAX = 500;
export const ORDER_PAGE_BYTES_MAX = 1024 * 1024;
export const ORDER_PAGE_SIZE_DEFAULT = 50;

/**
 * One activity-log entry of an order: who did what, when, and what changed (old → new).
 * The log may hold entries written by hand or by older code: a field the API cannot read is null
 * (show it as unknown), and a changed value it would not send stands as a `HistoryValueMarker`.
 */
export interface OrderHistoryEntry {
  /** The entry's document id. */
  id: string;
  /** ISO 8601, the server time of the commit that made the change; null when not a time. */
  at: string | null;
  /** An `ORDER_ACTIONS` or `SAGA_ACTIONS` value, e.g. ORDER_STATUS_CHANGED; null when unreadable. */
  action: string | null;
  /**
   * uid `system` (email null) when the API acted by itself, e.g. saga recovery; null when unreadable.
   * `name`: the member's display name from their profile (`users/{uid}`), when they have one.
   */
  actor: { uid: string; email: string | null; name?: string } | null;
  /** Null when not a map of changes. `from`/`to` may be a HistoryValueMarker. */
  changes: FieldChanges | null;
  /** Changed fields left out (past the API's per-entry limits); absent when none. */
  omittedChanges?: number;
  correlationId: string | null;
}

/**
 * Stands for a changed value the history does not send: `unknown` when it is not a value the
 * field can hold (a status that is not a status, a change that is not `{ from, to }`),
 * `truncated` when it is too big to send (`bytes`: its size as Firestore counts it).
 */
export type HistoryValueMarker = { unknown: true } | { truncated: true; bytes: number };

export function isHistoryValueMarker(value: unknown): value is HistoryValueMarker {
  if (typeof value !== 'object' || value === null) return false;
  const marker = value as Record<string, unknown>;
  const keys = Object.keys(marker).length;
  return (
    (marker['unknown'] === true && keys === 1) ||
    (marker['truncated'] === true && typeof marker['bytes'] === 'number' && keys === 2)
  );
}

/** `GET /api/orders/:id/history` → oldest first; 404 `order_not_found` for an unknown order. */
export interface OrderHistoryResponse {
  orderId: string;
  entries: OrderHistoryEntry[];
  /**
   * False when the API stopped reading the log at its limits (1,000 entries or 64 MiB read):
   * the newest entries are missing.
   */
  complete: boolean;
}

/**
 * `GET /api/menu-items`: in the menu's order (contracts/menu.ts `byMenuOrder`: the admin's category
 * order, dishes of no known category last, then by name); archived dishes left out.
 */
export interface MenuItemListResponse {
  menuItems: MenuItem[];
  /** The categories, by position: screens keep the order when live events add or move dishes. */
  categories?: MenuCategory[];
  /** The service charge per order type now, for running totals (absent from older APIs). */
  serviceCharge?: ServiceCharge;
}

// `DELETE /api/orders/:id` answers 200 with an `OrderDeletedEvent`, and
// `DELETE /api/orders/:id/items/:itemId` with an `OrderItemRemovedEvent` (the events' payloads).

// ----- errors -----

export const ORDER_ERROR_CODES = [
  'menu_item_not_found',
  'menu_item_unavailable',
  'currency_mismatch',
  'payment_declined',
  'payment_unavailable',
  'out_of_stock',
  'inventory_unavailable',
  'delivery_unavailable',
  'delivery_address_unserved',
  'order_not_found',
  'order_item_not_found',
  'illegal_transition',
  'order_not_editable',
  'order_cancelled',
  'idempotency_key_reused',
  'request_in_progress',
  'interrupted',
  // Past ORDER_ITEMS_MAX lines or ORDER_TOTAL_MAX_MINOR: split it into several orders.
  'order_too_large',
] as const;
export type OrderErrorCode = (typeof ORDER_ERROR_CODES)[number];

/** The HTTP status each order error is sent with. */
export const ORDER_ERROR_STATUS: Record<OrderErrorCode, number> = {
  menu_item_not_found: 404,
  menu_item_unavailable: 409,
  currency_mismatch: 422,
  payment_declined: 402,
  payment_unavailable: 503,
  out_of_stock: 409,
  inventory_unavailable: 503,
  delivery_unavailable: 503,
  /** A definitive "no courier goes there": retrying will not help, another address may. */
  delivery_address_unserved: 422,
  order_not_found: 404,
  order_item_not_found: 404,
  illegal_transition: 409,
  order_not_editable: 409,
  order_cancelled: 409,
  idempotency_key_reused: 422,
  request_in_progress: 409,
  interrupted: 503,
  order_too_large: 400,
};

/** An order error body: the shared `{ error: { code, message } }` plus what the client needs next. */
export interface OrderErrorBody {
  error: {
    code: ApiErrorCode | OrderErrorCode;
    message: string;
    details?: readonly ApiErrorDetail[];
    /** The order the request made or touched (e.g. the FAILED order of a failed placement). */
    orderId?: string;
    currentStatus?: OrderStatus;
    /** For illegal_transition: where the order may go from its current status. */
    allowedStatuses?: OrderStatus[];
  };
}

// ----- realtime (server → client), sent to the rooms `kitchen` and `orders` at once -----
// Every payload carries the order's `version` after the change: apply an event only when its
// version is higher than the one you hold, so duplicates and stale events are dropped.

export interface OrderCreatedEvent {
  order: Order;
  version: number;
}
export interface OrderUpdatedEvent {
  order: Order;
  changedFields: string[];
  version: number;
}
export interface OrderStatusChangedEvent {
  orderId: string;
  previousStatus: OrderStatus;
  newStatus: OrderStatus;
  /** ISO 8601. */
  updatedAt: string;
  version: number;
  /** Set when the new status is FAILED. */
  failure: OrderFailure | null;
  /** Set on the order's first move to PREPARING: when the kitchen started it (`Order.startedAt`). */
  startedAt?: string;
}
export interface OrderDeletedEvent {
  orderId: string;
  version: number;
}
export interface OrderItemAddedEvent {
  orderId: string;
  item: OrderItem;
  version: number;
}
export interface OrderItemUpdatedEvent {
  orderId: string;
  item: OrderItem;
  version: number;
}
export interface OrderItemRemovedEvent {
  orderId: string;
  itemId: string;
  version: number;
}

/**
 * Sent to one socket that reconnected but whose missed events could not be replayed
 * (connection-state recovery failed: too long away, or another API node): refetch the board.
 * Clients may also check `socket.recovered` on `connect`; both mean the same.
 */
export interface SyncRequiredEvent {
  /**
   * `not-recovered`: this connection's missed events could not be replayed; `cluster-interrupted`:
   * the API nodes lost their shared stream (Redis) for a while, so events of other nodes may be
   * missing. Either way the client refetches (and, not recovered, joins its rooms again).
   */
  reason: 'not-recovered' | 'cluster-interrupted';
}

export interface OrderEventPayloads {
  'order:created': OrderCreatedEvent;
  'order:updated': OrderUpdatedEvent;
  'order:status-changed': OrderStatusChangedEvent;
  'order:deleted': OrderDeletedEvent;
  'order-item:added': OrderItemAddedEvent;
  'order-item:updated': OrderItemUpdatedEvent;
  'order-item:removed': OrderItemRemovedEvent;
}
export type OrderEventName = keyof OrderEventPayloads;

export const ORDER_EVENT_NAMES = [
  'order:created',
  'order:updated',
  'order:status-changed',
  'order:deleted',
  'order-item:added',
  'order-item:updated',
  'order-item:removed',
] as const satisfies readonly OrderEventName[];

export const SYNC_REQUIRED_EVENT = 'sync:required';

/** socket.io's ServerToClientEvents for a Maestro client (menu events go to the same rooms). */
export type OrderServerToClientEvents = {
  [E in OrderEventName]: (payload: OrderEventPayloads[E]) => void;
} & {
  [E in MenuEventName]: (payload: MenuEventPayloads[E]) => void;
} & {
  'sync:required': (payload: SyncRequiredEvent) => void;
  'session:refresh_required': (payload: SessionRefreshRequired) => void;
  'session:ended': (payload: SessionEnded) => void;
};

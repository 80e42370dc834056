// Menu management (issue 19): the API owns the menu. Admins create, edit and archive dishes,
// restock them, and keep the menu categories (order, tax) and the service charge; staff may only
// take a dish off (86) and put it back. Every change is audited in its own transaction and
// broadcast to the `kitchen` and `orders` rooms, so open screens follow at once.
// Stations: KITCHEN_STATIONS (admin-users.ts).
import type { KitchenStation, MenuItem, OrderType } from './orders';

/** `menuCategories/{id}`: how the menu is grouped and ordered, and the tax of its dishes. */
export interface MenuCategory {
  id: string;
  name: string;
  /** 0, 1, 2…: the menu lists categories in this order. */
  position: number;
  /** Basis points: 1000 = 10 %. */
  taxRateBasisPoints: number;
  /** True: the price includes the tax (Europe); false: the tax is added on top (US). */
  taxInclusive: boolean;
  version: number;
}

/** `settings/serviceCharge`: a rate per order type, in basis points (0 = none). */
export interface ServiceCharge {
  serviceRateBasisPoints: Record<OrderType, number>;
  version: number;
}

export const MENU_NAME_MAX = 80;
export const MENU_CATEGORY_NAME_MAX = 40;
export const MENU_CATEGORIES_MAX = 50;
/** The most a dish may cost (in minor units): an order's own cap. */
export const MENU_PRICE_MAX_MINOR = 1_000_000;
export const MENU_STOCK_MAX = 100_000;
export const MENU_STOCK_REASON_MAX = 200;

// ----- REST (`/api/menu`) -----

/** `GET /api/menu` → categories in order, every dish (archived included), the service charge. */
export interface MenuResponse {
  categories: MenuCategory[];
  menuItems: MenuItem[];
  serviceCharge: ServiceCharge;
}

/** `POST /api/menu/items` (admins) → 201 `MenuItem`. The dish's category gives it its tax. */
export interface MenuItemDraft {
  name: string;
  categoryId: string;
  station: KitchenStation;
  priceMinor: number;
  currency: string;
  available: boolean;
  /** Units in stock to start with; 0 when left out. */
  stock?: number;
}

/**
 * `PUT /api/menu/items/:id` → `MenuItem`. Admins may send any field; staff only `available`
 * (86 a dish from the kitchen, and back). A price change never touches placed orders.
 */
export interface MenuItemPatch {
  name?: string;
  categoryId?: string;
  station?: KitchenStation;
  priceMinor?: number;
  currency?: string;
  available?: boolean;
  archived?: boolean;
}

/**
 * `POST /api/menu/items/:id/stock` (admins) → `MenuItem`: `change` units (+ restock, − adjust),
 * never below zero (409 `stock_would_go_negative`).
 */
export interface StockAdjustmentRequest {
  change: number;
  reason: string;
}

/** `POST /api/menu/categories` (admins) → 201 `MenuCategory`, placed last. */
export interface MenuCategoryDraft {
  name: string;
  taxRateBasisPoints: number;
  taxInclusive: boolean;
}

/** `PUT /api/menu/categories/:id` → `MenuCategory`: rename, or change its tax. */
export type MenuCategoryPatch = Partial<MenuCategoryDraft>;

/** `PUT /api/menu/category-order` → `MenuCategory[]`: every category id, in the new order. */
export interface CategoryOrderRequest {
  categoryIds: string[];
}

/** `PUT /api/menu/service-charge` → `ServiceCharge`. */
export interface ServiceChargeRequest {
  serviceRateBasisPoints: Record<OrderType, number>;
}

// Refusals: 400 validation_failed, 403 forbidden (staff beyond 86; not a member), 404
// menu_item_not_found / not_found (a category), 409 conflict (stock below zero, a name taken, the
// categories changed meanwhile). Every message is a sentence a person can act on.

// ----- realtime (server → client), to the rooms `kitchen` and `orders` -----
// `version` is the dish's or category's own: apply an event only when it is newer than yours.

export interface MenuItemChangedEvent {
  menuItem: MenuItem;
  /** Fields that changed (empty for a creation); `stock` for a restock or adjustment. */
  changedFields: string[];
}
export interface MenuCategoryChangedEvent {
  category: MenuCategory;
  changedFields: string[];
}
export interface MenuCategoriesReorderedEvent {
  categories: MenuCategory[];
}
export interface ServiceChargeChangedEvent {
  serviceCharge: ServiceCharge;
}

export interface MenuEventPayloads {
  'menu-item:created': MenuItemChangedEvent;
  'menu-item:updated': MenuItemChangedEvent;
  'menu-category:created': MenuCategoryChangedEvent;
  'menu-category:updated': MenuCategoryChangedEvent;
  'menu-categories:reordered': MenuCategoriesReorderedEvent;
  'service-charge:updated': ServiceChargeChangedEvent;
}
export type MenuEventName = keyof MenuEventPayloads;

export const MENU_EVENT_NAMES = [
  'menu-item:created',
  'menu-item:updated',
  'menu-category:created',
  'menu-category:updated',
  'menu-categories:reordered',
  'service-charge:updated',
] as const satisfies readonly MenuEventName[];

/** Activity-log actions of the menu (subject `menuItem`, `menuCategory` or `settings`). */
export const MENU_ACTIONS = {
  itemCreated: 'MENU_ITEM_CREATED',
  itemUpdated: 'MENU_ITEM_UPDATED',
  itemArchived: 'MENU_ITEM_ARCHIVED',
  itemUnarchived: 'MENU_ITEM_UNARCHIVED',
  /** Staff or an admin took the dish off (86) or put it back. */
  itemAvailabilityChanged: 'MENU_ITEM_AVAILABILITY_CHANGED',
  stockAdjusted: 'MENU_STOCK_ADJUSTED',
  categoryCreated: 'MENU_CATEGORY_CREATED',
  categoryUpdated: 'MENU_CATEGORY_UPDATED',
  categoriesReordered: 'MENU_CATEGORIES_REORDERED',
  serviceChargeChanged: 'SERVICE_CHARGE_CHANGED',
} as const;

/** One change asked of the menu by a screen (the SPA's MENU_CHANGE_REQUESTED event). */
export type MenuChange =
  | { kind: 'createItem'; draft: MenuItemDraft }
  | { kind: 'updateItem'; menuItemId: string; patch: MenuItemPatch }
  | { kind: 'adjustStock'; menuItemId: string; adjustment: StockAdjustmentRequest }
  | { kind: 'createCategory'; draft: MenuCategoryDraft }
  | { kind: 'updateCategory'; categoryId: string; patch: MenuCategoryPatch }
  | { kind: 'reorderCategories'; categoryIds: string[] }
  | { kind: 'setServiceCharge'; request: ServiceChargeRequest };

/** What a menu change answered with, by kind. */
export type MenuChangeResult =
  | { kind: 'item'; menuItem: MenuItem }
  | { kind: 'category'; category: MenuCategory }
  | { kind: 'categories'; categories: MenuCategory[] }
  | { kind: 'serviceCharge'; serviceCharge: ServiceCharge };

/** Rate in basis points as a percent for people: 1000 → "10 %", 825 → "8.25 %". */
export function ratePercentWords(basisPoints: number): string {
  return `${(basisPoints / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })} %`;
}

/** Categories with `next` held or replaced by a newer version (events may arrive in any order). */
export function applyMenuCategory(categories: readonly MenuCategory[], next: MenuCategory): MenuCategory[] {
  const held = categories.find((c) => c.id === next.id);
  if (held && held.version >= next.version) return [...categories];
  return held ? categories.map((c) => (c.id === next.id ? next : c)) : [...categories, next];
}

/** Categories in the admin's order (a tie, which a reorder never leaves, by name). */
export const byCategoryPosition = (a: MenuCategory, b: MenuCategory) => a.position - b.position || a.name.localeCompare(b.name);

/**
 * Dishes in the menu's order: by their category's position (the admin's order), dishes of no known
 * category last, then by name. The New order menu and `GET /api/menu-items` list them so.
 */
export function byMenuOrder(categories: readonly MenuCategory[]): (a: MenuItem, b: MenuItem) => number {
  const rank = new Map(categories.map((category) => [category.id, category.position]));
  const rankOf = (dish: MenuItem) => rank.get(dish.categoryId) ?? Number.MAX_SAFE_INTEGER;
  return (a, b) => rankOf(a) - rankOf(b) || a.category.localeCompare(b.category) || a.name.localeCompare(b.name);
}

/**
 * A menu list after a dish event: the dish replaced (or added) when the event's version is newer
 * than the one held; `orderable` lists drop archived dishes (the New order menu).
 */
export function applyMenuItemEvent(
  items: readonly MenuItem[],
  menuItem: MenuItem,
  options: { orderable?: boolean } = {},
): MenuItem[] {
  const held = items.find((item) => item.id === menuItem.id);
  if (held && held.version >= menuItem.version) return [...items];
  const rest = items.filter((item) => item.id !== menuItem.id);
  if (options.orderable && menuItem.archived) return rest;
  return held ? items.map((item) => (item.id === menuItem.id ? menuItem : item)) : [...rest, menuItem];
}

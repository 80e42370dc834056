// The menu as the /menu page holds and shows it: pure functions, no Angular.
import {
  RATE_BASIS_POINTS_MAX,
  applyMenuCategory,
  applyMenuItemEvent,
  type MenuCategory,
  type MenuChangeResult,
  type MenuItem,
  type MenuResponse,
} from '@maestro/contracts';
import type { MenuEvent } from '../../core/realtime/menu-live';

export interface MenuSection {
  /** null: dishes whose category is unknown (from before categories, or a category gone). */
  category: MenuCategory | null;
  dishes: MenuItem[];
}

/** Categories in their order, each with its dishes by name; dishes of no known category last. */
export function menuSections(menu: MenuResponse, options: { showArchived: boolean }): MenuSection[] {
  const shown = menu.menuItems
    .filter((dish) => options.showArchived || !dish.archived)
    .sort((a, b) => a.name.localeCompare(b.name));
  const known = new Set(menu.categories.map((category) => category.id));
  const sections: MenuSection[] = [...menu.categories]
    .sort((a, b) => a.position - b.position)
    .map((category) => ({ category, dishes: shown.filter((dish) => dish.categoryId === category.id) }));
  const loose = shown.filter((dish) => !known.has(dish.categoryId));
  return loose.length ? [...sections, { category: null, dishes: loose }] : sections;
}

/** A dish's stock as Firestore holds it, with the dish's version then. */
export interface LiveStock {
  stock: number;
  version: number;
}

/**
 * The menu with each dish's live stock. A reservation changes stock without a new version, so
 * live stock of the same or a newer version wins; an older one (the listener behind the API's
 * answer to our own edit) does not.
 */
export function withLiveStock(menu: MenuResponse, live: ReadonlyMap<string, LiveStock>): MenuResponse {
  if (!live.size) return menu;
  const menuItems = menu.menuItems.map((dish) => {
    const now = live.get(dish.id);
    return now && now.version >= dish.version && now.stock !== dish.stock ? { ...dish, stock: now.stock } : dish;
  });
  return { ...menu, menuItems };
}

/** The menu after a server event (another admin's change, a staff 86, an order's stock is not one). */
export function applyMenuEvent(menu: MenuResponse, event: MenuEvent): MenuResponse {
  switch (event.name) {
    case 'menu-item:created':
    case 'menu-item:updated':
      return { ...menu, menuItems: applyMenuItemEvent(menu.menuItems, event.payload.menuItem) };
    case 'menu-category:created':
    case 'menu-category:updated':
      return { ...menu, categories: applyMenuCategory(menu.categories, event.payload.category) };
    case 'menu-categories:reordered':
      return { ...menu, categories: event.payload.categories.reduce(applyMenuCategory, menu.categories) };
    case 'service-charge:updated':
      return event.payload.serviceCharge.version > menu.serviceCharge.version ? { ...menu, serviceCharge: event.payload.serviceCharge } : menu;
  }
}

/** The menu after the API's answer to our own change (its event may come before or after). */
export function applyMenuResult(menu: MenuResponse, result: MenuChangeResult): MenuResponse {
  switch (result.kind) {
    case 'item':
      return applyMenuEvent(menu, { name: 'menu-item:updated', payload: { menuItem: result.menuItem, changedFields: [] } });
    case 'category':
      return applyMenuEvent(menu, { name: 'menu-category:updated', payload: { category: result.category, changedFields: [] } });
    case 'categories':
      return applyMenuEvent(menu, { name: 'menu-categories:reordered', payload: { categories: result.categories } });
    case 'serviceCharge':
      return applyMenuEvent(menu, { name: 'service-charge:updated', payload: { serviceCharge: result.serviceCharge } });
  }
}

/** The category ids with the one at `index` moved up (−1) or down (+1); null at the edge. */
export function movedCategoryIds(categories: readonly MenuCategory[], index: number, delta: -1 | 1): string[] | null {
  const target = index + delta;
  if (index < 0 || index >= categories.length || target < 0 || target >= categories.length) return null;
  const ids = categories.map((c) => c.id);
  [ids[index], ids[target]] = [ids[target]!, ids[index]!];
  return ids;
}

/** "8.25" (a percent as typed) → 825 basis points; null when not a percent from 0 to 100 with at most 2 decimals. */
export function parseRatePercent(text: string): number | null {
  const match = /^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*%?\s*$/.exec(text);
  if (!match) return null;
  const basisPoints = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return basisPoints <= RATE_BASIS_POINTS_MAX ? basisPoints : null;
}

/** 825 → "8.25", for a form field. */
export const ratePercentText = (basisPoints: number): string => String(basisPoints / 100);

/** How a category's tax reads on the page: "8.25 % added", "20 % included", "No tax". */
export function taxWords(category: Pick<MenuCategory, 'taxRateBasisPoints' | 'taxInclusive'>): string {
  if (category.taxRateBasisPoints === 0) return 'No tax';
  const rate = `${(category.taxRateBasisPoints / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })} %`;
  return category.taxInclusive ? `${rate} tax included in prices` : `${rate} tax added to prices`;
}

// The menu as the new-order dialog shows it, and the running total of the lines. Pure functions.
import {
  ORDER_QUANTITY_MAX,
  byMenuOrder,
  lineTaxMinor,
  priceOrder,
  type KitchenStation,
  type MenuCategory,
  type MenuItem,
  type OrderTotals,
  type PricedLine,
} from '@maestro/contracts';

export interface MenuSection {
  category: string;
  dishes: readonly MenuItem[];
}

export const STATION_LABEL: Record<KitchenStation, string> = {
  grill: 'Grill',
  fry: 'Fry',
  cold: 'Cold',
  pastry: 'Pastry',
  bar: 'Bar',
};

/**
 * By category in the admin's order (`categories`' positions; dishes of no known category last),
 * then by name, matching the search in name or category. Sorted here rather than trusted from the
 * API's order: dishes created or moved live arrive one at a time.
 */
export function menuSections(items: readonly MenuItem[], search: string, categories: readonly MenuCategory[] = []): MenuSection[] {
  const text = search.trim().toLowerCase();
  const sections = new Map<string, MenuItem[]>();
  for (const item of [...items].sort(byMenuOrder(categories))) {
    if (text && !item.name.toLowerCase().includes(text) && !item.category.toLowerCase().includes(text)) continue;
    const section = sections.get(item.category);
    if (section) section.push(item);
    else sections.set(item.category, [item]);
  }
  return [...sections].map(([category, dishes]) => ({ category, dishes }));
}

/** Why a dish cannot be ordered now, or null when it can. */
export function unavailableReason(item: Pick<MenuItem, 'available' | 'stock'>): string | null {
  if (!item.available) return 'Not available today';
  if (item.stock <= 0) return 'Out of stock';
  return null;
}

export interface LinesTotal extends OrderTotals {
  /** The one currency of the lines; null when there are no lines or they mix currencies. */
  currency: string | null;
  /** Every currency the lines use: more than one and the order cannot be placed. */
  currencies: readonly string[];
  /** Lines left out of the total because their quantity is not one the API takes (yet). */
  uncounted: number;
}

/** A quantity the API takes for one line: a whole number from 1 to ORDER_QUANTITY_MAX. */
export function isOrderableQuantity(quantity: number | null | undefined): quantity is number {
  return Number.isInteger(quantity) && quantity! >= 1 && quantity! <= ORDER_QUANTITY_MAX;
}

/**
 * The order as the API will price it (contracts/pricing.ts): each line's tax at its dish's rate,
 * the service charge of the order type; a quantity still being typed (empty, out of range)
 * counts as nothing.
 */
export function linesTotal(
  lines: readonly { menuItemId: string; quantity: number | null }[],
  menu: ReadonlyMap<string, MenuItem>,
  serviceRateBasisPoints = 0,
): LinesTotal {
  const priced: PricedLine[] = [];
  let uncounted = 0;
  const currencies = new Set<string>();
  for (const line of lines) {
    const dish = menu.get(line.menuItemId);
    if (!dish) continue;
    currencies.add(dish.currency);
    // 1,000 typed where 99 is the most must not show as a $32,000.00 total.
    if (!isOrderableQuantity(line.quantity)) {
      uncounted++;
      continue;
    }
    const lineTotalMinor = dish.priceMinor * line.quantity;
    const taxInclusive = dish.taxInclusive === true;
    priced.push({ lineTotalMinor, taxMinor: lineTaxMinor(lineTotalMinor, dish.taxRateBasisPoints ?? 0, taxInclusive), menuItem: { taxInclusive } });
  }
  const list = [...currencies];
  return { ...priceOrder(priced, serviceRateBasisPoints), currency: list.length === 1 ? list[0]! : null, currencies: list, uncounted };
}

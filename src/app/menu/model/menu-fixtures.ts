// Menus for specs: a dish, a category, the whole answer of GET /api/menu.
import type { MenuCategory, MenuItem, MenuResponse } from '@maestro/contracts';

export const categoryFixture = (id: string, position: number, overrides: Partial<MenuCategory> = {}): MenuCategory => ({
  id,
  name: id[0]!.toUpperCase() + id.slice(1),
  position,
  taxRateBasisPoints: 825,
  taxInclusive: false,
  version: 1,
  ...overrides,
});

export const dishFixture = (id: string, categoryId: string, overrides: Partial<MenuItem> = {}): MenuItem => ({
  id,
  name: id[0]!.toUpperCase() + id.slice(1),
  category: categoryId,
  categoryId,
  station: 'grill',
  priceMinor: 1650,
  currency: 'USD',
  stock: 10,
  available: true,
  archived: false,
  taxRateBasisPoints: 825,
  taxInclusive: false,
  version: 1,
  ...overrides,
});

export const menuFixture = (overrides: Partial<MenuResponse> = {}): MenuResponse => ({
  categories: [categoryFixture('mains', 1), categoryFixture('starters', 0), categoryFixture('drinks', 2, { taxRateBasisPoints: 2000, taxInclusive: true })],
  menuItems: [
    dishFixture('burger', 'mains'),
    dishFixture('calamari', 'starters', { station: 'fry', priceMinor: 1150 }),
    dishFixture('bruschetta', 'starters', { available: false }),
    dishFixture('lemonade', 'drinks', { station: 'bar', priceMinor: 450 }),
    dishFixture('risotto', 'mains', { archived: true }),
    dishFixture('soup', '', { name: 'Old soup' }),
  ],
  serviceCharge: { serviceRateBasisPoints: { 'dine-in': 1000, takeaway: 0, delivery: 0 }, version: 1 },
  ...overrides,
});

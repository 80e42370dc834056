import { applyMenuEvent, applyMenuResult, menuSections, movedCategoryIds, parseRatePercent, taxWords } from './menu-model';
import { categoryFixture, dishFixture, menuFixture } from './menu-fixtures';

describe('menu model', () => {
  it('lists categories by position with their dishes by name; archived dishes only when asked; unknown categories last', () => {
    const sections = menuSections(menuFixture(), { showArchived: false });
    expect(sections.map((s) => s.category?.name ?? null)).toEqual(['Starters', 'Mains', 'Drinks', null]);
    expect(sections[0]!.dishes.map((d) => d.id)).toEqual(['bruschetta', 'calamari']);
    expect(sections[1]!.dishes.map((d) => d.id)).toEqual(['burger']);
    expect(sections[3]!.dishes.map((d) => d.name)).toEqual(['Old soup']);
    const all = menuSections(menuFixture(), { showArchived: true });
    expect(all[1]!.dishes.map((d) => d.id)).toEqual(['burger', 'risotto']);
  });

  it('applies a dish event only when newer than the dish held, and adds a new dish', () => {
    const menu = menuFixture();
    const stale = applyMenuEvent(menu, { name: 'menu-item:updated', payload: { menuItem: dishFixture('burger', 'mains', { priceMinor: 1, version: 1 }), changedFields: ['priceMinor'] } });
    expect(stale.menuItems.find((d) => d.id === 'burger')!.priceMinor).toBe(1650);
    const newer = applyMenuEvent(menu, { name: 'menu-item:updated', payload: { menuItem: dishFixture('burger', 'mains', { priceMinor: 1800, version: 2 }), changedFields: ['priceMinor'] } });
    expect(newer.menuItems.find((d) => d.id === 'burger')!.priceMinor).toBe(1800);
    const added = applyMenuEvent(menu, { name: 'menu-item:created', payload: { menuItem: dishFixture('pie', 'mains'), changedFields: [] } });
    expect(added.menuItems.map((d) => d.id)).toContain('pie');
  });

  it('takes a reorder and a newer service charge, and the answer to our own change like an event', () => {
    const menu = menuFixture();
    const reordered = applyMenuEvent(menu, {
      name: 'menu-categories:reordered',
      payload: { categories: [categoryFixture('drinks', 0, { version: 2 }), categoryFixture('starters', 1, { version: 2 }), categoryFixture('mains', 2, { version: 2 })] },
    });
    expect(menuSections(reordered, { showArchived: false }).map((s) => s.category?.id ?? null)).toEqual(['drinks', 'starters', 'mains', null]);
    const charged = applyMenuResult(menu, { kind: 'serviceCharge', serviceCharge: { serviceRateBasisPoints: { 'dine-in': 1250, takeaway: 0, delivery: 0 }, version: 2 } });
    expect(charged.serviceCharge.serviceRateBasisPoints['dine-in']).toBe(1250);
    const older = applyMenuResult(charged, { kind: 'serviceCharge', serviceCharge: { serviceRateBasisPoints: { 'dine-in': 0, takeaway: 0, delivery: 0 }, version: 1 } });
    expect(older.serviceCharge.serviceRateBasisPoints['dine-in']).toBe(1250);
  });

  it('moves a category up or down, never past either end', () => {
    const categories = [categoryFixture('a', 0), categoryFixture('b', 1), categoryFixture('c', 2)];
    expect(movedCategoryIds(categories, 1, -1)).toEqual(['b', 'a', 'c']);
    expect(movedCategoryIds(categories, 1, 1)).toEqual(['a', 'c', 'b']);
    expect(movedCategoryIds(categories, 0, -1)).toBeNull();
    expect(movedCategoryIds(categories, 2, 1)).toBeNull();
  });

  it('reads a typed percent into basis points, refusing what the API would', () => {
    expect(parseRatePercent('8.25')).toBe(825);
    expect(parseRatePercent('10')).toBe(1000);
    expect(parseRatePercent(' 20 % ')).toBe(2000);
    expect(parseRatePercent('7,5')).toBe(750);
    expect(parseRatePercent('0')).toBe(0);
    expect(parseRatePercent('100')).toBe(10_000);
    for (const bad of ['', '100.01', '-1', '8.125', 'ten', '1e3']) expect(parseRatePercent(bad)).withContext(bad).toBeNull();
  });

  it('says a category’s tax in words', () => {
    expect(taxWords({ taxRateBasisPoints: 825, taxInclusive: false })).toBe('8.25 % tax added to prices');
    expect(taxWords({ taxRateBasisPoints: 2000, taxInclusive: true })).toBe('20 % tax included in prices');
    expect(taxWords({ taxRateBasisPoints: 0, taxInclusive: true })).toBe('No tax');
  });
});

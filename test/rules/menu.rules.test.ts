// The menu belongs to the API (issue 19): dishes, menu categories (order, tax) and the service
// charge are written through /api/menu only, audited there. From a browser, members read them and
// nobody writes them: not a stranger with a Firebase account, not staff, not even an admin, and
// no forged activity entry about them either.
import { describe, test } from 'node:test';
import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { deleteDoc, doc, getDoc, setDoc, updateDoc } from 'firebase/firestore';
import { ADMIN, STAFF, STRANGER, assertRefused, dbOf, entryData, given } from './audited-writes';
import { useRulesEnvironment } from './rules-env';

const rules = useRulesEnvironment('demo-maestro-menu-rules');

const PATHS = {
  'menuItems/burger': { name: 'Burger', priceMinor: 1650, currency: 'USD', stock: 10, available: true },
  'menuCategories/mains': { name: 'Mains', position: 0, taxRateBasisPoints: 825, taxInclusive: false, version: 1 },
  'settings/serviceCharge': { serviceRateBasisPoints: { 'dine-in': 1000, takeaway: 0, delivery: 0 }, version: 1 },
} as const;

describe('menu, menu categories and the service charge from a browser', () => {
  for (const [path, data] of Object.entries(PATHS)) {
    test(`${path}: members read it; a stranger with a Firebase account does not`, async () => {
      await given(rules(), path, data);
      await assertSucceeds(getDoc(doc(dbOf(rules(), STAFF), path)));
      await assertSucceeds(getDoc(doc(dbOf(rules(), ADMIN), path)));
      await assertFails(getDoc(doc(dbOf(rules(), STRANGER), path)));
    });
    test(`${path}: nobody writes it from a client, admins included`, async () => {
      await given(rules(), path, data);
      await assertRefused(setDoc(doc(dbOf(rules(), STRANGER), path), data), 'a stranger’s set');
      await assertRefused(updateDoc(doc(dbOf(rules(), STAFF), path), { version: 99 }), 'staff’s update');
      await assertRefused(setDoc(doc(dbOf(rules(), ADMIN), path), data), 'an admin’s set straight to Firestore');
      await assertRefused(deleteDoc(doc(dbOf(rules(), ADMIN), path)), 'an admin’s delete');
    });
  }
  test('a new category, a price cut or a malformed or oversized dish written straight to Firestore is refused', async () => {
    await assertRefused(setDoc(doc(dbOf(rules(), ADMIN), 'menuCategories/new'), { name: 'Free food', taxRateBasisPoints: 0 }), 'a new category');
    await given(rules(), 'menuItems/burger', PATHS['menuItems/burger']);
    await assertRefused(updateDoc(doc(dbOf(rules(), STAFF), 'menuItems/burger'), { priceMinor: 1 }), 'a price cut');
    await assertRefused(updateDoc(doc(dbOf(rules(), STAFF), 'menuItems/burger'), { stock: -5 }), 'negative stock');
    await assertRefused(updateDoc(doc(dbOf(rules(), STAFF), 'menuItems/burger'), { available: false }), 'an 86 around the API (unaudited)');
    await assertRefused(setDoc(doc(dbOf(rules(), ADMIN), 'menuItems/huge'), { name: 'x'.repeat(900_000) }), 'an oversized dish');
  });
  test('no forged activity entry about the menu: those are the API’s', async () => {
    for (const [type, id, action] of [
      ['menuItem', 'burger', 'MENU_ITEM_UPDATED'],
      ['menuCategory', 'mains', 'MENU_CATEGORY_UPDATED'],
      ['settings', 'serviceCharge', 'SERVICE_CHARGE_CHANGED'],
    ] as const) {
      const entry = entryData(ADMIN, `forged-${type}`, { type, id }, action, { priceMinor: { from: 1650, to: 1 } });
      await assertRefused(setDoc(doc(dbOf(rules(), ADMIN), `activity/forged-${type}`), entry), `a ${type} entry`);
    }
  });
});

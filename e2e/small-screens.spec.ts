import { expect, test } from '@playwright/test';
import type { MenuItem, Order } from '../contracts/orders';
import { api, staffToken } from './orders-api';
import { ADMIN, STAFF, dialogReady, screenshot, signIn } from './support';
import { expectAccessible, settled } from './accessibility';

// Issue 18's smaller items, each at a phone's width and a laptop's: what a person reads there
// (labels, numbers, words) is asserted; the screenshots are for people to look at.
const WIDTHS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

for (const size of WIDTHS) {
  test.describe(`at ${size.width} px`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('New order: a quantity past the limit is said and kept out of the total; no keyboard hint on a phone', async ({ page }) => {
      await signIn(page, STAFF, '/orders');
      await page.getByRole('button', { name: 'New order' }).click();
      const dialog = page.getByRole('dialog', { name: 'New order' });
      await dialogReady(dialog);
      await expectAccessible(page, `New order dialog at ${size.width} px`);
      const firstDish = dialog.getByRole('button', { name: /^Add / }).first();
      await firstDish.click();
      const quantity = dialog.getByLabel(/^Quantity of /);
      await quantity.fill('1000');
      await expect(dialog.getByText('1,000 is too many: a line takes at most 99.')).toBeVisible();
      await expect(dialog.getByText('without a line to fix')).toBeVisible();
      await expect(dialog.locator('.total strong')).toHaveText('$0.00');
      await expect(dialog.getByText('Ctrl+Enter places the order')).toBeVisible({ visible: size.width > 760 });
      // "In this order" is its own block under the menu on a phone, never under it.
      const lines = await dialog.getByRole('heading', { name: /^In this order/ }).boundingBox();
      const menu = await dialog.locator('section.menu').boundingBox();
      if (size.width <= 760) expect(lines!.y).toBeGreaterThanOrEqual(menu!.y + menu!.height);
      await settled(page);
      await screenshot(page, `issue18-new-order-${size.name}`);
    });

    test('Team: role, status and actions of every member are on screen', async ({ page }) => {
      await signIn(page, ADMIN, '/team');
      const row = page.getByRole('row').filter({ hasText: STAFF.email });
      await row.scrollIntoViewIfNeeded();
      for (const text of ['Staff', 'Active']) await expect(row.getByText(text, { exact: true }).first()).toBeInViewport();
      await expect(row.getByRole('button', { name: `Disable: ${STAFF.name}` })).toBeInViewport();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, `issue18-team-${size.name}`);
    });

    test('Import: every step label reads whole', async ({ page }) => {
      await signIn(page, STAFF, '/expenses/import');
      await expect(page.getByRole('heading', { name: 'Import', level: 1 })).toBeVisible();
      for (const label of ['Upload', 'Map columns', 'Review', 'Import']) {
        const text = page.locator('.mat-step-label').filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) });
        const cut = await text.evaluate((el) => el.scrollWidth > el.clientWidth);
        expect(cut, `${label} is cut`).toBe(false);
      }
      await settled(page);
      await screenshot(page, `issue18-import-stepper-${size.name}`);
    });

    test('Saga page: the short number and the entries in words, with from → to', async ({ page }) => {
      // An order of its own, cancelled: its saga has steps done and undone to show in words.
      const token = await staffToken();
      const { menuItems } = await api<{ menuItems: MenuItem[] }>(token, 'GET', '/menu-items');
      const dish = menuItems.find((item) => item.available && item.stock > 20)!;
      const order = await api<Order>(token, 'POST', '/orders', { type: 'takeaway', customerName: `Saga ${size.name}`, items: [{ menuItemId: dish.id, quantity: 1 }] });
      await api<Order>(token, 'PATCH', `/orders/${order.id}/status`, { status: 'CANCELLED' });
      const orderId = order.id;
      await signIn(page, ADMIN, `/monitor/sagas/${orderId}`);
      await expect(page.getByText(`Order #${orderId!.slice(0, 6).toUpperCase()}`)).toBeVisible();
      const entries = page.locator('ol.events li');
      await expect(entries.first()).toBeVisible();
      await expect(page.locator('ol.events')).not.toContainText(/\bORDER_[A-Z_]+\b/);
      await expect(page.locator('ol.events')).toContainText(/Order placed|Menu checked|Payment authorized/);
      await settled(page);
      await screenshot(page, `issue18-saga-${size.name}`);
    });

    test('an unknown order: "No order with that number", with the id as typed', async ({ page }) => {
      await signIn(page, STAFF, '/orders/does-not-exist');
      await expect(page.getByRole('heading', { name: 'No order with that number' })).toBeVisible();
      await expect(page.getByText('Nothing was found for “does-not-exist”.', { exact: false })).toBeVisible();
      await screenshot(page, `issue18-order-not-found-${size.name}`);
    });
  });
}

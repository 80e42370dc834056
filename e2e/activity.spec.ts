import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { parse } from 'papaparse';
import type { MenuItem, Order } from '../contracts/orders';
import { api, staffToken } from './orders-api';
import { ADMIN, screenshot, signIn } from './support';

// The admin's audit trail: an order's whole saga, found by its correlation id, and exported.
test.use({ viewport: { width: 1440, height: 900 } });

test('an admin finds an order\'s saga in the activity log by correlation id and exports exactly those entries', async ({ page }) => {
  const token = await staffToken();
  const { menuItems } = await api<{ menuItems: MenuItem[] }>(token, 'GET', '/menu-items');
  const dish = menuItems.find((item) => item.available && item.stock > 20)!;
  const order = await api<Order>(token, 'POST', '/orders', { type: 'takeaway', customerName: 'Audit trail', items: [{ menuItemId: dish.id, quantity: 1 }] });

  await signIn(page, ADMIN, `/activity?correlationId=${order.correlationId}`);
  const entries = page.getByRole('list', { name: 'Activity entries' }).locator(':scope > li');
  // Placed, the saga's three steps (menu, payment, stock), then confirmed.
  await expect(entries).toHaveCount(5);
  await expect(entries.first()).toContainText(/New|Confirmed|→/);
  await expect(page.getByRole('link', { name: new RegExp(order.id.slice(0, 6), 'i') }).first()).toBeVisible();
  await screenshot(page, 'activity-log');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /Export CSV/ }).click();
  const file = await (await download).path();
  const rows = parse<Record<string, string>>(await readFile(file, 'utf8'), { header: true, skipEmptyLines: true }).data;
  expect(rows.length).toBe(5);
  expect(new Set(rows.map((row) => row['correlation_id']))).toEqual(new Set([order.correlationId]));
  expect(new Set(rows.map((row) => row['subject_id']))).toEqual(new Set([order.id]));
});

test('a reversed date range is refused with a message, not an empty list', async ({ page }) => {
  await signIn(page, ADMIN, '/activity?from=2026-11-30&to=2026-11-01');
  await expect(page.getByText('From must be before To.')).toBeVisible();
});

import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { parse } from 'papaparse';
import type { MenuItem, Order } from '../contracts/orders';
import { api, staffToken } from './orders-api';
import { ADMIN, screenshot, signIn, withAdminDb } from './support';

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

test('the log shows names and money, and finds entries by part of a name and by the action\'s words', async ({ page }) => {
  const run = `e2enames${Date.now().toString(36)}`;
  const at = new Date();
  await withAdminDb(async (db) => {
    const { Timestamp } = await import('firebase-admin/firestore');
    const entry = (id: string, action: string, subject: { type: string; id: string }, changes: Record<string, { from: unknown; to: unknown }>) =>
      db.doc(`activity/${run}-${id}`).set({ actorUid: 'demo-staff', actorEmail: 'staff@maestro.test', action, subject, changes, correlationId: run, eventId: `${run}-${id}`, at: Timestamp.fromDate(at) });
    await entry('recorded', 'EXPENSE_RECORDED', { type: 'expense', id: `${run}-x` }, {
      accountId: { from: null, to: 'company-card' },
      categoryId: { from: null, to: 'produce' },
      amountMinor: { from: null, to: 1_000 },
      currency: { from: null, to: 'USD' },
      date: { from: null, to: '2026-03-01' },
    });
    await entry('account', 'ACCOUNT_UPDATED', { type: 'account', id: 'cash-register' }, { openingBalanceMinor: { from: 0, to: 25_000 } });
  });
  // Left in the log afterwards, as every entry is: the API seals entries, and a removed one would be named by Verify.
  {
    await signIn(page, ADMIN, `/activity?correlationId=${run}&actor=SAM&action=expense%20rec`);
    const entries = page.getByRole('list', { name: 'Activity entries' }).locator(':scope > li');
    await expect(entries).toHaveCount(1);
    const recorded = entries.first();
    await expect(recorded).toContainText('Expense recorded');
    await expect(recorded).toContainText('by Sam Staff');
    await expect(recorded).toContainText('Account: Company card');
    await expect(recorded).toContainText('Category: Ingredients › Produce');
    await expect(recorded).toContainText('Amount: $10.00');
    await expect(recorded).toContainText('Date: 1 Mar 2026');
    await expect(recorded).not.toContainText('minor units');

    await page.goto(`/activity?correlationId=${run}`);
    await expect(entries).toHaveCount(2);
    await expect(page.getByRole('link', { name: 'Cash register' })).toBeVisible();
    await expect(page.getByText('Opening balance: $0.00 → $250.00')).toBeVisible();
    await screenshot(page, 'activity-names');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'activity-names-phone');
  }
});

test('a reversed date range is refused with a message, not an empty list', async ({ page }) => {
  await signIn(page, ADMIN, '/activity?from=2026-11-30&to=2026-11-01');
  // Said on the field (and again where the list would be).
  await expect(page.locator('app-activity-filters').getByText('From must be before To.').first()).toBeVisible();
});

test('an entry altered behind the app\'s back is named by the integrity check, and is clean again once restored', async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page, ADMIN, '/activity');
  const integrity = page.getByRole('region', { name: 'Integrity' });
  // Entries settle for a few seconds before they can be sealed; seal until a seal exists.
  await expect
    .poll(async () => {
      await integrity.getByRole('button', { name: 'Seal now' }).click();
      await expect(integrity.getByRole('button', { name: 'Seal now' })).toBeEnabled();
      return withAdminDb(async (db) => (await db.collection('activitySeals').limit(1).get()).size);
    }, { timeout: 30_000, intervals: [2_000] })
    .toBe(1);

  // Someone with database access rewrites a sealed entry's old → new values.
  const { entryId, original } = await withAdminDb(async (db) => {
    const head = (await db.collection('activitySeals').orderBy('sequence', 'desc').limit(1).get()).docs[0]!;
    const id = (head.get('entryIds') as string[])[0]!;
    const entry = db.doc(`activity/${id}`);
    const data = (await entry.get()).data()!;
    await entry.update({ changes: { amountMinor: { from: 1, to: 999_999 } } });
    return { entryId: id, original: data };
  });
  try {
    await integrity.getByRole('button', { name: 'Verify the log' }).click();
    const problem = integrity.getByRole('list', { name: 'Integrity problems' }).getByRole('listitem').filter({ hasText: entryId });
    await expect(problem).toContainText('Altered');
    await screenshot(page, 'activity-integrity-altered');
  } finally {
    await withAdminDb((db) => db.doc(`activity/${entryId}`).set(original));
  }
  await integrity.getByRole('button', { name: 'Verify the log' }).click();
  await expect(integrity.getByText(/Intact|problems? in/)).toBeVisible();
  await expect(integrity.getByText(entryId)).toHaveCount(0);
});

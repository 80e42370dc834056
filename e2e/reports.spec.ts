import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'papaparse';
import type { Order } from '../contracts/orders';
import { showColourScheme } from './charts';
import { adminToken, api, staffToken } from './orders-api';
import { ADMIN, screenshot, signIn, withAdminDb } from './support';

// Sales and profit, read from the real API's aggregates. Everything this run sells and spends is in
// a currency of its own (a made-up code: a dish priced in it, an account holding it), so the month's
// figures are exactly what the run created, whatever else the emulator holds; it all goes again.
const run = `rep${Date.now().toString(36)}`;
const currency = `Q${String.fromCharCode(65 + Math.floor(Math.random() * 26))}${String.fromCharCode(65 + Math.floor(Math.random() * 26))}`;
const dishId = `e2e-${run}-dish`;
const accountId = `e2e-${run}-account`;
const categoryId = `e2e-${run}-category`;
const categoryName = `Linen ${run}`;
const now = new Date();
const pad = (n: number) => String(n).padStart(2, '0');
const month = `${now.getFullYear()}-${pad(now.getMonth() + 1)}`;
const today = `${month}-${pad(now.getDate())}`;
const lastDay = `${month}-${pad(new Date(now.getFullYear(), now.getMonth() + 1, 0).getDate())}`;
const money = (minor: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(minor / 100);

const expenses = [
  { id: 'soap', amountMinor: 1_999, payee: `${run} Soap` },
  { id: 'towels', amountMinor: 2_501, payee: `${run} Towels` },
];
const placed: Order[] = [];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await withAdminDb(async (db) => {
    const { FieldValue } = await import('firebase-admin/firestore');
    await db.doc(`menuItems/${dishId}`).set({
      name: `Report pie ${run}`,
      category: 'Mains',
      station: 'grill',
      priceMinor: 1_250,
      currency,
      stock: 50,
      available: true,
      archived: false,
      version: 1,
      taxRateBasisPoints: 1_000,
      taxInclusive: false,
    });
    await db.doc(`accounts/${accountId}`).set({ name: `Till ${run}`, type: 'cash', currency, openingBalanceMinor: 0, archived: false, createdBy: 'demo-admin' });
    await db.doc(`categories/${categoryId}`).set({ name: categoryName, colour: '#00897b', icon: 'local_laundry_service', parentId: null, createdBy: 'demo-admin' });
    for (const e of expenses) {
      await db.doc(`expenses/${run}-${e.id}`).set({
        accountId,
        categoryId,
        amountMinor: e.amountMinor,
        currency,
        date: today,
        month,
        payee: e.payee,
        note: '',
        tags: [],
        keywords: [],
        deleted: false,
        createdBy: 'demo-admin',
        updatedBy: 'demo-admin',
        createdAt: FieldValue.serverTimestamp(),
        updatedAt: FieldValue.serverTimestamp(),
      });
    }
  });
  // Two orders served (sales) and one cancelled (shown apart), placed and moved through the API.
  const token = await staffToken();
  const place = (quantity: number) => api<Order>(token, 'POST', '/orders', { type: 'takeaway', customerName: `${run} guest`, items: [{ menuItemId: dishId, quantity }] });
  for (const quantity of [1, 3]) {
    const order = await place(quantity);
    for (const status of ['PREPARING', 'READY', 'SERVED']) await api<Order>(token, 'PATCH', `/orders/${order.id}/status`, { status });
    placed.push(await api<Order>(token, 'GET', `/orders/${order.id}`));
  }
  const cancelled = await place(2);
  await api<Order>(token, 'PATCH', `/orders/${cancelled.id}/status`, { status: 'CANCELLED' });
  placed.push(cancelled);
});

// An admin's delete takes an order out of the aggregates again.
test.afterAll(async () => {
  test.setTimeout(120_000);
  const token = await adminToken();
  for (const order of placed) await api(token, 'DELETE', `/orders/${order.id}`).catch(() => undefined);
  await withAdminDb(async (db) => {
    await Promise.all([
      ...expenses.map((e) => db.doc(`expenses/${run}-${e.id}`).delete()),
      db.doc(`menuItems/${dishId}`).delete(),
      db.doc(`accounts/${accountId}`).delete(),
      db.doc(`categories/${categoryId}`).delete(),
    ]);
  });
});

/** What the served orders brought in net of tax, from what the API answered for them. */
function expectedNet(): { net: number; gross: number; tax: number } {
  const served = placed.filter((order) => order.status === 'SERVED');
  const gross = served.reduce((sum, order) => sum + order.totalMinor, 0);
  const tax = served.reduce((sum, order) => sum + (order.taxMinor ?? 0), 0);
  return { net: gross - tax, gross, tax };
}

async function shots(page: Page, name: string): Promise<void> {
  // The shell scrolls inside itself: from the top, so the picture starts with the page's title.
  await page.evaluate(() => document.querySelector('mat-sidenav-content')?.scrollTo(0, 0));
  for (const scheme of ['light', 'dark'] as const) {
    await showColourScheme(page, scheme);
    await screenshot(page, `${name}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test.describe('reports', () => {
  // Several reads of sums and aggregates per page on the shared emulator: a minute or two, not 30 s.
  test.describe.configure({ mode: 'serial', timeout: 180_000 });

  test('a month with known orders and expenses shows the expected profit, and a category leads to its expenses', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    const { net, gross, tax } = expectedNet();
    const spent = expenses.reduce((sum, e) => sum + e.amountMinor, 0);
    expect(tax).toBeGreaterThan(0); // the dish is taxed, so net differs from what was paid

    // Held until the screenshot of the loading state is taken (a route, no timing).
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/reports/sales-months**', async (route) => {
      await held;
      await route.continue();
    });
    await signIn(page, ADMIN, `/reports/profit?month=${month}&currency=${currency}`);
    await expect(page.getByRole('progressbar', { name: 'Working out the profit' })).toBeVisible();
    await shots(page, 'reports-profit-loading');
    release();

    const result = page.locator('dl.result');
    await expect(result.getByRole('link', { name: new RegExp(`^Net sales ${escape(money(net))}`) })).toBeVisible({ timeout: 20_000 });
    await expect(result).toContainText(`2 orders: ${money(gross)} paid − ${money(tax)} tax`);
    await expect(result.getByRole('link', { name: new RegExp(`^Expenses ${escape(money(spent))}`) })).toBeVisible();
    const profit = net - spent;
    await expect(result).toContainText(profit >= 0 ? 'Profit' : 'Loss');
    await expect(result).toContainText(`${profit >= 0 ? '+' : '−'}${money(Math.abs(profit))}`);

    // The trend's last month is this one, with the same three figures.
    const trend = page.getByRole('table', { name: 'Net sales, expenses and profit by month' });
    await expect(trend.getByRole('row').nth(12)).toContainText(money(net));
    await expect(trend.getByRole('row').nth(12)).toContainText(money(spent));
    await expect.poll(() => page.locator('app-profit-trend canvas').evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(0);
    await page.setViewportSize({ width: 1280, height: 1700 });
    await shots(page, 'reports-profit');
    await page.setViewportSize({ width: 390, height: 2200 });
    await shots(page, 'reports-profit-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    // Drill-down: the category opens the expense list of the month and that category.
    await page.getByRole('table', { name: /^Expenses by category/ }).getByRole('link', { name: categoryName }).click();
    await expect(page).toHaveURL(new RegExp(`/expenses\\?from=${month}-01&to=${lastDay}&category=${categoryId}$`));
    for (const e of expenses) await expect(page.getByText(e.payee)).toBeVisible({ timeout: 20_000 });

    // Back, then net sales opens the sales report of the month.
    await page.goBack();
    await page.locator('dl.result').getByRole('link', { name: /^Net sales/ }).click();
    await expect(page).toHaveURL(new RegExp(`/reports/sales\\?from=${month}-01&to=${lastDay}&currency=${currency}$`));
    await expect(page.locator('app-sales-totals')).toContainText(money(net));
  });

  test('the sales report counts the served orders, shows the cancelled one apart and exports a table as CSV', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    // Held until the loading state is pictured (a route, no timing).
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/reports/sales?**', async (route) => {
      await held;
      await route.continue();
    });
    await signIn(page, ADMIN, `/reports/sales?from=${today}&to=${today}&currency=${currency}`);
    await expect(page.getByRole('progressbar', { name: 'Adding up sales' })).toBeVisible();
    await shots(page, 'reports-sales-loading');
    await page.setViewportSize({ width: 390, height: 900 });
    await shots(page, 'reports-sales-loading-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    release();
    const totals = page.locator('app-sales-totals');
    const card = (name: string) => totals.locator('.card').filter({ has: page.getByRole('term').getByText(name, { exact: true }) }).getByRole('definition');
    await expect(card('Orders')).toHaveText('2', { timeout: 20_000 });
    await expect(card('Tax')).toHaveText(money(expectedNet().tax));
    await expect(card('Net sales')).toHaveText(money(expectedNet().net));
    await expect(totals).toContainText('1 cancelled');
    const dishes = page.getByRole('table', { name: 'Sales by dish' });
    await expect(dishes.getByRole('row', { name: new RegExp(`Report pie ${run}`) })).toContainText('4');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download by dish as CSV' }).click();
    const rows = parse<Record<string, string>>(await readFile(await (await download).path(), 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(rows).toEqual([{ dish: `Report pie ${run}`, station: 'Grill', quantity: '4', net: (5_000 / 100).toFixed(2), tax: (500 / 100).toFixed(2) }]);

    await page.setViewportSize({ width: 1280, height: 2600 });
    await shots(page, 'reports-sales');
    await page.setViewportSize({ width: 390, height: 3600 });
    await shots(page, 'reports-sales-phone');

    // Drill-down to the orders: the dish's quantity opens the served orders holding it, newest
    // first; Cancelled switches to the one cancelled; its number opens the order.
    await page.setViewportSize({ width: 1280, height: 900 });
    await dishes.getByRole('link', { name: new RegExp(`^4 sold, Report pie ${run}`) }).click();
    await expect(page).toHaveURL(new RegExp(`/reports/orders\\?from=${today}&to=${today}&currency=${currency}&dish=${dishId}$`));
    const orders = page.getByRole('table', { name: /^Sold orders/ });
    const numberOf = (order: Order) => `#${order.id.slice(0, 6).toUpperCase()}`;
    const served = placed.filter((order) => order.status === 'SERVED').reverse();
    await expect(orders.locator('tbody th')).toHaveText(served.map(numberOf), { timeout: 20_000 });
    await expect(page.getByTestId('order-slice')).toHaveText(/Dish: Report pie/);
    await expect(orders).toContainText(money(served[0]!.totalMinor));
    await shots(page, 'reports-orders');
    await page.getByRole('radio', { name: 'Cancelled' }).click();
    const cancelledRows = page.getByRole('table', { name: /^Cancelled orders/ }).locator('tbody th');
    await expect(cancelledRows).toHaveText([numberOf(placed[2]!)], { timeout: 20_000 });
    await page.setViewportSize({ width: 390, height: 900 });
    await shots(page, 'reports-orders-phone');
    await page.getByRole('link', { name: numberOf(placed[2]!) }).click();
    await expect(page).toHaveURL(new RegExp(`/orders/${placed[2]!.id}$`));
    await page.goBack();
    await expect(page).toHaveURL(/outcome=cancelled/);

    // A reversed range is explained on its field, and nothing is asked.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/reports/sales?from=${lastDay}&to=${month}-01&currency=${currency}`);
    await expect(page.getByText('From is after To: the range is reversed.')).toBeVisible();
    if (lastDay !== `${month}-01`) await screenshot(page, 'reports-sales-reversed');

    // A currency nothing was sold in: the empty state, on both pages.
    await page.goto(`/reports/sales?from=${today}&to=${today}&currency=QQQ`);
    await expect(page.getByText(/^No orders /)).toBeVisible({ timeout: 20_000 });
    await shots(page, 'reports-sales-empty');
    await page.setViewportSize({ width: 390, height: 900 });
    await shots(page, 'reports-sales-empty-phone');
    await page.goto(`/reports/profit?month=${month}&currency=QQQ`);
    await expect(page.getByText('Nothing was spent in QQQ')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText('Nothing sold or spent in QQQ in these 12 months')).toBeVisible();
    await shots(page, 'reports-profit-empty-phone');
    await page.setViewportSize({ width: 1280, height: 1300 });
    await shots(page, 'reports-profit-empty');
  });
});

/** As a pattern, any space matching any space (currency formats put a no-break space after the code). */
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s/g, '\\s');

import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { MenuItem, Order } from '../contracts/orders';
import { API, adminToken, api, expectLive } from './orders-api';
import { ADMIN, STAFF, dialogReady, screenshot, signIn } from './support';
import { expectAccessible } from './accessibility';

// Menu management (issue 19) through the real API, socket.io and emulators: an admin adds a dish
// on /menu and a waiter's New order dialog, already open in another browser, offers it at once;
// a later price change leaves the order placed with it as it was.
const run = `mnu${Date.now().toString(36)}`;
const WRITE = { timeout: 30_000 };

async function signedIn(browser: Browser, user: { email: string; password: string }, path: string, viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await signIn(page, user, path);
  return { context, page };
}

test.describe('menu management', () => {
  const dishName = `${run} Tartine`;
  let created: MenuItem | undefined;

  test.beforeAll(async () => {
    // Dishes an interrupted earlier run left on the menu go off it first.
    const token = await adminToken();
    const { menuItems } = await api<{ menuItems: MenuItem[] }>(token, 'GET', '/menu');
    for (const dish of menuItems.filter((d) => /^mnu\w+ Tartine$/.test(d.name) && !d.archived))
      await api(token, 'PUT', `/menu/items/${dish.id}`, { archived: true });
  });
  test.afterAll(async () => {
    // Off the menu again, so other journeys and the demo never see it.
    if (created) await api(await adminToken(), 'PUT', `/menu/items/${created.id}`, { archived: true });
  });

  test("an admin adds a dish and a waiter's open New order offers it at once; a later price change leaves the order as placed", async ({ browser }) => {
    test.setTimeout(120_000);
    const waiter = await signedIn(browser, STAFF, '/orders');
    await expectLive(waiter.page);
    await waiter.page.getByRole('button', { name: 'New order' }).click();
    const newOrder = waiter.page.getByRole('dialog', { name: 'New order' });
    await dialogReady(newOrder);

    const admin = await signedIn(browser, ADMIN, '/menu');
    await expect(admin.page.getByRole('heading', { name: 'Mains' })).toBeVisible();
    await screenshot(admin.page, 'menu-1280');
    await admin.page.getByRole('button', { name: 'Add a dish to Mains' }).click();
    const dishDialog = admin.page.getByRole('dialog', { name: 'New dish' });
    await dialogReady(dishDialog);
    await expectAccessible(admin.page, 'New dish dialog');
    await dishDialog.getByLabel('Name').fill(dishName);
    await dishDialog.getByLabel('Price').fill('9.75');
    await dishDialog.getByLabel('Units in stock').fill('5');
    await screenshot(admin.page, 'menu-dish-dialog-1280');
    const answer = admin.page.waitForResponse((r) => r.url() === `${API}/menu/items` && r.request().method() === 'POST');
    await dishDialog.getByRole('button', { name: 'Add dish' }).click();
    created = (await (await answer).json()) as MenuItem;
    expect(created.priceMinor).toBe(975);
    await expect(admin.page.getByText(dishName, { exact: true })).toBeVisible(WRITE); // the list's, not the snackbar's "… is on the menu."

    // The waiter's dialog was open all along: the dish is there without a reload.
    const add = newOrder.getByRole('button', { name: `Add ${dishName}` });
    await expect(add).toBeVisible(WRITE);
    await expect(add).toContainText('$9.75');
    await newOrder.getByRole('radio', { name: 'Dine-in' }).check();
    await newOrder.getByLabel('Table').fill('4');
    await newOrder.getByLabel('Customer name (optional)').fill(`${run} Ada`);
    await add.click();
    await newOrder.getByRole('button', { name: `One more ${dishName}` }).click();
    // Mains are taxed 8.25 % on top and dine-in carries a 10 % service charge (the seed's demo).
    await expect(newOrder.locator('.breakdown')).toContainText(/Subtotal\s*\$19\.50/);
    await expect(newOrder.locator('.breakdown')).toContainText(/Tax\s*\$1\.61/);
    await expect(newOrder.locator('.breakdown')).toContainText(/Service 10 %\s*\$1\.95/);
    await expect(newOrder.locator('.total strong')).toHaveText('$23.06');
    await screenshot(waiter.page, 'menu-new-order-dialog-1280');
    const placedAnswer = waiter.page.waitForResponse((r) => r.url() === `${API}/orders` && r.request().method() === 'POST');
    await newOrder.getByRole('button', { name: 'Place order' }).click();
    const placed = (await (await placedAnswer).json()) as Order;
    expect(placed.totalMinor).toBe(2306);

    // The admin raises the price; the order keeps the price and total it was placed with.
    await admin.page.getByRole('button', { name: `Edit ${dishName}` }).click();
    const editDialog = admin.page.getByRole('dialog', { name: `Edit ${dishName}` });
    await dialogReady(editDialog);
    await editDialog.getByLabel('Price').fill('19.75');
    await editDialog.getByRole('button', { name: 'Save' }).click();
    await expect(editDialog).toBeHidden(WRITE);
    await expect(admin.page.locator('li.dish').filter({ hasText: dishName })).toContainText('$19.75');

    await waiter.page.goto(`/orders/${placed.id}`);
    const totals = waiter.page.locator('tfoot');
    await expect(totals).toContainText(/Subtotal\s*\$19\.50/);
    await expect(totals).toContainText(/Service 10 %\s*\$1\.95/);
    await expect(totals.locator('.total')).toHaveText('$23.06');
    await screenshot(waiter.page, 'menu-order-totals-1280');
    const again = await api<Order>(await adminToken(), 'GET', `/orders/${placed.id}`);
    expect([again.totalMinor, again.items[0]!.unitPriceMinor]).toEqual([2306, 975]);

    await admin.context.close();
    await waiter.context.close();
  });

  test('the menu page on a phone: categories and dishes readable, actions under each dish', async ({ browser }) => {
    const admin = await signedIn(browser, ADMIN, '/menu', { width: 390, height: 844 });
    await expect(admin.page.getByRole('heading', { name: 'Mains' })).toBeVisible();
    await screenshot(admin.page, 'menu-390');
    await admin.context.close();
  });
});

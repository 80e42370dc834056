import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { MenuItem, Order } from '../contracts/orders';
import { api, expectLive, orderNumber, staffToken } from './orders-api';
import { ADMIN, STAFF, dialogReady, screenshot, signIn } from './support';
import { expectAccessible } from './accessibility';

// Editing a placed order in two browsers against the real API, socket.io and emulators: what A
// changes, B's board and order page show live; an edit B made stale is refused in A and put back
// with the reason in words; an admin deletes.
const run = `edt${Date.now().toString(36)}`;

test.use({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
// A write waits for the API's transaction and, for more dishes, the card: on a shared machine under
// load that can take a while, so the first check after each write waits longer than the default.
const WRITE = { timeout: 30_000 };

const dollars = (minor: number) => `$${(minor / 100).toFixed(2)}`;
const rowOf = (page: Page, dish: string) => page.locator('table.items tbody tr').filter({ hasText: dish });

const PHONE = { width: 390, height: 844 };

async function signedIn(
  browser: Browser,
  user: { email: string; password: string },
  path: string,
  viewport = { width: 1280, height: 900 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await signIn(page, user, path);
  return { context, page };
}

test.describe('editing an order in the browser', () => {
  let token: string;
  /** A drink with plenty left: other journeys sell the menu down too. */
  let drink: MenuItem;

  test.beforeAll(async () => {
    token = await staffToken();
    const { menuItems } = await api<{ menuItems: MenuItem[] }>(token, 'GET', '/menu-items');
    drink = menuItems.filter((item) => item.category === 'Drinks' && item.available).sort((a, b) => b.stock - a.stock)[0]!;
    expect(drink.stock, 'a seeded drink in stock').toBeGreaterThan(10);
  });

  const place = (customerName: string) =>
    api<Order>(token, 'POST', '/orders', { type: 'dine-in', table: 'T9', customerName, items: [{ menuItemId: 'caesar-salad', quantity: 1 }] });

  test("A adds a drink, changes a quantity and the customer; B's board and order page follow live", async ({ browser }) => {
    test.setTimeout(120_000);
    const order = await place(`${run} Ada`);
    const a = await signedIn(browser, STAFF, `/orders/${order.id}`);
    const b = await signedIn(browser, ADMIN, '/orders');
    const bOrder = await b.context.newPage();
    await bOrder.goto(`/orders/${order.id}`);
    await Promise.all([expectLive(a.page), expectLive(b.page), expectLive(bOrder)]);
    await b.page.getByLabel('Search orders').fill(run);
    const bCard = b.page.getByRole('article', { name: new RegExp(`^${orderNumber(order)},`, 'i') });
    await expect(bCard).toBeVisible();

    // A adds two drinks through the menu, which shows what is left of each dish.
    await a.page.getByRole('button', { name: 'Add dish' }).click();
    const dialog = a.page.getByRole('dialog', { name: `Add a dish to ${orderNumber(order)}` });
    await expect(dialog.getByRole('button', { name: `Add ${drink.name}` })).toContainText(/\d+ left/);
    await dialogReady(dialog);
    await expectAccessible(a.page, 'Add a dish dialog');
    await screenshot(a.page, 'order-edit-add-dish-1280');
    await dialog.getByRole('button', { name: `Add ${drink.name}` }).click();
    await dialog.getByLabel('Quantity').fill('2');
    await dialog.getByLabel('Instructions').fill('one decaf');
    await dialog.getByRole('button', { name: 'Add to order' }).click();
    await expect(dialog).toBeHidden();
    await expect(rowOf(a.page, drink.name)).toContainText('one decaf', WRITE);
    await expect(rowOf(bOrder, drink.name).locator('td').nth(1)).toHaveText('2');
    await expect(bCard).toContainText(drink.name);

    // A makes it three salads: both order pages show the new line and total.
    await a.page.getByRole('button', { name: 'Change Caesar salad' }).click();
    await a.page.getByLabel('Quantity').fill('3');
    await expect(a.page.locator('app-item-line-editor')).toContainText('Line total $28.50');
    await a.page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(rowOf(a.page, 'Caesar salad').locator('td').nth(1)).toHaveText('3'); // at once
    await expect(a.page.getByRole('progressbar', { name: 'Saving Caesar salad' })).toHaveCount(0, WRITE);
    await expect(rowOf(bOrder, 'Caesar salad').locator('td').nth(1)).toHaveText('3');
    await expect(bOrder.locator('tfoot')).toContainText(dollars(3 * 950 + 2 * drink.priceMinor));
    await expect(bCard).toContainText('3× Caesar salad');

    // The customer's name and the table: on B's page and card too.
    await a.page.getByRole('button', { name: 'Edit details' }).click();
    await screenshot(a.page, 'order-edit-details-1280');
    await a.page.getByLabel('Customer name').fill(`${run} Ada Lovelace`);
    await a.page.getByLabel('Table').fill('T12');
    await a.page.getByRole('button', { name: 'Save details' }).click();
    await expect(bOrder.getByText('Dine-in · Table T12')).toBeVisible(WRITE);
    await expect(bOrder.locator('dd').filter({ hasText: `${run} Ada Lovelace` })).toBeVisible();
    // Placed by the member's name, not an email.
    await expect(a.page.locator('dd').filter({ hasText: 'Sam Staff' })).toBeVisible();

    const held = await api<Order>(token, 'GET', `/orders/${order.id}`);
    expect(held.items.map((item) => [item.menuItem.name, item.quantity, item.notes])).toEqual([
      ['Caesar salad', 3, ''],
      [drink.name, 2, 'one decaf'],
    ]);
    expect(held.type === 'dine-in' && held.table).toBe('T12');

    await screenshot(a.page, 'order-edit-page-1280');
    // The same page on a phone, a line open for a change.
    const phone = await a.context.newPage();
    await phone.setViewportSize(PHONE);
    await phone.goto(`/orders/${order.id}`);
    await expectLive(phone);
    await screenshot(phone, 'order-edit-page-390');
    await phone.getByRole('button', { name: `Change ${drink.name}` }).click();
    await expect(phone.getByLabel('Quantity')).toHaveValue('2');
    await phone.locator('app-item-line-editor').scrollIntoViewIfNeeded();
    await phone.screenshot({ path: 'e2e/screenshots/order-edit-line-390.png' });
    await a.context.close();
    await b.context.close();
  });

  test('an edit made stale elsewhere is refused, put back, and said in words', async ({ browser }) => {
    test.setTimeout(90_000);
    const order = await place(`${run} Bo`);
    // A's socket goes quiet (a slow network), so A does not see B's cancel before editing: routed
    // before A's page opens, so its first socket already goes through the route.
    const aContext = await browser.newContext({ viewport: PHONE });
    const a = { context: aContext, page: await aContext.newPage() };
    let quiet = false;
    await a.page.routeWebSocket(/socket\.io/, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((message) => {
        if (!quiet) ws.send(message);
      });
    });
    await signIn(a.page, STAFF, `/orders/${order.id}`);
    await expectLive(a.page);
    const b = await signedIn(browser, ADMIN, `/orders/${order.id}`);
    quiet = true;
    await b.page.getByRole('button', { name: 'Cancel order' }).click();
    await b.page.getByRole('dialog').getByRole('button', { name: 'Cancel order' }).click();
    await expect(b.page.locator('.status')).toHaveText('Cancelled');
    // Settled on the server (the cancel refunds and puts stock back before it answers).
    await expect.poll(async () => (await api<Order>(token, 'GET', `/orders/${order.id}`)).status, { timeout: 30_000 }).toBe('CANCELLED');
    await expect(b.page.getByRole('button', { name: 'Cancel order' })).toHaveCount(0);

    await a.page.getByRole('button', { name: 'Change Caesar salad' }).click();
    await a.page.getByLabel('Instructions').fill('no croutons');
    await a.page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(a.page.getByRole('alert')).toContainText(
      `Someone changed ${orderNumber(order)} meanwhile: it is now Cancelled, so its dishes can no longer change. Nothing was saved.`,
      WRITE,
    );
    await expect(rowOf(a.page, 'Caesar salad')).not.toContainText('no croutons');
    // The refusal said it changed: the page reads the order again, its socket still quiet.
    await expect(a.page.locator('.status')).toHaveText('Cancelled');
    await expect(a.page.getByRole('button', { name: 'Change Caesar salad' })).toHaveCount(0);
    await screenshot(a.page, 'order-edit-refused-390');
    await a.context.close();
    await b.context.close();
  });

  test('an admin deletes an order after confirming; an open page elsewhere says it is gone', async ({ browser }) => {
    test.setTimeout(90_000);
    const order = await place(`${run} Cy`);
    const a = await signedIn(browser, STAFF, `/orders/${order.id}`);
    await expect(a.page.getByRole('button', { name: 'Delete order' })).toHaveCount(0); // staff
    const b = await signedIn(browser, ADMIN, `/orders/${order.id}`);
    await b.page.getByRole('button', { name: 'Delete order' }).click();
    const confirm = b.page.getByRole('dialog', { name: `Delete order ${orderNumber(order)}?` });
    await expect(confirm).toContainText('Its payment is refunded and its stock put back first.');
    await expectAccessible(b.page, 'Delete order dialog');
    await confirm.getByRole('button', { name: 'Delete order' }).click();
    await expect(b.page).toHaveURL(/\/orders$/, WRITE);
    await expect(b.page.getByText(`Order ${orderNumber(order)} deleted.`)).toBeVisible();
    await expect(a.page.getByRole('heading', { name: /^No order/ })).toBeVisible();
    await expect(api(token, 'GET', `/orders/${order.id}`)).rejects.toThrow(/404/);
    await a.context.close();
    await b.context.close();
  });
});

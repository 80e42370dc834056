import { expect, test, type Browser, type ConsoleMessage, type Page, type Route } from '@playwright/test';
import type { Order } from '../contracts/orders';
import { api, boardColumn, expectLive, orderNumber, staffToken } from './orders-api';
import { ADMIN, STAFF, screenshot, signIn } from './support';

// Two people press Start on one order at the same moment: one wins, the other is told in words who
// was quicker, and both screens end with the order in the same place. A lost race is part of a
// normal service, so the app logs no console error for it (nor for a category still in use).
const run = `mvc${Date.now().toString(36)}`;

const WRITE = { timeout: 30_000 };

/**
 * The console errors the app itself logs. Chromium adds its own line for every HTTP error answer
 * ("Failed to load resource: … 409 (Conflict)"): that is the browser's network log, which a page
 * cannot silence, not the app calling the refusal an error.
 */
function appConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) {
      errors.push(message.text());
    }
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

async function openSignedIn(browser: Browser, user: { email: string; password: string }, path: string, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = appConsoleErrors(page);
  await signIn(page, user, path);
  await expectLive(page);
  return { context, page, errors };
}

/** Holds this page's move of the order on its way to the API until `release` is called. */
async function holdMove(page: Page, order: Order): Promise<{ sent: Promise<void>; release: () => void }> {
  let sent!: () => void;
  let release!: () => void;
  const sentPromise = new Promise<void>((resolve) => (sent = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/api/orders/${order.id}/status`, async (route: Route) => {
    sent();
    await released;
    await route.continue();
  });
  return { sent: sentPromise, release };
}

test.describe('two people move one order at once', () => {
  let token: string;

  test.beforeAll(async () => {
    token = await staffToken();
  });

  const place = (customerName: string) =>
    api<Order>(token, 'POST', '/orders', { type: 'takeaway', customerName, items: [{ menuItemId: 'espresso', quantity: 1 }] });

  test('both press Start on the board: one wins, the other reads who did, both boards agree', async ({ browser }) => {
    test.setTimeout(120_000);
    const order = await place(`${run} Board`);
    const number = orderNumber(order);
    const a = await openSignedIn(browser, STAFF, '/orders');
    const b = await openSignedIn(browser, STAFF, '/orders', { width: 390, height: 844 });
    for (const page of [a.page, b.page]) await page.getByLabel('Search orders').fill(run);
    const cardIn = (page: Page, column: string) => boardColumn(page, column).getByRole('article', { name: new RegExp(`^${number},`) });
    await expect(cardIn(a.page, 'New')).toBeVisible();
    await expect(cardIn(b.page, 'New')).toBeVisible();

    // B presses first, but B's request is slow on its way; A's arrives first and wins.
    const bMove = await holdMove(b.page, order);
    await cardIn(b.page, 'New').getByRole('button', { name: `Start ${number}` }).click();
    await bMove.sent;
    await cardIn(a.page, 'New').getByRole('button', { name: `Start ${number}` }).click();
    await expect.poll(async () => (await api<Order>(token, 'GET', `/orders/${order.id}`)).status, WRITE).toBe('PREPARING');
    await expect(cardIn(a.page, 'Preparing')).toBeVisible();
    bMove.release();

    await expect(b.page.getByText(`Someone already started ${number}; it is now Preparing.`)).toBeVisible(WRITE);
    // No second snackbar with the server's own sentence ("… is PREPARING and cannot become PREPARING").
    await expect(b.page.getByText(/cannot become|PREPARING/)).toHaveCount(0);
    // Both boards hold it in Preparing, with the next move on it.
    for (const page of [a.page, b.page]) {
      await expect(cardIn(page, 'Preparing')).toBeVisible();
      await expect(cardIn(page, 'Preparing').getByRole('button', { name: `Ready ${number}` })).toBeVisible();
      await expect(boardColumn(page, 'New').getByRole('article', { name: new RegExp(`^${number},`) })).toHaveCount(0);
    }
    await screenshot(b.page, 'move-conflict-board-390');
    await b.page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(b.page, 'move-conflict-board-1280');
    expect(a.errors, 'console errors in the winning browser').toEqual([]);
    expect(b.errors, 'console errors in the browser that lost the race').toEqual([]);
    await api(token, 'PATCH', `/orders/${order.id}/status`, { status: 'CANCELLED' });
    await a.context.close();
    await b.context.close();
  });

  test("the kitchen bumps an order the board has just started: the cook reads who did, the ticket shows it cooking", async ({ browser }) => {
    test.setTimeout(120_000);
    const order = await place(`${run} Kitchen`);
    const number = orderNumber(order);
    const board = await openSignedIn(browser, STAFF, '/orders');
    await board.page.getByLabel('Search orders').fill(run);
    const kitchen = await openSignedIn(browser, STAFF, '/kitchen');
    const ticket = kitchen.page.getByRole('article', { name: new RegExp(`^Order ${number},`) });
    await expect(ticket.getByRole('button', { name: `Start ${number}` })).toBeVisible();

    const bump = await holdMove(kitchen.page, order);
    await ticket.getByRole('button', { name: `Start ${number}` }).click();
    await bump.sent;
    const card = boardColumn(board.page, 'New').getByRole('article', { name: new RegExp(`^${number},`) });
    await card.getByRole('button', { name: `Start ${number}` }).click();
    await expect.poll(async () => (await api<Order>(token, 'GET', `/orders/${order.id}`)).status, WRITE).toBe('PREPARING');
    bump.release();

    await expect(kitchen.page.getByText(`Someone already started ${number}; it is now Preparing.`)).toBeVisible(WRITE);
    await expect(ticket.getByRole('button', { name: `Ready ${number}` })).toBeVisible();
    await expect(boardColumn(board.page, 'Preparing').getByRole('article', { name: new RegExp(`^${number},`) })).toBeVisible();
    await screenshot(kitchen.page, 'move-conflict-kitchen-1280');
    await kitchen.page.setViewportSize({ width: 390, height: 844 });
    await screenshot(kitchen.page, 'move-conflict-kitchen-390');
    expect(board.errors, 'console errors on the board').toEqual([]);
    expect(kitchen.errors, 'console errors on the kitchen display').toEqual([]);
    await api(token, 'PATCH', `/orders/${order.id}/status`, { status: 'CANCELLED' });
    await board.context.close();
    await kitchen.context.close();
  });

  test('a category still in use is refused in words, not as a console error', async ({ browser }) => {
    const admin = await openSignedInPlain(browser);
    // Seeded: Ingredients holds Produce, so it cannot be deleted.
    await admin.page.getByRole('button', { name: 'Actions for Ingredients' }).click();
    await admin.page.getByRole('menuitem', { name: 'Delete' }).click();
    await admin.page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect(admin.page.getByText('“Ingredients” has sub-categories (Produce')).toBeVisible();
    await expect(admin.page.getByRole('list', { name: 'Categories' })).toContainText('Ingredients');
    expect(admin.errors, 'console errors for a refused delete').toEqual([]);
    await admin.context.close();
  });
});

async function openSignedInPlain(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = appConsoleErrors(page);
  await signIn(page, ADMIN, '/expenses/categories');
  return { context, page, errors };
}

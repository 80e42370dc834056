import { expect, test, type Page } from '@playwright/test';
import type { MenuItem, Order, OrderStatus } from '../contracts/orders';
import { api, boardColumn, expectLive, orderNumber, staffToken } from './orders-api';
import { STAFF, screenshot, signIn } from './support';

// The order board against the real API, socket.io and emulators: orders placed and moved by
// someone else (the API, as another device would) show up live; moves made here reach the API.
const run = `brd${Date.now().toString(36)}`;

test.use({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });

const card = (page: Page, order: Order) => page.getByRole('article', { name: new RegExp(`^${orderNumber(order)},`, 'i') });

test.describe('order board', () => {
  let token: string;
  let dish: MenuItem;

  test.beforeAll(async () => {
    token = await staffToken();
    const { menuItems } = await api<{ menuItems: MenuItem[] }>(token, 'GET', '/menu-items');
    dish = menuItems.find((item) => item.available && item.stock > 20)!;
    expect(dish, 'a seeded dish in stock').toBeTruthy();
  });

  const place = (customerName: string) =>
    api<Order>(token, 'POST', '/orders', { type: 'takeaway', customerName, items: [{ menuItemId: dish.id, quantity: 2 }] });
  const move = (order: Order, status: OrderStatus) => api<Order>(token, 'PATCH', `/orders/${order.id}/status`, { status });

  test('a card with five dishes and a long delivery street shows them at 1280 and 390, and every column fits or scrolls', async ({ page }) => {
    test.setTimeout(60_000);
    const { menuItems } = await api<{ menuItems: MenuItem[] }>(token, 'GET', '/menu-items');
    const five = menuItems.filter((item) => item.available && item.stock > 20).slice(0, 5);
    expect(five.length).toBe(5);
    const street = '1428 Elm Street, Building C, entrance from the courtyard behind the bakery';
    const order = await api<Order>(token, 'POST', '/orders', {
      type: 'delivery',
      customerName: `${run} Five`,
      address: { street, city: 'Springfield', postalCode: '12345' },
      items: five.map((item) => ({ menuItemId: item.id, quantity: 1 })),
    });
    for (const status of ['PREPARING', 'READY', 'OUT_FOR_DELIVERY'] as const) await move(order, status);

    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, STAFF, '/orders');
    await expectLive(page);
    await page.getByLabel('Search orders').fill(run);
    const column = boardColumn(page, 'Out for delivery');
    const mine = card(page, order);
    await expect(mine).toBeVisible();
    // At 1280 the last column and its button are on screen, not cut at the edge.
    const delivered = mine.getByRole('button', { name: `Delivered ${orderNumber(order)}` });
    await expect(delivered).toBeInViewport({ ratio: 1 });
    expect((await column.boundingBox())!.x + (await column.boundingBox())!.width).toBeLessThanOrEqual(1280);
    // Two dishes and "+3 more", which opens the order; the street whole in the title and on focus.
    await expect(mine.getByRole('listitem')).toHaveText([`1× ${five[0]!.name}`, `1× ${five[1]!.name}`, '+3 more']);
    await expect(mine.locator('.destination')).toHaveAttribute('title', `Delivery · ${street}`);
    // Tabbed onto (a real key press, as Material shows tooltips for keyboard focus).
    await mine.getByRole('link', { name: `Open order ${orderNumber(order)}, Delivery · ${street}` }).focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect(page.locator('.mat-mdc-tooltip')).toHaveText(`Delivery · ${street}`);
    await screenshot(page, 'board-card-1280');

    await page.setViewportSize({ width: 390, height: 844 });
    await mine.scrollIntoViewIfNeeded();
    await expect(mine.getByRole('listitem')).toHaveText([`1× ${five[0]!.name}`, `1× ${five[1]!.name}`, '+3 more']);
    await expect(delivered).toBeInViewport({ ratio: 1 });
    await screenshot(page, 'board-card-390');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'board-card-1920');

    await mine.getByRole('link', { name: `3 more dishes: open order ${orderNumber(order)}` }).click();
    await expect(page).toHaveURL(new RegExp(`/orders/${order.id}$`));
    await move(order, 'DELIVERED');
  });

  test('an order placed elsewhere appears live; staff move it on and see only legal moves', async ({ page }) => {
    await signIn(page, STAFF, '/orders');
    await expectLive(page);
    // Other journeys' orders share the board: show only this one's (oldest first, it would sit below them).
    await page.getByLabel('Search orders').fill(run);

    const order = await place(`${run} Ada`);
    expect(order.status).toBe('CONFIRMED');
    await expect(boardColumn(page, 'New').getByRole('article').filter({ hasText: `${run} Ada` })).toBeVisible({ timeout: 5_000 });
    const mine = card(page, order);
    await expect(mine).toContainText(`2× ${dish.name}`);
    // From New: start it or cancel it; nothing further ahead.
    await expect(mine.getByRole('button')).toHaveText(['close', 'Start']);

    await mine.getByRole('button', { name: /^Start/ }).click();
    await expect(boardColumn(page, 'Preparing').getByRole('article').filter({ hasText: `${run} Ada` })).toBeVisible();
    await expect.poll(async () => (await api<Order>(token, 'GET', `/orders/${order.id}`)).status).toBe('PREPARING');
    await expect(mine.getByRole('button', { name: /^Served/ })).toHaveCount(0);

    // The kitchen (another device) marks it ready: the board follows.
    await move(order, 'READY');
    await expect(boardColumn(page, 'Ready').getByRole('article').filter({ hasText: `${run} Ada` })).toBeVisible({ timeout: 5_000 });
    await expect(mine.getByRole('button')).toHaveText(['close', 'Recall', 'Served']);
    await screenshot(page, 'orders-board');

    await mine.getByRole('button', { name: /^Served/ }).click();
    await expect(mine).toHaveCount(0);
    await expect.poll(async () => (await api<Order>(token, 'GET', `/orders/${order.id}`)).status).toBe('SERVED');

    // It is still at hand under Finished, with a link to its page.
    await page.getByRole('button', { name: /^Finished/ }).click();
    const finished = page.getByRole('list', { name: 'Recently finished orders' }).getByRole('listitem').filter({ hasText: orderNumber(order) });
    await expect(finished).toContainText('Served');
    await screenshot(page, 'orders-board-finished');
  });
});

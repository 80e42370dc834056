import { expect, test, type Page } from '@playwright/test';
import type { MenuItem, Order, OrderStatus } from '../contracts/orders';
import { STAFF, screenshot, signIn } from './support';

// The order board against the real API, socket.io and emulators: orders placed and moved by
// someone else (the API, as another device would) show up live; moves made here reach the API.
const API = 'http://127.0.0.1:3001/api';
const run = `brd${Date.now().toString(36)}`;

test.use({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });

async function staffToken(): Promise<string> {
  const response = await fetch(
    'http://127.0.0.1:9099/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo-api-key',
    { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...STAFF, returnSecureToken: true }) },
  );
  return ((await response.json()) as { idToken: string }).idToken;
}

async function api<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${API}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

const column = (page: Page, label: string) => page.getByRole('region', { name: new RegExp(`^${label} \\d+`) });
const card = (page: Page, order: Order) => page.getByRole('article', { name: new RegExp(`^#${order.id.slice(0, 6).toUpperCase()},`, 'i') });

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

  test('an order placed elsewhere appears live; staff move it on and see only legal moves', async ({ page }) => {
    await signIn(page, STAFF, '/orders');
    await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible({ timeout: 15_000 });

    const order = await place(`${run} Ada`);
    expect(order.status).toBe('CONFIRMED');
    await expect(column(page, 'New').getByRole('article').filter({ hasText: `${run} Ada` })).toBeVisible({ timeout: 5_000 });
    const mine = card(page, order);
    await expect(mine).toContainText(`2× ${dish.name}`);
    // From New: start it or cancel it; nothing further ahead.
    await expect(mine.getByRole('button')).toHaveText(['close', 'Start']);

    await mine.getByRole('button', { name: /^Start/ }).click();
    await expect(column(page, 'Preparing').getByRole('article').filter({ hasText: `${run} Ada` })).toBeVisible();
    await expect.poll(async () => (await api<Order>(token, 'GET', `/orders/${order.id}`)).status).toBe('PREPARING');
    await expect(mine.getByRole('button', { name: /^Served/ })).toHaveCount(0);

    // The kitchen (another device) marks it ready: the board follows.
    await move(order, 'READY');
    await expect(column(page, 'Ready').getByRole('article').filter({ hasText: `${run} Ada` })).toBeVisible({ timeout: 5_000 });
    await expect(mine.getByRole('button')).toHaveText(['close', 'Recall', 'Served']);
    await screenshot(page, 'orders-board');

    await mine.getByRole('button', { name: /^Served/ }).click();
    await expect(mine).toHaveCount(0);
    await expect.poll(async () => (await api<Order>(token, 'GET', `/orders/${order.id}`)).status).toBe('SERVED');
  });
});

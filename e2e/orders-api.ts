import { expect, type Page } from '@playwright/test';
import { FINAL_ORDER_STATUSES, ORDER_STATUSES, type Order, type OrderListResponse, type OrderStatus } from '../contracts/orders';
import { ADMIN, STAFF } from './support';

// The orders API as another device uses it: for journeys that place and move orders behind
// the screens, and compare what the screens show with what the API holds.
export const API = 'http://127.0.0.1:3001/api';

/** A demo account's ID token from the Auth emulator, for calls made behind the screens. */
async function idTokenOf(user: { email: string; password: string }): Promise<string> {
  const response = await fetch(
    'http://127.0.0.1:9099/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo-api-key',
    { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...user, returnSecureToken: true }) },
  );
  return ((await response.json()) as { idToken: string }).idToken;
}

export const staffToken = () => idTokenOf(STAFF);
export const adminToken = () => idTokenOf(ADMIN);

export async function api<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${API}${path}`, {
    method,
    // A new order needs its Idempotency-Key (one per order, as the SPA sends).
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      ...(method === 'POST' && path === '/orders' ? { 'Idempotency-Key': crypto.randomUUID() } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** Every order in play (not finished), following the cursor to the end. */
export async function activeOrders(token: string): Promise<Order[]> {
  const statuses = ORDER_STATUSES.filter((status) => !FINAL_ORDER_STATUSES.includes(status)).join(',');
  const orders: Order[] = [];
  let cursor: string | null = null;
  do {
    const query = `/orders?status=${statuses}&pageSize=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page: OrderListResponse = await api<OrderListResponse>(token, 'GET', query);
    orders.push(...page.orders);
    cursor = page.nextCursor;
  } while (cursor);
  return orders;
}

export function countByStatus(orders: readonly Order[]): Partial<Record<OrderStatus, number>> {
  const counts: Partial<Record<OrderStatus, number>> = {};
  for (const order of orders) counts[order.status] = (counts[order.status] ?? 0) + 1;
  return counts;
}

/** How a card or ticket names an order: "#" and the first six characters of its id. */
export const orderNumber = (order: Pick<Order, 'id'>) => `#${order.id.slice(0, 6).toUpperCase()}`;

export const boardColumn = (page: Page, label: string) => page.getByRole('region', { name: new RegExp(`^${label} \\d+`) });

export async function expectLive(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible({ timeout: 15_000 });
}

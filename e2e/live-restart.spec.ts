import { expect, test, type Browser, type Page } from '@playwright/test';
import { FieldValue, Timestamp } from 'firebase-admin/firestore';
import { STATUS_LABEL } from '../src/app/orders/model/order-labels';
import type { MenuItem, Order, OrderStatus } from '../contracts/orders';
import { activeOrders, api, boardColumn, countByStatus, expectLive, orderNumber, staffToken } from './orders-api';
import { STAFF, signIn, withAdminDb } from './support';

// The API is stopped (killed, as a crash would) and started again while orders keep changing.
// A restarted server cannot replay what a client missed, so the screens must notice and reload
// the list by themselves: no page reload, nothing lost, nothing shown twice.
const CONTROL = 'http://127.0.0.1:3091';
const run = `rst${Date.now().toString(36)}`;
const BOARD_STATUSES: OrderStatus[] = ['CONFIRMED', 'PREPARING', 'READY'];

const control = async (path: string) => {
  const response = await fetch(`${CONTROL}${path}`, { method: 'POST' });
  expect(response.status, `${path}: ${await response.text()}`).toBe(204);
};

async function openScreen(browser: Browser, path: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await signIn(page, STAFF, path);
  await expectLive(page);
  return page;
}

const KITCHEN_STATUSES: OrderStatus[] = ['CONFIRMED', 'PREPARING'];

/** The board's column counts (every order, unfiltered) against the API's. */
async function boardCounts(page: Page): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const status of BOARD_STATUSES) {
    const heading = await boardColumn(page, STATUS_LABEL[status]).getByRole('heading').textContent();
    counts[status] = Number(/(\d+)\s*$/.exec(heading ?? '')?.[1] ?? NaN);
  }
  return counts;
}

test.describe('a screen never silently stops updating', () => {
  test.afterEach(async () => {
    // Whatever happened, later journeys need the API back.
    await fetch(`${CONTROL}/start`, { method: 'POST' }).catch(() => undefined);
  });

  test('the API is killed and restarted while orders change: board and kitchen end equal to GET /api/orders, nothing twice', async ({ browser }) => {
    // A cold API start (tsx compiling on a clean checkout) and socket.io's reconnect back-off take a while.
    test.setTimeout(180_000);
    const token = await staffToken();
    const { menuItems } = await api<{ menuItems: MenuItem[] }>(token, 'GET', '/menu-items');
    const dish = menuItems.find((item) => item.available && item.stock > 40)!;
    const place = (n: number) =>
      api<Order>(token, 'POST', '/orders', { type: 'dine-in', table: `${n}`, customerName: `${run} guest ${n}`, items: [{ menuItemId: dish.id, quantity: 1 }] });

    const page = await openScreen(browser, '/orders');
    const kitchen = await openScreen(browser, '/kitchen');
    const orders: Order[] = [];
    for (let n = 1; n <= 5; n++) orders.push(await place(n));
    const search = page.getByLabel('Search orders');
    await search.fill(run);
    await expect(page.getByRole('article')).toHaveCount(5);
    await search.clear();

    // Moves keep coming from another device the whole time; those sent while the API is down fail.
    let changing = true;
    let moved = 0; // moves the API accepted
    const moves = (async () => {
      const next: Partial<Record<OrderStatus, OrderStatus>> = { CONFIRMED: 'PREPARING', PREPARING: 'READY', READY: 'PREPARING' };
      for (let step = 0; changing; step++) {
        const order = orders[step % orders.length];
        const current = await api<Order>(token, 'GET', `/orders/${order.id}`).catch(() => null);
        const to = current && next[current.status];
        if (to) await api(token, 'PATCH', `/orders/${order.id}/status`, { status: to }).then(() => moved++, () => undefined);
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    })();

    // Some moves go through before the crash, and some after the restart (not a fixed wait: these).
    await expect.poll(() => moved).toBeGreaterThanOrEqual(2);
    await control('/stop?signal=SIGKILL');
    for (const screen of [page, kitchen]) {
      await expect(screen.getByRole('status').filter({ hasText: /Reconnecting|Offline/ })).toBeVisible();
    }

    // A change committed that no client heard of: what a crash between the write and the
    // broadcast leaves behind. Only reloading the list after the reconnect can show it.
    const silent = orders[4];
    await withAdminDb((db) =>
      db.doc(`orders/${silent.id}`).update({ status: 'CANCELLED', version: FieldValue.increment(1), updatedAt: Timestamp.now() }),
    );

    await control('/start');
    await expectLive(page);
    await expectLive(kitchen);
    const movedBeforeRestart = moved;
    await expect.poll(() => moved, { timeout: 30_000 }).toBeGreaterThanOrEqual(movedBeforeRestart + 3);
    changing = false;
    await moves;

    const truth = await activeOrders(token);
    const expected = countByStatus(truth);
    await expect.poll(() => boardCounts(page)).toEqual(Object.fromEntries(BOARD_STATUSES.map((status) => [status, expected[status] ?? 0])));

    // Each of this run's orders exactly once, in the column of the status the API holds.
    await search.fill(run);
    const mine = truth.filter((order) => order.customerName.startsWith(run));
    expect(mine.map((order) => order.id)).not.toContain(silent.id);
    await expect(page.getByRole('article')).toHaveCount(mine.length);
    for (const order of mine) {
      const card = boardColumn(page, STATUS_LABEL[order.status]).getByRole('article', { name: new RegExp(`^${orderNumber(order)},`) });
      await expect(card).toHaveCount(1);
    }

    // The kitchen: one ticket per order the API has waiting or on the stove, each exactly once.
    const inKitchen = truth.filter((order) => KITCHEN_STATUSES.includes(order.status));
    await expect(kitchen.locator('.total')).toHaveText(`${inKitchen.length} ${inKitchen.length === 1 ? 'ticket' : 'tickets'}`);
    for (const order of mine) {
      const ticket = kitchen.getByRole('article', { name: new RegExp(`^Order ${orderNumber(order)},`) });
      await expect(ticket).toHaveCount(KITCHEN_STATUSES.includes(order.status) ? 1 : 0);
    }
    await expect(kitchen.getByRole('article', { name: new RegExp(`^Order ${orderNumber(silent)},`) })).toHaveCount(0);
  });
});


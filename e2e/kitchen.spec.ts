import { expect, test, type Browser, type Page } from '@playwright/test';
import { deleteApp, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { Timestamp } from 'firebase-admin/firestore';
import { formatMoney } from '../src/app/shared/money';
import type { MenuItem, MenuItemListResponse, Order } from '../contracts/orders';
import { lineTaxMinor, priceOrder } from '../contracts/pricing';
import { api, boardColumn, expectLive, orderNumber, staffToken } from './orders-api';
import { STAFF, dialogReady, screenshot, signIn, withAdminDb } from './support';

// Two browsers, as in a restaurant: staff take an order on the board, the cook works it on the
// kitchen display. Everything goes through the real API, socket.io and the emulators.
const run = `kit${Date.now().toString(36)}`;

async function openScreen(browser: Browser, path: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await signIn(page, STAFF, path);
  await expectLive(page);
  return page;
}

test.describe('board and kitchen display', () => {
  let grill: MenuItem;
  let cold: MenuItem;

  test.beforeAll(async () => {
    const token = await staffToken();
    const { menuItems } = await api<{ menuItems: MenuItem[] }>(token, 'GET', '/menu-items');
    const orderable = (station: MenuItem['station']) => menuItems.find((item) => item.station === station && item.available && item.stock > 20);
    grill = orderable('grill')!;
    cold = orderable('cold')!;
    expect(grill && cold, 'seeded grill and cold dishes in stock').toBeTruthy();
  });

  test('staff place an order on the board, the kitchen shows it within a second and chimes, the cook bumps it and the board follows', async ({ browser }) => {
    test.setTimeout(90_000);
    const kitchen = await openScreen(browser, '/kitchen', { width: 1600, height: 900 });
    // A cook's first touch on the screen lets the browser play the chime.
    const enableSound = kitchen.getByRole('button', { name: 'Click to enable sound', exact: true });
    if (await enableSound.isVisible()) await enableSound.click();
    const bell = kitchen.locator('.bell');
    const chimesBefore = Number(await bell.getAttribute('data-chimes'));

    const board = await openScreen(browser, '/orders', { width: 1440, height: 900 });
    // Other journeys' orders share the board: show only this run's.
    await board.getByLabel('Search orders').fill(run);
    await board.getByRole('button', { name: 'New order' }).click();
    const dialog = board.getByRole('dialog', { name: 'New order' });
    await dialogReady(dialog);
    await dialog.getByRole('radio', { name: 'Dine-in' }).check();
    await dialog.getByLabel('Table').fill('12');
    await dialog.getByLabel('Customer name (optional)').fill(`${run} Grace`);
    await dialog.getByRole('button', { name: `Add ${grill.name}` }).click();
    await dialog.getByRole('button', { name: `One more ${grill.name}` }).click();
    await dialog.getByLabel(`Instructions for ${grill.name}`).fill('medium rare');
    await dialog.getByRole('button', { name: `Add ${cold.name}` }).click();
    // Priced as the API prices it: each dish's tax, the dine-in service charge (issue 19).
    const line = (dish: MenuItem, quantity: number) => {
      const lineTotalMinor = dish.priceMinor * quantity;
      return { lineTotalMinor, taxMinor: lineTaxMinor(lineTotalMinor, dish.taxRateBasisPoints, dish.taxInclusive), menuItem: dish };
    };
    const { serviceCharge } = await api<MenuItemListResponse>(await staffToken(), 'GET', '/menu-items');
    const { totalMinor } = priceOrder([line(grill, 2), line(cold, 1)], serviceCharge?.serviceRateBasisPoints['dine-in'] ?? 0);
    const total = formatMoney(totalMinor, grill.currency);
    await expect(dialog.locator('.total')).toContainText(total);
    await screenshot(board, 'new-order-dialog');

    const placed = board.waitForResponse((response) => response.url().endsWith('/api/orders') && response.request().method() === 'POST');
    await dialog.getByRole('button', { name: 'Place order' }).click();
    const order = (await (await placed).json()) as Order;
    expect(order.status).toBe('CONFIRMED');
    const number = orderNumber(order);
    // The board's 'placed' message shows for 4 s: watched from now, not after the kitchen's checks.
    const placedMessage = expect(board.getByText(`Order ${number} placed`)).toBeVisible();

    // Within a second of the API's answer the cook sees the ticket, flagged as chimed.
    const ticket = kitchen.getByRole('article', { name: new RegExp(`^Order ${number},`) });
    await expect(ticket).toBeVisible({ timeout: 1_000 });
    await expect(ticket).toHaveAttribute('data-chimed', 'true');
    await expect(ticket).toHaveClass(/ticket--new/);
    await expect(bell).toHaveAttribute('data-chimes', String(chimesBefore + 1));
    await expect(ticket).toContainText(grill.name);
    await expect(ticket).toContainText('medium rare');
    await placedMessage;

    // The grill station sees only its line of the order.
    await kitchen.getByRole('group', { name: 'Station' }).getByRole('button', { name: 'Grill', exact: true }).click();
    await expect(ticket).toContainText(grill.name);
    await expect(ticket).not.toContainText(cold.name);
    await expect(kitchen).toHaveURL(/station=grill/);
    await screenshot(kitchen, 'kitchen-display');
    await kitchen.getByRole('group', { name: 'Station' }).getByRole('button', { name: 'All', exact: true }).click();
    await expect(ticket).toContainText(cold.name);

    // The cook starts it with a tap, then marks it ready from the keyboard.
    await ticket.getByRole('button', { name: `Start ${number}` }).click();
    const card = (label: string) => boardColumn(board, label).getByRole('article', { name: new RegExp(`^${number},`) });
    await expect(card('Preparing')).toBeVisible({ timeout: 5_000 });
    await expect(ticket.getByRole('button', { name: `Ready ${number}` })).toBeVisible();
    await ticket.focus();
    await kitchen.keyboard.press('Enter');
    await expect(ticket).toHaveCount(0);
    await expect(card('Ready')).toBeVisible({ timeout: 5_000 });

    // Taken back: recall puts the ticket on the display and the board moves it back.
    await kitchen.getByRole('button', { name: `Recall ${number}` }).click();
    await expect(ticket).toBeVisible();
    await expect(card('Preparing')).toBeVisible({ timeout: 5_000 });

    // The order's page tells its story from the activity log.
    await board.getByRole('link', { name: `Open order ${number}` }).click();
    await expect(board.getByRole('heading', { name: `Order ${number}`, level: 1 })).toBeVisible();
    const history = board.getByRole('list', { name: 'Order history' });
    await expect(history.getByRole('listitem').first()).toContainText(`Customer: — → ${run} Grace`);
    await expect(history.getByRole('listitem').filter({ hasText: /^\s*Status [A-Z]/ })).toHaveText(
      [/Being placed → New/, /New → Preparing/, /Preparing → Ready/, /Ready → Preparing/],
      { timeout: 10_000 },
    );
    await screenshot(board, 'order-detail');
  });

  test('kitchen mode: no app navigation, the focus on the first ticket, a cook on grill and fry opens on those, both timers, long notes wrap', async ({ browser }) => {
    test.setTimeout(90_000);
    // A cook an admin gave the stations Grill and Fry (the claims the team invite sets).
    const cook = { email: `${run}-cook@maestro.test`, password: 'cook-password-1' };
    process.env['FIREBASE_AUTH_EMULATOR_HOST'] ??= '127.0.0.1:9099';
    const app = initializeApp({ projectId: 'demo-maestro' }, `e2e-cook-${run}`);
    const created = await getAuth(app).createUser({ ...cook, displayName: 'Casey Cook' });
    await getAuth(app).setCustomUserClaims(created.uid, { role: 'staff', stations: ['grill', 'fry'] });

    const token = await staffToken();
    const note = 'Allergy: no nuts, no sesame, no dairy anywhere near it; cut into small pieces for a child of three';
    const order = await api<Order>(token, 'POST', '/orders', {
      type: 'takeaway',
      customerName: `${run} Mode`,
      notes: note,
      items: [{ menuItemId: grill.id, quantity: 1, notes: note }],
    });
    await api(token, 'PATCH', `/orders/${order.id}/status`, { status: 'PREPARING' });
    try {
      const kitchen = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await signIn(kitchen, cook, '/kitchen');
      await expectLive(kitchen);
      await expect(kitchen.getByRole('navigation', { name: 'Main' })).toBeHidden();
      await expect(kitchen.getByRole('button', { name: 'Account menu' })).toHaveCount(0);
      await expect(kitchen).toHaveURL(/station=grill,fry/);
      const stations = kitchen.getByRole('group', { name: 'Station' });
      await expect(stations.getByRole('button', { name: 'Grill', exact: true })).toHaveAttribute('aria-pressed', 'true');
      await expect(stations.getByRole('button', { name: 'Fry', exact: true })).toHaveAttribute('aria-pressed', 'true');
      await expect(stations.getByRole('button', { name: 'All', exact: true })).toHaveAttribute('aria-pressed', 'false');
      // The focus is on the first ticket: a keyboard starts there, not in 13 controls of the app.
      await expect.poll(() => kitchen.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('article');

      const ticket = kitchen.getByRole('article', { name: new RegExp(`^Order ${orderNumber(order)},`) });
      await expect(ticket).toHaveAccessibleName(/started \d+ minutes? ago$/);
      await expect(ticket.locator('.timer')).toHaveText(/^\d\d:\d\d$/);
      await expect(ticket.locator('.started-timer')).toHaveText(/^\d\d:\d\d$/);
      const box = (await ticket.boundingBox())!;
      for (const text of await ticket.locator('.item-note, .order-note').all()) {
        const noteBox = (await text.boundingBox())!;
        expect(noteBox.x + noteBox.width).toBeLessThanOrEqual(box.x + box.width);
      }
      await screenshot(kitchen, 'kitchen-mode-1280');
      await kitchen.setViewportSize({ width: 390, height: 844 });
      await screenshot(kitchen, 'kitchen-mode-390');
      await kitchen.setViewportSize({ width: 1920, height: 1080 });
      await screenshot(kitchen, 'kitchen-mode-1920');

      // The way out brings the app's navigation back.
      await kitchen.getByRole('link', { name: 'Leave the kitchen display' }).click();
      await expect(kitchen.getByRole('navigation', { name: 'Main' })).toBeVisible();
    } finally {
      await api(token, 'PATCH', `/orders/${order.id}/status`, { status: 'CANCELLED' });
      await getAuth(app).deleteUser(created.uid);
      await deleteApp(app);
    }
  });

  test('a ticket waiting past the cook\'s thresholds shows Late; the cook can change the thresholds, and a wrong setting is refused', async ({ browser }) => {
    const token = await staffToken();
    const order = await api<Order>(token, 'POST', '/orders', { type: 'takeaway', customerName: `${run} Late`, items: [{ menuItemId: grill.id, quantity: 1 }] });
    // Placed 20 minutes ago, as far as the kitchen can tell.
    await withAdminDb((db) => db.doc(`orders/${order.id}`).update({ createdAt: Timestamp.fromMillis(Date.now() - 20 * 60_000) }));

    const kitchen = await openScreen(browser, '/kitchen', { width: 1600, height: 900 });
    const ticket = kitchen.getByRole('article', { name: new RegExp(`^Order ${orderNumber(order)},`) });
    await expect(ticket).toHaveAttribute('data-level', 'late');
    await expect(ticket).toContainText('Late');

    await kitchen.getByRole('button', { name: 'Ticket timing settings' }).click();
    await kitchen.getByLabel('Yellow (getting late) after').fill('30');
    await kitchen.getByLabel('Red (late) after').fill('25');
    await kitchen.getByRole('button', { name: 'Save' }).click();
    await expect(kitchen.getByRole('alert')).toBeVisible();
    await screenshot(kitchen, 'kitchen-settings-refused');
    await expect(ticket).toHaveAttribute('data-level', 'late');

    await kitchen.getByLabel('Red (late) after').fill('40');
    await kitchen.getByRole('button', { name: 'Save' }).click();
    await expect(ticket).toHaveAttribute('data-level', 'on-time');
    // The setting stays with this screen.
    await kitchen.reload();
    await expect(ticket).toHaveAttribute('data-level', 'on-time');
    await api(token, 'PATCH', `/orders/${order.id}/status`, { status: 'CANCELLED' });
    await expect(ticket).toHaveCount(0);
  });
});

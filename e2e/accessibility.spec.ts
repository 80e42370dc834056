import { expect, test, type Locator, type Page } from '@playwright/test';
import { deleteApp, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { Timestamp } from 'firebase-admin/firestore';
import type { MenuItem, MenuItemListResponse, Order } from '../contracts/orders';
import { expectAccessible } from './accessibility';
import { api, orderNumber, staffToken } from './orders-api';
import { routerPaths } from './router-paths';
import { ADMIN, screenshot, signIn, withAdminDb } from './support';

// Issue 23: axe on every page of the router, in light and dark, at 1280 and 390 px. One browser
// per kind of visitor (signed out, a stranger, an admin, who may open every page); within it the
// pages are visited in turn and each is checked in the four looks. Dialogs are checked by the
// journeys that open them (expectAccessible right after the dialog is ready).

// Every rule at both widths, light at 1280 and dark at 390; the colour rules in the other two looks
// (the rest read the DOM, which the colour scheme does not change).
const LOOKS = [
  { name: 'light-1280', colorScheme: 'light', width: 1280, height: 800, rules: 'all' },
  { name: 'dark-1280', colorScheme: 'dark', width: 1280, height: 800, rules: 'colours' },
  { name: 'dark-390', colorScheme: 'dark', width: 390, height: 844, rules: 'all' },
  { name: 'light-390', colorScheme: 'light', width: 390, height: 844, rules: 'colours' },
] as const;

/** Pages whose colours, labels or layout issue 23 changed: screenshots (light 1280, dark 390) for people to look at. */
const LOOKED_AT = new Set(['orders', 'kitchen', 'expenses/budgets', 'reports/sales', 'reports/profit', 'menu']);

interface Visit {
  url: string;
  /** The document title the route sets: the page has been routed to. */
  title: string;
  /** What else the page shows once its data is in (the sweep waits for it before axe runs). */
  shows?: (page: Page) => Locator;
  /** States of the page the looks do not reach (dialogs, panels), each opened, checked and closed. */
  also?: (page: Page) => Promise<void>;
}

const run = `a11y${Date.now().toString(36)}`;

/** Every router path (as src/app/*.routes.ts write it) and how the sweep gets there. */
function visits(order: Order, placeOrder: () => Promise<Order> = () => Promise.reject(new Error('no orders here'))): Record<string, Visit> {
  const sagaTimeline = (page: Page) => page.getByRole('heading', { name: 'Saga timeline' });
  return {
    'sign-in': { url: '/sign-in', title: 'Sign in', shows: (page) => page.getByLabel('Email') },
    welcome: { url: '/welcome?oobCode=not-a-real-code', title: 'Choose your password', shows: (page) => page.getByRole('alert') },
    'no-access': { url: '/no-access', title: 'No access' },
    orders: {
      url: '/orders',
      title: 'Orders',
      shows: (page) => page.getByRole('status').filter({ hasText: 'Live' }),
      also: async (page) => {
        // A phone's navigation drawer.
        await page.setViewportSize({ width: 390, height: 844 });
        await page.getByRole('button', { name: 'Open navigation' }).click();
        await expectAccessible(page, 'navigation drawer at 390 px');
        await page.keyboard.press('Escape');
        await page.setViewportSize({ width: 1280, height: 800 });
      },
    },
    'orders/:id': { url: `/orders/${order.id}`, title: 'Order', shows: (page) => page.getByText(orderNumber(order)).first() },
    kitchen: {
      url: '/kitchen',
      title: 'Kitchen',
      shows: (page) => page.getByRole('article', { name: new RegExp(orderNumber(order)) }),
      also: async (page) => {
        for (const panel of ['Ticket timing settings', 'Keyboard shortcuts']) {
          await page.getByRole('button', { name: panel }).click();
          await expectAccessible(page, `kitchen, ${panel} open`);
          await page.keyboard.press('Escape');
        }
        const arrived = await placeOrder();
        await expect(page.getByRole('article', { name: new RegExp(orderNumber(arrived)) })).toHaveClass(/ticket--new/);
        await expectAccessible(page, 'kitchen, a new ticket glowing');
      },
    },
    expenses: { url: '/expenses', title: 'Expenses' },
    'expenses/accounts': { url: '/expenses/accounts', title: 'Accounts' },
    'expenses/transfers': { url: '/expenses/transfers', title: 'Transfers' },
    'expenses/categories': { url: '/expenses/categories', title: 'Categories' },
    'expenses/budgets': { url: '/expenses/budgets', title: 'Budgets' },
    'expenses/summary': { url: '/expenses/summary', title: 'Summary' },
    'expenses/import': { url: '/expenses/import', title: 'Import' },
    'expenses/import/rules': { url: '/expenses/import/rules', title: 'Import rules' },
    activity: { url: '/activity', title: 'Activity' },
    monitor: { url: '/monitor', title: 'Monitor' },
    'monitor/sagas': { url: `/monitor/sagas?correlationId=${order.correlationId}`, title: 'Saga', shows: sagaTimeline },
    'monitor/sagas/:orderId': { url: `/monitor/sagas/${order.id}`, title: 'Saga', shows: sagaTimeline },
    'reports/sales': { url: '/reports/sales', title: 'Sales' },
    'reports/profit': { url: '/reports/profit', title: 'Profit' },
    'reports/orders': { url: '/reports/orders', title: 'Orders behind the sales' },
    menu: {
      url: '/menu',
      title: 'Menu',
      also: async (page) => {
        for (const name of ['New category', /^Stock of /]) {
          await page.getByRole('button', { name }).first().click();
          await expect(page.getByRole('dialog')).toBeVisible();
          await expectAccessible(page, `menu, the dialog of ${name}`);
          await page.keyboard.press('Escape');
          await expect(page.getByRole('dialog')).toHaveCount(0);
        }
      },
    },
    team: { url: '/team', title: 'Team' },
    '**': { url: '/no-such-page', title: 'Not found' },
  };
}

/** Routed, its data in, nothing loading: what a person would look at. */
async function ready(page: Page, visit: Visit): Promise<void> {
  await expect(page).toHaveTitle(`${visit.title} · Maestro`);
  if (visit.shows) await expect(visit.shows(page)).toBeVisible();
  await expect(page.locator('mat-progress-bar, mat-spinner, mat-progress-spinner').filter({ visible: true })).toHaveCount(0);
}

/** Checks the page as it is now in the four looks, ending back at light 1280. */
async function checkLooks(page: Page, path: string): Promise<void> {
  for (const look of LOOKS) {
    await page.emulateMedia({ colorScheme: look.colorScheme, reducedMotion: 'reduce' });
    await page.setViewportSize({ width: look.width, height: look.height });
    await expectAccessible(page, `${path} (${look.name})`, look.rules);
    if (LOOKED_AT.has(path) && look.rules === 'all') await screenshot(page, `a11y-${path.replaceAll('/', '-')}-${look.name}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** An in-app navigation (the router follows popstate): no reload, so no new sign-in per page. */
async function navigate(page: Page, url: string): Promise<void> {
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate', { state: null }));
  }, url);
}

test.describe('axe on every page', () => {
  let order: Order;
  const placed: Order[] = [];
  let token: string;

  let dish: MenuItem;
  async function placeOrder(): Promise<Order> {
    const created = await api<Order>(token, 'POST', '/orders', { type: 'takeaway', customerName: `${run} ${placed.length}`, items: [{ menuItemId: dish.id, quantity: 1 }] });
    placed.push(created);
    return created;
  }

  test.beforeAll(async () => {
    token = await staffToken();
    const { menuItems } = await api<MenuItemListResponse>(token, 'GET', '/menu-items');
    dish = menuItems.find((item: MenuItem) => item.available && item.stock > 10)!;
    // Three tickets for the kitchen's three ages: late (20 min), getting late (12 min), on time.
    for (const minutesAgo of [20, 12, 0]) {
      const created = await placeOrder();
      if (minutesAgo) await withAdminDb((db) => db.doc(`orders/${created.id}`).update({ createdAt: Timestamp.fromMillis(Date.now() - minutesAgo * 60_000) }));
    }
    await api(token, 'PATCH', `/orders/${placed[1].id}/status`, { status: 'PREPARING' });
    order = placed[0];
  });

  test.afterAll(async () => {
    for (const each of placed) await api(token, 'PATCH', `/orders/${each.id}/status`, { status: 'CANCELLED' }).catch(() => undefined);
  });

  test('the sweep visits every path of the router', () => {
    const missing = routerPaths().filter((path) => !(path in visits({ id: 'x', correlationId: 'x' } as Order)));
    expect(missing, 'router paths the accessibility sweep does not visit: add them to visits()').toEqual([]);
  });

  test('signed out: sign-in and an invite link that does not work', async ({ page }) => {
    const all = visits(order);
    for (const path of ['sign-in', 'welcome']) {
      await page.goto(all[path].url);
      await ready(page, all[path]);
      await checkLooks(page, path);
    }
  });

  test('a stranger with an account but no role: the no-access page', async ({ page }) => {
    process.env['FIREBASE_AUTH_EMULATOR_HOST'] ??= '127.0.0.1:9099';
    const app = initializeApp({ projectId: 'demo-maestro' }, `e2e-a11y-${run}`);
    const stranger = { email: `${run}-stranger@example.com`, password: 'stranger-password' };
    const { uid } = await getAuth(app).createUser({ ...stranger, displayName: 'Sky Stranger' });
    try {
      await page.goto('/sign-in');
      await page.getByLabel('Email').fill(stranger.email);
      await page.getByLabel('Password', { exact: true }).fill(stranger.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(page).toHaveURL(/no-access/);
      await ready(page, visits(order)['no-access']);
      await checkLooks(page, 'no-access');
    } finally {
      await getAuth(app).deleteUser(uid);
      await deleteApp(app);
    }
  });

  test('an admin: every page of the app', async ({ page }) => {
    test.setTimeout(240_000);
    await signIn(page, ADMIN, '/orders');
    const all = visits(order, placeOrder);
    for (const [path, visit] of Object.entries(all)) {
      if (['sign-in', 'welcome', 'no-access'].includes(path)) continue;
      await navigate(page, visit.url);
      await ready(page, visit);
      await checkLooks(page, path);
      await visit.also?.(page);
    }
  });
});

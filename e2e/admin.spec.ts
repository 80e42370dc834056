import { expect, test } from '@playwright/test';
import type { MenuItem, OrderErrorBody } from '../contracts/orders';
import { API, orderNumber, staffToken } from './orders-api';
import { ADMIN, STAFF, dialogReady, screenshot, signIn } from './support';

// What admins answer from their screens: what happened to this order, and who is on the team.
test.use({ viewport: { width: 1440, height: 900 } });

test('an admin opens a failed order\'s saga timeline from the order page: every step, the failure and each undo', async ({ page }) => {
  const token = await staffToken();
  const menu = (await (await fetch(`${API}/menu-items`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { menuItems: MenuItem[] };
  const dish = menu.menuItems.find((item) => item.available && item.stock > 20)!;
  // No courier serves this postal code: the saga fails at its last step and undoes the others.
  const response = await fetch(`${API}/orders`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({
      type: 'delivery',
      customerName: 'Saga audit',
      address: { street: '1 Nowhere Lane', city: 'Far', postalCode: '00000' },
      items: [{ menuItemId: dish.id, quantity: 1 }],
    }),
  });
  const failed = ((await response.json()) as OrderErrorBody).error;
  expect(failed.orderId, `placement answered ${response.status}`).toBeTruthy();
  const order = { id: failed.orderId! };

  await signIn(page, ADMIN, `/orders/${order.id}`);
  await expect(page.getByRole('heading', { name: `Order ${orderNumber(order)}`, level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Saga timeline' }).click();

  await expect(page.getByRole('region', { name: 'Saga outcome' })).toContainText('Failed');
  const steps = page.getByRole('table', { name: 'Saga steps' });
  await expect(steps.getByRole('row').filter({ hasText: /Payment/i })).toContainText(/refunded/i);
  await expect(steps.getByRole('row').filter({ hasText: /Delivery/i })).toContainText(/refused/i);
  await expect(page.getByRole('group', { name: 'Saga timeline' })).toBeVisible();
  await screenshot(page, 'saga-timeline');
});

test('an admin invites a team member, who then exists with the role given; staff cannot reach the team page', async ({ page, browser }) => {
  const email = `cook-${Date.now().toString(36)}@maestro.test`;
  await signIn(page, ADMIN, '/team');
  await page.getByRole('button', { name: 'Invite team member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite team member' });
  await dialogReady(dialog);
  await dialog.getByLabel('Email').fill(email);
  await dialog.getByLabel('Name').fill('Casey Cook');
  await dialog.getByRole('radio', { name: 'Staff' }).check();
  await dialog.getByRole('checkbox', { name: 'grill' }).check();
  await dialog.getByRole('button', { name: 'Send invite' }).click();
  const invited = page.getByRole('dialog', { name: 'Casey Cook can now join' });
  await expect(invited.getByLabel('Sign-in link')).toHaveValue(/^http/);
  await screenshot(page, 'team-invited');
  await invited.getByRole('button', { name: 'Done' }).click();
  const row = page.getByRole('table', { name: 'Team members' }).getByRole('row').filter({ hasText: email });
  await expect(row).toContainText('Staff');
  await expect(row).toContainText(/grill/i);

  // Inviting the same address again is refused on the email field, and nothing is created twice.
  await page.getByRole('button', { name: 'Invite team member' }).click();
  await dialogReady(dialog);
  await dialog.getByLabel('Email').fill(email);
  await dialog.getByLabel('Name').fill('Casey Again');
  await dialog.getByRole('button', { name: 'Send invite' }).click();
  await expect(dialog).toContainText(`${email} already has an account.`);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.reload();
  await expect(row).toHaveCount(1);

  const staff = await (await browser.newContext()).newPage();
  await signIn(staff, STAFF, '/team');
  await expect(staff.getByRole('link', { name: 'Team' })).toHaveCount(0);
  await expect(staff.getByRole('button', { name: 'Invite team member' })).toHaveCount(0);
  // Nor any admin screen, by link or by typing the address: each sends staff to the orders.
  for (const path of ['/team', '/monitor/sagas?correlationId=anything', `/monitor/sagas/some-order`]) {
    await staff.goto(path);
    await expect(staff).toHaveURL(/\/orders$/);
  }
});

test('the monitor shows each service healthy, the realtime socket once an order screen ran, and the orchestrators', async ({ page }) => {
  await signIn(page, ADMIN, '/orders');
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible({ timeout: 15_000 });
  await page.getByRole('link', { name: 'Monitor' }).click();
  const services = page.getByRole('list', { name: 'Services seen from this browser' });
  for (const name of ['Orders API', 'Firestore', 'Auth']) {
    await expect(services.getByRole('listitem', { name })).toContainText('Healthy');
  }
  await expect(services.getByRole('listitem', { name: 'Realtime' })).toContainText('Live');
  await expect(page.getByRole('table', { name: 'Orchestrators' })).toContainText('order-status');
  await screenshot(page, 'monitor-admin');
});

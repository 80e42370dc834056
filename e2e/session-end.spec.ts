import { expect, test } from '@playwright/test';
import { ADMIN, screenshot, signIn, withAdminDb } from './support';
import { expectLive } from './orders-api';

const AUTH = process.env['FIREBASE_AUTH_EMULATOR_HOST'] ?? '127.0.0.1:9099';
const ADMIN_API = `http://${AUTH}/identitytoolkit.googleapis.com/v1/projects/demo-maestro`;

/** A member as an admin invites one: an account with the staff (or admin) role. */
async function createStaff(email: string, password: string, displayName = 'Dana Disabled', role: 'staff' | 'admin' = 'staff'): Promise<string> {
  const response = await fetch(`${ADMIN_API}/accounts`, {
    method: 'POST',
    headers: { Authorization: 'Bearer owner', 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password, displayName }),
  });
  const { localId } = (await response.json()) as { localId: string };
  await fetch(`${ADMIN_API}/accounts:update`, {
    method: 'POST',
    headers: { Authorization: 'Bearer owner', 'Content-Type': 'application/json' },
    body: JSON.stringify({ localId, customAttributes: JSON.stringify({ role }) }),
  });
  return localId;
}

async function deleteAccount(uid: string): Promise<void> {
  await fetch(`${ADMIN_API}/accounts:delete`, {
    method: 'POST',
    headers: { Authorization: 'Bearer owner', 'Content-Type': 'application/json' },
    body: JSON.stringify({ localId: uid }),
  });
  await withAdminDb((db) => db.doc(`sessionRevocations/${uid}`).delete());
}

test.describe('a member an admin disables', () => {
  const email = `dana-${Date.now().toString(36)}@maestro.test`;
  const password = 'dana-password';
  let uid: string;

  test.beforeAll(async () => {
    uid = await createStaff(email, password);
  });
  test.afterAll(async () => {
    await fetch(`${ADMIN_API}/accounts:delete`, {
      method: 'POST',
      headers: { Authorization: 'Bearer owner', 'Content-Type': 'application/json' },
      body: JSON.stringify({ localId: uid }),
    });
    await withAdminDb((db) => db.doc(`sessionRevocations/${uid}`).delete());
  });

  test('is taken off the live board to the sign-in page, which says why', async ({ browser }) => {
    const member = await browser.newPage();
    await signIn(member, { email, password }, '/orders');
    await expectLive(member);

    const admin = await browser.newPage();
    await signIn(admin, ADMIN, '/team', { form: true });
    await admin.getByRole('button', { name: `Disable: Dana Disabled` }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Disable', exact: true }).click();
    await expect(admin.getByRole('row').filter({ hasText: email }).getByRole('cell', { name: 'Disabled', exact: true })).toBeVisible();

    // Within seconds, with no click: the socket is closed and the session is over.
    await expect(member).toHaveURL(/\/sign-in/, { timeout: 10_000 });
    await expect(member.getByRole('status').filter({ hasText: /disabled/ })).toBeVisible();
    await screenshot(member, 'session-ended-disabled');

    // Signing in again is refused with words, not a blank page.
    await member.getByLabel('Email').fill(email);
    await member.getByLabel('Password', { exact: true }).fill(password);
    await member.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(member.getByRole('alert')).toContainText(/disabled/i);
    await admin.close();
    await member.close();
  });
});

test.describe('an admin another admin makes staff', () => {
  const email = `drew-${Date.now().toString(36)}@maestro.test`;
  const password = 'drew-password';
  let uid: string;

  test.beforeAll(async () => {
    uid = await createStaff(email, password, 'Drew Demoted', 'admin');
  });
  test.afterAll(() => deleteAccount(uid));

  test('is taken from the live board to the sign-in page, which says their access changed; signed in again, they are staff', async ({ browser }) => {
    const member = await browser.newPage();
    await signIn(member, { email, password }, '/orders');
    await expectLive(member);

    const admin = await browser.newPage();
    await signIn(admin, ADMIN, '/team', { form: true });
    await admin.getByRole('button', { name: 'Make staff: Drew Demoted' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Make staff', exact: true }).click();
    await expect(admin.getByRole('row').filter({ hasText: email }).getByRole('cell', { name: 'Staff' })).toBeVisible();

    await expect(member).toHaveURL(/\/sign-in/, { timeout: 10_000 });
    await expect(member.getByRole('status').filter({ hasText: 'Your access was changed by an administrator; sign in again.' })).toBeVisible();
    await screenshot(member, 'session-ended-demoted');
    await member.setViewportSize({ width: 390, height: 844 });
    await screenshot(member, 'session-ended-demoted-390');

    // The new sign-in carries the new role: no admin pages.
    await member.getByLabel('Email').fill(email);
    await member.getByLabel('Password', { exact: true }).fill(password);
    await member.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(member).toHaveURL(/\/orders/);
    await member.setViewportSize({ width: 1280, height: 800 });
    const nav = member.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Orders' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Team' })).toHaveCount(0);
    await admin.close();
    await member.close();
  });
});

import { expect, test } from '@playwright/test';
import { ADMIN, screenshot, signIn, withAdminDb } from './support';
import { expectAccessible } from './accessibility';

const AUTH = process.env['FIREBASE_AUTH_EMULATOR_HOST'] ?? '127.0.0.1:9099';

/** What anyone can do with the public web key: make a Firebase account, no admin involved. */
async function signUp(email: string, password: string): Promise<string> {
  const response = await fetch(`http://${AUTH}/identitytoolkit.googleapis.com/v1/accounts:signUp?key=demo-api-key`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password, returnSecureToken: true, displayName: 'Mallory' }),
  });
  const body = (await response.json()) as { localId: string };
  return body.localId;
}

async function deleteAccount(uid: string): Promise<void> {
  await fetch(`http://${AUTH}/identitytoolkit.googleapis.com/v1/projects/demo-maestro/accounts:delete`, {
    method: 'POST',
    headers: { Authorization: 'Bearer owner', 'Content-Type': 'application/json' },
    body: JSON.stringify({ localId: uid }),
  });
}

test.describe('an account that signed itself up', () => {
  const email = `mallory-${Date.now().toString(36)}@example.com`;
  const password = 'mallory-password';
  let uid: string;

  test.beforeAll(async () => {
    uid = await signUp(email, password);
  });
  test.afterAll(async () => {
    await deleteAccount(uid);
    await withAdminDb((db) => db.doc(`activity/onboarded-${uid}`).delete());
  });

  test('sees a clear no-access page instead of the shell, until an admin gives access', async ({ browser }) => {
    const stranger = await browser.newPage();
    await stranger.goto('/sign-in');
    await stranger.getByLabel('Email').fill(email);
    await stranger.getByLabel('Password', { exact: true }).fill(password);
    await stranger.getByRole('button', { name: 'Sign in', exact: true }).click();

    await expect(stranger).toHaveURL(/\/no-access$/);
    await expect(stranger.getByRole('heading', { name: 'No access to this workspace' })).toBeVisible();
    await expect(stranger.getByText(email)).toBeVisible();
    await expect(stranger.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
    await screenshot(stranger, 'no-access');

    // Typing an address does not get past it, nor does the API answer the account.
    for (const path of ['/expenses', '/orders', '/activity']) {
      await stranger.goto(path);
      await expect(stranger).toHaveURL(/\/no-access$/);
    }
    await stranger.getByRole('button', { name: 'Check again' }).click();
    await expect(stranger.getByRole('status')).toHaveText(/Still no access/);

    // An admin sees the account on the Team page as having no access, and gives it.
    const admin = await browser.newPage();
    await signIn(admin, ADMIN, '/team', { form: true });
    const row = admin.getByRole('row').filter({ hasText: email });
    await expect(row.getByRole('cell').nth(1)).toHaveText('No access');
    await row.getByRole('button', { name: /^Give access/ }).click();
    await expect(admin.getByRole('dialog')).toBeVisible();
    await expectAccessible(admin, 'Give access dialog');
    await admin.getByRole('dialog').getByRole('button', { name: 'Give access as staff' }).click();
    await expect(row.getByRole('cell').nth(1)).toHaveText('Staff');

    await stranger.getByRole('button', { name: 'Check again' }).click();
    await expect(stranger).toHaveURL(/\/orders$/);
    await expect(stranger.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await admin.close();
    await stranger.close();
  });

  test('"Sign in with another account" signs out and returns to sign-in', async ({ page }) => {
    const other = `mallory2-${Date.now().toString(36)}@example.com`;
    const otherUid = await signUp(other, password);
    try {
      await page.goto('/sign-in');
      await page.getByLabel('Email').fill(other);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(page).toHaveURL(/\/no-access$/);
      await page.getByRole('button', { name: 'Sign in with another account' }).click();
      await expect(page).toHaveURL(/\/sign-in$/);
      await expect(page.getByLabel('Email')).toBeVisible();
    } finally {
      await deleteAccount(otherUid);
    }
  });
});

import { expect, test, type Browser, type Page } from '@playwright/test';
import { deleteApp, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { ADMIN, dialogReady, screenshot, signIn } from './support';
import { expectAccessible } from './accessibility';

// An invite link that expired before the member used it: the welcome page says so in words, an
// admin sends a new link from the Team page, and the member joins with it.

/** The account this journey invited goes again, so the Team list does not grow with every run. */
async function deleteAccount(email: string): Promise<void> {
  process.env['FIREBASE_AUTH_EMULATOR_HOST'] ??= '127.0.0.1:9099';
  const app = initializeApp({ projectId: 'demo-maestro' }, `e2e-invite-${email}`);
  try {
    const user = await getAuth(app).getUserByEmail(email).catch(() => null);
    if (user) await getAuth(app).deleteUser(user.uid);
  } finally {
    await deleteApp(app);
  }
}

async function freshPage(browser: Browser, width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 800 } });
  return context.newPage();
}

const email = `ivy-${Date.now().toString(36)}@maestro.test`;
test.afterAll(() => deleteAccount(email));

test('an expired invite link says so; an admin sends a new one from Team and the member joins with it', async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signIn(page, ADMIN, '/team');
  await page.getByRole('button', { name: 'Invite team member' }).click();
  const invite = page.getByRole('dialog', { name: 'Invite team member' });
  await dialogReady(invite);
  await invite.getByLabel('Email').fill(email);
  await invite.getByLabel('Name').fill('Ivy Late');
  await invite.getByRole('button', { name: 'Send invite' }).click();
  const firstLink = await page.getByRole('dialog', { name: 'Ivy Late can now join' }).getByLabel('Sign-in link').inputValue();
  await page.getByRole('button', { name: 'Done' }).click();
  const row = page.getByRole('row').filter({ hasText: email });
  await expect(row.getByRole('cell', { name: 'Invited, no password yet' })).toBeVisible();
  await screenshot(page, 'team-invited-1280');

  // The member opens it too late. The Auth emulator's codes never expire, so its answer is the one
  // Firebase gives for an expired code (EXPIRED_OOB_CODE), on the member's browser only.
  const member = await freshPage(browser, 390);
  await member.route(/accounts:resetPassword/, (route) =>
    route.fulfill({
      status: 400,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 400, message: 'EXPIRED_OOB_CODE', errors: [{ message: 'EXPIRED_OOB_CODE', domain: 'global', reason: 'invalid' }] } }),
    }),
  );
  await member.goto(firstLink);
  await expect(member.getByRole('alert')).toContainText('This invite link has expired. Ask the admin who invited you for a new one.');
  await expect(member.getByLabel('New password')).toHaveCount(0);
  await expect(member.locator('body')).not.toContainText('EXPIRED_OOB_CODE');
  await screenshot(member, 'welcome-expired-390');
  await member.setViewportSize({ width: 1280, height: 800 });
  await screenshot(member, 'welcome-expired-1280');

  // The admin sends a new link.
  await row.getByRole('button', { name: 'New invite link: Ivy Late' }).click();
  const fresh = page.getByRole('dialog', { name: 'A new link for Ivy Late' });
  await expect(fresh).toContainText('An earlier link keeps working until it expires');
  await expectAccessible(page, 'New invite link dialog');
  const secondLink = await fresh.getByLabel('Sign-in link').inputValue();
  expect(secondLink).toMatch(/^http:\/\/127\.0\.0\.1:4200\/welcome\?oobCode=/);
  expect(secondLink).not.toBe(firstLink);
  await screenshot(page, 'team-new-invite-link-1280');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'team-new-invite-link-390');
  await fresh.getByRole('button', { name: 'Done' }).click();
  await expect(fresh).toBeHidden();
  await screenshot(page, 'team-invited-390');
  await page.setViewportSize({ width: 1280, height: 800 });

  // The member joins with it.
  await member.unrouteAll();
  await member.goto(secondLink);
  await expect(member.getByText(`Choose a password for ${email}`)).toBeVisible();
  await member.getByLabel('New password').fill('ivy-chooses-this');
  await member.getByLabel('Repeat the password').fill('ivy-chooses-this');
  await member.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(member).toHaveURL(/\/orders$/);

  // Joined: no more links for Ivy.
  await page.reload();
  await expect(row.getByRole('cell', { name: 'Active' })).toBeVisible();
  await expect(row.getByRole('button', { name: 'New invite link: Ivy Late' })).toHaveCount(0);
  await member.context().close();
});

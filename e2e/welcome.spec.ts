import { expect, test, type Browser, type Page } from '@playwright/test';
import type { CreateTeamMemberResponse } from '../contracts/admin-users';
import { adminToken, api } from './orders-api';
import { ADMIN, dialogReady, screenshot, signIn } from './support';
import { expectAccessible } from './accessibility';

// The invite link of Team → Invite: the new member lands on Maestro's own page, chooses a
// password and is signed in; the link works once.

async function inviteFromTeamPage(page: Page, email: string, name: string): Promise<string> {
  await signIn(page, ADMIN, '/team', { form: true });
  await page.getByRole('button', { name: 'Invite team member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite team member' });
  await dialogReady(dialog);
  await expectAccessible(page, 'Invite dialog');
  await dialog.getByLabel('Email').fill(email);
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('radio', { name: 'Staff' }).check();
  await dialog.getByRole('button', { name: 'Send invite' }).click();
  const invited = page.getByRole('dialog', { name: `${name} can now join` });
  const link = invited.getByLabel('Sign-in link');
  await expect(link).toHaveValue(/\/welcome\?oobCode=/);
  await expectAccessible(page, 'Invited dialog (the link)');
  return link.inputValue();
}

/** The new member's own browser: nobody signed in. */
async function freshPage(browser: Browser, width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 800 } });
  return context.newPage();
}

test('an invited member opens the link, chooses a password and is signed in; the used link says so', async ({ page, browser }) => {
  const email = `wren-${Date.now().toString(36)}@maestro.test`;
  const link = await inviteFromTeamPage(page, email, 'Wren Waiter');
  expect(new URL(link).origin).toBe('http://127.0.0.1:4200');

  const member = await freshPage(browser, 1280);
  await member.goto(link);
  await expect(member.getByRole('heading', { name: 'Welcome to Maestro' })).toBeVisible();
  await expect(member.getByText(`Choose a password for ${email}`)).toBeVisible();
  await expect(member).toHaveTitle('Choose your password · Maestro');
  await expectAccessible(member, 'welcome page, the password form');

  // Typed validation before anything is sent.
  await member.getByLabel('New password').fill('short');
  await member.getByLabel('Repeat the password').fill('different');
  await member.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(member.getByText('Use at least 8 characters (5 so far).')).toBeVisible();
  await expect(member.getByText('The two passwords differ.')).toBeVisible();
  await screenshot(member, 'welcome-validation-1280');

  await member.getByLabel('New password').fill('wren-chooses-this');
  await member.getByLabel('Repeat the password').fill('wren-chooses-this');
  await member.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(member).toHaveURL(/\/orders$/);
  await expect(member.getByRole('button', { name: 'Account menu' })).toBeVisible();

  // The same link a second time, on a phone: it was used, and says what to do instead.
  const again = await freshPage(browser, 390);
  await again.goto(link);
  await expect(again.getByRole('alert')).toContainText('This invite link was already used');
  await expect(again.getByLabel('New password')).toHaveCount(0);
  await screenshot(again, 'welcome-used-390');
  await again.getByRole('link', { name: 'Go to sign in' }).click();
  await expect(again).toHaveURL(/\/sign-in/);

  // And the password chosen is the one that signs in.
  await signIn(again, { email, password: 'wren-chooses-this' });
});

test('the welcome form on a phone and a link cut short', async ({ browser }) => {
  const email = `robin-with-a-rather-long-address-${Date.now().toString(36)}@maestro.test`;
  // Invited through the API the Team page calls: the journey above invites through the page.
  const { signInLink: link } = await api<CreateTeamMemberResponse>(await adminToken(), 'POST', '/admin/users', { email, displayName: 'Robin Runner', role: 'staff' });

  const phone = await freshPage(browser, 390);
  await phone.goto(link);
  await expect(phone.getByText(`Choose a password for ${email}`)).toBeVisible();
  await screenshot(phone, 'welcome-390');
  const wide = await freshPage(browser, 1280);
  await wide.goto(link);
  await expect(wide.getByLabel('New password')).toBeVisible();
  await screenshot(wide, 'welcome-1280');

  // A link pasted without its end: the code is incomplete.
  await wide.goto(link.slice(0, -6));
  await expect(wide.getByRole('alert')).toContainText('copied incompletely');
  await wide.goto('/welcome');
  await expect(wide.getByRole('alert')).toContainText('This link has no invite code');
});

import { expect, test } from '@playwright/test';
import { ADMIN, STAFF, screenshot, signIn } from './support';

test.describe('signing in', () => {
  test('a visitor is sent to sign-in and returns to the page they asked for', async ({ page }) => {
    await page.goto('/expenses');
    await expect(page).toHaveURL(/\/sign-in\?returnUrl=%2Fexpenses$/);
    await screenshot(page, 'sign-in');
    await page.getByLabel('Email').fill(STAFF.email);
    await page.getByLabel('Password', { exact: true }).fill(STAFF.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/expenses$/);
    await expect(page.getByRole('heading', { name: 'Expenses', level: 1 })).toBeVisible();
  });

  test('staff see the shell: their name, the staff pages and no admin pages', async ({ page }) => {
    await signIn(page, STAFF, '/', { form: true });
    await expect(page).toHaveURL(/\/orders$/);
    await expect(page.getByRole('button', { name: 'Account menu' })).toContainText(STAFF.name);
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const label of ['Orders', 'Kitchen', 'Expenses']) await expect(nav.getByRole('link', { name: label })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Activity' })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'Monitor' })).toHaveCount(0);
    await screenshot(page, 'shell-staff');

    await nav.getByRole('link', { name: 'Kitchen' }).click();
    await expect(page.getByRole('heading', { name: 'Kitchen', level: 1 })).toBeVisible();
    await expect(page).toHaveTitle('Kitchen · Maestro');
  });

  test('a wrong password shows a clear message and keeps the visitor on sign-in', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(STAFF.email);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText(/email and password do not match/);
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
    await screenshot(page, 'sign-in-wrong-password');
  });

  test('an unknown user gets the same message as a wrong password', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill('nobody@maestro.test');
    await page.getByLabel('Password', { exact: true }).fill('whatever-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText(/email and password do not match/);
  });

  test('an empty form is not sent: each field says what it needs', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByText('Enter your email.')).toBeVisible();
    await expect(page.getByText('Enter your password.')).toBeVisible();
  });

  test('signing out returns to sign-in and the pages are closed again', async ({ page }) => {
    await signIn(page, STAFF, '/', { form: true });
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto('/orders');
    await expect(page).toHaveURL(/\/sign-in\?returnUrl=%2Forders$/);
  });

  test('a session survives a reload', async ({ page }) => {
    await signIn(page, ADMIN, '/', { form: true });
    await page.reload();
    await expect(page.getByRole('button', { name: 'Account menu' })).toContainText(ADMIN.name);
  });
});

test.describe('admin pages', () => {
  test('staff cannot open Activity or Monitor: they are sent to orders with a reason', async ({ page }) => {
    await signIn(page, STAFF);
    await page.goto('/activity');
    await expect(page).toHaveURL(/\/orders$/);
    await expect(page.getByText('Activity is for admins only')).toBeVisible();
    await screenshot(page, 'staff-refused-activity');
    await page.goto('/monitor');
    await expect(page).toHaveURL(/\/orders$/);
    await expect(page.getByText('Monitor is for admins only')).toBeVisible();
  });

  test('an admin opens Activity and sees the API healthy on Monitor', async ({ page }) => {
    await signIn(page, ADMIN);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Activity' }).click();
    await expect(page).toHaveURL(/\/activity$/);
    await expect(page.getByRole('heading', { name: 'Activity', level: 1 })).toBeVisible();
    await nav.getByRole('link', { name: 'Monitor' }).click();
    await expect(page.getByTestId('service-api')).toContainText('Online');
    await expect(page.getByTestId('service-firestore')).toContainText('Reachable');
    const accounts = page.getByRole('table', { name: 'Orchestrators' }).getByRole('row').filter({ hasText: 'accounts' });
    await expect(accounts).toContainText('Running');
    await screenshot(page, 'monitor-admin');
  });

  test('an unknown address inside the app shows a not-found page with a way back', async ({ page }) => {
    await signIn(page, STAFF);
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await screenshot(page, 'not-found');
    await page.getByRole('link', { name: 'Go to the order board' }).click();
    await expect(page).toHaveURL(/\/orders$/);
  });
});

test('the dark theme is one click away and is remembered', async ({ page }) => {
  await signIn(page, ADMIN);
  const toggle = page.getByRole('button', { name: /^Theme: .* Change theme$/ });
  await expect(toggle).toHaveAccessibleName('Theme: system. Change theme');
  await toggle.click();
  await toggle.click();
  await expect(toggle).toHaveAccessibleName('Theme: dark. Change theme');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Theme: dark. Change theme' })).toBeVisible();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [red, green, blue] = (background.match(/\d+/g) ?? []).map(Number);
  expect(red! + green! + blue!).toBeLessThan(150); // a dark surface, not the light one
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Monitor' }).click();
  await expect(page.getByTestId('service-api')).toContainText('Online');
  await screenshot(page, 'monitor-dark');
});

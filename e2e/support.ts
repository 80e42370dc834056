import { expect, type Locator, type Page } from '@playwright/test';
import { deleteApp, initializeApp } from 'firebase-admin/app';
import { getFirestore, type Firestore } from 'firebase-admin/firestore';

export const STAFF = { email: 'staff@maestro.test', password: 'maestro-staff', name: 'Sam Staff' };
export const ADMIN = { email: 'admin@maestro.test', password: 'maestro-admin', name: 'Alex Admin' };

export async function signIn(page: Page, user: { email: string; password: string }, path = '/'): Promise<void> {
  await page.goto(path);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // The kitchen display runs without the app's toolbar (kitchen mode): its way out shows instead.
  await expect(page.getByRole('button', { name: 'Account menu' }).or(page.getByRole('link', { name: 'Leave the kitchen display' }))).toBeVisible();
}

/** Screenshots land in e2e/screenshots/ for people to look at; they are not compared. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}

/**
 * Runs `work` with the admin SDK against the Firestore emulator (rules off, as the seed writes):
 * for what a spec sets up, counts or cleans up behind the screens.
 */
export async function withAdminDb<T>(work: (db: Firestore) => Promise<T>): Promise<T> {
  process.env['FIRESTORE_EMULATOR_HOST'] ??= '127.0.0.1:8080';
  process.env['METADATA_SERVER_DETECTION'] ??= 'none';
  const app = initializeApp({ projectId: 'demo-maestro' }, `e2e-admin-${Math.random()}`);
  try {
    return await work(getFirestore(app));
  } finally {
    await deleteApp(app);
  }
}


/**
 * Waits until a just-opened dialog has taken the focus. Material moves the focus into a dialog
 * once its opening animation ends; typing before that can land in the field it then focuses.
 */
export async function dialogReady(dialog: Locator): Promise<void> {
  await expect.poll(() => dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
}

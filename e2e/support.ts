import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { deleteApp, initializeApp } from 'firebase-admin/app';
import { FieldValue, getFirestore, type Firestore } from 'firebase-admin/firestore';
import { accountNameClaimPath, nameKey } from '../contracts/unique-names';

export const STAFF = { email: 'staff@maestro.test', password: 'maestro-staff', name: 'Sam Staff' };
export const ADMIN = { email: 'admin@maestro.test', password: 'maestro-admin', name: 'Alex Admin' };

type SavedSession = Awaited<ReturnType<BrowserContext['storageState']>>;

/** The demo accounts' sessions, saved after their first sign-in through the form (per worker). */
const savedSessions = new Map<string, SavedSession>();

/**
 * Signs in and opens `path`. A demo account signs in through the form once per run; later journeys
 * get its saved Firebase Auth session (kept in IndexedDB) put back into their fresh browser context,
 * which spares the form (about a second each, some seventy times). Journeys about signing in itself,
 * ending sessions or changing members pass `{ form: true }`; any other account always uses the form.
 */
export async function signIn(page: Page, user: { email: string; password: string }, path = '/', options: { form?: boolean } = {}): Promise<void> {
  const demo = user.email === STAFF.email || user.email === ADMIN.email;
  const saved = demo && !options.form ? savedSessions.get(user.email) : undefined;
  if (saved) {
    // setStorageState replaces the context's cookies too: keep those a journey set (the cluster
    // journey's HAProxy node cookie).
    await page.context().setStorageState({ ...saved, cookies: await page.context().cookies() });
    await page.goto(path);
  } else {
    await page.goto(path);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }
  // The kitchen display runs without the app's toolbar (kitchen mode): its way out shows instead.
  await expect(page.getByRole('button', { name: 'Account menu' }).or(page.getByRole('link', { name: 'Leave the kitchen display' }))).toBeVisible();
  if (demo && !saved) savedSessions.set(user.email, authSessionOnly(await page.context().storageState({ indexedDB: true })));
}

/** Only Firebase Auth's database: no cookies, no local storage (theme, kitchen choices) carried over. */
function authSessionOnly(state: SavedSession): SavedSession {
  // Playwright's type leaves out the IndexedDB that `indexedDB: true` adds to each origin.
  const origins = state.origins.map((origin: SavedSession['origins'][number] & { indexedDB?: { name: string }[] }) => ({
    ...origin,
    localStorage: [],
    indexedDB: (origin.indexedDB ?? []).filter((database) => database.name === 'firebaseLocalStorageDb'),
  }));
  return { cookies: [], origins };
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
 * An account written as the app writes one, its name claimed in the same batch: for journeys that
 * need an account but are not about creating one (accounts.spec creates one through its dialog).
 */
export async function seedAccount(account: { id: string; name: string; currency?: string; type?: 'cash' | 'bank' | 'card'; openingBalanceMinor: number }): Promise<void> {
  const { id, name, currency = 'USD', type = 'bank', openingBalanceMinor } = account;
  await withAdminDb(async (db) => {
    const batch = db.batch();
    batch.set(db.doc(`accounts/${id}`), { name, nameKey: nameKey(name), type, currency, openingBalanceMinor, archived: false, createdBy: 'demo-staff', createdAt: FieldValue.serverTimestamp() });
    batch.set(db.doc(accountNameClaimPath(currency, name)), { accountId: id });
    await batch.commit();
  });
}

/**
 * Waits until a just-opened dialog has taken the focus. Material moves the focus into a dialog
 * once its opening animation ends; typing before that can land in the field it then focuses.
 */
export async function dialogReady(dialog: Locator): Promise<void> {
  await expect.poll(() => dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
}

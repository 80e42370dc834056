// Issue 21, the shells' hostile side: a stranger (signed in to Firebase, no role in the workspace)
// who opens the board or the kitchen cold must get the no-access page: the prerendered shell goes,
// and the app asks the API for nothing on their behalf. The member's side is in
// prerendered-shells.test.ts (a file of its own: together they outgrew node:test's limit per file).
//
// Same bench build (signs in against demo-maestro's Auth emulator on 9099, calls an API on 3101).
// No API is started here: a request to 3101 is recorded whether or not anything answers it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from '@playwright/test';
import { buildSpaIfStale, SPA_DIST } from '../../bench/order-board/spa.ts';
import { createFirebase, DEFAULT_AUTH_EMULATOR_HOST, type FirebaseServices } from '../../server/src/firebase.ts';
import { serveAsHosting, type Hosted } from './support/hosting.ts';
// @ts-expect-error: a plain .mjs script without types
import { headStartConstants } from '../../scripts/head-start.mjs';
import { launchChromium, problemsOf, submitSignIn } from './support/shells.ts';

const ROOT = resolve(import.meta.dirname, '../..');
/** environment.bench.ts's API. */
const API_ORIGIN = 'http://127.0.0.1:3101';
/** HEAD_START_TOKEN_KEY: the Session's copy of a member's token, which the shells' script sends. */
const TOKEN_KEY = (headStartConstants() as { key: string }).key;
const stranger = { email: `shells-stranger-${randomUUID().slice(0, 8)}@maestro.test`, password: `pw-${randomUUID()}`, uid: '' };

let auth: FirebaseServices | undefined;
let hosted: Hosted | undefined;
let browser: Browser | undefined;

before(
  async () => {
    process.env['FIREBASE_AUTH_EMULATOR_HOST'] = DEFAULT_AUTH_EMULATOR_HOST; // the pair the build signs in against
    await buildSpaIfStale(ROOT);
    auth = createFirebase('demo-maestro');
    stranger.uid = (await auth.auth.createUser({ email: stranger.email, password: stranger.password })).uid;
    hosted = await serveAsHosting(join(ROOT, SPA_DIST));
    browser = await launchChromium();
  },
  { timeout: 600_000 },
);

after(async () => {
  await browser?.close();
  await hosted?.close();
  if (stranger.uid) await auth?.auth.deleteUser(stranger.uid).catch(() => undefined);
  await auth?.close();
});

test('a stranger signed in to Firebase who opens the board or the kitchen cold gets the no-access page, not the shell', async () => {
  const context = await browser!.newContext({ viewport: { width: 390, height: 844 } });
  try {
    const signIn = await context.newPage();
    await submitSignIn(signIn, hosted!.url, stranger);
    await signIn.getByRole('heading', { name: 'No access to this workspace' }).waitFor({ timeout: 60_000 });

    for (const path of ['/orders', '/kitchen']) {
      const page = await context.newPage();
      const problems = problemsOf(page);
      const apiCalls: string[] = [];
      page.on('request', (request) => {
        if (request.url().startsWith(`${API_ORIGIN}/`)) apiCalls.push(request.url());
      });
      await page.goto(`${hosted!.url}${path}`);
      await page.getByRole('heading', { name: 'No access to this workspace' }).waitFor({ timeout: 60_000 });
      assert.equal(new URL(page.url()).pathname, '/no-access');
      assert.equal(await page.locator('app-shell').count(), 0, `${path}: the shell stayed`);
      assert.deepEqual(apiCalls, [], `${path}: the app asked the API for data on a stranger's behalf`);
      assert.equal(await page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY), null, `${path}: a stranger's token is kept for the shells' script`);
      assert.deepEqual(problems, [], `${path}: the console reported problems`);
      await page.close();
    }
  } finally {
    await context.close();
  }
});

// Issue 21: a member opening the board or the kitchen cold gets the prerendered shell from the HTML,
// and the app takes that same DOM over once Auth has restored the session (hydration), then shows
// the orders; the console stays clean (a hydration mismatch logs NG05xx). The shells themselves, and
// signed-out visitors, are checked in initial-bundle.test.ts on the production build.
//
// This needs a build that signs in against the emulators and calls a local API: the bench build
// (environment.bench.ts: the Auth emulator of demo-maestro on 9099, the API on 3101), served as
// Hosting serves it, with the API started here on the demo emulators. The server suite otherwise
// runs on an emulator pair of its own, so this file points itself at the demo pair (npm test runs
// every suite inside it): a member account of its own in demo-maestro's Auth (seeding leaves Auth
// accounts alone), the orders in a Firestore project of its own.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Route } from '@playwright/test';
import { buildSpaIfStale, SPA_DIST } from '../../bench/order-board/spa.ts';
import { seedOrders, wipeProject } from '../../bench/order-board/seed-orders.ts';
import { createApp } from '../../server/src/app.ts';
import { createFirebase, DEFAULT_AUTH_EMULATOR_HOST, DEFAULT_FIRESTORE_EMULATOR_HOST, type FirebaseServices } from '../../server/src/firebase.ts';
import { createLogger } from '../../server/src/logger.ts';
import { serveAsHosting, type Hosted } from './support/hosting.ts';
import { launchChromium, problemsOf, submitSignIn } from './support/shells.ts';

const ROOT = resolve(import.meta.dirname, '../..');
/** environment.bench.ts's API. */
const API_PORT = 3101;
const ORDERS = 12;
const DATA_PROJECT = `demo-maestro-shells-${randomBytes(3).toString('hex')}`;
const member = { email: `shells-${randomUUID().slice(0, 8)}@maestro.test`, password: `pw-${randomUUID()}`, uid: '' };

let auth: FirebaseServices | undefined;
let data: FirebaseServices | undefined;
let api: ReturnType<typeof createApp> | undefined;
let hosted: Hosted | undefined;
let browser: Browser | undefined;

before(
  async () => {
    // The demo pair, which the bench build signs in against (see the top of this file).
    process.env['FIREBASE_AUTH_EMULATOR_HOST'] = DEFAULT_AUTH_EMULATOR_HOST;
    process.env['FIRESTORE_EMULATOR_HOST'] = DEFAULT_FIRESTORE_EMULATOR_HOST;
    await buildSpaIfStale(ROOT);
    auth = createFirebase('demo-maestro');
    const account = await auth.auth.createUser({ email: member.email, password: member.password, displayName: 'Shell Tester' });
    member.uid = account.uid;
    await auth.auth.setCustomUserClaims(account.uid, { role: 'staff' });
    data = createFirebase(DATA_PROJECT);
    await seedOrders(data.firestore, ORDERS, { uid: member.uid });
    hosted = await serveAsHosting(join(ROOT, SPA_DIST));
    api = createApp({
      config: { port: API_PORT, host: '127.0.0.1', spaOrigins: [hosted.url] },
      logger: createLogger('warn'),
      auth: auth.auth,
      firestore: data.firestore,
      sagaRecovery: false,
    });
    await api.listen();
    browser = await launchChromium();
  },
  { timeout: 600_000 },
);

after(async () => {
  await browser?.close();
  await api?.close();
  await hosted?.close();
  if (member.uid) await auth?.auth.deleteUser(member.uid).catch(() => undefined);
  await wipeProject(DATA_PROJECT).catch(() => undefined);
  await data?.close();
  await auth?.close();
});

test('a member opening the board or the kitchen cold sees the shell first, then the same DOM comes alive with the orders', async () => {
  const context = await browser!.newContext({ viewport: { width: 390, height: 844 } });
  try {
    // Signed in once through the prerendered sign-in page; the session is kept for the next pages.
    const signIn = await context.newPage();
    const signInProblems = problemsOf(signIn);
    await submitSignIn(signIn, hosted!.url, member);
    await signIn.locator('app-order-card').first().waitFor({ timeout: 60_000 });
    assert.deepEqual(signInProblems, []);

    for (const { path, heading, card, toolbar } of [
      { path: '/orders', heading: 'Orders', card: 'app-order-card', toolbar: true },
      { path: '/kitchen', heading: 'Kitchen', card: 'app-ticket-card', toolbar: false },
    ]) {
      const page = await context.newPage();
      const problems = problemsOf(page);
      // Scripts wait until the shell has been seen: what is on screen then came from the HTML.
      const held: Route[] = [];
      let releasing = false;
      await page.route('**/*.js', (route) => (releasing ? route.continue() : void held.push(route)));
      await page.goto(`${hosted!.url}${path}`, { waitUntil: 'commit' });
      const title = page.getByRole('heading', { name: heading, level: 1 });
      await title.waitFor();
      const prerendered = await title.elementHandle();
      assert.equal(await page.locator(card).count(), 0, `${path}: the shell shows orders`);

      releasing = true;
      for (const route of held.splice(0)) await route.continue();
      await page.locator(card).first().waitFor({ timeout: 60_000 });
      assert.ok(await prerendered!.evaluate((element) => element.isConnected), `${path}: the shell was replaced, not taken over`);
      assert.equal(new URL(page.url()).pathname, path); // not sent to sign in (the kitchen adds its ?station=)
      // The member's own button came with hydration (the shell has none; the kitchen has no toolbar).
      if (toolbar) await page.getByRole('button', { name: 'Shell Tester, account menu' }).waitFor();
      assert.deepEqual(problems, [], `${path}: the console reported problems (NG05xx: a hydration mismatch)`);
      await page.close();
    }
  } finally {
    await context.close();
  }
});

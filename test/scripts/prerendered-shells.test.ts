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
import type { Browser, Page, Route } from '@playwright/test';
import { buildSpaIfStale, SPA_DIST } from '../../bench/order-board/spa.ts';
import { seedOrders, wipeProject } from '../../bench/order-board/seed-orders.ts';
import { createApp } from '../../server/src/app.ts';
import { createFirebase, DEFAULT_AUTH_EMULATOR_HOST, DEFAULT_FIRESTORE_EMULATOR_HOST, type FirebaseServices } from '../../server/src/firebase.ts';
import { createLogger } from '../../server/src/logger.ts';
import { signIn as signInWithPassword } from '../../server/test/support/test-users.ts';
import { serveAsHosting, type Hosted } from './support/hosting.ts';
// @ts-expect-error: a plain .mjs script without types
import { headStartConstants } from '../../scripts/head-start.mjs';
import { launchChromium, problemsOf, signInToBoard, submitSignIn } from './support/shells.ts';

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

const EARLY_PAINT_KEY = 'maestro.early-paint:/kitchen';
/** HEAD_START_TOKEN_KEY: the Session's copy of the member's token, which the shells' script sends. */
const TOKEN_KEY = (headStartConstants() as { key: string }).key;

test("a member reopening the kitchen gets its last tickets from the HTML, before any script; the live ones replace them; another member's or a signed-out browser gets none", async () => {
  const context = await browser!.newContext({ viewport: { width: 390, height: 844 } });
  try {
    const signIn = await signInToBoard(context, hosted!.url, member);

    const first = await context.newPage();
    await first.goto(`${hosted!.url}/kitchen`);
    await first.locator('app-ticket-card').first().waitFor({ timeout: 60_000 });
    await first.waitForFunction((key) => localStorage.getItem(key) !== null, EARLY_PAINT_KEY, { timeout: 10_000 });
    const saved = JSON.parse((await first.evaluate((key) => localStorage.getItem(key), EARLY_PAINT_KEY))!) as { uid: string; html: string };
    assert.equal(saved.uid, member.uid);
    const onScreen = await first.locator('app-ticket-card .number').allInnerTexts();
    await first.close();

    // Reopened with every script held: what shows came from the HTML and the saved screen.
    const problems: string[] = [];
    const reopen = async () => {
      const page = await context.newPage();
      problems.push(...problemsOf(page));
      const held: Route[] = [];
      let releasing = false;
      await page.route('**/*.js', (route) => (releasing ? route.continue() : void held.push(route)));
      await page.goto(`${hosted!.url}/kitchen`, { waitUntil: 'commit' });
      await page.getByRole('heading', { name: 'Kitchen', level: 1 }).waitFor();
      const release = async () => {
        releasing = true;
        for (const route of held.splice(0)) await route.continue();
      };
      return { page, release };
    };
    const { page, release } = await reopen();
    const painted = page.locator('#early-paint');
    await painted.waitFor({ timeout: 5_000 });
    assert.match((await painted.locator('p').first().innerText()), /^As last seen at .+ · updating…$/);
    const paintedNumbers = await painted.locator('.number').allInnerTexts();
    assert.ok(paintedNumbers.length > 0 && paintedNumbers.length <= 12, `${paintedNumbers.length} tickets painted`);
    assert.deepEqual(paintedNumbers, onScreen.slice(0, paintedNumbers.length), 'not the tickets the screen showed, in its order');
    // A copy, hidden from assistive technology and from the app's own selectors.
    assert.equal(await painted.getAttribute('aria-hidden'), 'true');
    assert.equal(await page.locator('app-ticket-card').count(), 0);
    assert.equal(await page.getByRole('article').count(), 0);

    await release();
    await page.locator('app-ticket-card').first().waitFor({ timeout: 60_000 });
    await painted.waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal(await page.locator('#early-paint-style').count(), 0);
    assert.deepEqual(problems, [], 'the console reported problems (NG05xx: a hydration mismatch)');

    // Saved by another member (say, before this one signed in here): not painted. The saved screen
    // is changed from the board's tab, once no kitchen is open to save its own over it.
    await page.close();
    await signIn.evaluate((key) => {
      const snapshot = JSON.parse(localStorage.getItem(key)!);
      localStorage.setItem(key, JSON.stringify({ ...snapshot, uid: 'someone-else', savedAt: Date.now() }));
    }, EARLY_PAINT_KEY);
    const stranger = await reopen();
    await stranger.page.waitForTimeout(1_500); // the painter reads IndexedDB within milliseconds
    assert.equal(await stranger.page.locator('#early-paint').count(), 0, "another member's screen was painted");
    await stranger.release();
    await stranger.page.locator('app-ticket-card').first().waitFor({ timeout: 60_000 });
    await stranger.page.waitForFunction((key) => JSON.parse(localStorage.getItem(key) ?? '{}').uid !== 'someone-else', EARLY_PAINT_KEY, { timeout: 10_000 });
    const valid = (await stranger.page.evaluate((key) => localStorage.getItem(key), EARLY_PAINT_KEY))!;
    await stranger.page.getByRole('link', { name: 'Leave the kitchen display' }).click(); // no kitchen open below
    await stranger.page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();

    // Nothing painted, and nothing reported, from a saved screen that is broken, too old, or of
    // other stations than the URL asks for.
    for (const [why, saved, path] of [
      ['broken', '{"v":1,', '/kitchen'],
      ['of another format', JSON.stringify({ ...JSON.parse(valid), v: 0 }), '/kitchen'],
      ['13 hours old', JSON.stringify({ ...JSON.parse(valid), savedAt: Date.now() - 13 * 3_600_000 }), '/kitchen'],
      ['for all stations, the URL asking for the grill', valid, '/kitchen?station=grill'],
      ['anchored nowhere', JSON.stringify({ ...JSON.parse(valid), anchor: '#nowhere' }), '/kitchen'],
    ] as const) {
      await stranger.page.evaluate(([key, value]) => localStorage.setItem(key, value), [EARLY_PAINT_KEY, saved] as const);
      const page = await context.newPage();
      const seen = problemsOf(page);
      await page.route('**/*.js', () => undefined); // the HTML and the painter alone
      await page.goto(`${hosted!.url}${path}`, { waitUntil: 'commit' });
      await page.getByRole('heading', { name: 'Kitchen', level: 1 }).waitFor();
      await page.waitForTimeout(1_000);
      assert.equal(await page.locator('#early-paint').count(), 0, `a saved screen ${why} was painted`);
      assert.deepEqual(seen, [], `a saved screen ${why}: the console reported problems`);
      await page.close();
    }
    await stranger.page.evaluate(([key, value]) => localStorage.setItem(key, value), [EARLY_PAINT_KEY, valid] as const);

    // Signing out forgets every saved screen.
    await stranger.page.getByRole('button', { name: 'Shell Tester, account menu' }).click();
    await stranger.page.getByRole('menuitem', { name: /Sign out/ }).click();
    await stranger.page.waitForURL(/\/sign-in/);
    assert.equal(await stranger.page.evaluate((key) => localStorage.getItem(key), EARLY_PAINT_KEY), null, 'a saved screen outlived the sign-out');
  } finally {
    await context.close();
  }
});

test('what is typed and submitted while the app takes the sign-in page over is kept: the member is signed in', async () => {
  const context = await browser!.newContext({ viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    const problems = problemsOf(page);
    // The user's typing and submit land at the worst moment, placed there deterministically: after
    // the page component is made (its listeners attached) and before its first render writes the
    // controls' starting values into the fields (the first script write to the email field).
    await page.addInitScript((who) => {
      const value = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!;
      let raced = false;
      Object.defineProperty(HTMLInputElement.prototype, 'value', {
        configurable: true,
        get() {
          return value.get!.call(this);
        },
        set(next: string) {
          if (!raced && this.name === 'email' && this.isConnected) {
            raced = true;
            const password = this.form!.querySelector<HTMLInputElement>('input[name="password"]')!;
            for (const [input, text] of [[this, who.email], [password, who.password]] as const) {
              value.set!.call(input, text);
              input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
            }
            (window as unknown as { __racedAt: string }).__racedAt = `before writing "${next}"`;
            this.form!.requestSubmit();
          }
          value.set!.call(this, next);
        },
      });
    }, member);
    await page.goto(`${hosted!.url}/sign-in`);
    await page.locator('app-order-card').first().waitFor({ timeout: 30_000 });
    assert.equal(await page.evaluate(() => (window as unknown as { __racedAt?: string }).__racedAt), 'before writing ""', 'the race was not staged');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

/** The list requests to the API this page sends, and whether the app's scripts were still held then. */
function listRequests(page: Page, scriptsHeld: () => boolean): { url: string; authorization: string; scriptsHeld: boolean }[] {
  const seen: { url: string; authorization: string; scriptsHeld: boolean }[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(`http://127.0.0.1:${API_PORT}/api/orders?`)) return;
    const entry = { url: request.url(), authorization: '', scriptsHeld: scriptsHeld() };
    seen.push(entry);
    // headers() leaves Authorization out; allHeaders() has what went on the wire.
    void request.allHeaders().then((headers) => (entry.authorization = headers['authorization'] ?? ''), () => undefined);
  });
  return seen;
}

async function until(condition: () => boolean, what: string, ms = 20_000): Promise<void> {
  for (const since = Date.now(); !condition(); await new Promise((resolve) => setTimeout(resolve, 50)))
    if (Date.now() - since > ms) throw new Error(`waited ${ms} ms for ${what}`);
}

test("a member opening the kitchen cold: the HTML asks for the list before any script, the page opens on it before Auth has answered, and asks again only after the socket joined", async () => {
  const context = await browser!.newContext({ viewport: { width: 390, height: 844 } });
  try {
    const board = await signInToBoard(context, hosted!.url, member);
    // The copy of the member's token the Session keeps (HeadStart.keepToken): what the HTML will send.
    await board.waitForFunction((key) => localStorage.getItem(key) !== null, TOKEN_KEY);
    const kept = JSON.parse((await board.evaluate((key) => localStorage.getItem(key), TOKEN_KEY))!) as { uid: string; token: string };
    assert.equal(kept.uid, member.uid);

    const page = await context.newPage();
    const problems = problemsOf(page);
    const held: Route[] = [];
    let releasing = false;
    await page.route('**/*.js', (route) => (releasing ? route.continue() : void held.push(route)));
    // Auth's restoring round trip, held until the kitchen shows its tickets.
    const lookups: Route[] = [];
    let answering = false;
    await page.route('**/accounts:lookup*', (route) => (answering ? route.continue() : void lookups.push(route)));
    const lists = listRequests(page, () => !releasing);
    await page.goto(`${hosted!.url}/kitchen`, { waitUntil: 'commit' });

    await until(() => lists.length === 2 && lists.every((list) => list.authorization), 'the HTML to ask for the two lists');
    assert.ok(lists.every((list) => list.scriptsHeld), 'the lists were asked for by a script of the app, not by the HTML');
    // The emulator's tokens are unsigned: header.payload. with an empty signature.
    assert.deepEqual(lists.map((list) => list.authorization), [`Bearer ${kept.token}`, `Bearer ${kept.token}`], "a list went without the member's token");

    releasing = true;
    for (const route of held.splice(0)) await route.continue();
    await page.locator('app-ticket-card').first().waitFor({ timeout: 60_000 });
    assert.equal(await page.locator('app-ticket-card').count() > 0, true);
    assert.equal(lists.length, 2, 'the app asked for the list again instead of taking what the HTML received');
    assert.ok(!answering, 'Auth had answered');

    // Auth answers; the socket joins and the list is asked for again (closing any gap), by the app.
    answering = true;
    for (const route of lookups.splice(0)) await route.continue();
    await until(() => lists.length === 4, 'the list after the socket joined');
    assert.ok(lists.slice(2).every((list) => !list.scriptsHeld));
    assert.equal(new URL(page.url()).pathname, '/kitchen');
    assert.deepEqual(problems, [], 'the console reported problems (NG05xx: a hydration mismatch)');

    await page.close();

    // Nothing is sent from the HTML, and nothing reported, for a copy that is about to expire,
    // broken, of no member, or whose token is another account's than the copy says.
    const payload = JSON.parse(Buffer.from(kept.token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    const withClaims = (claims: Record<string, unknown>) => {
      const [header, , signature] = kept.token.split('.');
      return `${header}.${Buffer.from(JSON.stringify({ ...payload, ...claims })).toString('base64url')}.${signature}`;
    };
    for (const [why, copy] of [
      ['about to expire', JSON.stringify({ ...kept, token: withClaims({ exp: Math.floor(Date.now() / 1000) + 60 }) })],
      ['broken', '{"uid":'],
      ['without a token', JSON.stringify({ uid: member.uid })],
      ['with a token that is not a JWT', JSON.stringify({ ...kept, token: 'not-a-token' })],
      ['of an account without a role', JSON.stringify({ ...kept, token: withClaims({ role: undefined }) })],
      ['of a made-up role', JSON.stringify({ ...kept, token: withClaims({ role: 'owner' }) })],
      ["naming another account than its token's", JSON.stringify({ ...kept, uid: 'someone-else' })],
    ] as const) {
      const late = await context.newPage();
      const seen = problemsOf(late);
      // Before the page's own scripts: the copy the inline script finds (the board's tab is idle).
      await late.addInitScript(([key, value]) => localStorage.setItem(key, value), [TOKEN_KEY, copy] as const);
      await late.route('**/*.js', () => undefined); // the HTML and its script alone
      const lateLists = listRequests(late, () => true);
      await late.goto(`${hosted!.url}/kitchen`, { waitUntil: 'commit' });
      await late.getByRole('heading', { name: 'Kitchen', level: 1 }).waitFor();
      await late.waitForTimeout(500);
      assert.deepEqual(lateLists, [], `the HTML sent a copy ${why}`);
      assert.deepEqual(seen, [], `a copy ${why}: the console reported problems`);
      await late.close();
    }

    // Signing out removes the copy: the next person at this device gets nothing sent on their behalf.
    await board.evaluate(([key, value]) => localStorage.setItem(key, value), [TOKEN_KEY, JSON.stringify(kept)] as const);
    await board.getByRole('button', { name: 'Shell Tester, account menu' }).click();
    await board.getByRole('menuitem', { name: /Sign out/ }).click();
    await board.waitForURL(/\/sign-in/);
    assert.equal(await board.evaluate((key) => localStorage.getItem(key), TOKEN_KEY), null, 'the token copy outlived the sign-out');
    const after = await context.newPage();
    await after.route('**/*.js', () => undefined);
    const afterLists = listRequests(after, () => true);
    await after.goto(`${hosted!.url}/kitchen`, { waitUntil: 'commit' });
    await after.getByRole('heading', { name: 'Kitchen', level: 1 }).waitFor();
    await after.waitForTimeout(500);
    assert.deepEqual(afterLists, [], 'the HTML sent requests after the member signed out');
  } finally {
    await context.close();
  }
});

test("Auth's verdict wins over what the HTML found: a member an admin disabled since is signed out, and no order is shown", async () => {
  const context = await browser!.newContext({ viewport: { width: 390, height: 844 } });
  const disabled = { email: `shells-off-${randomUUID().slice(0, 8)}@maestro.test`, password: `pw-${randomUUID()}` };
  const admin = { email: `shells-admin-${randomUUID().slice(0, 8)}@maestro.test`, password: `pw-${randomUUID()}` };
  const account = await auth!.auth.createUser({ ...disabled, displayName: 'Disabled Cook' });
  const adminAccount = await auth!.auth.createUser(admin);
  try {
    await auth!.auth.setCustomUserClaims(account.uid, { role: 'staff' });
    await auth!.auth.setCustomUserClaims(adminAccount.uid, { role: 'admin' });
    await (await signInToBoard(context, hosted!.url, disabled)).close();
    // Disabled as an admin does it in the Team page: the API refuses the member's tokens at once.
    const response = await fetch(`http://127.0.0.1:${API_PORT}/api/admin/users/${account.uid}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${await signInWithPassword(admin.email, admin.password)}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ disabled: true }),
    });
    assert.equal(response.status, 200, await response.text());

    const page = await context.newPage();
    // Whether a ticket was ever on screen, however briefly.
    await page.addInitScript(() => {
      new MutationObserver(() => {
        if (document.querySelector('app-ticket-card')) (window as unknown as { __ticketShown: boolean }).__ticketShown = true;
      }).observe(document, { childList: true, subtree: true });
    });
    const lists = listRequests(page, () => false);
    await page.goto(`${hosted!.url}/kitchen`);
    await page.waitForURL(/\/sign-in/, { timeout: 60_000 });
    // Firebase's words or the server's, whichever refused first.
    await page.getByText(/You were signed out|Your account is disabled/).waitFor({ timeout: 10_000 }).catch(async (error: unknown) => {
      throw new Error(`on the sign-in page: ${await page.locator('body').innerText()}`, { cause: error });
    });
    assert.ok(lists.length >= 2, 'the HTML did not try the list (the case this test is about)');
    assert.equal(await page.evaluate(() => (window as unknown as { __ticketShown?: boolean }).__ticketShown ?? false), false, 'a disabled account saw orders');
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY), null, "the disabled account's token is still kept for the shells");
  } finally {
    await context.close();
    await auth!.auth.deleteUser(account.uid).catch(() => undefined);
    await auth!.auth.deleteUser(adminAccount.uid).catch(() => undefined);
  }
});

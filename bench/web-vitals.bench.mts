// Core Web Vitals on a mid-range phone (issue 21): the SPA's optimized `bench` build served
// gzip-compressed (as any host serves it), loaded in headless Chromium with 4× CPU slowdown and
// DevTools' slow-4G profile (562.5 ms RTT, 1.44 Mbit/s down, 0.67 up: Lighthouse's), a 390×844
// phone viewport and a cold cache. Per run: the sign-in page, signing in, the order board with
// 200 live orders, a card moved (the click's Event Timing duration: input to next paint, what INP
// reports), then the kitchen display. LCP and CLS from the page's own PerformanceObservers.
// Baseline in the same run, runs alternated: the same bench build of commit 5ebe2f6 (before issue
// 21), checked out beside the code (bench/support/baseline.mts).
//
// `npm run bench -- web-vitals`, or with emulators running:
// `GCLOUD_PROJECT=demo-maestro node --import tsx bench/web-vitals.bench.mts` (BENCH_RUNS, default 3).
// The API runs in this process on 3101 (the bench environment's), the SPAs on 4302 and 4303.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import express from 'express';
import { DEMO_USERS } from '../scripts/seed/demo-data.ts';
import { createApp } from '../server/src/app.ts';
import { createFirebase } from '../server/src/firebase.ts';
import { createLogger } from '../server/src/logger.ts';
import { signIn } from '../server/test/support/test-users.ts';
import { seedOrders, wipeProject } from './order-board/seed-orders.ts';
import { buildSpaIfStale, SPA_DIST } from './order-board/spa.ts';
import { baselineCheckout } from './support/baseline.mts';
import { runBench } from './support/run-bench.mts';

const BASELINE_COMMIT = '5ebe2f6a5713621c1c4b5bf150aee28823453c85';
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const ORDERS = 200;
const API_PORT = 3101;
const PORTS = { now: 4302, before: 4303 } as const;
const PHONE = { width: 390, height: 844 };
/** DevTools' "Slow 4G" as Lighthouse applies it (RTT × 3.75, throughput × 0.9). */
const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8, uploadThroughput: (750 * 1024 * 0.9) / 8 };
const CPU_SLOWDOWN = 4;
const GOOD = { lcpMs: 2500, cls: 0.1, interactionMs: 200 };

const ROOT = resolve(import.meta.dirname, '..');
const requireCjs = createRequire(import.meta.url);
const NG_BIN = requireCjs.resolve('@angular/cli/bin/ng.js');
const CHROMIUM = requireCjs('../chromium.config.cjs') as { executablePath: string; flags: string[] };
const STAFF = DEMO_USERS.find((user) => user.uid === 'demo-staff')!;
const AUTH_PROJECT = process.env['GCLOUD_PROJECT'] ?? 'demo-maestro';
const DATA_PROJECT = `demo-maestro-vitals-${randomBytes(3).toString('hex')}`;

type Variant = keyof typeof PORTS;
interface Vitals {
  lcpMs: number;
  cls: number;
}
interface Run {
  variant: Variant;
  signIn: Vitals;
  board: Vitals;
  kitchen: Vitals;
  /** The card move's Event Timing duration; 0 when under 16 ms (the API reports none then). */
  interactionMs: number;
  signedInMs: number;
}

// LCP, CLS and event timings as the page sees them; injected before the app starts.
const VITALS_RECORDER = String.raw`
(() => {
  const vitals = { lcp: 0, cls: 0, interactions: [] };
  window.__vitals = vitals;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) vitals.lcp = e.startTime; })
    .observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) vitals.cls += e.value; })
    .observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.interactionId) vitals.interactions.push(e.duration);
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
})();
`;

const cleanups: (() => Promise<unknown>)[] = [];
async function cleanUp(): Promise<void> {
  for (let next = cleanups.pop(); next; next = cleanups.pop()) await next().catch((error: unknown) => console.error('cleanup failed:', error));
}

async function main(): Promise<number> {
  console.log(`SPA bench build: ${await buildSpaIfStale(ROOT, NG_BIN)}`);
  const baselineDist = buildBaseline();
  const authFirebase = createFirebase(AUTH_PROJECT);
  cleanups.push(() => authFirebase.close());
  await signIn(STAFF.email, STAFF.password).catch((error: unknown) => {
    throw new Error(`The demo staff user cannot sign in (run \`npm run seed\`?): ${String(error)}`);
  });
  const dataFirebase = createFirebase(DATA_PROJECT);
  cleanups.push(() => dataFirebase.close());
  cleanups.push(() => wipeProject(DATA_PROJECT));
  await seedOrders(dataFirebase.firestore, ORDERS, { uid: STAFF.uid });

  const api = createApp({
    config: { port: API_PORT, host: '127.0.0.1', spaOrigins: Object.values(PORTS).map((port) => `http://127.0.0.1:${port}`) },
    logger: createLogger('warn'),
    auth: authFirebase.auth,
    firestore: dataFirebase.firestore,
    sagaRecovery: false,
  });
  await api.listen();
  cleanups.push(() => api.close());
  const servers = [await serveCompressed(join(ROOT, SPA_DIST), PORTS.now), await serveCompressed(baselineDist, PORTS.before)];
  cleanups.push(() => Promise.all(servers.map(closeServer)));

  const browser = await chromium.launch({ executablePath: CHROMIUM.executablePath, args: ['--headless', ...CHROMIUM.flags] });
  cleanups.push(() => browser.close());
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    for (const variant of (i % 2 ? ['now', 'before'] : ['before', 'now']) as Variant[]) {
      const run = await oneRun(browser, variant);
      console.log(`  run ${i + 1} ${variant}: ${JSON.stringify(run)}`);
      runs.push(run);
    }
  }
  print(runs);
  return 0;
}

/** The bench build of the baseline commit, in its checkout (built once). */
function buildBaseline(): string {
  const dir = baselineCheckout(BASELINE_COMMIT);
  const dist = join(dir, 'dist', 'bench-vitals');
  if (existsSync(join(dist, 'browser', 'index.html'))) return join(dist, 'browser');
  // angular.json names its global styles by node_modules/… from the workspace root.
  if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const build = spawnSync(process.execPath, [NG_BIN, 'build', '--configuration', 'bench', '--output-path', dist], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
  });
  if (build.status !== 0) throw new Error(`The baseline build failed:\n${(build.stdout + build.stderr).slice(-3000)}`);
  return join(dist, 'browser');
}

async function oneRun(browser: Browser, variant: Variant): Promise<Run> {
  const url = `http://127.0.0.1:${PORTS[variant]}`;
  // A new context: cold cache, no session.
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  try {
    await context.addInitScript(VITALS_RECORDER);
    const page = await context.newPage();
    await throttle(page);
    await page.goto(`${url}/sign-in`);
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor({ timeout: 120_000 });
    const signInVitals = await settledVitals(page);

    await page.getByLabel('Email').fill(STAFF.email);
    await page.getByLabel('Password', { exact: true }).fill(STAFF.password);
    const submitted = Date.now();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await waitForBoard(page);
    const signedInMs = Date.now() - submitted;

    // The board loaded from scratch with the session (a reload: LCP and CLS are per page load).
    const board = await context.newPage();
    await throttle(board);
    await board.goto(`${url}/orders`);
    await waitForBoard(board);
    const boardVitals = await settledVitals(board);
    const start = board.locator('app-order-card button', { hasText: 'Start' }).first();
    await start.click();
    await board.waitForTimeout(3000); // the Event Timing entry arrives after the next paint
    const interactionMs = (await board.evaluate('Math.max(0, ...window.__vitals.interactions)')) as number;

    const kitchen = await context.newPage();
    await throttle(kitchen);
    await kitchen.goto(`${url}/kitchen`);
    await kitchen.locator('section.feed app-ticket-card').first().waitFor({ timeout: 120_000 });
    const kitchenVitals = await settledVitals(kitchen);
    return { variant, signIn: signInVitals, board: boardVitals, kitchen: kitchenVitals, interactionMs, signedInMs };
  } finally {
    await context.close();
  }
}

async function throttle(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
}

/** Every column shows its count and the orders add up to the seeded 200. */
async function waitForBoard(page: Page): Promise<void> {
  await page.waitForFunction(
    (expected) =>
      [...document.querySelectorAll('section.column h2 .count')].reduce((sum, count) => sum + Number(count.textContent), 0) === expected &&
      !!document.querySelector('app-order-card'),
    ORDERS,
    { timeout: 120_000, polling: 250 },
  );
}

/** LCP and CLS once the page has been quiet for a while (LCP stops at the first input anyway). */
async function settledVitals(page: Page): Promise<Vitals> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1500);
  const { lcp, cls } = (await page.evaluate('window.__vitals')) as { lcp: number; cls: number };
  return { lcpMs: lcp, cls };
}

/** The build, gzip-compressed once per file, with the SPA's fallback to index.html. */
function serveCompressed(dir: string, port: number): Promise<Server> {
  const compressed = new Map<string, Buffer>();
  const app = express();
  app.use((req, res) => {
    let file = resolve(dir, `.${decodeURIComponent(req.path)}`);
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) file = join(dir, 'index.html');
    let body = compressed.get(file);
    if (!body) compressed.set(file, (body = gzipSync(readFileSync(file), { level: 9 })));
    res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Cache-Control', 'no-cache');
    res.type(extname(file) || '.html');
    res.end(body);
  });
  return new Promise((done, fail) => {
    const server = app.listen(port, '127.0.0.1', (error?: Error) => (error ? fail(error) : done(server)));
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((done) => server.close(() => done()));
}

function print(runs: Run[]): void {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
  const of = (variant: Variant, pick: (run: Run) => number) => median(runs.filter((run) => run.variant === variant).map(pick));
  const rows: [string, (run: Run) => number, number, (n: number) => string][] = [
    ['sign-in page LCP', (r) => r.signIn.lcpMs, GOOD.lcpMs, (n) => `${(n / 1000).toFixed(2)} s`],
    ['sign-in page CLS', (r) => r.signIn.cls, GOOD.cls, (n) => n.toFixed(3)],
    ['signing in → board shown', (r) => r.signedInMs, NaN, (n) => `${(n / 1000).toFixed(2)} s`],
    ['board (200 orders) LCP', (r) => r.board.lcpMs, GOOD.lcpMs, (n) => `${(n / 1000).toFixed(2)} s`],
    ['board CLS', (r) => r.board.cls, GOOD.cls, (n) => n.toFixed(3)],
    ['card move, input → next paint', (r) => r.interactionMs, GOOD.interactionMs, (n) => (n ? `${n.toFixed(0)} ms` : '< 16 ms')],
    ['kitchen LCP', (r) => r.kitchen.lcpMs, GOOD.lcpMs, (n) => `${(n / 1000).toFixed(2)} s`],
    ['kitchen CLS', (r) => r.kitchen.cls, GOOD.cls, (n) => n.toFixed(3)],
  ];
  console.log(
    `\nCore Web Vitals, mid-range phone: ${CPU_SLOWDOWN}× CPU slowdown, slow 4G (${SLOW_4G.latency} ms RTT), ${PHONE.width}×${PHONE.height}, cold cache, gzip; median of ${RUNS} runs each, alternated (lower is better)`,
  );
  console.log('\n| measure | before (5ebe2f6) | now | now / before | good is |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const [name, pick, good, format] of rows) {
    const before = of('before', pick);
    const now = of('now', pick);
    const ratio = before > 0 ? `${(now / before).toFixed(2)}×` : '–';
    console.log(`| ${name} | ${format(before)} | ${format(now)} | ${ratio} | ${Number.isNaN(good) ? '' : `≤ ${format(good)}`} |`);
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
await runBench(main, cleanUp);

// Core Web Vitals on a mid-range phone (issue 21): the SPA's optimized `bench` build served
// gzip-compressed (bench/support/static-build.mts) over HTTP/1.1 and, as Firebase Hosting serves
// the product, over HTTP/2 with TLS; loaded in headless Chromium with 4× CPU slowdown and
// DevTools' slow-4G profile (562.5 ms RTT, 1.44 Mbit/s down, 0.67 up: Lighthouse's), a 390×844
// phone viewport, a cold cache per run (a new browser context; within it, later pages reuse what
// firebase.json's headers let the browser keep). Per run: the sign-in page, signing in, the order board with
// 200 live orders, a card moved (the click's Event Timing duration: input to next paint, what INP
// reports), then the kitchen display, closed and opened again (a wall screen reloaded: its shell
// paints the tickets the screen saved, EarlyPaint). LCP, CLS and FCP from the page's own PerformanceObservers, and
// when the first order (board) or ticket (kitchen) is on screen: a prerendered shell paints first.
// Baseline in the same run, runs alternated: the same bench build of commit 5ebe2f6 (before issue
// 21), checked out beside the code (bench/support/baseline.mts).
//
// `npm run bench -- web-vitals`, or with emulators running:
// `GCLOUD_PROJECT=demo-maestro node --import tsx bench/web-vitals.bench.mts` (BENCH_RUNS, default 3).
// BENCH_DETAIL=1 prints each page's layout shifts, LCP element and request waterfall (the board's
// and the kitchen's are printed anyway when their CLS is past good).
// The API runs in this process on 3101 (the bench environment's), the SPAs on 4302–4304.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from '@playwright/test';
import { DEMO_USERS } from '../scripts/seed/demo-data.ts';
import { createApp } from '../server/src/app.ts';
import { createFirebase } from '../server/src/firebase.ts';
import { createLogger } from '../server/src/logger.ts';
import { signIn } from '../server/test/support/test-users.ts';
import { seedOrders, wipeProject } from './order-board/seed-orders.ts';
import { buildSpaIfStale, SPA_DIST } from './order-board/spa.ts';
import { baselineCheckout } from './support/baseline.mts';
import { DETAIL_RECORDER, printDetail, recordNetwork } from './support/page-detail.mts';
import { runBench } from './support/run-bench.mts';
import { serveBuild, trustBenchCertificateFlag } from './support/static-build.mts';

const BASELINE_COMMIT = '5ebe2f6a5713621c1c4b5bf150aee28823453c85';
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
/** BENCH_DETAIL=1: each page's layout shifts, LCP element and request waterfall (bench/support/page-detail.mts). */
const DETAIL = !!process.env['BENCH_DETAIL'];
/** BENCH_VARIANTS=now: only the current build (a quick look; no comparison). */
/** BENCH_SHOTS=<dir>: screenshots of the sign-in page, the board, and the kitchen while it loads and once loaded. */
const SHOTS = process.env['BENCH_SHOTS'];
/** BENCH_PROFILE=<dir>: CPU profiles of the card move (click to 1 s after) and of the kitchen's first opening (to its first ticket) per run, and their busiest functions. */
const PROFILE = process.env['BENCH_PROFILE'];
/** BENCH_TRACE=<dir>: a Chrome trace (chrome://tracing, DevTools' Performance panel) of the kitchen's first opening per run. */
const TRACE = process.env['BENCH_TRACE'];
/** BENCH_VARIANTS=now,now-h2: only those (a quick look). BENCH_NOW_DIST=<browser folder>: that build as "now". */
const VARIANTS = (process.env['BENCH_VARIANTS'] ?? 'before,now,now-h2').split(',') as Variant[];
/** BENCH_BEFORE_DIST=<browser folder>: that build as "before" (e.g. the previous commit's), not 5ebe2f6's. */
const BEFORE_DIST = process.env['BENCH_BEFORE_DIST'];
/**
 * How "before" is cached: 'none' (default: every file fetched whole on every page, as before
 * firebase.json had caching headers) or BENCH_BEFORE_CACHE=firebase.json (as "now" is).
 */
const BEFORE_CACHE = process.env['BENCH_BEFORE_CACHE'] === 'firebase.json' ? 'firebase.json' : 'none';
const ORDERS = 200;
const API_PORT = 3101;
/**
 * The baseline and today's build over HTTP/1.1 (the comparison), and today's over HTTP/2 with TLS
 * as Firebase Hosting (firebase.json) serves the product: what a phone gets in production.
 */
const SERVED = {
  before: { port: 4303, http2: false, label: BEFORE_DIST ? `before (${BEFORE_DIST}), HTTP/1.1` : 'before (5ebe2f6), HTTP/1.1' },
  now: { port: 4302, http2: false, label: 'now, HTTP/1.1' },
  'now-h2': { port: 4304, http2: true, label: 'now, HTTP/2' },
  /** Only when asked for (BENCH_VARIANTS=before-h2,now-h2): the baseline as production serves it. */
  'before-h2': { port: 4305, http2: true, label: BEFORE_DIST ? `before (${BEFORE_DIST}), HTTP/2` : 'before (5ebe2f6), HTTP/2' },
} as const;
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

type Variant = keyof typeof SERVED;
interface Vitals {
  lcpMs: number;
  cls: number;
  /** First contentful paint. */
  fcpMs: number;
  /** The first order card or ticket on screen (0: none on this page). */
  dataMs: number;
}
interface Run {
  variant: Variant;
  signIn: Vitals;
  board: Vitals;
  kitchen: Vitals;
  /** The kitchen opened again in the same browser: the shell paints the screen saved last time. */
  kitchenAgain: Vitals;
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
  // When the page's first order (board) or ticket (kitchen) is on screen: the frame after it
  // entered the DOM. A prerendered shell paints early; this says when the orders did.
  vitals.dataAt = 0;
  const watch = new MutationObserver(() => {
    if (vitals.dataAt || !document.querySelector('app-order-card, app-ticket-card')) return;
    vitals.dataAt = -1;
    watch.disconnect();
    requestAnimationFrame(() => setTimeout(() => (vitals.dataAt = performance.now())));
  });
  watch.observe(document, { childList: true, subtree: true });
})();
`;

const cleanups: (() => Promise<unknown>)[] = [];
async function cleanUp(): Promise<void> {
  for (let next = cleanups.pop(); next; next = cleanups.pop()) await next().catch((error: unknown) => console.error('cleanup failed:', error));
}

async function main(): Promise<number> {
  const nowDist = process.env['BENCH_NOW_DIST'] ?? join(ROOT, SPA_DIST);
  if (!process.env['BENCH_NOW_DIST']) console.log(`SPA bench build: ${await buildSpaIfStale(ROOT, NG_BIN)}`);
  const baselineDist = BEFORE_DIST ?? (VARIANTS.some((v) => v.startsWith('before')) ? buildBaseline() : '');
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
    config: { port: API_PORT, host: '127.0.0.1', spaOrigins: Object.values(SERVED).map(({ port, http2 }) => `${http2 ? 'https' : 'http'}://127.0.0.1:${port}`) },
    logger: createLogger('warn'),
    auth: authFirebase.auth,
    firestore: dataFirebase.firestore,
    sagaRecovery: false,
  });
  await api.listen();
  cleanups.push(() => api.close());
  const dists: Record<Variant, string> = { before: baselineDist, now: nowDist, 'now-h2': nowDist, 'before-h2': baselineDist };
  for (const variant of VARIANTS) {
    const cache = variant.startsWith('before') ? BEFORE_CACHE : 'firebase.json';
    const server = await serveBuild(dists[variant], SERVED[variant].port, { http2: SERVED[variant].http2, cache });
    cleanups.push(() => server.close());
  }

  const browser = await chromium.launch({ executablePath: CHROMIUM.executablePath, args: ['--headless', ...CHROMIUM.flags, trustBenchCertificateFlag()] });
  cleanups.push(() => browser.close());
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    for (const variant of i % 2 ? [...VARIANTS].reverse() : VARIANTS) {
      const run = await oneRun(browser, variant);
      console.log(`  run ${i + 1} ${variant}: ${JSON.stringify(run)}`);
      runs.push(run);
    }
  }
  print(runs);
  if (SHOTS) await desktopShots(browser, VARIANTS.includes('now') ? 'now' : VARIANTS[0]!);
  return 0;
}

/** BENCH_SHOTS: the same screens at 1280 wide, unthrottled (the phone's are taken during the runs). */
async function desktopShots(browser: Browser, variant: Variant): Promise<void> {
  const url = `${SERVED[variant].http2 ? 'https' : 'http'}://127.0.0.1:${SERVED[variant].port}`;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto(`${url}/sign-in`);
    await shoot(page, page.getByRole('button', { name: 'Sign in', exact: true }), `${variant}-sign-in-1280`);
    await page.getByLabel('Email').fill(STAFF.email);
    await page.getByLabel('Password', { exact: true }).fill(STAFF.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await waitForBoard(page);
    await shoot(page, page.locator('app-order-card').first(), `${variant}-board-1280`);
    await page.goto(`${url}/kitchen`);
    await shoot(page, page.locator('section.feed app-ticket-card').first(), `${variant}-kitchen-1280`);
  } finally {
    await context.close();
  }
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
  const url = `${SERVED[variant].http2 ? 'https' : 'http'}://127.0.0.1:${SERVED[variant].port}`;
  // A new context: cold cache, no session. The HTTP/2 server's certificate is made for the run.
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  try {
    await context.addInitScript(VITALS_RECORDER);
    await context.addInitScript(DETAIL_RECORDER); // cheap; printed with BENCH_DETAIL or for a CLS past good
    const page = await context.newPage();
    const signInNetwork = await throttle(page);
    await page.goto(`${url}/sign-in`);
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor({ timeout: 120_000 });
    const signInVitals = await settledVitals(page);
    if (SHOTS) await shoot(page, page.getByRole('button', { name: 'Sign in', exact: true }), `${variant}-sign-in`);
    if (DETAIL) await printDetail(`${variant}: sign-in page`, page, signInNetwork);

    await page.getByLabel('Email').fill(STAFF.email);
    await page.getByLabel('Password', { exact: true }).fill(STAFF.password);
    const submitted = Date.now();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await waitForBoard(page);
    const signedInMs = Date.now() - submitted;

    // The board loaded from scratch with the session (a reload: LCP and CLS are per page load).
    const board = await context.newPage();
    const boardNetwork = await throttle(board);
    await board.goto(`${url}/orders`);
    await waitForBoard(board);
    const boardVitals = await settledVitals(board);
    if (DETAIL || boardVitals.cls > GOOD.cls) await printDetail(`${variant}: board`, board, boardNetwork);
    if (SHOTS) await shoot(board, board.locator('app-order-card').first(), `${variant}-board`);
    const start = board.locator('app-order-card button', { hasText: 'Start' }).first();
    const profiling = PROFILE ? await startProfile(board) : null;
    await start.click();
    await board.waitForTimeout(3000); // the Event Timing entry arrives after the next paint
    if (profiling) await profiling.stop(join(PROFILE!, `${variant}-card-move-${Date.now()}.cpuprofile`));
    const interactionMs = (await board.evaluate('Math.max(0, ...window.__vitals.interactions)')) as number;

    const kitchen = await context.newPage();
    const kitchenNetwork = await throttle(kitchen);
    const kitchenProfile = PROFILE ? await startProfile(kitchen) : null;
    if (TRACE) await browser.startTracing(kitchen, { path: join(TRACE, `${variant}-kitchen-${Date.now()}.json`), screenshots: true });
    await kitchen.goto(`${url}/kitchen`);
    if (SHOTS) await shoot(kitchen, kitchen.locator('.placeholder').first(), `${variant}-kitchen-loading`);
    await kitchen.locator('section.feed app-ticket-card').first().waitFor({ timeout: 120_000 });
    if (TRACE) await kitchen.waitForTimeout(1000).then(() => browser.stopTracing());
    if (kitchenProfile) await kitchenProfile.stop(join(PROFILE!, `${variant}-kitchen-${Date.now()}.cpuprofile`));
    if (SHOTS) await shoot(kitchen, kitchen.locator('section.feed app-ticket-card').first(), `${variant}-kitchen-loaded`);
    const kitchenVitals = await settledVitals(kitchen);
    if (DETAIL || kitchenVitals.cls > GOOD.cls) await printDetail(`${variant}: kitchen`, kitchen, kitchenNetwork);
    // A wall screen runs a while before it is reloaded: up to 5 s for the screen to be saved
    // (EarlyPaint; a build without it just waits), the same for every variant.
    await kitchen.waitForFunction(() => Object.keys(localStorage).some((key) => key.startsWith('maestro.early-paint:')), undefined, { timeout: 5_000 }).catch(() => undefined);
    await kitchen.close();

    // Opened again, as a wall screen is reloaded or a cook comes back to it.
    const again = await context.newPage();
    const againNetwork = await throttle(again);
    await again.goto(`${url}/kitchen`);
    if (SHOTS) await shoot(again, again.locator('#early-paint'), `${variant}-kitchen-again-painted`);
    await again.locator('section.feed app-ticket-card').first().waitFor({ timeout: 120_000 });
    const kitchenAgain = await settledVitals(again);
    if (DETAIL || kitchenAgain.cls > GOOD.cls) await printDetail(`${variant}: kitchen opened again`, again, againNetwork);
    return { variant, signIn: signInVitals, board: boardVitals, kitchen: kitchenVitals, kitchenAgain, interactionMs, signedInMs };
  } finally {
    await context.close();
  }
}

async function shoot(page: Page, when: Locator, name: string): Promise<void> {
  await when.waitFor({ timeout: 120_000 }).catch(() => console.log(`  (no screenshot ${name}: it was not seen)`));
  await page.evaluate('document.fonts.ready'); // the icons, not their names
  await page.screenshot({ path: join(SHOTS!, `${name}.png`) });
}

/** Samples the page's main thread; `stop` writes the profile and prints where the time went. */
async function startProfile(page: Page): Promise<{ stop(file: string): Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      console.log(`  profile: ${file}`);
      for (const line of busiestFunctions(profile, 15)) console.log(`    ${line}`);
      console.log(`    ${(busyMicros(profile) / 1000).toFixed(0)} ms of main-thread work in all (idle left out)`);
    },
  };
}

/** The sampled time the main thread was not idle. */
function busyMicros(profile: { nodes: { id: number; callFrame: { functionName: string } }[]; samples?: number[]; timeDeltas?: number[] }): number {
  const idle = new Set(profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').map((node) => node.id));
  return (profile.samples ?? []).reduce((sum, id, index) => sum + (idle.has(id) ? 0 : (profile.timeDeltas?.[index] ?? 0)), 0);
}

/** Self time by function (name, script, line), the busiest first. */
function busiestFunctions(profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples?: number[]; timeDeltas?: number[] }, count: number): string[] {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, index) => {
    const frame = byNode.get(id)!.callFrame;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[index] ?? 0));
  });
  return [...self].filter(([key]) => !key.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, count).map(([key, micros]) => `${(micros / 1000).toFixed(1).padStart(7)} ms  ${key}`);
}

/** Throttles the page; returns its requests so far (for BENCH_DETAIL). */
async function throttle(page: Page): Promise<ReturnType<typeof recordNetwork>> {
  // A hydration mismatch (NG05xx) or a failed request says so here, not only in slower numbers.
  page.on('console', (message) => {
    if (message.type() === 'error') console.log(`  console error on ${page.url()}: ${message.text().slice(0, 300)}`);
  });
  page.on('pageerror', (error) => console.log(`  page error on ${page.url()}: ${error.message.slice(0, 300)}`));
  const cdp = await page.context().newCDPSession(page);
  const network = recordNetwork(cdp);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return network;
}

/** Every column shows its count and the orders add up to the seeded 200. */
async function waitForBoard(page: Page): Promise<void> {
  await page
    .waitForFunction(
      (expected) =>
        [...document.querySelectorAll('section.column h2 .count')].reduce((sum, count) => sum + Number(count.textContent), 0) === expected &&
        !!document.querySelector('app-order-card'),
      ORDERS,
      { timeout: 120_000, polling: 250 },
    )
    .catch(async (error: unknown) => {
      // What was on screen instead: the page, and the columns' counts.
      const seen = await page.locator('body').innerText().catch(() => '(no body)');
      throw new Error(`The board did not show ${ORDERS} orders at ${page.url()}; on screen:\n${seen.slice(0, 1200)}`, { cause: error });
    });
}

/** LCP and CLS once the page has been quiet for a while (LCP stops at the first input anyway). */
async function settledVitals(page: Page): Promise<Vitals> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1500);
  const { lcp, cls, dataAt } = (await page.evaluate('window.__vitals')) as { lcp: number; cls: number; dataAt: number };
  const fcpMs = (await page.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0")) as number;
  return { lcpMs: lcp, cls, fcpMs, dataMs: Math.max(0, dataAt) };
}

function print(runs: Run[]): void {
  const valuesOf = (variant: Variant, pick: (run: Run) => number) => runs.filter((run) => run.variant === variant).map(pick).sort((a, b) => a - b);
  const median = (values: number[]) => values[Math.floor((values.length - 1) / 2)] ?? NaN;
  const rows: [string, (run: Run) => number, number, (n: number) => string][] = [
    ['sign-in page LCP', (r) => r.signIn.lcpMs, GOOD.lcpMs, (n) => `${(n / 1000).toFixed(2)} s`],
    ['sign-in page CLS', (r) => r.signIn.cls, GOOD.cls, (n) => n.toFixed(3)],
    ['signing in → board shown', (r) => r.signedInMs, NaN, (n) => `${(n / 1000).toFixed(2)} s`],
    ['board FCP', (r) => r.board.fcpMs, NaN, (n) => `${(n / 1000).toFixed(2)} s`],
    ['board (200 orders) LCP', (r) => r.board.lcpMs, GOOD.lcpMs, (n) => `${(n / 1000).toFixed(2)} s`],
    ['board: first order on screen', (r) => r.board.dataMs, NaN, (n) => `${(n / 1000).toFixed(2)} s`],
    ['board CLS', (r) => r.board.cls, GOOD.cls, (n) => n.toFixed(3)],
    ['card move, input → next paint', (r) => r.interactionMs, GOOD.interactionMs, (n) => (n ? `${n.toFixed(0)} ms` : '< 16 ms')],
    ['kitchen FCP', (r) => r.kitchen.fcpMs, NaN, (n) => `${(n / 1000).toFixed(2)} s`],
    ['kitchen LCP', (r) => r.kitchen.lcpMs, GOOD.lcpMs, (n) => `${(n / 1000).toFixed(2)} s`],
    ['kitchen: first ticket on screen', (r) => r.kitchen.dataMs, NaN, (n) => `${(n / 1000).toFixed(2)} s`],
    ['kitchen CLS', (r) => r.kitchen.cls, GOOD.cls, (n) => n.toFixed(3)],
    ['kitchen opened again LCP', (r) => r.kitchenAgain.lcpMs, GOOD.lcpMs, (n) => `${(n / 1000).toFixed(2)} s`],
    ['kitchen opened again: live ticket on screen', (r) => r.kitchenAgain.dataMs, NaN, (n) => `${(n / 1000).toFixed(2)} s`],
    ['kitchen opened again CLS', (r) => r.kitchenAgain.cls, GOOD.cls, (n) => n.toFixed(3)],
  ];
  console.log(
    `\nCore Web Vitals, mid-range phone: ${CPU_SLOWDOWN}× CPU slowdown, slow 4G (${SLOW_4G.latency} ms RTT), ${PHONE.width}×${PHONE.height}, cold cache per run, gzip; median (range) of ${RUNS} runs each, alternated (lower is better)`,
  );
  const [before, now]: Variant[] = VARIANTS.includes('before-h2') ? ['before-h2', 'now-h2'] : ['before', 'now'];
  const ratio = VARIANTS.includes(before) && VARIANTS.includes(now);
  console.log(`\n| measure | ${VARIANTS.map((v) => SERVED[v].label).join(' | ')} |${ratio ? ' now / before |' : ''} good is |`);
  console.log(`| --- |${' ---: |'.repeat(VARIANTS.length + (ratio ? 2 : 1))}`);
  for (const [name, pick, good, format] of rows) {
    const cells = VARIANTS.map((variant) => {
      const values = valuesOf(variant, pick);
      const range = values.length > 1 ? ` (${format(values[0]!)}–${format(values[values.length - 1]!)})` : '';
      return `${format(median(values))}${range}`;
    });
    const was = median(valuesOf(before, pick));
    const change = ratio ? ` ${was > 0 ? `${(median(valuesOf(now, pick)) / was).toFixed(2)}×` : '–'} |` : '';
    console.log(`| ${name} | ${cells.join(' | ')} |${change} ${Number.isNaN(good) ? '' : `≤ ${format(good)}`} |`);
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
await runBench(main, cleanUp);

// The order board under load in headless Chromium (Debian's, flags as the e2e): 5,000 active
// orders loaded by the SPA through HttpOrderRepository → the real API, then status changes at
// 100/s arriving through the SPA's real socket.io client. Per variant: longest frame, dropped
// frames (requestAnimationFrame gaps), long tasks, first render, DOM nodes and JS heap. Next to
// the virtual-scrolling board, in the same run, the same page with plain `@for` columns
// (`?scroll=plain`, honoured by non-production builds only): the baseline.
//
// The API runs in this process on 3101 and the SPA (the `bench` build, optimized) is served on
// 4301, so e2e runs on 3001/4200 are never in the way. Sign-in uses the demo staff user of the
// emulators' project; the orders live in a Firestore project of this run's own, wiped at the end.
// `npm run bench -- order-board` starts emulators of its own; with emulators already running
// (8080/9099), run `node --import tsx bench/order-board.bench.mts` instead. A few minutes, plus
// ~40 s when the SPA must be rebuilt. The orders carry their items as the API stores them now
// (the API's list of 5,000 against the list of before: order-board-load.bench.mts).
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OrderStatus } from '@maestro/contracts';
import { chromium, type BrowserContext, type Route } from '@playwright/test';
import { DEMO_USERS } from '../scripts/seed/demo-data.ts';
import { createApp, type MaestroServer } from '../server/src/app.ts';
import { createFirebase, type FirebaseServices } from '../server/src/firebase.ts';
import { createLogger } from '../server/src/logger.ts';
import { orderRef } from '../server/src/orders/order-docs.ts';
import { orderEvents } from '../server/src/orders/order-events.ts';
import { signIn } from '../server/test/support/test-users.ts';
import { STATUS_LABEL } from '../src/app/orders/model/order-labels.ts';
import { FRAME_MS, PAGE_RECORDER, type FrameSummary } from './order-board/page-recorder.ts';
import {
  forwardMove,
  seedOrders,
  wipeProject,
  type SeededOrder,
} from './order-board/seed-orders.ts';
import { buildSpaIfStale, serveSpa } from './order-board/spa.ts';
import { runBench } from './support/run-bench.mts';

const ORDERS = Number(process.env['BENCH_ORDERS'] ?? 5000);
const RATE = 100; // status changes per second
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 20);
const WARMUP_SECONDS = 3;
/** 1: the second variant loads from the API too (adds ~1 min); by default it gets the replay. */
const LIVE_LOADS = process.env['BENCH_LIVE_LOADS'] === '1';
const PROBE_PATCHES = 200;
const TRACE_FILE = process.env['BENCH_TRACE'];
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'v8',
  'v8.execute',
  'disabled-by-default-v8.gc',
  'disabled-by-default-v8.cpu_profiler',
  'blink.user_timing',
];
const API_PORT = 3101;
const SPA_PORT = 4301;
const SPA_URL = `http://127.0.0.1:${SPA_PORT}`;
const VIEWPORT = { width: 1440, height: 900 }; // as the board e2e
const LOAD_TIMEOUT_MS = 240_000;
/** The plain board can be a minute behind the stream on a busy machine. */
const CATCH_UP_TIMEOUT_MS = 120_000;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const requireCjs = createRequire(import.meta.url);
const NG_BIN = requireCjs.resolve('@angular/cli/bin/ng.js');
const CHROMIUM = requireCjs('../chromium.config.cjs') as {
  executablePath: string;
  flags: string[];
};
const STAFF = DEMO_USERS.find((user) => user.uid === 'demo-staff')!;
/** The project the emulators run: the staff user signs in there (the SPA's projectId too). */
const AUTH_PROJECT = process.env['GCLOUD_PROJECT'] ?? 'demo-maestro';
/** This run's own orders; a fresh id each run (a wiped project's queries stay slower). */
const DATA_PROJECT = `demo-maestro-bench-${randomBytes(3).toString('hex')}`;

type Variant = 'virtual' | 'plain';
type Counts = Record<string, number>;

interface Change {
  orderId: string;
  from: OrderStatus;
  to: OrderStatus;
  version: number;
}

interface Row extends FrameSummary {
  variant: Variant;
  ordersShown: number;
  sent: number;
  received: number;
  applied: number;
  emitRate: number;
  /** From the end of the stream until the columns showed every change. */
  caughtUpSeconds: number;
  loadSeconds: number;
  loadedFrom: string;
  firstRenderMs: number;
  domNodes: number;
  heapMb: number;
  settled: boolean;
}

interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

// ----- cleanup: everything started here is stopped, in reverse order, even on failure -----

const cleanups: { label: string; run: () => Promise<unknown> }[] = [];
const onCleanup = (label: string, run: () => Promise<unknown>) => cleanups.push({ label, run });
async function cleanUp(): Promise<void> {
  for (let next = cleanups.pop(); next; next = cleanups.pop()) {
    try {
      await next.run();
    } catch (error) {
      console.error(
        `cleanup (${next.label}) failed:`,
        error instanceof Error ? error.message : error,
      );
    }
  }
}

// ----- the run -----

async function main(): Promise<number> {
  for (const port of [API_PORT, SPA_PORT])
    if (await portInUse(port))
      throw new Error(`Port ${port} is in use: the bench needs 3101 and 4301.`);
  console.log(`SPA bench build: ${await buildSpaIfStale(ROOT, NG_BIN)}`);

  const authFirebase = createFirebase(AUTH_PROJECT);
  onCleanup('auth client', () => authFirebase.close());
  const token = await signIn(STAFF.email, STAFF.password).catch((error: unknown) => {
    throw new Error(`The demo staff user cannot sign in (run \`npm run seed\`?): ${String(error)}`);
  });
  const dataFirebase = createFirebase(DATA_PROJECT);
  onCleanup('firestore client', () => dataFirebase.close());
  onCleanup(`wipe ${DATA_PROJECT}`, () => wipeProject(DATA_PROJECT));

  const started = performance.now();
  const seeded = await seedOrders(dataFirebase.firestore, ORDERS, { uid: STAFF.uid });
  const seedSeconds = (performance.now() - started) / 1000;

  const api = createApp({
    config: { port: API_PORT, host: '127.0.0.1', spaOrigins: [SPA_URL] },
    logger: createLogger('warn'),
    auth: authFirebase.auth,
    firestore: dataFirebase.firestore,
    sagaRecovery: false,
    // One member moving orders at the bench's rate and reloading a 5,000-order board: far past
    // what the rate limits let a member do, on purpose.
    rateLimits: {
      memberWrites: { points: 1_000_000, durationSeconds: 60 },
      memberReads: { points: 1_000_000, durationSeconds: 60 },
    },
  });
  const apiUrl = await api.listen();
  onCleanup('API', () => api.close());

  const probe = await probePatches(apiUrl, token, seeded, dataFirebase);
  const plan = changePlan(seeded, RATE * (WARMUP_SECONDS + SECONDS));
  const startCounts = countsOf(seeded);

  const spa = await serveSpa(ROOT, SPA_PORT);
  onCleanup('SPA server', () => closeServer(spa));
  const browser = await chromium.launch({
    executablePath: CHROMIUM.executablePath,
    args: ['--headless', ...CHROMIUM.flags],
  });
  onCleanup('Chromium', () => browser.close());
  const context = await browser.newContext({ viewport: VIEWPORT });
  await signInInBrowser(context);

  const recorded = new Map<string, RecordedResponse>();
  const rows: Row[] = [];
  rows.push(await runVariant(context, api, 'virtual', plan, startCounts, { record: recorded }));
  rows.push(
    await runVariant(
      context,
      api,
      'plain',
      plan,
      startCounts,
      LIVE_LOADS ? {} : { replay: recorded },
    ),
  );

  print(rows, { seedSeconds, probe });
  const failures = rows.flatMap((row) => verify(row));
  for (const failure of failures) console.error(`\x1b[31mFAIL\x1b[0m ${failure}`);
  return failures.length ? 1 : 0;
}

// ----- can the API itself take 100 status changes per second? -----

interface Probe {
  asked: number;
  served: number;
  perSecond: number;
  p50: number;
  p95: number;
}

/**
 * 200 PATCH /status at 100/s (not waiting for answers) against the 5,000 orders. It moves those
 * orders for real, so the bench re-reads them before it plans its own changes.
 */
async function probePatches(
  apiUrl: string,
  token: string,
  seeded: SeededOrder[],
  firebase: FirebaseServices,
): Promise<Probe> {
  const movable = seeded.filter((order) => forwardMove(order));
  const step = Math.floor(movable.length / PROBE_PATCHES);
  const targets = Array.from({ length: PROBE_PATCHES }, (_, i) => movable[i * step]!);
  const latencies: number[] = [];
  let lastAnswer = 0;
  const started = performance.now();
  const calls: Promise<void>[] = [];
  for (const [i, order] of targets.entries()) {
    await sleepUntil(started + (i * 1000) / RATE);
    const sentAt = performance.now();
    calls.push(
      fetch(`${apiUrl}/api/orders/${order.id}/status`, {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ status: forwardMove(order) }),
        signal: AbortSignal.timeout(30_000),
      }).then(
        async (response) => {
          await response.arrayBuffer();
          if (response.status === 200) latencies.push(performance.now() - sentAt);
          lastAnswer = performance.now();
        },
        () => undefined, // timed out: not served
      ),
    );
  }
  await Promise.all(calls);
  const snapshots = await firebase.firestore.getAll(
    ...targets.map((order) => orderRef(firebase.firestore, order.id)),
  );
  for (const [i, snapshot] of snapshots.entries())
    Object.assign(targets[i]!, {
      status: snapshot.get('status'),
      version: snapshot.get('version'),
    });
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.floor(q * (latencies.length - 1))] ?? NaN;
  return {
    asked: PROBE_PATCHES,
    served: latencies.length,
    perSecond: latencies.length / ((lastAnswer - started) / 1000),
    p50: at(0.5),
    p95: at(0.95),
  };
}

// ----- the change stream: each change moves a different order one legal step forward -----

/**
 * `total` changes, taking turns between New → Preparing, Preparing → Ready and (delivery orders)
 * Ready → Out for delivery, spread over each column. Every order moves at most once, so the
 * column counts the page ends with say exactly how many changes its store applied.
 */
function changePlan(seeded: SeededOrder[], total: number): Change[] {
  const groups = (['CONFIRMED', 'PREPARING', 'READY'] as const).map((status) =>
    shuffled(seeded.filter((order) => order.status === status && forwardMove(order))),
  );
  const perGroup = Math.ceil(total / groups.length);
  if (groups.some((group) => group.length < perGroup))
    throw new Error(`${ORDERS} orders cannot take ${total} one-step changes; lower BENCH_SECONDS.`);
  return Array.from({ length: total }, (_, i) => {
    const order = groups[i % groups.length]![Math.floor(i / groups.length)]!;
    return {
      orderId: order.id,
      from: order.status,
      to: forwardMove(order)!,
      version: order.version + 1,
    };
  });
}

/** A fixed shuffle (same plan every run): changes land all over a column, not only on top. */
function shuffled<T>(items: T[]): T[] {
  const result = [...items];
  let seed = 42;
  for (let i = result.length - 1; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = seed % (i + 1);
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

/**
 * Emits through the API's own broadcaster on a fixed schedule. Returns when it started (ms since
 * the epoch, the clock the page's timestamps are compared with) and the rate achieved.
 */
async function emitAtRate(
  api: MaestroServer,
  changes: Change[],
): Promise<{ startedAt: number; perSecond: number }> {
  const events = orderEvents(api.broadcaster);
  const startedAt = Date.now();
  const started = performance.now();
  for (const [i, change] of changes.entries()) {
    await sleepUntil(started + (i * 1000) / RATE);
    events.statusChanged({
      orderId: change.orderId,
      previousStatus: change.from,
      newStatus: change.to,
      updatedAt: new Date().toISOString(),
      version: change.version,
    });
  }
  return { startedAt, perSecond: (changes.length - 1) / ((performance.now() - started) / 1000) };
}

// ----- one variant: load, first render, warm-up, measured window, settle, verify -----

async function runVariant(
  context: BrowserContext,
  api: MaestroServer,
  variant: Variant,
  plan: Change[],
  startCounts: Counts,
  load: { record?: Map<string, RecordedResponse>; replay?: Map<string, RecordedResponse> },
): Promise<Row> {
  const page = await context.newPage();
  try {
    await page.addInitScript(PAGE_RECORDER);
    let received = 0;
    page.on('websocket', (socket) =>
      socket.on('framereceived', ({ payload }) => {
        if (typeof payload === 'string' && payload.includes('"order:status-changed"')) received++;
      }),
    );
    const isList = (url: string | URL) => new URL(url).pathname === '/api/orders';
    const saving: Promise<unknown>[] = [];
    if (load.record) {
      const record = load.record;
      page.on('response', (response) => {
        if (!isList(response.url()) || response.request().method() !== 'GET') return;
        saving.push(
          response
            .body()
            .then((body) =>
              record.set(response.url(), {
                status: response.status(),
                headers: response.headers(),
                body,
              }),
            ),
        );
      });
    }
    if (load.replay) {
      const replay = load.replay;
      await page.route(isList, (route: Route) => {
        const recorded = replay.get(route.request().url());
        return recorded ? route.fulfill(recorded) : route.continue();
      });
    }

    await page.goto(`${SPA_URL}/orders${variant === 'plain' ? '?scroll=plain' : ''}`);
    const render = await withTimeout(
      page.evaluate(`window.__board.waitForRender(${ORDERS})`) as Promise<{
        renderedAt: number;
        lastListResponseEnd: number;
      }>,
      LOAD_TIMEOUT_MS,
      `the ${variant} board did not show ${ORDERS} orders`,
    );
    await Promise.all(saving);
    const shown = await columnCounts();
    if (!sameCounts(shown, startCounts))
      throw new Error(
        `${variant}: the board shows ${JSON.stringify(shown)}, expected ${JSON.stringify(startCounts)}`,
      );

    await page.waitForTimeout(1000); // let the first render's leftovers finish
    const warmUp = RATE * WARMUP_SECONDS;
    await emitAtRate(api, plan.slice(0, warmUp));
    // BENCH_TRACE=<file>: a Chromium trace of the measured window (virtual board), to find what a
    // long frame was (node bench/support/long-tasks.mts <file>).
    const tracing = TRACE_FILE && variant === 'virtual' ? context.browser() : null;
    if (tracing) await tracing.startTracing(page, { path: TRACE_FILE, categories: TRACE_CATEGORIES });
    const stream = await emitAtRate(api, plan.slice(warmUp));
    if (tracing) await tracing.stopTracing();
    const windowEnd = stream.startedAt + SECONDS * 1000;

    // The page may still be working through what arrived: wait until its counts say it is done.
    const expected = countsAfter(startCounts, plan);
    let counts = await columnCounts();
    for (
      const deadline = Date.now() + CATCH_UP_TIMEOUT_MS;
      !sameCounts(counts, expected) && Date.now() < deadline;
    ) {
      await page.waitForTimeout(100);
      counts = await columnCounts();
    }
    const caughtUpSeconds = Math.max(0, Date.now() - windowEnd) / 1000;
    await page.waitForTimeout(300); // the last long-task entries reach their observer
    const frames = (await page.evaluate(
      `window.__board.summary(${stream.startedAt}, ${windowEnd})`,
    )) as FrameSummary;
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    return {
      variant,
      ...frames,
      ordersShown: total(shown),
      sent: plan.length,
      received,
      applied: appliedChanges(startCounts, counts),
      emitRate: stream.perSecond,
      caughtUpSeconds,
      loadSeconds: render.lastListResponseEnd / 1000,
      loadedFrom: load.replay ? 'replayed API responses' : 'API',
      firstRenderMs: render.renderedAt - render.lastListResponseEnd,
      domNodes: (await page.evaluate('window.__board.domNodes()')) as number,
      heapMb: heap.usedSize / 2 ** 20,
      settled: sameCounts(counts, expected),
    };
  } finally {
    await page.close();
  }

  async function columnCounts(): Promise<Counts> {
    return (await page.evaluate('window.__board.columnCounts()')) as Counts;
  }
}

async function signInInBrowser(context: BrowserContext): Promise<void> {
  const page = await context.newPage();
  // A path that loads no orders; the guard sends us to sign-in and back. The session persists
  // (IndexedDB) for the context's later pages.
  await page.goto(`${SPA_URL}/bench-signed-in`);
  await page.getByLabel('Email').fill(STAFF.email);
  await page.getByLabel('Password', { exact: true }).fill(STAFF.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Account menu' }).waitFor({ timeout: 30_000 });
  await page.close();
}

// ----- column counts: what the bench expects, and what the page's counts prove -----

const label = (status: OrderStatus) => STATUS_LABEL[status];

function countsOf(orders: SeededOrder[]): Counts {
  const counts: Counts = {};
  for (const { status } of orders) counts[label(status)] = (counts[label(status)] ?? 0) + 1;
  return counts;
}

function countsAfter(start: Counts, changes: Change[]): Counts {
  const counts = { ...start };
  for (const { from, to } of changes) {
    counts[label(from)] = (counts[label(from)] ?? 0) - 1;
    counts[label(to)] = (counts[label(to)] ?? 0) + 1;
  }
  return counts;
}

/**
 * Changes the store applied, from the columns' counts: New only loses (to Preparing), Out for
 * delivery only gains (from Ready), and Ready gains from Preparing what it did not lose onward.
 */
function appliedChanges(start: Counts, end: Counts): number {
  const delta = (status: OrderStatus) => (end[label(status)] ?? 0) - (start[label(status)] ?? 0);
  const started = -delta('CONFIRMED');
  const outForDelivery = delta('OUT_FOR_DELIVERY');
  const ready = delta('READY') + outForDelivery;
  return started + ready + outForDelivery;
}

const total = (counts: Counts) => Object.values(counts).reduce((sum, n) => sum + n, 0);

function sameCounts(a: Counts, b: Counts): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => (a[key] ?? 0) === (b[key] ?? 0));
}

function verify(row: Row): string[] {
  const problems: string[] = [];
  if (row.ordersShown !== ORDERS)
    problems.push(`${row.variant}: ${row.ordersShown} orders shown, not ${ORDERS}`);
  if (!row.settled)
    problems.push(
      `${row.variant}: the columns never reached the expected counts (${row.applied}/${row.sent} changes applied)`,
    );
  return problems;
}

// ----- output -----

function print(rows: Row[], context: { seedSeconds: number; probe: Probe }): void {
  const { probe } = context;
  const ms = (n: number) => n.toFixed(1);
  const int = (n: number) => Math.round(n).toLocaleString('en-US');
  const measured = RATE * SECONDS;
  console.log(
    `\nOrder board under load: ${int(ORDERS)} active orders, ${RATE} status changes/s for ${SECONDS} s after ${WARMUP_SECONDS} s of warm-up, headless Chromium ${VIEWPORT.width}×${VIEWPORT.height} (lower is better)`,
  );
  console.log(
    `SPA: the optimized \`bench\` build (Angular production mode, no dev-mode checks). Orders: firebase-admin wrote them in ${context.seedSeconds.toFixed(1)} s into ${DATA_PROJECT} (removed at the end).`,
  );
  console.log(
    `Changes: PATCH probe first — ${probe.asked} asked at ${RATE}/s, ${probe.served} served at ${probe.perSecond.toFixed(0)}/s (p50 ${int(probe.p50)} ms, p95 ${int(probe.p95)} ms).`,
  );
  console.log(
    probe.perSecond >= RATE * 0.95
      ? `  The API kept up here, but the bench still emits through its broadcaster so both variants get the same stream on the same schedule.`
      : `  The API cannot sustain ${RATE}/s on this machine (a Firestore transaction each, on the emulator), so the changes are emitted by the API's own socket.io broadcaster (order:status-changed, same payload) at ${RATE}/s.`,
  );
  for (const row of rows)
    console.log(
      `Load (${row.variant}): ${row.loadedFrom}, last list page after ${row.loadSeconds.toFixed(1)} s; ${int(row.received)} change events reached the page's socket (stream: ${row.emitRate.toFixed(1)}/s); the columns showed the last one ${row.caughtUpSeconds.toFixed(1)} s after the stream ended.`,
    );
  console.log(
    '\n| variant | orders | changes applied | longest frame ms | dropped frames | long tasks (count / total ms) | p95 frame ms | first render ms | DOM nodes | JS heap MB |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows)
    console.log(
      `| ${row.variant} | ${int(row.ordersShown)} | ${int(row.applied)} / ${int(row.sent)} | ${ms(row.longestFrameMs)} | ${int(row.droppedFrames)} of ~${int(row.seconds * (1000 / FRAME_MS))} | ${row.longTasks} / ${int(row.longTaskMs)} | ${ms(row.p95FrameMs)} | ${int(row.firstRenderMs)} | ${int(row.domNodes)} | ${row.heapMb.toFixed(1)} |`,
    );
  const [virtual, plain] = rows as [Row, Row];
  const ratio = (a: number, b: number) =>
    b > 0 ? `${(a / b).toFixed(1)}×` : a > 0 ? 'virtual: none' : '–';
  console.log(
    `| **plain / virtual** | | | ${ratio(plain.longestFrameMs, virtual.longestFrameMs)} | ${ratio(plain.droppedFrames, virtual.droppedFrames)} | ${ratio(plain.longTaskMs, virtual.longTaskMs)} | ${ratio(plain.p95FrameMs, virtual.p95FrameMs)} | ${ratio(plain.firstRenderMs, virtual.firstRenderMs)} | ${ratio(plain.domNodes, virtual.domNodes)} | ${ratio(plain.heapMb, virtual.heapMb)} |`,
  );
  console.log(
    `\nFrames are requestAnimationFrame gaps over the ${SECONDS} s window (${int(measured)} changes); dropped = Σ round(gap / 16.7 − 1) for gaps over 25 ms. First render: last list response → both frames after every column shows its count and cards. Changes applied: read back from the columns' counts (each change moves a different order once). Heap after a forced GC. The machine is shared (2 cores): compare the ratio, not the absolute numbers.`,
  );
}

// ----- small helpers -----

function sleepUntil(at: number): Promise<void> {
  const wait = at - performance.now();
  return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(true))
      .once('listening', () => server.close(() => resolve(false)))
      .listen(port, '127.0.0.1');
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

// ----- entry point (last: every declaration above is initialised by now) -----

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)));

await runBench(main, cleanUp);

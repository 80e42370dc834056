// The board's load through the API (issue 16): every active order, page after page as the SPA
// asks (`GET /api/orders?status=<active>&pageSize=100`, following the cursor), with 5,000 active
// orders of one line each. Baseline in the same run: the list as it was before an order's items
// travelled with it, one items query per listed order (a copy of the old `listOrders`, kept in
// this file only).
//
// Order of the run: the orders are written in the shape of before (items in the subcollection
// only) → the baseline loads them → `migrateOrderItems` (what the seed runs) moves them, timed →
// today's `listOrders` loads them in process, then the route over HTTP (token check, zod, JSON),
// each BENCH_RUNS times (median). All answers must be equal, order by order, item by item.
//
// The orders live in a Firestore project of this run's own (`demo-maestro-bench-board-<hex>`),
// wiped at the end, so nothing of the tests or other benches is in the queries; the signed-in
// member is a throw-away account in the emulators' project (API-key sign-ins land there).
// `npm run bench -- order-board-load`, or with emulators already running:
// `GCLOUD_PROJECT=demo-maestro node --import tsx bench/order-board-load.bench.mts`.
import { isDeepStrictEqual } from 'node:util';
import { randomBytes } from 'node:crypto';
import type { Order, OrderListResponse, OrderStatus } from '@maestro/contracts';
import { FieldPath, Timestamp, type Firestore } from 'firebase-admin/firestore';
import {
  ORDER_PAGE_SIZE_MAX,
  ORDER_STATUSES,
  isFinalOrderStatus,
} from '../contracts/orders.ts';
import { createApp } from '../server/src/app.ts';
import { createFirebase } from '../server/src/firebase.ts';
import { createLogger } from '../server/src/logger.ts';
import { migrateOrderItems } from '../server/src/orders/embedded-items.ts';
import {
  COLLECTIONS,
  itemsRef,
  toOrder,
  toOrderItem,
  type OrderDoc,
  type OrderItemDoc,
} from '../server/src/orders/order-docs.ts';
import { listOrders } from '../server/src/orders/repository.ts';
import { closeTestFirebase, testFirebase } from '../server/test/support/firebase-test-env.ts';
import { createTestUser, deleteTestUsers } from '../server/test/support/test-users.ts';
import { seedOrders, wipeProject } from './order-board/seed-orders.ts';
import { runBench, runCleanups } from './support/run-bench.mts';

const ORDERS = Number(process.env['BENCH_ORDERS'] ?? 5000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const ACTIVE: OrderStatus[] = ORDER_STATUSES.filter((status) => !isFinalOrderStatus(status));
const DATA_PROJECT = `demo-maestro-bench-board-${randomBytes(3).toString('hex')}`;

// ----- the baseline: GET /api/orders before issue 16 (one items query per listed order) -----

async function itemsQueryPerOrder(
  db: Firestore,
  query: { status: OrderStatus[]; pageSize: number; cursor?: string },
): Promise<OrderListResponse> {
  let orders = db
    .collection(COLLECTIONS.orders)
    .orderBy('createdAt', 'desc')
    .orderBy(FieldPath.documentId(), 'desc')
    .where('status', 'in', query.status);
  if (query.cursor) {
    const [seconds, nanos, id] = JSON.parse(
      Buffer.from(query.cursor, 'base64url').toString('utf8'),
    ) as [number, number, string];
    orders = orders.startAfter(new Timestamp(seconds, nanos), id);
  }
  const page = await orders.limit(query.pageSize + 1).get();
  const docs = page.docs.slice(0, query.pageSize);
  const list = await Promise.all(
    docs.map(async (doc) => {
      const items = await itemsRef(db, doc.id).orderBy('position').get();
      return toOrder(
        doc.id,
        doc.data() as OrderDoc,
        items.docs.map((item) => toOrderItem(item.id, item.data() as OrderItemDoc)),
      );
    }),
  );
  const last = docs.at(-1);
  const createdAt = last?.get('createdAt') as Timestamp | undefined;
  return {
    orders: list,
    nextCursor:
      page.docs.length > query.pageSize && last && createdAt
        ? Buffer.from(JSON.stringify([createdAt.seconds, createdAt.nanoseconds, last.id])).toString(
            'base64url',
          )
        : null,
  };
}

// ----- one full load: every page, following the cursor -----

type PageReader = (cursor: string | null) => Promise<OrderListResponse>;

interface Load {
  seconds: number;
  pages: number;
  pageMs: number[];
  orders: Order[];
}

async function loadAll(read: PageReader): Promise<Load> {
  const orders: Order[] = [];
  const pageMs: number[] = [];
  const started = performance.now();
  let cursor: string | null = null;
  do {
    const t0 = performance.now();
    const page = await read(cursor);
    pageMs.push(performance.now() - t0);
    orders.push(...page.orders);
    cursor = page.nextCursor;
  } while (cursor);
  return { seconds: (performance.now() - started) / 1000, pages: pageMs.length, pageMs, orders };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
};

// ----- the run -----

const authFirebase = testFirebase();
const dataFirebase = createFirebase(DATA_PROJECT);
const cleanups: (() => Promise<unknown>)[] = [
  () => closeTestFirebase(),
  () => deleteTestUsers(),
  () => dataFirebase.close(),
  () => wipeProject(DATA_PROJECT),
];

async function main(): Promise<number> {
  const db = dataFirebase.firestore;
  const member = await createTestUser('bench-board-load');
  let started = performance.now();
  await seedOrders(db, ORDERS, { uid: member.uid }, 'before');
  const seedSeconds = (performance.now() - started) / 1000;

  const api = createApp({
    config: { port: 0, host: '127.0.0.1', spaOrigins: ['http://127.0.0.1:4200'] },
    logger: createLogger('warn'),
    auth: authFirebase.auth,
    firestore: db,
    sagaRecovery: false,
    rateLimits: { memberReads: { points: 1_000_000, durationSeconds: 60 } },
  });
  const apiUrl = await api.listen();
  cleanups.push(() => api.close());

  const query = (cursor: string | null) => ({
    status: ACTIVE,
    pageSize: ORDER_PAGE_SIZE_MAX,
    ...(cursor ? { cursor } : {}),
  });
  const before: PageReader = (cursor) => itemsQueryPerOrder(db, query(cursor));
  const inProcess: PageReader = (cursor) => listOrders(db, query(cursor));
  const overHttp: PageReader = async (cursor) => {
    const params = new URLSearchParams({
      status: ACTIVE.join(','),
      pageSize: String(ORDER_PAGE_SIZE_MAX),
    });
    if (cursor) params.set('cursor', cursor);
    const response = await fetch(`${apiUrl}/api/orders?${params}`, {
      headers: { Authorization: `Bearer ${member.idToken}` },
    });
    if (response.status !== 200) throw new Error(`GET /api/orders: ${response.status}`);
    return (await response.json()) as OrderListResponse;
  };

  await before(null); // warm-up: the first query of a project pays for more than itself
  const baseline = await loadAll(before);
  started = performance.now();
  const migration = await migrateOrderItems(db);
  const migrationSeconds = (performance.now() - started) / 1000;
  const runsOf = async (read: PageReader) => {
    const loads: Load[] = [];
    for (let i = 0; i < RUNS; i++) loads.push(await loadAll(read));
    return loads;
  };
  const fresh = await runsOf(inProcess);
  const http = await runsOf(overHttp);

  const problems: string[] = [];
  if (baseline.orders.length !== ORDERS)
    problems.push(`the baseline listed ${baseline.orders.length} orders, not ${ORDERS}`);
  if (migration.migrated !== ORDERS)
    problems.push(`the migration moved ${migration.migrated} orders, not ${ORDERS}`);
  for (const [name, loads] of [
    ['listOrders', fresh],
    ['GET /api/orders', http],
  ] as const)
    for (const load of loads)
      if (!isDeepStrictEqual(load.orders, baseline.orders))
        problems.push(`${name} did not answer exactly what the baseline did`);

  const row = (name: string, queries: string, loads: Load[]) => {
    const seconds = median(loads.map((load) => load.seconds));
    const pageMs = median(loads.flatMap((load) => load.pageMs));
    const range =
      loads.length > 1
        ? ` (${Math.min(...loads.map((l) => l.seconds)).toFixed(2)}–${Math.max(...loads.map((l) => l.seconds)).toFixed(2)})`
        : '';
    const ratio = baseline.seconds / seconds;
    console.log(
      `| ${name} | ${seconds.toFixed(2)}${range} | ${pageMs.toFixed(0)} | ${queries} | ${loads === baselineRuns ? '1×' : `**${ratio.toFixed(1)}×**`} |`,
    );
  };
  const baselineRuns = [baseline];
  const pages = baseline.pages;
  console.log(
    `\nBoard load: ${ORDERS.toLocaleString('en-US')} active orders (1 line each), ${pages} pages of ${ORDER_PAGE_SIZE_MAX}, statuses ${ACTIVE.join(', ')}; project ${DATA_PROJECT} (wiped at the end). Written in ${seedSeconds.toFixed(1)} s; migrateOrderItems moved ${migration.migrated.toLocaleString('en-US')} of ${migration.checked.toLocaleString('en-US')} in ${migrationSeconds.toFixed(1)} s.`,
  );
  console.log('\n| path | full load s (median, range) | page ms (median) | Firestore queries | faster than baseline |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  row('baseline: one items query per order (before issue 16)', `${pages + ORDERS}`, baselineRuns);
  row(`listOrders, items on the order (in process, ${RUNS} runs)`, `${pages}`, fresh);
  row(`GET /api/orders over HTTP (token, zod, JSON; ${RUNS} runs)`, `${pages}`, http);
  console.log(
    `\nEvery answer equal to the baseline's, order by order and item by item: ${problems.length ? 'NO' : 'yes'}. The machine is shared: compare the ratio, not the seconds.`,
  );
  for (const problem of problems) console.error(`\x1b[31mFAIL\x1b[0m ${problem}`);
  return problems.length ? 1 : 0;
}

await runBench(main, () => runCleanups(cleanups));

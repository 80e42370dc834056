// The month view of the sales report over 100,000 orders (issue 19): read from the aggregates
// (31 day documents) against the baseline of the same run, a full scan of the month's orders
// counted by the same rule (the way a report would work without aggregates). Both answers must
// be equal, figure by figure, dish by dish.
//
// Setup: the orders (one month, Europe/Paris, 200 dishes, 1–3 lines each, served / delivered /
// cancelled / failed / still open, tax on every line) are written straight to Firestore in
// batches, as the API stores them once counted (`salesCountedAs` set); the aggregates are then
// built by the rebuild job, timed. All in a Firestore project of this run's own
// (`demo-maestro-bench-sales-<hex>`), wiped at the end. The signed-in admin of the HTTP row is a
// throw-away account in the emulators' project (API-key sign-ins land there).
// `npm run bench -- sales-report`, or with emulators already running:
// `GCLOUD_PROJECT=demo-maestro node --import tsx bench/sales-report.bench.mts`.
import { isDeepStrictEqual } from 'node:util';
import { randomBytes, randomUUID } from 'node:crypto';
import type { OrderStatus, SalesReport } from '@maestro/contracts';
import { Timestamp, type DocumentReference, type Firestore, type QueryDocumentSnapshot } from 'firebase-admin/firestore';
import { createApp } from '../server/src/app.ts';
import { createFirebase } from '../server/src/firebase.ts';
import { createLogger } from '../server/src/logger.ts';
import { COLLECTIONS } from '../server/src/orders/order-docs.ts';
import { rebuildSales } from '../server/src/reports/rebuild-sales.ts';
import type { StoredOrder } from '../server/src/reports/sales-aggregates.ts';
import { addDays, startOfDay } from '../server/src/reports/sales-calendar.ts';
import { OUTCOME_OF_STATUS } from '../server/src/reports/sales-figures.ts';
import { reportOfDays, salesReport } from '../server/src/reports/sales-report.ts';
import { emptyTally, tallyOrder } from '../server/src/reports/sales-tally.ts';
import { closeTestFirebase, testFirebase } from '../server/test/support/firebase-test-env.ts';
import { createTestUser, deleteTestUsers } from '../server/test/support/test-users.ts';
import { wipeProject } from './order-board/seed-orders.ts';
import { runBench, runCleanups } from './support/run-bench.mts';

const ORDERS = Number(process.env['BENCH_ORDERS'] ?? 100_000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const ZONE = 'Europe/Paris';
const MONTH = { from: '2026-03-01', to: '2026-03-31' };
const DATA_PROJECT = `demo-maestro-bench-sales-${randomBytes(3).toString('hex')}`;
const STATIONS = ['grill', 'fry', 'cold', 'pastry', 'bar'];
const DISHES = Array.from({ length: 200 }, (_, index) => ({
  id: `dish-${String(index).padStart(3, '0')}`,
  name: `Dish ${index}`,
  station: STATIONS[index % STATIONS.length]!,
  priceMinor: 300 + ((index * 37) % 30) * 100,
  // Drinks inclusive of 10 %, food exclusive of 8.25 %: both kinds of line.
  taxRateBasisPoints: index % 5 === 4 ? 1000 : 825,
  taxInclusive: index % 5 === 4,
}));
const STATUS_MIX: OrderStatus[] = [
  ...Array<OrderStatus>(10).fill('SERVED'),
  ...Array<OrderStatus>(6).fill('DELIVERED'),
  'CANCELLED',
  'CANCELLED',
  'FAILED',
  'PREPARING',
];

// ----- the orders, written as the API stores them -----

const round = (n: number, d: number) => Math.sign(n) * Math.round(Math.abs(n) / d);

function orderAt(index: number, at: Timestamp, uid: string): StoredOrder & Record<string, unknown> {
  const status = STATUS_MIX[index % STATUS_MIX.length]!;
  const type = status === 'DELIVERED' ? 'delivery' : index % 2 ? 'dine-in' : 'takeaway';
  const items = Array.from({ length: 1 + (index % 3) }, (_, line) => {
    const dish = DISHES[(index * 13 + line * 71) % DISHES.length]!;
    const quantity = 1 + ((index + line) % 3);
    const lineTotalMinor = dish.priceMinor * quantity;
    const taxMinor = dish.taxInclusive
      ? lineTotalMinor - round(lineTotalMinor * 10_000, 10_000 + dish.taxRateBasisPoints)
      : round(lineTotalMinor * dish.taxRateBasisPoints, 10_000);
    const { id, ...menuItem } = dish;
    return {
      id: randomUUID(),
      menuItemId: id,
      quantity,
      notes: '',
      unitPriceMinor: dish.priceMinor,
      lineTotalMinor,
      taxMinor,
      position: line,
      menuItem: { id, ...menuItem, category: 'Bench', priceMinor: dish.priceMinor, currency: 'USD' },
    };
  });
  const subtotalMinor = items.reduce((sum, item) => sum + item.lineTotalMinor, 0);
  const taxMinor = items.reduce((sum, item) => sum + item.taxMinor, 0);
  const exclusiveTax = items.reduce((sum, item) => sum + (item.menuItem.taxInclusive ? 0 : item.taxMinor), 0);
  const net = items.reduce((sum, item) => sum + item.lineTotalMinor - (item.menuItem.taxInclusive ? item.taxMinor : 0), 0);
  const serviceRateBasisPoints = type === 'dine-in' ? 1000 : 0;
  const serviceMinor = round(net * serviceRateBasisPoints, 10_000);
  const outcome = OUTCOME_OF_STATUS[status];
  return {
    type,
    table: type === 'dine-in' ? 'T1' : null,
    address: type === 'delivery' ? { street: `${index} Bench Street`, city: 'Paris', postalCode: '75001' } : null,
    customerName: '',
    notes: '',
    status,
    currency: 'USD',
    subtotalMinor,
    taxMinor,
    serviceRateBasisPoints,
    serviceMinor,
    totalMinor: subtotalMinor + exclusiveTax + serviceMinor,
    itemCount: items.length,
    nextPosition: items.length,
    version: 6,
    createdAt: at,
    updatedAt: at,
    createdBy: uid,
    updatedBy: uid,
    failure: null,
    correlationId: randomUUID(),
    items,
    ...(outcome ? { salesCountedAs: outcome } : {}),
  };
}

async function writeOrders(db: Firestore, uid: string): Promise<void> {
  const start = startOfDay(MONTH.from, ZONE).getTime();
  const span = startOfDay(addDays(MONTH.to, 1), ZONE).getTime() - start;
  let next = 0;
  // 4 batches of 400 in flight: what the emulator takes without refusing.
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < ORDERS) {
        const batch = db.batch();
        const first = next;
        next = Math.min(ORDERS, next + 400);
        for (let index = first; index < next; index++) {
          const at = Timestamp.fromMillis(start + Math.floor((index / ORDERS) * span));
          const ref: DocumentReference = db.collection(COLLECTIONS.orders).doc();
          batch.create(ref, orderAt(index, at, uid));
        }
        await batch.commit();
      }
    }),
  );
}

// ----- the two ways of answering the month view -----

/** The baseline: every order of the month read and counted by the same rule. */
async function fullScan(db: Firestore): Promise<{ report: SalesReport; read: number }> {
  const tally = emptyTally();
  let read = 0;
  const orders = db
    .collection(COLLECTIONS.orders)
    .where('createdAt', '>=', Timestamp.fromDate(startOfDay(MONTH.from, ZONE)))
    .where('createdAt', '<', Timestamp.fromDate(startOfDay(addDays(MONTH.to, 1), ZONE)))
    .orderBy('createdAt');
  for await (const snapshot of orders.stream() as AsyncIterable<QueryDocumentSnapshot>) {
    tallyOrder(tally, snapshot.data() as StoredOrder, ZONE);
    read++;
  }
  const query = { currency: 'USD', ...MONTH };
  const days = [];
  for (let date = MONTH.from; date <= MONTH.to; date = addDays(date, 1)) days.push(tally.days.get(`USD_${date}`));
  return { report: reportOfDays(query, ZONE, days), read };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;

async function timed<T>(runs: number, work: () => Promise<T>): Promise<{ seconds: number[]; answers: T[] }> {
  const seconds: number[] = [];
  const answers: T[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    answers.push(await work());
    seconds.push((performance.now() - started) / 1000);
  }
  return { seconds, answers };
}

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
  const admin = await createTestUser('bench-sales', { admin: true });
  let started = performance.now();
  await writeOrders(db, admin.uid);
  const writeSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const rebuilt = await rebuildSales(db, ZONE);
  const rebuildSeconds = (performance.now() - started) / 1000;

  const api = createApp({
    config: { port: 0, host: '127.0.0.1', spaOrigins: ['http://127.0.0.1:4200'], businessTimeZone: ZONE },
    logger: createLogger('warn'),
    auth: authFirebase.auth,
    firestore: db,
    sagaRecovery: false,
  });
  const apiUrl = await api.listen();
  cleanups.push(() => api.close());
  const query = { currency: 'USD', ...MONTH };
  const overHttp = async () => {
    const response = await fetch(`${apiUrl}/api/reports/sales?${new URLSearchParams(query)}`, {
      headers: { Authorization: `Bearer ${admin.idToken}` },
    });
    if (response.status !== 200) throw new Error(`GET /api/reports/sales: ${response.status}`);
    return (await response.json()) as SalesReport;
  };

  await salesReport(db, query, ZONE); // warm-up: a project's first read pays for more than itself
  const scan = await timed(RUNS, () => fullScan(db));
  const aggregates = await timed(RUNS, () => salesReport(db, query, ZONE));
  const http = await timed(RUNS, overHttp);

  const problems: string[] = [];
  const expected = scan.answers[0]!.report;
  if (scan.answers[0]!.read !== ORDERS) problems.push(`the scan read ${scan.answers[0]!.read} orders, not ${ORDERS}`);
  const finished = Array.from({ length: ORDERS }, (_, index) => STATUS_MIX[index % STATUS_MIX.length]!).filter(
    (status) => OUTCOME_OF_STATUS[status],
  ).length;
  if (rebuilt.orders !== finished) problems.push(`the rebuild counted ${rebuilt.orders} finished orders, not ${finished}`);
  for (const [name, answers] of [
    ['the scan', scan.answers.map((answer) => answer.report)],
    ['the aggregates', aggregates.answers],
    ['GET /api/reports/sales', http.answers],
  ] as const)
    for (const answer of answers)
      if (!isDeepStrictEqual(answer, expected)) problems.push(`${name} did not answer exactly what the first scan did`);

  const baseline = median(scan.seconds);
  const row = (name: string, seconds: number[], read: string) => {
    const value = median(seconds);
    const range = `${Math.min(...seconds).toFixed(3)}–${Math.max(...seconds).toFixed(3)}`;
    const ratio = seconds === scan.seconds ? '1×' : `**${Math.round(baseline / value).toLocaleString('en-US')}×**`;
    console.log(`| ${name} | ${value.toFixed(3)} (${range}) | ${read} | ${ratio} |`);
  };
  const totals = expected.totals;
  console.log(
    `\nSales month view: ${ORDERS.toLocaleString('en-US')} orders in ${MONTH.from}…${MONTH.to} (${ZONE}), 200 dishes, 1–3 lines each; project ${DATA_PROJECT} (wiped at the end). ` +
      `Setup: written in ${writeSeconds.toFixed(1)} s (batches of 400, 4 in flight); the rebuild job counted ${rebuilt.orders.toLocaleString('en-US')} finished orders into ${rebuilt.days} days and ${rebuilt.months} month in ${rebuildSeconds.toFixed(1)} s. ` +
      `The month: ${totals.orders.toLocaleString('en-US')} sales, net ${(totals.netMinor / 100).toLocaleString('en-US')} USD, ${totals.cancelledOrders.toLocaleString('en-US')} cancelled, ${totals.failedOrders.toLocaleString('en-US')} failed, ${expected.byDish.length} dishes.`,
  );
  console.log(`\n| path (${RUNS} runs each) | month view s (median, range) | documents read | faster than the scan |`);
  console.log('| --- | ---: | ---: | ---: |');
  row("baseline: full scan of the month's orders, counted in memory", scan.seconds, ORDERS.toLocaleString('en-US'));
  row('salesReport from the aggregates (in process)', aggregates.seconds, '31');
  row('GET /api/reports/sales over HTTP (token, zod, JSON)', http.seconds, '31');
  console.log(
    `\nEvery answer equal to the scan's, figure by figure and dish by dish: ${problems.length ? 'NO' : 'yes'}. The machine is shared: compare the ratio, not the seconds.`,
  );
  for (const problem of problems) console.error(`\x1b[31mFAIL\x1b[0m ${problem}`);
  return problems.length ? 1 : 0;
}

await runBench(main, () => runCleanups(cleanups));

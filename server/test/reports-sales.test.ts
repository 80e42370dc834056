// The sales aggregates against the real API and the emulators: a few hundred orders placed,
// moved, cancelled, failed and deleted through the routes, then the aggregates must equal a
// recount from the orders; a re-sent status counts once; days are cut in the business's zone;
// the rebuild job backfills and gives the same result twice; only admins read the reports.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ApiErrorBody, Order, SalesMonthsReport, SalesOrderRow, SalesOrdersPage, SalesReport } from '@maestro/contracts';
import { createFirebase, type FirebaseServices } from '../src/firebase';
import { COUNTED_AS_FIELD, SALES_COLLECTIONS } from '../src/reports/sales-aggregates';
import { salesSlotOf } from '../src/reports/sales-calendar';
import type { RebuildResult } from '../src/reports/rebuild-sales';
import { assertEmulatorsRunning, closeTestFirebase } from './support/firebase-test-env';
import { deliveryTo, postOrder } from './support/orders-fixtures';
import {
  recount,
  salesProjectId,
  seededRandom,
  storedAggregates,
  wipeProject,
  writeMenu,
  writeRawOrder,
  type MenuDish,
} from './support/sales-fixtures';
import { request, startTestServer, type TestServer } from './support/test-server';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

const ZONE = 'Europe/Paris';
const ORDERS = Number(process.env['SALES_TEST_ORDERS'] ?? 240);
const SEED = Number(process.env['SALES_TEST_SEED'] ?? 19);

const MENU: MenuDish[] = [
  { id: 'burger', name: 'Burger', station: 'grill', priceMinor: 1650, currency: 'USD', taxRateBasisPoints: 1000, taxInclusive: false },
  { id: 'fries', name: 'Fries', station: 'fry', priceMinor: 450, currency: 'USD', taxRateBasisPoints: 1000, taxInclusive: false },
  { id: 'salad', name: 'Salad', station: 'cold', priceMinor: 925, currency: 'USD', taxRateBasisPoints: 550, taxInclusive: true },
  { id: 'beer', name: 'Beer', station: 'bar', priceMinor: 605, currency: 'USD', taxRateBasisPoints: 2000, taxInclusive: true },
  { id: 'tarte', name: 'Tarte', station: 'pastry', priceMinor: 700, currency: 'EUR', taxRateBasisPoints: 1000, taxInclusive: true },
  { id: 'steak', name: 'Steak', station: 'grill', priceMinor: 2400, currency: 'EUR', taxRateBasisPoints: 1000, taxInclusive: true },
];
// Stock for all but a few orders: out_of_stock failures come on their own near the end.
const SCARCE: MenuDish = { id: 'truffle', name: 'Truffle', station: 'cold', priceMinor: 3000, currency: 'USD', taxRateBasisPoints: 0, taxInclusive: false };

type Fate = 'served' | 'cancelled-early' | 'cancelled-late' | 'active' | 'failed' | 'sold-out';

describe('sales aggregates and reports', () => {
  const projectId = salesProjectId();
  let data: FirebaseServices;
  let api: TestServer;
  let staff: TestUser;
  let admin: TestUser;
  let stranger: TestUser;
  const today = () => salesSlotOf(new Date(), ZONE).date;

  before(async () => {
    await assertEmulatorsRunning();
    data = createFirebase(projectId);
    api = await startTestServer({
      firestore: data.firestore,
      businessTimeZone: ZONE,
      saga: { faultInjection: true },
      // One member places and moves every order of the run.
      limits: { rateLimits: { memberWrites: { points: 100_000, durationSeconds: 60 }, memberReads: { points: 100_000, durationSeconds: 60 } } },
    });
    staff = await createTestUser('sales-staff');
    admin = await createTestUser('sales-admin', { admin: true });
    stranger = await createTestUser('sales-stranger', { member: false });
    await writeMenu(data.firestore, MENU, 100_000);
    await writeMenu(data.firestore, [SCARCE], 3);
  });
  after(async () => {
    await api.close();
    await wipeProject(projectId);
    await data.close();
    await deleteTestUsers();
    await closeTestFirebase();
  });

  const call = <T>(method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    request<T>(`${api.baseUrl}/api${path}`, {
      method,
      token: options.token ?? staff.idToken,
      headers: options.headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  const move = async (id: string, status: string) => {
    const response = await call<Order & ApiErrorBody>('PATCH', `/orders/${id}/status`, { body: { status } });
    assert.equal(response.status, 200, `${id} → ${status}: ${JSON.stringify(response.body)}`);
  };
  const salesOf = (from: string, to: string, currency = 'USD') =>
    call<SalesReport>('GET', `/reports/sales?currency=${currency}&from=${from}&to=${to}`, { token: admin.idToken });
  const ordersPage = (query: string, token = admin.idToken) =>
    call<SalesOrdersPage & ApiErrorBody>('GET', `/reports/orders?${query}`, { token });
  /** Every page of the list behind a figure, followed by its cursors. */
  async function ordersBehind(query: string): Promise<SalesOrderRow[]> {
    const rows: SalesOrderRow[] = [];
    let cursor: string | null = null;
    do {
      const page = await ordersPage(`${query}&pageSize=40${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(page.status, 200, JSON.stringify(page.body));
      rows.push(...page.body.orders);
      cursor = page.body.nextCursor;
    } while (cursor);
    return rows;
  }
  const rebuild = (token = admin.idToken) => call<RebuildResult & ApiErrorBody>('POST', '/admin/reports/sales/rebuild', { token });

  /** One generated order, taken through the routes to its fate. */
  async function play(random: () => number): Promise<void> {
    const roll = random();
    const fate: Fate =
      roll < 0.55 ? 'served' : roll < 0.65 ? 'cancelled-early' : roll < 0.75 ? 'cancelled-late' : roll < 0.85 ? 'active' : roll < 0.95 ? 'failed' : 'sold-out';
    const currency = random() < 0.2 ? 'EUR' : 'USD';
    const dishes = MENU.filter((dish) => dish.currency === currency);
    const items = Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
      menuItemId: dishes[Math.floor(random() * dishes.length)]!.id,
      quantity: 1 + Math.floor(random() * 3),
    }));
    if (fate === 'sold-out') items.push({ menuItemId: SCARCE.id, quantity: 1 });
    const kind = ['dine-in', 'takeaway', 'delivery'][Math.floor(random() * 3)]!;
    const fulfillment = kind === 'dine-in' ? { type: 'dine-in', table: 'T1' } : kind === 'delivery' ? deliveryTo() : { type: 'takeaway' };
    const headers: Record<string, string> = fate === 'failed' ? { 'X-Maestro-Faults': 'payment=error' } : {};
    const placed = await postOrder(api.baseUrl, staff.idToken, { ...fulfillment, items: fate === 'sold-out' && currency === 'EUR' ? items.slice(0, -1) : items }, headers);
    if (fate === 'failed' || (fate === 'sold-out' && placed.status !== 201)) {
      assert.ok(placed.status >= 400, `a failing placement answered ${placed.status}`);
      return;
    }
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    const { id, type } = placed.body;
    if (fate === 'cancelled-early') return move(id, 'CANCELLED');
    if (fate === 'active') return move(id, 'PREPARING');
    await move(id, 'PREPARING');
    await move(id, 'READY');
    if (fate === 'cancelled-late') return move(id, 'CANCELLED');
    if (type === 'delivery') {
      await move(id, 'OUT_FOR_DELIVERY');
      return move(id, 'DELIVERED');
    }
    return move(id, 'SERVED');
  }

  test(`${ORDERS} generated orders: the aggregates equal a recount, and the report reads them`, async () => {
    const random = seededRandom(SEED);
    const plays = Array.from({ length: ORDERS }, () => seededRandom(Math.floor(random() * 2 ** 32)));
    // A few at a time, as a busy restaurant does.
    for (let next = 0; next < plays.length; next += 6) await Promise.all(plays.slice(next, next + 6).map(play));

    const orders = (await data.firestore.collection('orders').get()).docs.map((doc) => ({ id: doc.id, ...doc.data() }) as { id: string; status: string });
    const byStatus = (status: string) => orders.filter((order) => order.status === status);
    // The mix really holds every outcome the report tells apart.
    for (const status of ['SERVED', 'DELIVERED', 'CANCELLED', 'FAILED', 'PREPARING']) assert.ok(byStatus(status).length > 0, status);

    // An admin deletes a few finished orders: they leave the figures with them.
    for (const order of [...byStatus('SERVED').slice(0, 2), ...byStatus('CANCELLED').slice(0, 1), ...byStatus('FAILED').slice(0, 1)]) {
      const response = await call('DELETE', `/orders/${order.id}`, { token: admin.idToken });
      assert.equal(response.status, 200, JSON.stringify(response.body));
    }

    const expected = await recount(data.firestore, ZONE);
    assert.deepEqual(await storedAggregates(data.firestore), expected);

    // The report over today says the same as the recount's day documents.
    const day = today();
    const report = await salesOf(day, day);
    assert.equal(report.status, 200, JSON.stringify(report.body));
    const recounted = expected.days[`USD_${day}`] as { totals: Record<string, number>; dishes: Record<string, { quantity: number; netMinor: number }> };
    assert.deepEqual({ ...report.body.totals }, recounted.totals);
    assert.equal(report.body.timeZone, ZONE);
    assert.equal(report.body.byHour.length, 24);
    assert.equal(report.body.byHour.reduce((sum, hour) => sum + hour.orders, 0), recounted.totals['orders']);
    assert.equal(report.body.byType.reduce((sum, type) => sum + type.netMinor, 0), recounted.totals['netMinor']);
    assert.deepEqual(
      Object.fromEntries(report.body.byDish.map((dish) => [dish.menuItemId, dish.quantity])),
      Object.fromEntries(Object.entries(recounted.dishes).map(([id, dish]) => [id, dish.quantity])),
    );
    const nets = report.body.byDish.map((dish) => dish.netMinor);
    assert.deepEqual(nets, [...nets].sort((a, b) => b - a), 'most net sales first');
    // Dishes are the sales net of tax; service is the business's own and is not a dish's.
    assert.equal(
      report.body.byStation.reduce((sum, station) => sum + station.netMinor, 0),
      report.body.totals.netMinor - report.body.totals.serviceMinor,
    );
    const euro = await salesOf(day, day, 'EUR');
    assert.deepEqual({ ...euro.body.totals }, (expected.days[`EUR_${day}`] as { totals: object }).totals);
  });

  test('the orders behind each figure are the orders the report counted, page after page', async () => {
    const day = today();
    const range = `currency=USD&from=${day}&to=${day}`;
    const { body: report } = await salesOf(day, day);
    interface Stored { status: string; currency: string; totalMinor: number; salesCountedAs?: string; items: { menuItemId: string; quantity: number; menuItem: { station: string } }[] }
    const stored = new Map((await data.firestore.collection('orders').get()).docs.map((doc) => [doc.id, doc.data() as Stored]));
    const counted = (outcome: string) =>
      [...stored].filter(([, order]) => order.currency === 'USD' && order.salesCountedAs === outcome).map(([id]) => id).sort();

    const completed = await ordersBehind(range);
    assert.equal(completed.length, report.totals.orders);
    assert.ok(completed.length > 40, 'more than one page');
    assert.equal(new Set(completed.map((row) => row.id)).size, completed.length, 'no order twice across pages');
    assert.deepEqual(completed.map((row) => row.id).sort(), counted('completed'));
    assert.equal(completed.reduce((sum, row) => sum + row.totalMinor, 0), report.totals.grossMinor);
    assert.ok(completed.every((row) => row.status === 'SERVED' || row.status === 'DELIVERED'));
    const placed = completed.map((row) => row.createdAt);
    assert.deepEqual(placed, [...placed].sort().reverse(), 'newest placed first');
    assert.ok(completed.every((row) => row.finishedAt >= row.createdAt && row.destination.length > 0));

    const cancelled = await ordersBehind(`${range}&outcome=cancelled`);
    assert.equal(cancelled.length, report.totals.cancelledOrders);
    assert.equal(cancelled.reduce((sum, row) => sum + row.totalMinor, 0), report.totals.cancelledMinor);
    const failed = await ordersBehind(`${range}&outcome=failed`);
    assert.equal(failed.length, report.totals.failedOrders);
    assert.deepEqual(failed.map((row) => row.id).sort(), counted('failed'));

    for (const type of report.byType) assert.equal((await ordersBehind(`${range}&type=${type.type}`)).length, type.orders, type.type);
    // A dish's or station's orders hold exactly the quantity its row says was sold.
    const sold = (rows: SalesOrderRow[], matches: (line: Stored['items'][number]) => boolean) =>
      rows.flatMap((row) => stored.get(row.id)!.items.filter(matches)).reduce((sum, line) => sum + line.quantity, 0);
    for (const dish of report.byDish) {
      const rows = await ordersBehind(`${range}&dish=${dish.menuItemId}`);
      assert.equal(sold(rows, (line) => line.menuItemId === dish.menuItemId), dish.quantity, dish.name);
      assert.ok(rows.every((row) => stored.get(row.id)!.salesCountedAs === 'completed'));
    }
    for (const station of report.byStation) {
      const rows = await ordersBehind(`${range}&station=${station.station}`);
      assert.equal(sold(rows, (line) => line.menuItem.station === station.station), station.quantity, station.station);
    }
    const euro = await ordersBehind(`currency=EUR&from=${day}&to=${day}`);
    assert.equal(euro.length, (await salesOf(day, day, 'EUR')).body.totals.orders);
    assert.equal((await ordersPage(`${range}&pageSize=100`)).body.orders.length, Math.min(100, report.totals.orders));
  });

  test('a status sent twice, even at once, counts the order once', async () => {
    const placed = await postOrder(api.baseUrl, staff.idToken, { type: 'takeaway', items: [{ menuItemId: 'burger', quantity: 2 }] });
    assert.equal(placed.status, 201);
    const id = placed.body.id;
    await move(id, 'PREPARING');
    await move(id, 'READY');
    const earlier = (await salesOf(today(), today())).body.totals;
    const answers = await Promise.all([1, 2].map(() => call('PATCH', `/orders/${id}/status`, { body: { status: 'SERVED' } })));
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 409]);
    const again = await call<ApiErrorBody>('PATCH', `/orders/${id}/status`, { body: { status: 'SERVED' } });
    assert.equal(again.status, 409);
    const later = (await salesOf(today(), today())).body.totals;
    assert.equal(later.orders, earlier.orders + 1);
    assert.equal(later.grossMinor - earlier.grossMinor, placed.body.totalMinor);
    assert.equal((await data.firestore.doc(`orders/${id}`).get()).get(COUNTED_AS_FIELD), 'completed');
  });

  test('an order placed at 23:30 UTC counts on the next day, hour 0, in Europe/Paris', async () => {
    const burger = MENU[0]!;
    const id = await writeRawOrder(data.firestore, { status: 'READY', createdAt: new Date('2026-01-31T23:30:00Z'), dish: burger, quantity: 2, createdBy: staff.uid });
    await move(id, 'SERVED');
    const report = await salesOf('2026-01-31', '2026-02-01');
    assert.equal(report.status, 200);
    assert.deepEqual(report.body.byDay.map((day) => [day.date, day.orders]), [['2026-01-31', 0], ['2026-02-01', 1]]);
    assert.equal(report.body.byHour[0]!.orders, 1);
    // An order from before tax existed: tax 0, so net is its total.
    assert.equal(report.body.totals.netMinor, 3300);
    assert.equal(report.body.totals.taxMinor, 0);
    const months = await call<SalesMonthsReport>('GET', '/reports/sales-months?currency=USD&to=2026-02&months=2', { token: admin.idToken });
    assert.deepEqual(months.body.months.map((month) => [month.month, month.orders, month.netMinor]), [['2026-01', 0, 0], ['2026-02', 1, 3300]]);
  });

  test('the rebuild backfills older orders, gives the same figures twice, and follows a new zone', async () => {
    const old = await writeRawOrder(data.firestore, { status: 'SERVED', createdAt: new Date('2025-11-03T12:00:00Z'), dish: MENU[1]!, quantity: 3, type: 'dine-in', createdBy: staff.uid });
    assert.equal((await salesOf('2025-11-03', '2025-11-03')).body.totals.orders, 0, 'not counted before the backfill');
    const first = await rebuild();
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.finished, true);
    assert.equal(first.body.marked, 1, 'the older order gets its marker');
    assert.equal((await salesOf('2025-11-03', '2025-11-03')).body.totals.grossMinor, 1350);
    const behindFries = await ordersPage('currency=USD&from=2025-11-03&to=2025-11-03&dish=fries');
    assert.deepEqual(behindFries.body.orders.map((row) => row.id), [old], 'the backfilled order is listed behind its dish');
    const rebuilt = await storedAggregates(data.firestore);
    assert.deepEqual(rebuilt, await recount(data.firestore, ZONE));
    const raw = async () => {
      const read = async (name: string) => (await data.firestore.collection(name).get()).docs.map((doc) => [doc.id, doc.data()]);
      return [await read(SALES_COLLECTIONS.days), await read(SALES_COLLECTIONS.months)];
    };
    const once = await raw();
    const second = await rebuild();
    assert.equal(second.body.marked, 0);
    assert.deepEqual(await raw(), once, 'a second run writes the same documents');
    // Deleting the backfilled order uncounts it: its marker came with the rebuild.
    assert.equal((await call('DELETE', `/orders/${old}`, { token: admin.idToken })).status, 200);
    assert.equal((await salesOf('2025-11-03', '2025-11-03')).body.totals.orders, 0);

    // The business moves to UTC: after a rebuild the 23:30 UTC order is on 31 January.
    const utc = await startTestServer({ firestore: data.firestore, businessTimeZone: 'UTC' });
    try {
      const moved = await request<RebuildResult>(`${utc.baseUrl}/api/admin/reports/sales/rebuild`, { method: 'POST', token: admin.idToken });
      assert.equal(moved.status, 200);
      const report = await request<SalesReport>(`${utc.baseUrl}/api/reports/sales?currency=USD&from=2026-01-31&to=2026-02-01`, { token: admin.idToken });
      assert.deepEqual(report.body.byDay.map((day) => [day.date, day.orders]), [['2026-01-31', 1], ['2026-02-01', 0]]);
      assert.equal(report.body.byHour[23]!.orders, 1);
      assert.deepEqual(await storedAggregates(data.firestore), await recount(data.firestore, 'UTC'));
    } finally {
      await utc.close();
    }
  });

  test('a rebuild while orders finish: the figures still equal a recount afterwards', async () => {
    const ready: string[] = [];
    for (let i = 0; i < 12; i++) {
      const placed = await postOrder(api.baseUrl, staff.idToken, { type: 'takeaway', items: [{ menuItemId: MENU[i % 4]!.id, quantity: 1 + (i % 3) }] });
      assert.equal(placed.status, 201);
      await move(placed.body.id, 'PREPARING');
      await move(placed.body.id, 'READY');
      ready.push(placed.body.id);
    }
    const [rebuilt] = await Promise.all([
      rebuild(),
      ...ready.map((id, i) => move(id, i % 4 === 0 ? 'CANCELLED' : 'SERVED')),
    ]);
    assert.equal(rebuilt.status, 200, JSON.stringify(rebuilt.body));
    assert.deepEqual(await storedAggregates(data.firestore), await recount(data.firestore, ZONE));
  });

  test('only admins: staff get 403 in words, a stranger 403 not_a_member, no token 401', async () => {
    for (const path of ['/reports/sales?currency=USD&from=2026-01-01&to=2026-01-31', '/reports/sales-months?currency=USD&to=2026-01', '/reports/orders?currency=USD&from=2026-01-01&to=2026-01-31']) {
      const refused = await call<ApiErrorBody>('GET', path);
      assert.equal(refused.status, 403);
      assert.match(refused.body.error.message, /administrator/);
      const outsider = await call<ApiErrorBody>('GET', path, { token: stranger.idToken });
      assert.equal(outsider.status, 403);
      assert.equal(outsider.body.error.code, 'not_a_member');
      const anonymous = await request<ApiErrorBody>(`${api.baseUrl}/api${path}`);
      assert.equal(anonymous.status, 401);
    }
    const staffRebuild = await rebuild(staff.idToken);
    assert.equal(staffRebuild.status, 403);
  });

  test('malformed queries are refused with 400 and words, never a 500', async () => {
    const cases: [string, RegExp][] = [
      ['/reports/sales?currency=USD&from=2026-03-02&to=2026-03-01', /the range is reversed/],
      ['/reports/sales?currency=USD&from=2025-01-01&to=2026-01-02', /at most 366 days/],
      ['/reports/sales?currency=dollars&from=2026-01-01&to=2026-01-02', /three-letter code/],
      ['/reports/sales?currency=USD&from=2026-02-30&to=2026-03-01', /"2026-02-30" is not a date/],
      ['/reports/sales?currency=USD&from=2026-01-01', /to is required/],
      ['/reports/sales?currency=USD&currency=EUR&from=2026-01-01&to=2026-01-02', /currency/],
      ['/reports/sales?currency=USD&from=2026-01-01&to=2026-01-02&limit=5', /limit/],
      ['/reports/sales-months?currency=USD&to=2026-13', /"2026-13" is not a month/],
      ['/reports/sales-months?currency=USD&to=2026-01&months=0', /from 1 to 24/],
      ['/reports/sales-months?currency=USD&to=2026-01&months=abc', /from 1 to 24/],
      ['/reports/orders?currency=USD&from=2026-01-01&to=2026-01-02&pageSize=101', /pageSize must be a whole number from 1 to 100/],
      ['/reports/orders?currency=USD&from=2026-01-01&to=2026-01-02&pageSize=100000000000', /pageSize must be a whole number from 1 to 100/],
      ['/reports/orders?currency=USD&from=2026-01-01&to=2026-01-02&outcome=all', /outcome must be one of completed, cancelled, failed/],
      ['/reports/orders?currency=USD&from=2026-01-01&to=2026-01-02&type=takeaway&station=grill', /one of type, dish, station at a time/],
      ['/reports/orders?currency=USD&from=2026-01-01&to=2026-01-02&dish=a&dish=b', /dish must be given once/],
      ['/reports/orders?currency=USD&from=2026-01-02&to=2026-01-01', /the range is reversed/],
      ['/reports/orders?currency=USD&from=2026-01-01&to=2026-01-02&cursor=' + 'x'.repeat(301), /cursor is not valid/],
      ['/reports/orders?from=2026-01-01&to=2026-01-02', /currency is required/],
    ];
    for (const [path, words] of cases) {
      const response = await call<ApiErrorBody>('GET', path, { token: admin.idToken });
      assert.equal(response.status, 400, path);
      assert.equal(response.body.error.code, 'validation_failed', path);
      assert.match(response.body.error.message, words, path);
    }
    // A cursor that is not one of ours: 400 in words, start again from the first page.
    for (const cursor of ['garbage', Buffer.from('[1,2]').toString('base64url'), Buffer.from('[1,0,"../x"]').toString('base64url')]) {
      const response = await call<ApiErrorBody>('GET', `/reports/orders?currency=USD&from=2026-01-01&to=2026-01-02&cursor=${cursor}`, { token: admin.idToken });
      assert.equal(response.status, 400, cursor);
      assert.match(response.body.error.message, /cursor is not valid; start again from the first page/);
    }
  });
});

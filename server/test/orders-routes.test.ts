import assert from 'node:assert/strict';
import { ORDER_PAGE_SIZE_MAX, ORDER_STATUSES, ORDER_TYPES, divideRounded } from '@maestro/contracts';
import { after, before, describe, test } from 'node:test';
import type {
  ApiErrorBody,
  MenuItem,
  MenuItemListResponse,
  Order,
  OrderErrorBody,
  OrderItemResponse,
  OrderListResponse,
  OrderStatus,
  OrderType,
} from '@maestro/contracts';
import { assertEmulatorsRunning, closeTestFirebase, testFirebase } from './support/firebase-test-env';
import {
  activityOf,
  cleanUpOrders,
  createDish,
  deliveryTo,
  docData,
  orderBody,
  postOrder,
  stockOf,
} from './support/orders-fixtures';
import { writeRawOrder } from './support/sales-fixtures';
import { STAFF_MOVES } from './support/status-table';
import { request, startTestServer, type TestServer } from './support/test-server';
import {
  createTestUser,
  deleteTestUsers,
  unsignedIdToken,
  type TestUser,
} from './support/test-users';

type Body = Order & OrderErrorBody;

describe('orders REST API', () => {
  let api: TestServer;
  let staff: TestUser;
  let admin: TestUser;
  let burger: string;
  let fries: string;
  let offMenu: string;
  let euroDish: string;
  const moreOrderers: string[] = [];

  before(async () => {
    await assertEmulatorsRunning();
    api = await startTestServer();
    staff = await createTestUser('orders-staff');
    admin = await createTestUser('orders-admin', { admin: true });
    burger = await createDish('burger', { stock: 1000 });
    fries = await createDish('fries', {
      name: 'Test fries',
      station: 'fry',
      priceMinor: 450,
      stock: 1000,
    });
    offMenu = await createDish('off', { available: false });
    euroDish = await createDish('euro', { currency: 'EUR' });
  });
  after(async () => {
    await api.close();
    await cleanUpOrders([staff.uid, admin.uid, ...moreOrderers]);
    await deleteTestUsers();
    await closeTestFirebase();
  });

  const url = (path: string) => `${api.baseUrl}/api${path}`;
  const call = <T = Body>(method: string, path: string, body?: unknown, token = staff.idToken) =>
    request<T>(url(path), {
      method,
      token,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const place = async (body: unknown = orderBody(burger)) => {
    const response = await postOrder(api.baseUrl, staff.idToken, body);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body;
  };
  const moveTo = async (id: string, ...statuses: string[]) => {
    for (const status of statuses) {
      const response = await call('PATCH', `/orders/${id}/status`, { status });
      assert.equal(response.status, 200, `${status}: ${JSON.stringify(response.body)}`);
    }
  };

  describe('GET /api/menu-items', () => {
    test("200: the menu with price, station, stock and availability, in the admin's category order then by name", async () => {
      const response = await call<MenuItemListResponse>('GET', '/menu-items');
      assert.equal(response.status, 200);
      const mine = response.body.menuItems.find((item) => item.id === fries);
      assert.deepEqual(mine, {
        id: fries,
        name: 'Test fries',
        category: 'Mains',
        station: 'fry',
        priceMinor: 450,
        currency: 'USD',
        stock: 1000,
        available: true,
        // A dish stored before menu categories and tax: no category id, untaxed, never edited.
        categoryId: '',
        archived: false,
        taxRateBasisPoints: 0,
        taxInclusive: false,
        version: 0,
      });
      // By category position (what an admin set), dishes of no known category last, then by name.
      const positions = (response.body.categories ?? []).map((category) => category.id);
      const rank = (item: MenuItem) => (positions.includes(item.categoryId) ? positions.indexOf(item.categoryId) : positions.length);
      const keys = response.body.menuItems.map((item) => [rank(item), `${item.category}\u0000${item.name}`] as const);
      assert.deepEqual(
        keys,
        [...keys].sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1])),
      );
    });
  });

  describe('POST /api/orders', () => {
    test('201: a dine-in order is confirmed, priced from the menu, with its items and menu items', async () => {
      const before = await stockOf(fries);
      const response = await postOrder(api.baseUrl, staff.idToken, {
        type: 'dine-in',
        table: ' 12 ',
        customerName: 'Ada',
        notes: 'window seat',
        items: [
          { menuItemId: burger, quantity: 2, notes: 'no onions' },
          { menuItemId: fries, quantity: 3 },
        ],
      });
      assert.equal(response.status, 201);
      const order = response.body;
      assert.equal(response.headers.get('location'), `/api/orders/${order.id}`);
      assert.equal(order.status, 'CONFIRMED');
      assert.equal(order.type, 'dine-in');
      assert.equal(order.type === 'dine-in' && order.table, '12');
      assert.equal(order.customerName, 'Ada');
      assert.equal(order.subtotalMinor, 2 * 1650 + 3 * 450);
      // The test dishes carry no tax; a dine-in order takes the service charge set now (if any).
      assert.equal(order.taxMinor, 0);
      assert.equal(
        order.serviceMinor,
        divideRounded(order.subtotalMinor * order.serviceRateBasisPoints, 10_000),
      );
      assert.equal(order.totalMinor, order.subtotalMinor + order.serviceMinor);
      assert.equal(order.currency, 'USD');
      assert.equal(order.version, 2, 'created (1), confirmed (2)');
      assert.equal(order.createdBy, staff.uid);
      assert.equal(order.failure, null);
      assert.deepEqual(
        order.items.map((item) => [
          item.menuItemId,
          item.quantity,
          item.notes,
          item.lineTotalMinor,
        ]),
        [
          [burger, 2, 'no onions', 3300],
          [fries, 3, '', 1350],
        ],
      );
      assert.deepEqual(order.items[1]?.menuItem, {
        id: fries,
        name: 'Test fries',
        category: 'Mains',
        station: 'fry',
        priceMinor: 450,
        currency: 'USD',
        taxRateBasisPoints: 0,
        taxInclusive: false,
      });
      assert.equal(await stockOf(fries), before - 3);
      assert.equal((await docData(`payments/${order.id}`))?.['status'], 'authorized');
      assert.equal((await docData(`payments/${order.id}`))?.['amountMinor'], order.totalMinor);
    });

    test('the saga record has every step with status, timestamps and duration; the log shares one correlation id', async () => {
      const order = await place({ ...deliveryTo(), items: [{ menuItemId: burger, quantity: 1 }] });
      const saga = await docData(`sagas/${order.id}`);
      assert.equal(saga?.['status'], 'completed');
      assert.deepEqual(saga?.['stepOrder'], ['menu', 'payment', 'inventory', 'delivery']);
      const steps = saga?.['steps'] as Record<string, Record<string, unknown>>;
      for (const step of ['menu', 'payment', 'inventory', 'delivery']) {
        assert.equal(steps[step]?.['status'], 'done', step);
        assert.ok(steps[step]?.['startedAt'] && steps[step]?.['finishedAt'], step);
        assert.equal(typeof steps[step]?.['durationMs'], 'number');
      }
      assert.equal((await docData(`deliveries/${order.id}`))?.['status'], 'scheduled');
      const log = await activityOf(order.id);
      assert.deepEqual(log.map((entry) => entry['action']).sort(), [
        'ORDER_CREATED',
        'ORDER_DELIVERY_SCHEDULED',
        'ORDER_INVENTORY_RESERVED',
        'ORDER_MENU_CHECKED',
        'ORDER_PAYMENT_AUTHORIZED',
        'ORDER_STATUS_CHANGED',
      ]);
      for (const entry of log) {
        assert.equal(entry['correlationId'], order.correlationId);
        assert.equal(entry['actorUid'], staff.uid);
        assert.deepEqual(entry['subject'], { type: 'order', id: order.id });
      }
      // The confirmation commits with the last step (one server time): found by its action.
      assert.deepEqual(log.find((entry) => entry['action'] === 'ORDER_STATUS_CHANGED')?.['changes'], {
        status: { from: 'PENDING', to: 'CONFIRMED' },
        version: { from: 1, to: 2 },
      });
    });

    const invalid: [string, unknown, string][] = [
      ['no items', { type: 'takeaway', items: [] }, 'items'],
      [
        'a dine-in order without a table',
        { type: 'dine-in', items: [{ menuItemId: 'x', quantity: 1 }] },
        'table',
      ],
      [
        'a delivery without an address',
        { type: 'delivery', items: [{ menuItemId: 'x', quantity: 1 }] },
        'address',
      ],
      ['an unknown type', { type: 'drive-in', items: [] }, 'type'],
      [
        'a quantity of 0',
        { type: 'takeaway', items: [{ menuItemId: 'x', quantity: 0 }] },
        'items.0.quantity',
      ],
      [
        'a fractional quantity',
        { type: 'takeaway', items: [{ menuItemId: 'x', quantity: 1.5 }] },
        'items.0.quantity',
      ],
      [
        'a menu item id with a slash',
        { type: 'takeaway', items: [{ menuItemId: 'a/b', quantity: 1 }] },
        'items.0.menuItemId',
      ],
      [
        'an unknown field',
        { type: 'takeaway', items: [{ menuItemId: 'x', quantity: 1 }], price: 1 },
        '(root)',
      ],
      ['an array', [], '(root)'],
    ];
    for (const [what, body, path] of invalid) {
      test(`400 validation_failed: ${what}`, async () => {
        const response = await postOrder(api.baseUrl, staff.idToken, body);
        assert.equal(response.status, 400);
        assert.equal(response.body.error.code, 'validation_failed');
        assert.ok(
          response.body.error.details?.some((detail) => detail.path === path),
          JSON.stringify(response.body.error.details),
        );
      });
    }

    test('400 bad_request: malformed JSON', async () => {
      const response = await request<Body>(url('/orders'), {
        method: 'POST',
        token: staff.idToken,
        body: '{"type":',
      });
      assert.equal(response.status, 400);
      assert.equal(response.body.error.code, 'bad_request');
    });

    test('the fault-injection header does nothing when fault injection is off', async () => {
      const response = await postOrder(api.baseUrl, staff.idToken, orderBody(burger), {
        'X-Maestro-Faults': 'payment=crash',
      });
      assert.equal(response.status, 201);
    });

    test('400 idempotency_key_required without a key (or a blank one); no order is placed', async () => {
      for (const headers of [{}, { 'Idempotency-Key': '  ' }] as Record<string, string>[]) {
        const before = await testFirebase().firestore.collection('orders').where('createdBy', '==', staff.uid).count().get();
        const response = await request<ApiErrorBody>(`${api.baseUrl}/api/orders`, {
          method: 'POST',
          token: staff.idToken,
          headers,
          body: JSON.stringify(orderBody(burger)),
        });
        assert.equal(response.status, 400);
        assert.equal(response.body.error.code, 'idempotency_key_required');
        assert.match(response.body.error.message, /Idempotency-Key header .* so a retry never places it twice/);
        const after = await testFirebase().firestore.collection('orders').where('createdBy', '==', staff.uid).count().get();
        assert.equal(after.data().count, before.data().count);
      }
    });

    test('400: a malformed Idempotency-Key', async () => {
      const response = await postOrder(api.baseUrl, staff.idToken, orderBody(burger), {
        'Idempotency-Key': 'has spaces',
      });
      assert.equal(response.status, 400);
      assert.equal(response.body.error.code, 'validation_failed');
    });

    test('404 menu_item_not_found naming the line; no order, no payment', async () => {
      const response = await postOrder(api.baseUrl, staff.idToken, {
        type: 'takeaway',
        items: [
          { menuItemId: burger, quantity: 1 },
          { menuItemId: 'no-such-dish', quantity: 1 },
        ],
      });
      assert.equal(response.status, 404);
      assert.equal(response.body.error.code, 'menu_item_not_found');
      assert.deepEqual(response.body.error.details, [
        { path: 'items.1.menuItemId', message: 'there is no menu item no-such-dish' },
      ]);
      assert.equal(response.body.error.orderId, undefined);
    });

    test('409 menu_item_unavailable', async () => {
      const response = await postOrder(api.baseUrl, staff.idToken, orderBody(offMenu));
      assert.equal(response.status, 409);
      assert.equal(response.body.error.code, 'menu_item_unavailable');
    });

    test('422 currency_mismatch: one order takes one currency', async () => {
      const response = await postOrder(api.baseUrl, staff.idToken, {
        type: 'takeaway',
        items: [
          { menuItemId: burger, quantity: 1 },
          { menuItemId: euroDish, quantity: 1 },
        ],
      });
      assert.equal(response.status, 422);
      assert.equal(response.body.error.code, 'currency_mismatch');
    });
  });

  describe('GET /api/orders and /api/orders/:id', () => {
    test('200: one order with its items and their menu items', async () => {
      const placed = await place();
      const response = await call('GET', `/orders/${placed.id}`);
      assert.equal(response.status, 200);
      assert.deepEqual(response.body, placed);
    });

    test('404 order_not_found for an unknown id, and for ids Firestore could not hold', async () => {
      for (const id of ['nope', '__bad__', encodeURIComponent('a.b'), 'x'.repeat(200)]) {
        const response = await call('GET', `/orders/${id}`);
        assert.equal(response.status, 404, id);
        assert.equal(response.body.error.code, 'order_not_found');
      }
    });

    test('200: newest first, filtered by status, paged with a cursor', async () => {
      const first = await place();
      const second = await place();
      const third = await place();
      await moveTo(second.id, 'PREPARING');
      const page = await call<OrderListResponse>('GET', '/orders?pageSize=2');
      assert.equal(page.status, 200);
      assert.deepEqual(
        page.body.orders.map((order) => order.id),
        [third.id, second.id],
      );
      assert.ok(page.body.nextCursor);
      const next = await call<OrderListResponse>(
        'GET',
        `/orders?pageSize=2&cursor=${encodeURIComponent(page.body.nextCursor)}`,
      );
      assert.equal(next.body.orders[0]?.id, first.id);
      assert.ok(next.body.orders[0]?.items.length, 'list entries carry their items');

      const preparing = await call<OrderListResponse>(
        'GET',
        '/orders?status=PREPARING,READY&pageSize=100',
      );
      assert.ok(preparing.body.orders.some((order) => order.id === second.id));
      assert.ok(
        preparing.body.orders.every((order) => ['PREPARING', 'READY'].includes(order.status)),
      );
      const repeated = await call<OrderListResponse>(
        'GET',
        '/orders?status=PREPARING&status=READY&pageSize=100',
      );
      assert.deepEqual(
        repeated.body.orders.map((o) => o.id),
        preparing.body.orders.map((o) => o.id),
      );
    });

    for (const [query, path] of [
      ['status=DONE', 'status.0'],
      ['pageSize=0', 'pageSize'],
      [`pageSize=${ORDER_PAGE_SIZE_MAX + 1}`, 'pageSize'],
      ['sort=asc', '(root)'],
    ] as const) {
      test(`400 validation_failed: ?${query}`, async () => {
        const response = await call('GET', `/orders?${query}`);
        assert.equal(response.status, 400);
        assert.equal(response.body.error.code, 'validation_failed');
        assert.equal(response.body.error.details?.[0]?.path, path);
      });
    }

    test('400 bad_request: a cursor that is not one of ours', async () => {
      for (const cursor of [
        'garbage',
        Buffer.from('[1,2]').toString('base64url'),
        Buffer.from('[1e20,0,"a"]').toString('base64url'),
      ]) {
        const response = await call('GET', `/orders?cursor=${cursor}`);
        assert.equal(response.status, 400, cursor);
        assert.equal(response.body.error.code, 'bad_request');
      }
    });
  });

  describe('PUT /api/orders/:id', () => {
    test('200: details change, version goes up, the log has old → new', async () => {
      const order = await place({
        type: 'dine-in',
        table: '1',
        items: [{ menuItemId: burger, quantity: 1 }],
      });
      const response = await call('PUT', `/orders/${order.id}`, { table: '7', notes: 'birthday' });
      assert.equal(response.status, 200);
      assert.equal(response.body.type === 'dine-in' && response.body.table, '7');
      assert.equal(response.body.notes, 'birthday');
      assert.equal(response.body.version, order.version + 1);
      const entry = (await activityOf(order.id)).find((e) => e['action'] === 'ORDER_UPDATED');
      assert.deepEqual(entry?.['changes'], {
        table: { from: '1', to: '7' },
        notes: { from: '', to: 'birthday' },
        version: { from: order.version, to: order.version + 1 },
      });
    });

    test('200 without a write when nothing changes', async () => {
      const order = await place();
      const response = await call('PUT', `/orders/${order.id}`, { notes: '' });
      assert.equal(response.status, 200);
      assert.equal(response.body.version, order.version);
    });

    test('400: an empty body, an unknown field, a table on a takeaway order', async () => {
      const order = await place();
      for (const body of [{}, { status: 'READY' }, { table: '3' }]) {
        const response = await call('PUT', `/orders/${order.id}`, body);
        assert.equal(response.status, 400, JSON.stringify(body));
        assert.equal(response.body.error.code, 'validation_failed');
      }
    });

    test('404 for an unknown order; 409 order_not_editable once it is final', async () => {
      assert.equal((await call('PUT', '/orders/nope', { notes: 'x' })).status, 404);
      const order = await place();
      await moveTo(order.id, 'CANCELLED');
      const response = await call('PUT', `/orders/${order.id}`, { notes: 'x' });
      assert.equal(response.status, 409);
      assert.equal(response.body.error.code, 'order_not_editable');
      assert.equal(response.body.error.currentStatus, 'CANCELLED');
    });
  });

  describe('PATCH /api/orders/:id/status', () => {
    test('200 along the kitchen flow, with a recall (READY → PREPARING) on the way', async () => {
      const order = await place({
        type: 'dine-in',
        table: '2',
        items: [{ menuItemId: burger, quantity: 1 }],
      });
      await moveTo(order.id, 'PREPARING', 'READY', 'PREPARING', 'READY', 'SERVED');
      const served = await call('GET', `/orders/${order.id}`);
      assert.equal(served.body.status, 'SERVED');
      assert.equal(served.body.version, order.version + 5);
    });

    test('records when the kitchen started the order (first move to PREPARING); a recall keeps it', async () => {
      const order = await place({ type: 'dine-in', table: '3', items: [{ menuItemId: burger, quantity: 1 }] });
      assert.equal(order.startedAt, undefined, 'not started while it waits');
      const before = Date.now();
      const started = await call('PATCH', `/orders/${order.id}/status`, { status: 'PREPARING' });
      assert.equal(started.status, 200);
      const startedAt = started.body.startedAt as string;
      assert.ok(Date.parse(startedAt) >= before - 1000 && Date.parse(startedAt) <= Date.now() + 1000, startedAt);
      assert.equal((await call('GET', `/orders/${order.id}`)).body.startedAt, startedAt);
      await moveTo(order.id, 'READY', 'PREPARING');
      const recalled = await call('GET', `/orders/${order.id}`);
      assert.equal(recalled.body.status, 'PREPARING');
      assert.equal(recalled.body.startedAt, startedAt, 'a recall is not a new start');
    });

    test('200: a delivery order goes out and is delivered', async () => {
      const order = await place({ ...deliveryTo(), items: [{ menuItemId: burger, quantity: 1 }] });
      await moveTo(order.id, 'PREPARING', 'READY', 'OUT_FOR_DELIVERY', 'DELIVERED');
    });

    const illegal: [string, string[], string, string[]][] = [
      ['skipping the kitchen', [], 'READY', ['PREPARING', 'CANCELLED']],
      [
        'a dine-in order going out for delivery',
        ['PREPARING', 'READY'],
        'OUT_FOR_DELIVERY',
        ['PREPARING', 'SERVED', 'CANCELLED'],
      ],
      ['staff failing an order (only the saga does)', [], 'FAILED', ['PREPARING', 'CANCELLED']],
      ['back to PENDING', [], 'PENDING', ['PREPARING', 'CANCELLED']],
      ['the same status again', ['PREPARING'], 'PREPARING', ['READY', 'CANCELLED']],
      ['leaving a final status', ['PREPARING', 'READY', 'SERVED'], 'PREPARING', []],
    ];
    for (const [what, path, to, allowed] of illegal) {
      test(`409 illegal_transition: ${what}, with the current status and the legal ones`, async () => {
        const order = await place({
          type: 'dine-in',
          table: '3',
          items: [{ menuItemId: burger, quantity: 1 }],
        });
        await moveTo(order.id, ...path);
        const current = path.at(-1) ?? 'CONFIRMED';
        const response = await call('PATCH', `/orders/${order.id}/status`, { status: to });
        assert.equal(response.status, 409);
        assert.equal(response.body.error.code, 'illegal_transition');
        assert.equal(response.body.error.currentStatus, current);
        assert.deepEqual(response.body.error.allowedStatuses, allowed);
        assert.match(
          response.body.error.message,
          new RegExp(`is ${current} and cannot become ${to}`),
        );
      });
    }

    test('409: SERVED is not how a delivery order ends', async () => {
      const order = await place({ ...deliveryTo(), items: [{ menuItemId: burger, quantity: 1 }] });
      await moveTo(order.id, 'PREPARING', 'READY');
      const response = await call('PATCH', `/orders/${order.id}/status`, { status: 'SERVED' });
      assert.equal(response.status, 409);
      assert.deepEqual(response.body.error.allowedStatuses, [
        'PREPARING',
        'OUT_FOR_DELIVERY',
        'CANCELLED',
      ]);
    });

    test('400 for an unknown status; 404 for an unknown order', async () => {
      const order = await place();
      const bad = await call('PATCH', `/orders/${order.id}/status`, { status: 'EATEN' });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'validation_failed');
      const missing = await call('PATCH', '/orders/nope/status', { status: 'PREPARING' });
      assert.equal(missing.status, 404);
    });

    describe('every (from, to) pair of each order type, against the table written out by hand', () => {
      // Orders are written straight in the status under test (as the API stores them), so a pair
      // costs one PATCH. Two callers of their own: together they send more than one member's
      // write budget per minute.
      let refused: TestUser;
      let moved: TestUser;
      before(async () => {
        refused = await createTestUser('status-table-refused');
        moved = await createTestUser('status-table-moved');
        // Their orders go with the file's (cleanUpOrders also removes every test dish).
        moreOrderers.push(refused.uid, moved.uid);
      });
      const stored = (status: OrderStatus, type: OrderType, by: TestUser) =>
        writeRawOrder(testFirebase().firestore, {
          status,
          type,
          createdAt: new Date(),
          createdBy: by.uid,
          quantity: 1,
          dish: { id: burger, name: 'Test burger', station: 'grill', priceMinor: 1650, currency: 'USD', taxRateBasisPoints: 0, taxInclusive: false },
        });

      for (const type of ORDER_TYPES) {
        test(`${type}: each illegal move → 409 illegal_transition with the legal ones; the order unchanged`, async () => {
          await Promise.all(
            ORDER_STATUSES.map(async (from) => {
              const id = await stored(from, type, refused);
              const allowed = STAFF_MOVES[type][from];
              for (const to of ORDER_STATUSES.filter((to) => !allowed.includes(to))) {
                const response = await call('PATCH', `/orders/${id}/status`, { status: to }, refused.idToken);
                assert.equal(response.status, 409, `${from} → ${to}: ${JSON.stringify(response.body)}`);
                assert.equal(response.body.error.code, 'illegal_transition');
                assert.equal(response.body.error.currentStatus, from);
                assert.deepEqual(response.body.error.allowedStatuses, allowed, `${from} → ${to}`);
              }
              const after = await docData(`orders/${id}`);
              assert.equal(after?.['status'], from);
              assert.equal(after?.['version'], 3, `${from}: nothing written`);
            }),
          );
        });

        test(`${type}: each legal move → 200 and stored`, async () => {
          const legal = ORDER_STATUSES.flatMap((from) => STAFF_MOVES[type][from].map((to) => [from, to] as const));
          await Promise.all(
            legal.map(async ([from, to]) => {
              const id = await stored(from, type, moved);
              const response = await call('PATCH', `/orders/${id}/status`, { status: to }, moved.idToken);
              assert.equal(response.status, 200, `${from} → ${to}: ${JSON.stringify(response.body)}`);
              assert.equal(response.body.status, to);
              assert.equal((await docData(`orders/${id}`))?.['status'], to, `${from} → ${to}`);
            }),
          );
        });
      }
    });

    test('CANCELLED runs the compensations: refund, stock back, courier cancelled; logged under the saga', async () => {
      const before = await stockOf(fries);
      const order = await place({ ...deliveryTo(), items: [{ menuItemId: fries, quantity: 4 }] });
      await moveTo(order.id, 'PREPARING');
      assert.equal(await stockOf(fries), before - 4);
      await moveTo(order.id, 'CANCELLED');
      assert.equal(await stockOf(fries), before);
      assert.equal((await docData(`payments/${order.id}`))?.['status'], 'refunded');
      assert.equal((await docData(`deliveries/${order.id}`))?.['status'], 'cancelled');
      const saga = await docData(`sagas/${order.id}`);
      assert.equal(saga?.['status'], 'compensated');
      assert.equal(saga?.['outcome'], 'cancelled');
      const log = await activityOf(order.id);
      const undo = log
        .map((e) => e['action'])
        .filter((a) => /REFUNDED|RESTORED|DELIVERY_CANCELLED/.test(String(a)));
      assert.deepEqual(undo, [
        'ORDER_DELIVERY_CANCELLED',
        'ORDER_INVENTORY_RESTORED',
        'ORDER_PAYMENT_REFUNDED',
      ]);
      assert.ok(log.every((e) => e['correlationId'] === order.correlationId));

      const again = await call('PATCH', `/orders/${order.id}/status`, { status: 'CANCELLED' });
      assert.equal(again.status, 409);
      assert.equal(await stockOf(fries), before, 'compensations ran once');
    });
  });

  describe('DELETE /api/orders/:id', () => {
    test('200 {orderId, version}: gone, its stock back and payment refunded; the log keeps what it was', async () => {
      const before = await stockOf(fries);
      const order = await place({ type: 'takeaway', items: [{ menuItemId: fries, quantity: 2 }] });
      const response = await call<{ orderId: string; version: number }>(
        'DELETE',
        `/orders/${order.id}`,
      );
      assert.equal(response.status, 200);
      assert.deepEqual(response.body, { orderId: order.id, version: order.version + 1 });
      assert.equal((await call('GET', `/orders/${order.id}`)).status, 404);
      assert.equal(await stockOf(fries), before);
      assert.equal((await docData(`payments/${order.id}`))?.['status'], 'refunded');
      const deleted = (await activityOf(order.id)).find((e) => e['action'] === 'ORDER_DELETED');
      assert.deepEqual((deleted?.['changes'] as Record<string, unknown>)['status'], {
        from: 'CONFIRMED',
        to: null,
      });
      assert.equal((await call('DELETE', `/orders/${order.id}`)).status, 404);
    });

    test('403 for staff on a served order (a sales record); an admin may', async () => {
      const order = await place({
        type: 'dine-in',
        table: '4',
        items: [{ menuItemId: burger, quantity: 1 }],
      });
      await moveTo(order.id, 'PREPARING', 'READY', 'SERVED');
      const refused = await call('DELETE', `/orders/${order.id}`);
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error.code, 'forbidden');
      const allowed = await call('DELETE', `/orders/${order.id}`, undefined, admin.idToken);
      assert.equal(allowed.status, 200);
      assert.equal(
        (await docData(`payments/${order.id}`))?.['status'],
        'authorized',
        'a served order is not refunded',
      );
    });
  });

  describe('order items', () => {
    const itemUrl = (orderId: string, itemId = '') =>
      `/orders/${orderId}/items${itemId ? `/${itemId}` : ''}`;

    test('POST 201: the item with its menu item; stock taken, totals and version updated', async () => {
      const order = await place();
      const before = await stockOf(fries);
      const response = await call<OrderItemResponse & OrderErrorBody>('POST', itemUrl(order.id), {
        menuItemId: fries,
        quantity: 2,
        notes: 'extra salt',
      });
      assert.equal(response.status, 201);
      assert.equal(response.body.orderId, order.id);
      assert.equal(response.body.version, order.version + 1);
      assert.equal(response.body.item.menuItem.name, 'Test fries');
      assert.equal(response.body.item.lineTotalMinor, 900);
      assert.equal(await stockOf(fries), before - 2);
      const updated = await call('GET', `/orders/${order.id}`);
      assert.equal(updated.body.totalMinor, order.totalMinor + 900);
      assert.equal(updated.body.items.at(-1)?.id, response.body.item.id);
    });

    test('PUT 200: more units take stock, fewer give it back; notes alone leave stock be', async () => {
      const order = await place({ type: 'takeaway', items: [{ menuItemId: fries, quantity: 2 }] });
      const itemId = order.items[0]!.id;
      const before = await stockOf(fries);
      const up = await call<OrderItemResponse>('PUT', itemUrl(order.id, itemId), { quantity: 5 });
      assert.equal(up.status, 200);
      assert.equal(up.body.item.quantity, 5);
      assert.equal(await stockOf(fries), before - 3);
      const down = await call<OrderItemResponse>('PUT', itemUrl(order.id, itemId), { quantity: 1 });
      assert.equal(await stockOf(fries), before + 1);
      assert.equal(down.body.version, order.version + 2);
      const notes = await call<OrderItemResponse>('PUT', itemUrl(order.id, itemId), {
        notes: 'crispy',
      });
      assert.equal(notes.body.item.notes, 'crispy');
      assert.equal(await stockOf(fries), before + 1);
      // Cancelling gives back what the order holds now, not what it was placed with.
      await moveTo(order.id, 'CANCELLED');
      assert.equal(await stockOf(fries), before + 2);
    });

    test('DELETE 200: the stock comes back; the last item cannot go (409)', async () => {
      const order = await place({
        type: 'takeaway',
        items: [
          { menuItemId: fries, quantity: 3 },
          { menuItemId: burger, quantity: 1 },
        ],
      });
      const before = await stockOf(fries);
      const removed = await call<{ orderId: string; itemId: string; version: number }>(
        'DELETE',
        itemUrl(order.id, order.items[0]!.id),
      );
      assert.equal(removed.status, 200);
      assert.deepEqual(removed.body, {
        orderId: order.id,
        itemId: order.items[0]!.id,
        version: order.version + 1,
      });
      assert.equal(await stockOf(fries), before + 3);
      const last = await call('DELETE', itemUrl(order.id, order.items[1]!.id));
      assert.equal(last.status, 409);
      assert.equal(last.body.error.code, 'order_not_editable');
    });

    test('404 for an unknown order, item or menu item; 409 unavailable, out of stock, or order too far along', async () => {
      const order = await place();
      assert.equal(
        (await call('POST', itemUrl('nope'), { menuItemId: fries, quantity: 1 })).status,
        404,
      );
      const unknownDish = await call('POST', itemUrl(order.id), {
        menuItemId: 'no-such-dish',
        quantity: 1,
      });
      assert.equal(unknownDish.status, 404);
      assert.equal(unknownDish.body.error.code, 'menu_item_not_found');
      assert.equal((await call('PUT', itemUrl(order.id, 'nope'), { quantity: 2 })).status, 404);
      assert.equal((await call('DELETE', itemUrl(order.id, 'nope'))).status, 404);
      const off = await call('POST', itemUrl(order.id), { menuItemId: offMenu, quantity: 1 });
      assert.equal(off.status, 409);
      assert.equal(off.body.error.code, 'menu_item_unavailable');
      const tooMany = await call('POST', itemUrl(order.id), { menuItemId: burger, quantity: 99 });
      assert.equal(tooMany.status, 201);
      const scarce = await createDish('scarce', { stock: 1 });
      const out = await call('POST', itemUrl(order.id), { menuItemId: scarce, quantity: 2 });
      assert.equal(out.status, 409);
      assert.equal(out.body.error.code, 'out_of_stock');
      assert.equal(await stockOf(scarce), 1);
      await moveTo(order.id, 'PREPARING', 'READY');
      const late = await call('POST', itemUrl(order.id), { menuItemId: fries, quantity: 1 });
      assert.equal(late.status, 409);
      assert.equal(late.body.error.code, 'order_not_editable');
    });

    test('400 for bad item bodies', async () => {
      const order = await place();
      for (const body of [
        { menuItemId: fries },
        { menuItemId: fries, quantity: 100 },
        { menuItemId: fries, quantity: 1, price: 0 },
      ]) {
        const response = await call('POST', itemUrl(order.id), body);
        assert.equal(response.status, 400, JSON.stringify(body));
      }
      const empty = await call('PUT', itemUrl(order.id, order.items[0]!.id), {});
      assert.equal(empty.status, 400);
    });
  });

  describe('authentication', () => {
    const routes: [string, string][] = [
      ['GET', '/orders'],
      ['POST', '/orders'],
      ['GET', '/orders/x'],
      ['PUT', '/orders/x'],
      ['DELETE', '/orders/x'],
      ['PATCH', '/orders/x/status'],
      ['POST', '/orders/x/items'],
      ['PUT', '/orders/x/items/y'],
      ['DELETE', '/orders/x/items/y'],
      ['GET', '/menu-items'],
    ];
    const forged = () =>
      unsignedIdToken({ sub: staff.uid, email: staff.email }, 'demo-some-other-project');
    for (const [method, path] of routes) {
      test(`${method} ${path}: 401 without a token, with garbage, with a forged token`, async () => {
        for (const token of [undefined, 'garbage', forged()]) {
          const body = method === 'GET' ? undefined : '{}';
          const response = await request<Body>(url(path), { method, token, body });
          assert.equal(response.status, 401, String(token));
          assert.equal(response.body.error.code, 'unauthenticated');
        }
      });
    }
  });
});

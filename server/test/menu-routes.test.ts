// The menu API (issue 19): admins run the menu, staff may only 86 a dish, every change is audited
// in its own transaction and broadcast, stock never goes below zero, placed orders keep their
// price and tax. A project of its own: categories and the service charge are workspace-wide, so
// this file never moves what other runs (or the demo) see.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type {
  ApiErrorBody,
  MenuCategory,
  MenuItem,
  MenuItemChangedEvent,
  MenuItemListResponse,
  MenuResponse,
  Order,
  ServiceCharge,
} from '@maestro/contracts';
import type { Socket } from 'socket.io-client';
import { createFirebase, type FirebaseServices } from '../src/firebase';
import { assertEmulatorsRunning } from './support/firebase-test-env';
import { connected, nextEvent, openSocket } from './support/sockets';
import { request, startTestServer, type JsonResponse, type TestServer } from './support/test-server';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

const PROJECT = `demo-maestro-menu-${randomBytes(4).toString('hex')}`;

describe('menu API', () => {
  let own: FirebaseServices;
  let api: TestServer;
  let admin: TestUser;
  let staff: TestUser;
  let stranger: TestUser;
  const sockets: Socket[] = [];

  const call = <T = unknown>(user: TestUser, method: string, path: string, body?: unknown) =>
    request<T & ApiErrorBody>(`${api.baseUrl}/api${path}`, {
      method,
      token: user.idToken,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const ok = <T>(response: JsonResponse<T>, status = 200): T => {
    assert.equal(response.status, status, JSON.stringify(response.body));
    return response.body;
  };
  const entriesAbout = async (id: string) =>
    (await own.firestore.collection('activity').where('subject.id', '==', id).get()).docs.map((d) => d.data());
  const stored = async (id: string) => (await own.firestore.doc(`menuItems/${id}`).get()).data();
  const kitchenSocket = async () => {
    const socket = openSocket(api.baseUrl, { auth: { token: staff.idToken } });
    sockets.push(socket);
    await connected(socket);
    await socket.timeout(5000).emitWithAck('join', { rooms: ['kitchen'] });
    return socket;
  };

  let food: MenuCategory;
  const newCategory = (name: string, taxRateBasisPoints = 1000, taxInclusive = false) =>
    call<MenuCategory>(admin, 'POST', '/menu/categories', { name, taxRateBasisPoints, taxInclusive }).then((r) => ok(r, 201));
  const newDish = (overrides: Record<string, unknown> = {}) =>
    call<MenuItem>(admin, 'POST', '/menu/items', {
      name: `Dish ${randomUUID().slice(0, 6)}`,
      categoryId: food.id,
      station: 'grill',
      priceMinor: 1650,
      currency: 'USD',
      available: true,
      stock: 20,
      ...overrides,
    }).then((r) => ok(r, 201));
  const place = (menuItemId: string, quantity = 1, type: 'takeaway' | 'dine-in' = 'takeaway') =>
    request<Order & ApiErrorBody>(`${api.baseUrl}/api/orders`, {
      method: 'POST',
      token: staff.idToken,
      headers: { 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({
        type,
        ...(type === 'dine-in' ? { table: '7' } : {}),
        items: [{ menuItemId, quantity }],
      }),
    });

  before(async () => {
    await assertEmulatorsRunning();
    own = createFirebase(PROJECT);
    api = await startTestServer({ firestore: own.firestore });
    admin = await createTestUser('menu-admin', { admin: true });
    staff = await createTestUser('menu-staff');
    stranger = await createTestUser('menu-stranger', { member: false });
    food = await newCategory('Food');
  });
  after(async () => {
    for (const socket of sockets) socket.disconnect();
    await api.close();
    await fetch(
      `http://${process.env['FIRESTORE_EMULATOR_HOST']}/emulator/v1/projects/${PROJECT}/databases/(default)/documents`,
      { method: 'DELETE' },
    );
    await own.close();
    await deleteTestUsers();
  });

  describe('dishes', () => {
    test('an admin adds a dish: it takes its category’s name and tax, is audited with who and what, and the kitchen hears of it', async () => {
      const socket = await kitchenSocket();
      const heard = nextEvent<MenuItemChangedEvent>(socket, 'menu-item:created');
      const dish = await newDish({ name: '  Smash   burger ' });
      assert.equal(dish.name, 'Smash burger', 'spaces tidied');
      assert.equal(dish.category, 'Food');
      assert.equal(dish.categoryId, food.id);
      assert.equal(dish.taxRateBasisPoints, 1000);
      assert.equal(dish.taxInclusive, false);
      assert.equal(dish.stock, 20);
      assert.equal(dish.version, 1);
      assert.deepEqual((await heard).menuItem, dish);
      const [entry] = await entriesAbout(dish.id);
      assert.equal(entry?.['action'], 'MENU_ITEM_CREATED');
      assert.equal(entry?.['actorUid'], admin.uid);
      assert.deepEqual(entry?.['subject'], { type: 'menuItem', id: dish.id });
      assert.deepEqual((entry?.['changes'] as Record<string, unknown>)['priceMinor'], { from: null, to: 1650 });
      const menu = ok(await call<MenuResponse>(staff, 'GET', '/menu'));
      assert.ok(menu.menuItems.some((item) => item.id === dish.id), 'staff read the menu');
    });

    test('a new dish is orderable at once, priced with its tax', async () => {
      const dish = await newDish({ priceMinor: 1650 });
      const order = ok(await place(dish.id, 2), 201);
      assert.equal(order.subtotalMinor, 3300);
      assert.equal(order.taxMinor, 330);
      assert.equal(order.totalMinor, 3630);
      assert.deepEqual(order.items[0]?.menuItem.taxRateBasisPoints, 1000);
    });

    test('a price change never touches placed orders; new orders take the new price', async () => {
      const dish = await newDish({ priceMinor: 1000 });
      const placed = ok(await place(dish.id, 3), 201);
      ok(await call(admin, 'PUT', `/menu/items/${dish.id}`, { priceMinor: 2500 }));
      const again = ok(await request<Order>(`${api.baseUrl}/api/orders/${placed.id}`, { token: staff.idToken }));
      assert.equal(again.totalMinor, placed.totalMinor);
      assert.equal(again.items[0]?.unitPriceMinor, 1000);
      assert.equal(again.items[0]?.menuItem.priceMinor, 1000);
      const later = ok(await place(dish.id, 1), 201);
      assert.equal(later.items[0]?.unitPriceMinor, 2500);
      const updated = (await entriesAbout(dish.id)).find((e) => e['action'] === 'MENU_ITEM_UPDATED');
      assert.deepEqual((updated?.['changes'] as Record<string, unknown>)['priceMinor'], { from: 1000, to: 2500 });
    });

    test('archived: off the order menu and refused on an order; unarchived: back', async () => {
      const dish = await newDish();
      const archived = ok(await call<MenuItem>(admin, 'PUT', `/menu/items/${dish.id}`, { archived: true }));
      assert.equal(archived.archived, true);
      const menuItems = ok(await call<{ menuItems: MenuItem[] }>(staff, 'GET', '/menu-items')).menuItems;
      assert.ok(!menuItems.some((item) => item.id === dish.id));
      assert.equal((await place(dish.id)).status, 404);
      ok(await call(admin, 'PUT', `/menu/items/${dish.id}`, { archived: false }));
      ok(await place(dish.id), 201);
      const actions = (await entriesAbout(dish.id)).map((e) => e['action']);
      assert.ok(actions.includes('MENU_ITEM_ARCHIVED') && actions.includes('MENU_ITEM_UNARCHIVED'));
    });

    test('staff 86 a dish and bring it back (audited, broadcast); anything else is for admins, in words', async () => {
      const dish = await newDish();
      const socket = await kitchenSocket();
      const heard = nextEvent<MenuItemChangedEvent>(socket, 'menu-item:updated');
      const off = ok(await call<MenuItem>(staff, 'PUT', `/menu/items/${dish.id}`, { available: false }));
      assert.equal(off.available, false);
      assert.deepEqual((await heard).changedFields, ['available']);
      assert.equal((await place(dish.id)).status, 409, 'an 86’d dish cannot be ordered');
      ok(await call(staff, 'PUT', `/menu/items/${dish.id}`, { available: true }));
      const entries = (await entriesAbout(dish.id)).filter((e) => e['action'] === 'MENU_ITEM_AVAILABILITY_CHANGED');
      assert.equal(entries.length, 2);
      assert.ok(entries.every((e) => e['actorUid'] === staff.uid));

      const price = await call(staff, 'PUT', `/menu/items/${dish.id}`, { priceMinor: 1, available: false });
      assert.equal(price.status, 403);
      assert.match(price.body.error.message, /Staff may only mark a dish available or unavailable/);
      assert.equal((await stored(dish.id))?.['available'], true, 'nothing of the refused change was written');
      for (const [method, path, body] of [
        ['POST', '/menu/items', { name: 'x' }],
        ['POST', `/menu/items/${dish.id}/stock`, { change: 5, reason: 'delivery' }],
        ['POST', '/menu/categories', { name: 'Staff picks', taxRateBasisPoints: 0, taxInclusive: false }],
        ['PUT', `/menu/categories/${food.id}`, { taxRateBasisPoints: 0 }],
        ['PUT', '/menu/service-charge', { serviceRateBasisPoints: { 'dine-in': 0, takeaway: 0, delivery: 0 } }],
      ] as const) {
        const refused = await call(staff, method, path, body);
        assert.equal(refused.status, 403, `${method} ${path}`);
        assert.match(refused.body.error.message, /administrator/);
      }
    });

    test('a stranger with a Firebase account reads and writes nothing', async () => {
      for (const [method, path] of [
        ['GET', '/menu'],
        ['POST', '/menu/items'],
        ['PUT', '/menu/service-charge'],
      ] as const) {
        const refused = await call(stranger, method, path, method === 'GET' ? undefined : {});
        assert.equal(refused.status, 403, `${method} ${path}`);
        assert.equal(refused.body.error.code, 'not_a_member');
      }
    });

    test('malformed and oversized input: 400 with the field in words, nothing written', async () => {
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ priceMinor: -1 }, /priceMinor must be at least 0/],
        [{ priceMinor: 12.5 }, /priceMinor must be a whole number/],
        [{ priceMinor: 1_000_001 }, /priceMinor must be at most/],
        [{ currency: 'usd' }, /currency must be an ISO 4217 code/],
        [{ station: 'oven' }, /station must be one of/],
        [{ name: '   ' }, /name must not be empty/],
        [{ name: 'x'.repeat(81) }, /name must be at most 80 characters/],
        [{ stock: -3 }, /stock must be at least 0/],
        [{ sneaky: true }, /sneaky/],
      ];
      const before = (await own.firestore.collection('menuItems').count().get()).data().count;
      for (const [overrides, message] of cases) {
        const response = await call(admin, 'POST', '/menu/items', {
          name: 'Bad dish',
          categoryId: food.id,
          station: 'grill',
          priceMinor: 100,
          currency: 'USD',
          available: true,
          ...overrides,
        });
        assert.equal(response.status, 400, JSON.stringify(overrides));
        assert.match(JSON.stringify(response.body.error), message);
      }
      const unknownCategory = await newDish({ categoryId: 'no-such-category' }).catch((e: Error) => e);
      assert.match(String(unknownCategory), /404/);
      const huge = await request<ApiErrorBody>(`${api.baseUrl}/api/menu/items`, {
        method: 'POST',
        token: admin.idToken,
        body: JSON.stringify({ name: 'x'.repeat(2_000_000) }),
      });
      assert.equal(huge.status, 413);
      assert.equal((await own.firestore.collection('menuItems').count().get()).data().count, before);
      const dish = await newDish();
      const empty = await call(admin, 'PUT', `/menu/items/${dish.id}`, {});
      assert.equal(empty.status, 400);
      assert.equal((await call(admin, 'PUT', '/menu/items/no.such.dish', { available: true })).status, 404);
      assert.equal((await call(admin, 'PUT', '/menu/items/nope', { available: true })).status, 404);
    });
  });

  describe('stock', () => {
    test('restock and adjust with a reason, audited; below zero is a 409 in words that changes nothing', async () => {
      const dish = await newDish({ stock: 4 });
      const restocked = ok(await call<MenuItem>(admin, 'POST', `/menu/items/${dish.id}/stock`, { change: 6, reason: 'Morning delivery' }));
      assert.equal(restocked.stock, 10);
      const refused = await call(admin, 'POST', `/menu/items/${dish.id}/stock`, { change: -11, reason: 'Spoiled' });
      assert.equal(refused.status, 409);
      assert.match(refused.body.error.message, /Only 10 .* left: taking away 11 would go below zero/);
      assert.equal((await stored(dish.id))?.['stock'], 10);
      const adjusted = ok(await call<MenuItem>(admin, 'POST', `/menu/items/${dish.id}/stock`, { change: -10, reason: 'Spoiled' }));
      assert.equal(adjusted.stock, 0);
      const entries = (await entriesAbout(dish.id)).filter((e) => e['action'] === 'MENU_STOCK_ADJUSTED');
      assert.equal(entries.length, 2, 'the refused adjustment left no entry');
      assert.ok(entries.some((e) => JSON.stringify(e['changes']).includes('Morning delivery')));
      const noReason = await call(admin, 'POST', `/menu/items/${dish.id}/stock`, { change: 1, reason: '' });
      assert.equal(noReason.status, 400);
      const zero = await call(admin, 'POST', `/menu/items/${dish.id}/stock`, { change: 0, reason: 'x' });
      assert.equal(zero.status, 400);
    });

    test('restocks and orders at the same moment lose no unit', async () => {
      const dish = await newDish({ stock: 10 });
      const restocks = Array.from({ length: 10 }, () =>
        call(admin, 'POST', `/menu/items/${dish.id}/stock`, { change: 1, reason: 'Top up' }),
      );
      const orders = Array.from({ length: 10 }, () => place(dish.id, 1));
      const answers = await Promise.all([...restocks, ...orders]);
      const restocked = answers.slice(0, 10).filter((r) => r.status === 200).length;
      const placed = answers.slice(10).filter((r) => r.status === 201).length;
      assert.equal(restocked, 10);
      assert.equal(placed, 10, JSON.stringify(answers.slice(10).map((r) => r.status)));
      assert.equal((await stored(dish.id))?.['stock'], 10 + restocked - placed);
    });
  });

  test('a flood of menu writes by one member: past the write limit 429 with Retry-After, nothing more written', async () => {
    const limits = { points: 1000, durationSeconds: 60 };
    const small = await startTestServer({
      firestore: own.firestore,
      limits: {
        rateLimits: {
          memberWrites: { points: 3, durationSeconds: 60 },
          memberReads: limits,
          publicPerIp: limits,
          authFailuresPerIp: { ...limits, blockSeconds: 300 },
          socketJoins: limits,
          socketsPerMember: 1000,
        },
      },
    });
    try {
      const dish = await newDish({ stock: 0 });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const response = await request<ApiErrorBody>(`${small.baseUrl}/api/menu/items/${dish.id}/stock`, {
          method: 'POST',
          token: staff.idToken,
          body: JSON.stringify({ change: 1, reason: 'flood' }),
        });
        statuses.push(response.status);
        if (response.status === 429) assert.ok(Number(response.headers.get('retry-after')) >= 1);
      }
      // Staff are refused (403) until the limit, then refused before their body is read (429).
      assert.deepEqual(statuses, [403, 403, 403, 429, 429]);
      assert.equal((await stored(dish.id))?.['stock'], 0);
    } finally {
      await small.close();
    }
  });

  describe('categories, tax and the service charge', () => {
    test('rename and a new tax: the dishes follow in the same commit; placed orders keep the tax they had', async () => {
      const drinks = await newCategory('Drinks', 2000, true);
      const dish = await newDish({ categoryId: drinks.id, priceMinor: 1200 });
      const placed = ok(await place(dish.id), 201);
      assert.equal(placed.taxMinor, 200, '20 % inside 12.00');
      assert.equal(placed.totalMinor, 1200, 'inclusive: the price is what the customer pays');
      const socket = await kitchenSocket();
      const heard = nextEvent<MenuItemChangedEvent>(socket, 'menu-item:updated');
      const renamed = ok(await call<MenuCategory>(admin, 'PUT', `/menu/categories/${drinks.id}`, {
        name: 'Bar',
        taxRateBasisPoints: 1000,
        taxInclusive: false,
      }));
      assert.equal(renamed.name, 'Bar');
      const moved = await heard;
      assert.equal(moved.menuItem.category, 'Bar');
      assert.equal(moved.menuItem.taxRateBasisPoints, 1000);
      const data = await stored(dish.id);
      assert.equal(data?.['category'], 'Bar');
      assert.equal(data?.['taxInclusive'], false);
      const again = ok(await request<Order>(`${api.baseUrl}/api/orders/${placed.id}`, { token: staff.idToken }));
      assert.equal(again.taxMinor, 200);
      assert.equal(again.totalMinor, 1200);
      const later = ok(await place(dish.id), 201);
      assert.equal(later.totalMinor, 1320, 'now 10 % on top');
      const [entry] = (await entriesAbout(drinks.id)).filter((e) => e['action'] === 'MENU_CATEGORY_UPDATED');
      assert.deepEqual((entry?.['changes'] as Record<string, unknown>)['name'], { from: 'Drinks', to: 'Bar' });
    });

    test('a category name is unique (any case); a bad rate is refused', async () => {
      const taken = await call(admin, 'POST', '/menu/categories', { name: 'FOOD', taxRateBasisPoints: 0, taxInclusive: false });
      assert.equal(taken.status, 409);
      assert.match(taken.body.error.message, /already a menu category named “Food”/);
      for (const rate of [-1, 10_001, 8.25]) {
        const bad = await call(admin, 'POST', '/menu/categories', { name: `Rate ${rate}`, taxRateBasisPoints: rate, taxInclusive: false });
        assert.equal(bad.status, 400, String(rate));
      }
    });

    test('reorder: every category in the new order, else 409; broadcast', async () => {
      const menu = ok(await call<MenuResponse>(admin, 'GET', '/menu'));
      const ids = menu.categories.map((c) => c.id);
      const missing = await call(admin, 'PUT', '/menu/category-order', { categoryIds: ids.slice(1) });
      assert.equal(missing.status, 409);
      assert.match(missing.body.error.message, /changed meanwhile/);
      const repeated = await call(admin, 'PUT', '/menu/category-order', { categoryIds: [ids[0], ...ids] });
      assert.equal(repeated.status, 400);
      const socket = await kitchenSocket();
      const heard = nextEvent<{ categories: MenuCategory[] }>(socket, 'menu-categories:reordered');
      const reversed = [...ids].reverse();
      const answer = ok(await call<MenuCategory[]>(admin, 'PUT', '/menu/category-order', { categoryIds: reversed }));
      assert.deepEqual(answer.map((c) => c.id), reversed);
      assert.deepEqual((await heard).categories.map((c) => c.position), reversed.map((_, i) => i));
      const after = ok(await call<MenuResponse>(staff, 'GET', '/menu'));
      assert.deepEqual(after.categories.map((c) => c.id), reversed);
      // The order menu (New order) lists dishes in that order too, with the categories to keep it.
      const listed = ok(await call<MenuItemListResponse>(staff, 'GET', '/menu-items'));
      assert.deepEqual(listed.categories?.map((c) => c.id), reversed);
      const rank = (item: MenuItem) => (reversed.includes(item.categoryId) ? reversed.indexOf(item.categoryId) : reversed.length);
      const ranks = listed.menuItems.map(rank);
      assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), 'dishes by category position, uncategorised last');
    });

    test('the service charge applies per order type to orders placed after it, untaxed', async () => {
      const dish = await newDish({ priceMinor: 1650 });
      const before = ok(await place(dish.id, 1, 'dine-in'), 201);
      assert.equal(before.serviceMinor, 0);
      const set = ok(await call<ServiceCharge>(admin, 'PUT', '/menu/service-charge', {
        serviceRateBasisPoints: { 'dine-in': 1250, takeaway: 0, delivery: 0 },
      }));
      assert.equal(set.serviceRateBasisPoints['dine-in'], 1250);
      const dineIn = ok(await place(dish.id, 1, 'dine-in'), 201);
      assert.equal(dineIn.serviceRateBasisPoints, 1250);
      assert.equal(dineIn.serviceMinor, 206, '12.5 % of 16.50 = 2.0625');
      assert.equal(dineIn.taxMinor, 165);
      assert.equal(dineIn.totalMinor, 1650 + 165 + 206);
      const takeaway = ok(await place(dish.id, 1), 201);
      assert.equal(takeaway.serviceMinor, 0);
      const unchanged = ok(await request<Order>(`${api.baseUrl}/api/orders/${before.id}`, { token: staff.idToken }));
      assert.equal(unchanged.totalMinor, before.totalMinor);
      const bad = await call(admin, 'PUT', '/menu/service-charge', { serviceRateBasisPoints: { 'dine-in': 1000 } });
      assert.equal(bad.status, 400);
      const [entry] = await entriesAbout('serviceCharge');
      assert.equal(entry?.['action'], 'SERVICE_CHARGE_CHANGED');
      assert.deepEqual((entry?.['changes'] as Record<string, unknown>)['dine-in'], { from: 0, to: 1250 });
    });
  });
});

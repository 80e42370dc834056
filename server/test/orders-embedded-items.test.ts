// The board reads a page of orders with one query: each order carries its items
// (`orders/{id}.items`, embedded-items.ts), written with the subcollection in the same transaction.
// Here: the array stays exactly the subcollection through placement, item edits and paid edits;
// the board and GET /:id answer as before; an order without the array, or with a wrong one,
// is read from its subcollection (never a 500); the migration gives old orders the array.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  ORDER_ITEMS_MAX,
  ORDER_ITEM_NOTES_MAX,
  type Order,
  type OrderErrorBody,
  type OrderItem,
  type OrderItemResponse,
  type OrderListResponse,
} from '@maestro/contracts';
import { FieldValue, Timestamp, type DocumentData, type Firestore } from 'firebase-admin/firestore';
import { embedItems, embeddedItemsOf, migrateOrderItems } from '../src/orders/embedded-items';
import { withinBytes } from '../src/orders/repository';
import { createFirebase } from '../src/firebase';
import {
  itemsRef,
  orderRef,
  toOrderItem,
  type OrderDoc,
  type OrderItemDoc,
} from '../src/orders/order-docs';
import { assertEmulatorsRunning, closeTestFirebase, testFirebase } from './support/firebase-test-env';
import { cleanUpOrders, createDish, postOrder } from './support/orders-fixtures';
import { request, startTestServer, type TestServer } from './support/test-server';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

type Body = Order & OrderErrorBody & OrderItemResponse;

let api: TestServer;
let staff: TestUser;
let cheap: string; // $10.00
let pricey: string; // $60.00
let lavish: string; // $200.00
let penny: string; // $0.01

before(async () => {
  await assertEmulatorsRunning();
  api = await startTestServer({ saga: { stepTimeoutMs: 2000, faultInjection: true } });
  staff = await createTestUser('embedded-items');
  cheap = await createDish('cheap', { priceMinor: 1000, stock: 1000 });
  pricey = await createDish('pricey', { name: 'Test steak', priceMinor: 6000, stock: 1000 });
  lavish = await createDish('lavish', { priceMinor: 20_000, stock: 1000 });
  penny = await createDish('penny', { priceMinor: 1, stock: 10_000 });
});
after(async () => {
  await api.close();
  await cleanUpOrders([staff.uid]);
  await deleteTestUsers();
  await closeTestFirebase();
});

const db = () => testFirebase().firestore;
const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  request<Body>(`${api.baseUrl}/api/orders${path}`, {
    method,
    token: staff.idToken,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function place(
  items: { menuItemId: string; quantity: number; notes?: string }[],
): Promise<Order> {
  const response = await postOrder(api.baseUrl, staff.idToken, { type: 'takeaway', items });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body;
}

/** The items as the subcollection holds them: what the API served before the array existed. */
async function subcollectionItems(orderId: string): Promise<OrderItem[]> {
  const items = await itemsRef(db(), orderId).orderBy('position').get();
  return items.docs.map((item) => toOrderItem(item.id, item.data() as OrderItemDoc));
}

/** Every active order of this test's user on the board, by id (all pages). */
async function board(): Promise<Map<string, Order>> {
  const orders = new Map<string, Order>();
  let cursor: string | null = null;
  do {
    const query: string =
      '?status=PENDING,CONFIRMED,PREPARING,READY,OUT_FOR_DELIVERY&pageSize=100' +
      (cursor ? `&cursor=${encodeURIComponent(cursor)}` : '');
    const page = await request<OrderListResponse>(`${api.baseUrl}/api/orders${query}`, {
      token: staff.idToken,
    });
    assert.equal(page.status, 200, JSON.stringify(page.body));
    for (const order of page.body.orders)
      if (order.createdBy === staff.uid) orders.set(order.id, order);
    cursor = page.body.nextCursor;
  } while (cursor);
  return orders;
}

/** The stored array is exactly the subcollection, and the board and GET /:id serve it. */
async function assertExact(orderId: string): Promise<OrderItem[]> {
  const expected = await subcollectionItems(orderId);
  const stored = (await orderRef(db(), orderId).get()).data();
  const items = await itemsRef(db(), orderId).get();
  assert.deepEqual(
    stored?.['items'],
    embedItems(items.docs.map((item) => [item.id, item.data() as OrderItemDoc])),
    'the array on the order is the subcollection',
  );
  assert.deepEqual(embeddedItemsOf(stored), expected, 'and it is trusted');
  assert.deepEqual((await call('GET', `/${orderId}`)).body.items, expected);
  const onBoard = (await board()).get(orderId);
  assert.deepEqual(onBoard?.items, expected, 'the board serves the same items');
  return expected;
}

describe('the items travel with the order', () => {
  test('placed: the board answers with the same shape and items as GET /:id and the subcollection', async () => {
    const order = await place([
      { menuItemId: cheap, quantity: 2, notes: 'no onions' },
      { menuItemId: pricey, quantity: 1 },
      { menuItemId: cheap, quantity: 1 },
    ]);
    const items = await assertExact(order.id);
    assert.equal(items.length, 3);
    assert.deepEqual(items, order.items, 'the placement answer too');
    const listed = (await board()).get(order.id)!;
    const single = (await call('GET', `/${order.id}`)).body;
    assert.deepEqual(listed, single, 'a board entry is the order as GET /:id shows it');
    assert.deepEqual(Object.keys(listed).sort(), Object.keys(single).sort());
  });

  test('add, change (quantity, notes) and remove: the array follows every edit exactly', async () => {
    const order = await place([{ menuItemId: cheap, quantity: 1 }]);
    const added = await call('POST', `/${order.id}/items`, { menuItemId: pricey, quantity: 1 });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    await assertExact(order.id);
    const changed = await call('PUT', `/${order.id}/items/${order.items[0]!.id}`, {
      quantity: 3,
      notes: 'crispy',
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    const afterChange = await assertExact(order.id);
    assert.equal(afterChange[0]!.quantity, 3);
    assert.equal(afterChange[0]!.notes, 'crispy');
    const removed = await call('DELETE', `/${order.id}/items/${order.items[0]!.id}`);
    assert.equal(removed.status, 200, JSON.stringify(removed.body));
    const afterRemove = await assertExact(order.id);
    assert.deepEqual(
      afterRemove.map((item) => item.id),
      [added.body.item.id],
    );
    const readded = await call('POST', `/${order.id}/items`, { menuItemId: cheap, quantity: 2 });
    assert.equal(readded.status, 201);
    assert.deepEqual(
      (await assertExact(order.id)).map((item) => item.id),
      [added.body.item.id, readded.body.item.id],
      'still in the order they were added',
    );
  });

  test('paid edits: an authorized increase carries its line; a decline and a failed commit change nothing', async () => {
    const order = await place([{ menuItemId: cheap, quantity: 1 }]);
    // $60 more than the card holds: authorized, then committed with the line.
    const paid = await call('POST', `/${order.id}/items`, { menuItemId: pricey, quantity: 1 });
    assert.equal(paid.status, 201, JSON.stringify(paid.body));
    const before = await assertExact(order.id);
    assert.equal(before.length, 2);
    // Past the simulated card's 5,000.00: declined, the order as it was.
    const declined = await call('POST', `/${order.id}/items`, { menuItemId: lavish, quantity: 30 });
    assert.equal(declined.status, 402, JSON.stringify(declined.body));
    assert.deepEqual(await assertExact(order.id), before);
    // Authorized, then the commit fails: released, the order as it was.
    const failed = await call(
      'PUT',
      `/${order.id}/items/${order.items[0]!.id}`,
      { quantity: 5 },
      { 'X-Maestro-Faults': 'edit-commit=error' },
    );
    assert.equal(failed.status, 503, JSON.stringify(failed.body));
    assert.deepEqual(await assertExact(order.id), before);
  });

  test(`${ORDER_ITEMS_MAX} lines with the longest notes fit on the order, far below 1 MiB`, async () => {
    // 4-byte characters: the most bytes the notes cap allows.
    const notes = '🍔'.repeat(ORDER_ITEM_NOTES_MAX / 2);
    const order = await place(
      Array.from({ length: ORDER_ITEMS_MAX }, () => ({ menuItemId: penny, quantity: 99, notes })),
    );
    const items = await assertExact(order.id);
    assert.equal(items.length, ORDER_ITEMS_MAX);
    const bytes = storedSize((await orderRef(db(), order.id).get()).data());
    assert.ok(bytes < 64 * 1024, `${bytes} bytes stored`);
  });
});

describe('an order without a trustworthy array', () => {
  const hostile: [string, (doc: OrderDoc) => DocumentData][] = [
    ['no items field (an order from before)', () => ({ items: FieldValue.delete() })],
    ['items is text', () => ({ items: 'garbage' })],
    ['items is a map', () => ({ items: { a: 1 } })],
    ['a line that is not one', () => ({ items: [{ id: 'x', quantity: 'many' }] })],
    ['a line with a bogus menu item', (doc) => ({ items: doc.items!.map((item) => ({ ...item, menuItem: 7 })) })],
    ['one line too few', (doc) => ({ items: doc.items!.slice(1) })],
    ['lines that do not add up to the subtotal', (doc) => ({ items: doc.items!.map((item) => ({ ...item, lineTotalMinor: 1 })) })],
    ['lines out of order', (doc) => ({ items: [...doc.items!].reverse() })],
    ['nulls in the array', (doc) => ({ items: doc.items!.map(() => null) })],
  ];

  test('is read from its subcollection: the board and GET /:id answer 200 with the right items', async () => {
    const orders: [string, string][] = [];
    for (const [what, tamper] of hostile) {
      const order = await place([
        { menuItemId: cheap, quantity: 1 },
        { menuItemId: pricey, quantity: 2 },
      ]);
      const ref = orderRef(db(), order.id);
      await ref.update(tamper((await ref.get()).data() as OrderDoc));
      orders.push([what, order.id]);
    }
    const listed = await board();
    for (const [what, id] of orders) {
      const expected = await subcollectionItems(id);
      assert.equal(expected.length, 2);
      assert.deepEqual(listed.get(id)?.items, expected, what);
      const single = await call('GET', `/${id}`);
      assert.equal(single.status, 200, what);
      assert.deepEqual(single.body.items, expected, what);
    }
  });

  test('its next item edit writes the array again', async () => {
    const order = await place([{ menuItemId: cheap, quantity: 1 }]);
    await orderRef(db(), order.id).update({ items: FieldValue.delete() });
    const added = await call('POST', `/${order.id}/items`, { menuItemId: cheap, quantity: 1 });
    assert.equal(added.status, 201);
    assert.equal((await assertExact(order.id)).length, 2);
  });

  test('a malformed array and no item documents at all: 200 with no items, not a 500', async () => {
    const order = await place([{ menuItemId: cheap, quantity: 1 }]);
    await db().recursiveDelete(itemsRef(db(), order.id));
    await orderRef(db(), order.id).update({ items: [{ garbage: true }] });
    assert.deepEqual((await board()).get(order.id)?.items, []);
    const single = await call('GET', `/${order.id}`);
    assert.equal(single.status, 200);
    assert.deepEqual(single.body.items, []);
  });
});

describe('migrateOrderItems', () => {
  // A project of its own: the migration walks every order, and the shared one has other runs'.
  const project = `demo-maestro-migrate-${randomBytes(4).toString('hex')}`;
  const own = createFirebase(project);
  after(async () => {
    await own.firestore.recursiveDelete(own.firestore.collection('orders'));
    await own.close();
  });

  test('gives old-shape and tampered orders the array from their subcollection, once; versions untouched', async () => {
    const fs = own.firestore;
    const old = await storedOrder(fs, [1000, 6000, 1000]); // from before: no array
    const tampered = await storedOrder(fs, [450], { items: 'garbage' });
    const current = await storedOrder(fs, [1650, 450], 'embedded');
    const broken = await storedOrder(fs, [1000], { itemCount: 4 }); // its lines disagree with it
    const snapshot = async (id: string) => (await orderRef(fs, id).get()).data()!;
    const before = new Map(
      await Promise.all([old, tampered, current, broken].map(async (id) => [id, await snapshot(id)] as const)),
    );

    const first = await migrateOrderItems(fs);
    assert.deepEqual(first, { checked: 4, migrated: 2 });
    for (const id of [old, tampered, current]) {
      const doc = await snapshot(id);
      const items = await itemsRef(fs, id).get();
      assert.deepEqual(doc['items'], embedItems(items.docs.map((item) => [item.id, item.data() as OrderItemDoc])));
      assert.ok(embeddedItemsOf(doc));
      const { items: _after, ...rest } = doc;
      const { items: _before, ...restBefore } = before.get(id)!;
      assert.deepEqual(rest, restBefore, 'nothing else changed: version, times, totals');
    }
    assert.deepEqual(await snapshot(broken), before.get(broken), 'left to its subcollection');
    assert.deepEqual(await migrateOrderItems(fs), { checked: 4, migrated: 0 }, 'nothing left');
  });
});

/** An order written straight to Firestore as the API stores it, with its item documents. */
async function storedOrder(
  fs: Firestore,
  prices: number[],
  shape: 'embedded' | Partial<Record<keyof OrderDoc, unknown>> = {},
): Promise<string> {
  const id = fs.collection('orders').doc().id;
  const at = Timestamp.now();
  const items: [string, OrderItemDoc][] = prices.map((priceMinor, position) => [
    randomUUID(),
    {
      menuItemId: `dish-${position}`,
      quantity: 1,
      notes: '',
      unitPriceMinor: priceMinor,
      lineTotalMinor: priceMinor,
      position,
      menuItem: { id: `dish-${position}`, name: 'Dish', category: 'Mains', station: 'grill', priceMinor, currency: 'USD' },
    },
  ]);
  const subtotalMinor = prices.reduce((sum, price) => sum + price, 0);
  const doc: OrderDoc = {
    type: 'takeaway',
    table: null,
    address: null,
    customerName: '',
    notes: '',
    status: 'CONFIRMED',
    currency: 'USD',
    subtotalMinor,
    totalMinor: subtotalMinor,
    itemCount: items.length,
    nextPosition: items.length,
    version: 2,
    createdAt: at,
    updatedAt: at,
    createdBy: 'someone',
    updatedBy: 'someone',
    failure: null,
    correlationId: randomUUID(),
  };
  const batch = fs.batch();
  batch.create(orderRef(fs, id), {
    ...doc,
    ...(shape === 'embedded' ? { items: embedItems(items) } : shape),
  });
  for (const [itemId, item] of items) batch.create(itemsRef(fs, id).doc(itemId), item);
  await batch.commit();
  return id;
}

/** Firestore's size of a stored document's fields (strings: UTF-8 bytes + 1; numbers 8; …). */
function storedSize(value: unknown): number {
  if (value === null || typeof value === 'boolean') return 1;
  if (typeof value === 'number') return 8;
  if (typeof value === 'string') return Buffer.byteLength(value) + 1;
  if (value instanceof Timestamp) return 8;
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + storedSize(v), 0);
  if (typeof value === 'object')
    return Object.entries(value).reduce(
      (sum, [key, v]) => sum + Buffer.byteLength(key) + 1 + storedSize(v),
      0,
    );
  return 0;
}

describe('a board page is bounded in bytes too', () => {
  test('orders are kept while their JSON fits (always at least one), the rest go to the next page', async () => {
    const order = (size: number) => ({ id: 'x'.repeat(size) }) as unknown as Order;
    assert.equal(withinBytes([order(100), order(100), order(100)], 250), 2);
    assert.equal(withinBytes([order(1000)], 10), 1, 'one order, however big');
    assert.equal(withinBytes([order(10), order(10)], 1000), 2);
    assert.equal(withinBytes([], 1000), 0);
  });
});

import { randomUUID } from 'node:crypto';
import type { CreateOrderRequest, MenuItem, Order, OrderErrorBody } from '@maestro/contracts';
import { FieldPath, type Firestore } from 'firebase-admin/firestore';
import { testFirebase } from './firebase-test-env';
import { request, type JsonResponse } from './test-server';

// Each test file orders from dishes of its own (unique ids), so it never moves the demo menu's
// stock and never collides with another run. Everything is removed afterwards.

const RUN = randomUUID().slice(0, 8);
const menuIds: string[] = [];

/** A dish as stored; the fields of issue 19 (category id, tax, archived, version) are optional. */
export type TestDish = Omit<MenuItem, 'id' | 'categoryId' | 'archived' | 'taxRateBasisPoints' | 'taxInclusive' | 'version'> &
  Partial<Pick<MenuItem, 'categoryId' | 'archived' | 'taxRateBasisPoints' | 'taxInclusive' | 'version'>>;

export const dish = (overrides: Partial<TestDish> = {}): TestDish => ({
  name: 'Test burger',
  category: 'Mains',
  station: 'grill',
  priceMinor: 1650,
  currency: 'USD',
  stock: 100,
  available: true,
  ...overrides,
});

/** Creates a menu item `t-<run>-<label>` and returns its id. */
export async function createDish(
  label: string,
  overrides: Partial<TestDish> = {},
): Promise<string> {
  const id = `t-${RUN}-${label}-${menuIds.length}`;
  await db().collection('menuItems').doc(id).set(dish(overrides));
  menuIds.push(id);
  return id;
}

export async function stockOf(menuItemId: string): Promise<number> {
  return Number((await db().collection('menuItems').doc(menuItemId).get()).get('stock'));
}

export async function docData(path: string): Promise<Record<string, unknown> | undefined> {
  return (await db().doc(path).get()).data();
}

export function orderBody(
  menuItemId: string,
  overrides: Partial<CreateOrderRequest> & Record<string, unknown> = {},
): CreateOrderRequest {
  return {
    type: 'takeaway',
    items: [{ menuItemId, quantity: 1 }],
    ...overrides,
  } as CreateOrderRequest;
}

export const deliveryTo = (
  postalCode = '10115',
): Pick<Extract<CreateOrderRequest, { type: 'delivery' }>, 'type' | 'address'> => ({
  type: 'delivery',
  address: { street: '1 Test Street', city: 'Berlin', postalCode },
});

export function postOrder(
  baseUrl: string,
  token: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse<Order & OrderErrorBody>> {
  // The API requires a key per order (a retry sends the same one): a fresh one unless given.
  return request<Order & OrderErrorBody>(`${baseUrl}/api/orders`, {
    method: 'POST',
    token,
    headers: { 'Idempotency-Key': randomUUID(), ...headers },
    body: JSON.stringify(body),
  });
}

/** The activity entries of one order, oldest first. */
export async function activityOf(orderId: string): Promise<Record<string, unknown>[]> {
  const entries = await db().collection('activity').where('subject.id', '==', orderId).get();
  return entries.docs
    .map((entry) => entry.data())
    .sort(
      (a, b) =>
        (a['at'] as { toMillis(): number }).toMillis() -
        (b['at'] as { toMillis(): number }).toMillis(),
    );
}

/** Deletes the test dishes and every order (with its saga, payment, delivery, stock hold, edit authorizations, log) of these users. */
export async function cleanUpOrders(uids: string[]): Promise<void> {
  const firestore = db();
  const ids = new Set<string>();
  for (const chunk of chunks(uids, 30)) {
    for (const [collection, field] of [
      ['orders', 'createdBy'],
      ['sagas', 'actor.uid'],
    ] as const) {
      const found = await firestore.collection(collection).where(field, 'in', chunk).select().get();
      for (const doc of found.docs) ids.add(doc.id);
    }
    const keys = await firestore
      .collection('idempotencyKeys')
      .where('uid', 'in', chunk)
      .select()
      .get();
    await Promise.all(keys.docs.map((doc) => doc.ref.delete()));
  }
  // Several orders at a time: a burst test leaves hundreds.
  for (const group of chunks([...ids], 16)) {
    await Promise.all(
      group.map(async (id) => {
        await firestore.recursiveDelete(firestore.collection('orders').doc(id));
        for (const collection of ['sagas', 'payments', 'deliveries', 'inventoryReservations'])
          await firestore.collection(collection).doc(id).delete();
      }),
    );
  }
  for (const chunk of chunks([...ids], 30)) {
    const holds = await firestore.collection('editAuthorizations').where('orderId', 'in', chunk).select().get();
    await Promise.all(holds.docs.map((doc) => doc.ref.delete()));
    const entries = await firestore
      .collection('activity')
      .where(new FieldPath('subject', 'id'), 'in', chunk)
      .select()
      .get();
    await Promise.all(entries.docs.map((doc) => doc.ref.delete()));
  }
  await Promise.all(
    menuIds.splice(0).map((id) => firestore.collection('menuItems').doc(id).delete()),
  );
}

function chunks<T>(list: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(list.length / size) }, (_, i) =>
    list.slice(i * size, (i + 1) * size),
  );
}

const db = (): Firestore => testFirebase().firestore;

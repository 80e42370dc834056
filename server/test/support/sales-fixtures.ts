// Helpers of the sales-report tests: a Firestore project of the test's own (the aggregates are
// per workspace, so no other test's orders may land in them), orders written as the API stores
// them, and the recount the aggregates must equal.
import { randomBytes, randomUUID } from 'node:crypto';
import type { OrderStatus, OrderType } from '@maestro/contracts';
import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS } from '../../src/orders/order-docs';
import { SALES_COLLECTIONS, type StoredOrder } from '../../src/reports/sales-aggregates';
import { emptyTally, tallyOrder } from '../../src/reports/sales-tally';

export const salesProjectId = () => `demo-maestro-sales-${randomBytes(3).toString('hex')}`;

export async function wipeProject(projectId: string): Promise<void> {
  const host = process.env['FIRESTORE_EMULATOR_HOST'];
  if (!host || !projectId.startsWith('demo-')) throw new Error(`refusing to wipe ${projectId}`);
  const response = await fetch(`http://${host}/emulator/v1/projects/${projectId}/databases/(default)/documents`, {
    method: 'DELETE',
  });
  if (!response.ok) throw new Error(`wiping ${projectId}: ${response.status}`);
}

/** Deterministic randomness (mulberry32): a failing run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface MenuDish {
  id: string;
  name: string;
  station: string;
  priceMinor: number;
  currency: string;
  taxRateBasisPoints: number;
  taxInclusive: boolean;
}

export async function writeMenu(db: Firestore, dishes: readonly MenuDish[], stock: number): Promise<void> {
  await Promise.all(
    dishes.map(({ id, ...dish }) =>
      db.collection(COLLECTIONS.menuItems).doc(id).set({
        ...dish,
        category: 'Mains',
        categoryId: '',
        stock,
        available: true,
        archived: false,
        version: 1,
      }),
    ),
  );
}

/**
 * An order written straight to Firestore as older code stored it (no tax fields, no
 * `salesCountedAs`): what the rebuild backfills, or a placed order at a chosen time.
 */
export async function writeRawOrder(
  db: Firestore,
  options: { status: OrderStatus; createdAt: Date; dish: MenuDish; quantity: number; type?: OrderType; createdBy: string },
): Promise<string> {
  const id = db.collection(COLLECTIONS.orders).doc().id;
  const { dish, quantity } = options;
  const total = dish.priceMinor * quantity;
  const at = Timestamp.fromDate(options.createdAt);
  const item = {
    id: randomUUID(),
    menuItemId: dish.id,
    quantity,
    notes: '',
    unitPriceMinor: dish.priceMinor,
    lineTotalMinor: total,
    position: 0,
    menuItem: { id: dish.id, name: dish.name, category: 'Mains', station: dish.station, priceMinor: dish.priceMinor, currency: dish.currency },
  };
  await db.collection(COLLECTIONS.orders).doc(id).set({
    type: options.type ?? 'takeaway',
    table: null,
    address: null,
    customerName: '',
    notes: '',
    status: options.status,
    currency: dish.currency,
    subtotalMinor: total,
    totalMinor: total,
    itemCount: 1,
    nextPosition: 1,
    version: 3,
    createdAt: at,
    updatedAt: at,
    createdBy: options.createdBy,
    updatedBy: options.createdBy,
    failure: null,
    correlationId: randomUUID(),
    items: [item],
  });
  return id;
}

type Loose = Record<string, unknown>;

const isZeroSlice = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  Object.values(value as Loose).every((field) => typeof field !== 'number' || field === 0);

/** A day or month document without the slices that hold only zeros (left by uncounting). */
function withoutZeroSlices(doc: Loose): Loose {
  const out: Loose = { ...doc };
  for (const key of ['hours', 'types', 'dishes', 'stations']) {
    if (!(key in out)) continue;
    out[key] = Object.fromEntries(Object.entries(out[key] as Loose).filter(([, slice]) => !isZeroSlice(slice)));
  }
  return out;
}

/** The aggregates as stored, keyed by document id, zero slices left out. */
export async function storedAggregates(db: Firestore): Promise<{ days: Loose; months: Loose }> {
  const read = async (collection: string) =>
    Object.fromEntries(
      (await db.collection(collection).get()).docs
        .map((doc) => [doc.id, withoutZeroSlices(doc.data())] as const)
        .filter(([, doc]) => !isZeroSlice(doc['totals'])),
    );
  return { days: await read(SALES_COLLECTIONS.days), months: await read(SALES_COLLECTIONS.months) };
}

/** The aggregates counted again from every order, by the same rule: what they must equal. */
export async function recount(db: Firestore, timeZone: string): Promise<{ days: Loose; months: Loose }> {
  const tally = emptyTally();
  const orders = await db.collection(COLLECTIONS.orders).orderBy('createdAt').get();
  for (const order of orders.docs) tallyOrder(tally, order.data() as StoredOrder, timeZone);
  const plain = (map: Map<string, object>) =>
    Object.fromEntries([...map].map(([id, doc]) => [id, withoutZeroSlices(JSON.parse(JSON.stringify(doc)) as Loose)]));
  return { days: plain(tally.days), months: plain(tally.months) };
}

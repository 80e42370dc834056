// The board bench's orders, written straight into Firestore with firebase-admin in the exact
// shape the API stores (OrderDoc / OrderItemDoc): placing 5,000 through the saga would take
// ~10 minutes (~8 orders/s). They go to a Firestore project of their own, so nothing that counts
// the demo project's orders ever sees them, and wiping that project cleans up everything.
import { randomUUID } from 'node:crypto';
import type { OrderStatus, OrderType } from '@maestro/contracts';
import { Timestamp, type DocumentReference, type Firestore } from 'firebase-admin/firestore';
import { DEMO_MENU } from '../../scripts/seed/demo-data.ts';
import { embedItems } from '../../server/src/orders/embedded-items.ts';
import {
  itemsRef,
  orderRef,
  orderedMenuItem,
  toMenuItem,
  type OrderDoc,
  type OrderItemDoc,
} from '../../server/src/orders/order-docs.ts';

/** The board's columns at the start, and which types each holds in turn. */
const START_MIX: readonly { status: OrderStatus; share: number; types: readonly OrderType[] }[] = [
  { status: 'CONFIRMED', share: 0.27, types: ['dine-in', 'takeaway', 'delivery'] },
  { status: 'PREPARING', share: 0.27, types: ['dine-in', 'takeaway', 'delivery'] },
  // Mostly delivery: READY → OUT_FOR_DELIVERY is one of the moves the bench streams.
  {
    status: 'READY',
    share: 0.34,
    types: ['delivery', 'dine-in', 'delivery', 'takeaway', 'delivery'],
  },
  { status: 'OUT_FOR_DELIVERY', share: 0.12, types: ['delivery'] },
];

export interface SeededOrder {
  id: string;
  type: OrderType;
  status: OrderStatus;
  version: number;
}

const MENU = DEMO_MENU.flatMap(({ id, ...rest }) => toMenuItem(id, rest) ?? []);
const BATCH = 400; // documents per commit (Firestore takes 500)
const PARALLEL_BATCHES = 4;

/**
 * Writes `count` active orders, oldest first, and returns them in that order (the board's).
 * One item line each (the issue-16 measurement's shape: before, the API read every order's items
 * with a query of its own, whose cost on the emulator grows with the item documents). `shape`:
 * `embedded` (default) as the API stores orders now, the items on the order too; `before` as it
 * stored them before (items in the subcollection only), for the migration and the baseline.
 */
export async function seedOrders(
  db: Firestore,
  count: number,
  by: { uid: string },
  shape: 'embedded' | 'before' = 'embedded',
): Promise<SeededOrder[]> {
  const now = Date.now();
  const writes: { ref: DocumentReference; data: object }[] = [];
  const seeded: SeededOrder[] = [];
  let index = 0;
  for (const [column, { status, share, types }] of START_MIX.entries()) {
    const inColumn = column === START_MIX.length - 1 ? count - index : Math.round(count * share);
    for (let i = 0; i < inColumn; i++, index++) {
      const type = types[i % types.length]!;
      const id = db.collection('orders').doc().id;
      const item = itemFor(index);
      const itemId = randomUUID();
      // One second apart, oldest first: the list (newest first) pages through all of them.
      const at = Timestamp.fromMillis(now - (count - index) * 1000);
      const doc: OrderDoc = {
        type,
        table: type === 'dine-in' ? `T${(index % 40) + 1}` : null,
        address:
          type === 'delivery'
            ? { street: `${index + 1} Bench Street`, city: 'Berlin', postalCode: '10115' }
            : null,
        customerName: `Guest ${index + 1}`,
        notes: '',
        status,
        currency: 'USD',
        subtotalMinor: item.lineTotalMinor,
        totalMinor: item.lineTotalMinor,
        itemCount: 1,
        nextPosition: 1,
        version: 3, // placed (1), confirmed by the saga (2), one staff move (3)
        createdAt: at,
        updatedAt: at,
        createdBy: by.uid,
        updatedBy: by.uid,
        failure: null,
        correlationId: randomUUID(),
        authorizedMinor: item.lineTotalMinor,
        ...(shape === 'embedded' ? { items: embedItems([[itemId, item]]) } : {}),
      };
      writes.push({ ref: orderRef(db, id), data: doc });
      writes.push({ ref: itemsRef(db, id).doc(itemId), data: item });
      seeded.push({ id, type, status, version: doc.version });
    }
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL_BATCHES }, async () => {
      while (next < writes.length) {
        const batch = db.batch();
        for (const { ref, data } of writes.slice(next, (next += BATCH))) batch.create(ref, data);
        await batch.commit();
      }
    }),
  );
  return seeded;
}

function itemFor(index: number): OrderItemDoc {
  const menuItem = MENU[(index * 7) % MENU.length]!;
  const quantity = (index % 3) + 1;
  return {
    menuItemId: menuItem.id,
    quantity,
    notes: '',
    unitPriceMinor: menuItem.priceMinor,
    lineTotalMinor: menuItem.priceMinor * quantity,
    position: 0,
    menuItem: orderedMenuItem(menuItem),
  };
}

/** A legal forward move for a staff member, or null for an order the bench does not move. */
export function forwardMove(order: SeededOrder): OrderStatus | null {
  switch (order.status) {
    case 'CONFIRMED':
      return 'PREPARING';
    case 'PREPARING':
      return 'READY';
    case 'READY':
      return order.type === 'delivery' ? 'OUT_FOR_DELIVERY' : null;
    default:
      return null;
  }
}

/**
 * Deletes every document of a bench project (the emulator's reset endpoint). A project keeps
 * what was deleted from it and its queries stay slower, so each run takes a project of its own.
 */
export async function wipeProject(projectId: string): Promise<void> {
  const host = process.env['FIRESTORE_EMULATOR_HOST'];
  if (!host || !projectId.startsWith('demo-')) throw new Error(`refusing to wipe ${projectId}`);
  const response = await fetch(
    `http://${host}/emulator/v1/projects/${projectId}/databases/(default)/documents`,
    { method: 'DELETE' },
  );
  if (!response.ok) throw new Error(`wiping ${projectId}: ${response.status}`);
}

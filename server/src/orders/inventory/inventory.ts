import { FieldValue, type Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS, menuItemRef } from '../order-docs';
import type { KeyedLock } from './keyed-lock';

/** Units per menu item id. */
export type StockLines = Record<string, number>;

/** `inventoryReservations/{orderId}`: what an order holds, so a release gives back exactly that. */
export interface ReservationDoc {
  orderId: string;
  status: 'held' | 'released';
  lines: StockLines;
}

export type ReleaseResult = 'restored' | 'voided' | 'already-restored';

/** A definitive "not enough": nothing was reserved. */
export class OutOfStock extends Error {
  constructor(
    readonly shortages: { menuItemId: string; requested: number; available: number }[],
    message = `Not enough left of ${shortages
      .map((s) => `${s.menuItemId} (${s.available} left, ${s.requested} asked)`)
      .join(', ')}.`,
  ) {
    super(message);
    this.name = 'OutOfStock';
  }
}

// Many orders for the same dish contend for one document: retry more than the default 5.
export const STOCK_TRANSACTION = { maxAttempts: 30 };

export const reservationRef = (db: Firestore, orderId: string) =>
  db.collection(COLLECTIONS.reservations).doc(orderId);

/**
 * Stock lives in `menuItems/{id}.stock`. Every change reads it inside a transaction and never
 * takes it below zero, so concurrent orders for the last unit cannot both get it.
 */
export function firestoreInventory(db: Firestore, lock: KeyedLock) {
  return {
    async reserve(orderId: string, lines: StockLines): Promise<void> {
      await lock(Object.keys(lines), () => reserveNow(orderId, lines));
    },

    async release(orderId: string): Promise<ReleaseResult> {
      // Read what the order holds to queue on those dishes; should it change meanwhile, the
      // transaction is still right, merely not queued.
      const held = (await reservationRef(db, orderId).get()).get('lines') as StockLines | undefined;
      return lock(Object.keys(held ?? {}), () => releaseNow(orderId));
    },
  };

  async function reserveNow(orderId: string, lines: StockLines): Promise<void> {
    await db.runTransaction(async (tx) => {
      const reservation = await tx.get(reservationRef(db, orderId));
      const status = reservation.get('status') as ReservationDoc['status'] | undefined;
      if (status === 'held') return; // a retry
      if (status === 'released')
        throw new OutOfStock([], 'The order was cancelled before its stock was reserved.');
      const ids = Object.keys(lines);
      const items = await tx.getAll(...ids.map((id) => menuItemRef(db, id)));
      const shortages = items.flatMap((item, i) => {
        const available = item.exists ? Number(item.get('stock') ?? 0) : 0;
        const requested = lines[ids[i]!]!;
        return available < requested ? [{ menuItemId: ids[i]!, requested, available }] : [];
      });
      if (shortages.length) throw new OutOfStock(shortages);
      items.forEach((item, i) =>
        tx.update(item.ref, { stock: Number(item.get('stock')) - lines[ids[i]!]! }),
      );
      const doc: ReservationDoc = { orderId, status: 'held', lines };
      tx.set(reservationRef(db, orderId), { ...doc, updatedAt: FieldValue.serverTimestamp() });
    }, STOCK_TRANSACTION);
  }

  function releaseNow(orderId: string): Promise<ReleaseResult> {
    return db.runTransaction(async (tx) => {
      const reservation = await tx.get(reservationRef(db, orderId));
      const status = reservation.get('status') as ReservationDoc['status'] | undefined;
      if (status === 'released') return 'already-restored';
      const lines = (status === 'held' ? reservation.get('lines') : {}) as StockLines;
      const ids = Object.keys(lines);
      const items = ids.length ? await tx.getAll(...ids.map((id) => menuItemRef(db, id))) : [];
      // A dish taken off the menu since has no stock to give back to.
      items.forEach((item, i) => {
        if (item.exists) tx.update(item.ref, { stock: FieldValue.increment(lines[ids[i]!]!) });
      });
      tx.set(reservationRef(db, orderId), {
        orderId,
        status: 'released',
        lines,
        updatedAt: FieldValue.serverTimestamp(),
      });
      return status === 'held' ? 'restored' : 'voided';
    }, STOCK_TRANSACTION);
  }
}

export type Inventory = ReturnType<typeof firestoreInventory>;

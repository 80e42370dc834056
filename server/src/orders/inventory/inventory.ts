import { FieldValue, type Firestore } from 'firebase-admin/firestore';
import { menuItemRef } from '../order-docs';
import type { KeyedLock } from './keyed-lock';
import { reservationBatches } from './reservation-batches';

import {
  STOCK_TRANSACTION,
  reservationRef,
  type ReleaseResult,
  type ReservationDoc,
  type StockLines,
} from './stock-docs';

/**
 * Stock lives in `menuItems/{id}.stock`. Every change reads it inside a transaction and never
 * takes it below zero, so concurrent orders for the last unit cannot both get it.
 */
export function firestoreInventory(db: Firestore, lock: KeyedLock) {
  const batches = reservationBatches(db, lock);
  return {
    /** Reserves every line or nothing; throws OutOfStock when a dish has too few left. */
    reserve: (orderId: string, lines: StockLines): Promise<void> => batches.reserve(orderId, lines),

    async release(orderId: string): Promise<ReleaseResult> {
      // Read what the order holds to queue on those dishes; should it change meanwhile, the
      // transaction is still right, merely not queued.
      const held = (await reservationRef(db, orderId).get()).get('lines') as StockLines | undefined;
      return lock(Object.keys(held ?? {}), () => releaseNow(orderId));
    },
  };

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

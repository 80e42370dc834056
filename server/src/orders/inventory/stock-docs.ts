import type { Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS } from '../order-docs';

// What stock reservations are made of, shared by the inventory and its reservation batches.

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

import { FieldValue, type Firestore } from 'firebase-admin/firestore';
import { menuItemRef } from '../order-docs';
import type { KeyedLock } from './keyed-lock';
import {
  OutOfStock,
  STOCK_TRANSACTION,
  reservationRef,
  type ReservationDoc,
  type StockLines,
} from './stock-docs';

interface Request {
  orderId: string;
  lines: StockLines;
  resolve(): void;
  reject(error: unknown): void;
}

/** Orders per transaction: each writes its reservation, the batch one update per dish. */
export const MAX_ORDERS_PER_BATCH = 200;
/** Firestore's limit is 500 writes per commit. */
const MAX_WRITES_PER_BATCH = 450;

/**
 * Stock reservations of this node, committed in batches: the requests that arrive while a batch
 * is being written wait for the next one, which reserves for all of them in one transaction (one
 * read of each dish, one write of each dish, a reservation per order), first come first served.
 *
 * Why: one transaction per order on a hot dish queues every order behind the others on one
 * document (about 15 ms each on the emulator), so a burst of 400 orders outwaits the step's
 * timeout and buyers are refused while stock is left. Batched, the same burst is a handful of
 * commits and every order gets a definitive answer: reserved, or out of stock.
 * Correctness stays with the transaction (it never takes stock below zero); the lock (this
 * node's queue, plus Redis across nodes) only keeps batches of different nodes from colliding.
 */
export function reservationBatches(db: Firestore, lock: KeyedLock) {
  const waiting: Request[] = [];
  let writing = false;

  function reserve(orderId: string, lines: StockLines): Promise<void> {
    return new Promise((resolve, reject) => {
      waiting.push({ orderId, lines, resolve, reject });
      if (!writing) void writeBatches();
    });
  }

  async function writeBatches(): Promise<void> {
    writing = true;
    try {
      while (waiting.length > 0) {
        const batch = takeBatch();
        const dishes = [...new Set(batch.flatMap((request) => Object.keys(request.lines)))];
        try {
          const refused = await lock(dishes, () => commit(batch, dishes));
          for (const request of batch) {
            const refusal = refused.get(request.orderId);
            if (refusal) request.reject(refusal);
            else request.resolve();
          }
        } catch (error) {
          // The commit failed (Firestore unreachable, contention past every retry): nothing of
          // this batch was reserved; each saga treats it as its step failing.
          for (const request of batch) request.reject(error);
        }
      }
    } finally {
      writing = false;
    }
  }

  /** The oldest requests that fit in one commit (always at least one). */
  function takeBatch(): Request[] {
    const batch: Request[] = [];
    const dishes = new Set<string>();
    while (waiting.length > 0 && batch.length < MAX_ORDERS_PER_BATCH) {
      const next = waiting[0]!;
      const more = Object.keys(next.lines).filter((id) => !dishes.has(id));
      if (batch.length > 0 && batch.length + 1 + dishes.size + more.length > MAX_WRITES_PER_BATCH) break;
      batch.push(waiting.shift()!);
      for (const id of more) dishes.add(id);
    }
    return batch;
  }

  /** One transaction for the batch; resolves with the refusal of each order that got nothing. */
  function commit(batch: Request[], dishes: string[]): Promise<Map<string, OutOfStock>> {
    return db.runTransaction(async (tx) => {
      const snapshots = await tx.getAll(
        ...batch.map((request) => reservationRef(db, request.orderId)),
        ...dishes.map((id) => menuItemRef(db, id)),
      );
      const reservations = snapshots.slice(0, batch.length);
      const left = new Map(
        dishes.map((id, i) => {
          const dish = snapshots[batch.length + i]!;
          return [id, dish.exists ? Number(dish.get('stock') ?? 0) : 0];
        }),
      );
      const refused = new Map<string, OutOfStock>();
      const reserved = new Map<string, StockLines>();
      for (const [i, request] of batch.entries()) {
        const status = reservations[i]!.get('status') as ReservationDoc['status'] | undefined;
        if (status === 'held') continue; // a retry of an order that has its stock
        if (status === 'released') {
          refused.set(request.orderId, new OutOfStock([], 'The order was cancelled before its stock was reserved.'));
          continue;
        }
        const shortages = Object.entries(request.lines).flatMap(([id, requested]) => {
          const available = left.get(id) ?? 0;
          return available < requested ? [{ menuItemId: id, requested, available }] : [];
        });
        if (shortages.length > 0) {
          refused.set(request.orderId, new OutOfStock(shortages));
          continue;
        }
        for (const [id, requested] of Object.entries(request.lines)) left.set(id, left.get(id)! - requested);
        reserved.set(request.orderId, request.lines);
      }
      for (const [i, id] of dishes.entries()) {
        const dish = snapshots[batch.length + i]!;
        if (dish.exists && left.get(id) !== Number(dish.get('stock') ?? 0)) tx.update(dish.ref, { stock: left.get(id) });
      }
      for (const [orderId, lines] of reserved) {
        const doc: ReservationDoc = { orderId, status: 'held', lines };
        tx.set(reservationRef(db, orderId), { ...doc, updatedAt: FieldValue.serverTimestamp() });
      }
      return refused;
    }, STOCK_TRANSACTION);
  }

  return { reserve };
}

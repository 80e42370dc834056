import type { FieldChanges } from '@maestro/contracts';
import { Timestamp } from 'firebase-admin/firestore';
import { ApiError } from '../../http/api-error';
import type { Actor } from '../activity';
import { comparableFields, type OrderDoc, type OrderItemDoc } from '../order-docs';

// What cancelling and deleting an order write and refuse, apart from the transactions
// (cancellation.ts). No I/O: saga-fields.test.ts walks every case.

/** The order as a cancellation leaves it: CANCELLED, one version up, by `actor`. */
export function cancelledOrder(doc: OrderDoc, actor: Actor, now: Date): OrderDoc {
  return { ...doc, status: 'CANCELLED', version: doc.version + 1, updatedAt: Timestamp.fromDate(now), updatedBy: actor.uid };
}

/** Served and delivered orders are sales records: only an administrator deletes those. */
export function assertMayDelete(orderId: string, doc: Pick<OrderDoc, 'status'>, admin: boolean): void {
  if ((doc.status === 'SERVED' || doc.status === 'DELIVERED') && !admin) {
    throw new ApiError(
      403,
      'forbidden',
      `Order ${orderId} is ${doc.status}: it is a sales record, and only an administrator deletes those.`,
    );
  }
}

/** A deletion's activity changes: every field and item as it was, to nothing. */
export function deletedChanges(doc: OrderDoc, items: OrderItemDoc[]): FieldChanges {
  return {
    ...Object.fromEntries(Object.entries(comparableFields(doc)).map(([key, from]) => [key, { from, to: null }])),
    items: {
      from: items.map((item) => ({ menuItemId: item.menuItemId, quantity: item.quantity })),
      to: null,
    },
    version: { from: doc.version, to: doc.version + 1 },
  };
}

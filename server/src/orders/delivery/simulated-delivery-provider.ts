import { FieldValue, type Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS } from '../order-docs';
import {
  DeliveryRefused,
  type CancelDeliveryResult,
  type DeliveryProvider,
} from './delivery-provider';

/** The simulated courier does not serve this postal code (a deterministic "no coverage"). */
export const SIMULATED_UNSERVED_POSTAL_CODE = '00000';

type DeliveryStatus = 'scheduled' | 'refused' | 'cancelled' | 'voided';

/**
 * A stand-in courier service that keeps its bookings in `deliveries/{deliveryId}`, one
 * transaction per call, so a retry never books twice and a cancel before the booking wins.
 */
export function simulatedDeliveryProvider(db: Firestore): DeliveryProvider {
  const ref = (id: string) => db.collection(COLLECTIONS.deliveries).doc(id);
  return {
    async schedule({ deliveryId, orderId, address }) {
      const outcome = await db.runTransaction(async (tx): Promise<DeliveryStatus> => {
        const status = (await tx.get(ref(deliveryId))).get('status') as DeliveryStatus | undefined;
        if (status !== undefined) return status;
        const decided: DeliveryStatus =
          address.postalCode === SIMULATED_UNSERVED_POSTAL_CODE ? 'refused' : 'scheduled';
        tx.set(ref(deliveryId), {
          orderId,
          address,
          status: decided,
          provider: 'simulated',
          updatedAt: FieldValue.serverTimestamp(),
        });
        return decided;
      });
      if (outcome === 'refused')
        throw new DeliveryRefused(`No courier delivers to postal code ${address.postalCode}.`);
      if (outcome !== 'scheduled')
        throw new DeliveryRefused('This delivery was cancelled before it could be booked.');
    },

    async cancel(deliveryId) {
      return db.runTransaction(async (tx): Promise<CancelDeliveryResult> => {
        const status = (await tx.get(ref(deliveryId))).get('status') as DeliveryStatus | undefined;
        if (status === 'cancelled') return 'already-cancelled';
        if (status === 'voided' || status === 'refused') return 'not-scheduled';
        const next: DeliveryStatus = status === 'scheduled' ? 'cancelled' : 'voided';
        tx.set(
          ref(deliveryId),
          {
            status: next,
            cancelledAt: FieldValue.serverTimestamp(),
            updatedAt: FieldValue.serverTimestamp(),
          },
          { merge: true },
        );
        return next;
      });
    },
  };
}

import { FieldValue, type Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS } from '../order-docs';
import { PaymentDeclined, type PaymentProvider, type RefundResult } from './payment-provider';

/** The simulated card limit: an authorization above it is declined, like a real card's. */
export const SIMULATED_CARD_LIMIT_MINOR = 500_000;

type PaymentStatus = 'authorized' | 'declined' | 'refunded' | 'voided';

/**
 * A stand-in processor that keeps its ledger in `payments/{paymentId}`. Each call is one
 * transaction keyed by the payment id, so retries and concurrent calls cannot double-charge:
 * a refund of a payment never authorized leaves a `voided` record that refuses a late authorize.
 */
export function simulatedPaymentProvider(db: Firestore): PaymentProvider {
  const ref = (id: string) => db.collection(COLLECTIONS.payments).doc(id);
  return {
    async authorize({ paymentId, orderId, amountMinor, currency }) {
      const outcome = await db.runTransaction(async (tx): Promise<PaymentStatus> => {
        const status = (await tx.get(ref(paymentId))).get('status') as PaymentStatus | undefined;
        if (status !== undefined) return status; // a retry: answer what was decided
        const decided: PaymentStatus =
          amountMinor > SIMULATED_CARD_LIMIT_MINOR ? 'declined' : 'authorized';
        tx.set(ref(paymentId), {
          orderId,
          amountMinor,
          currency,
          status: decided,
          provider: 'simulated',
          updatedAt: FieldValue.serverTimestamp(),
        });
        return decided;
      });
      if (outcome === 'declined')
        throw new PaymentDeclined('The card was declined: the amount is over its limit.');
      if (outcome !== 'authorized')
        throw new PaymentDeclined('This payment was cancelled before it could be authorized.');
    },

    async refund(paymentId) {
      return db.runTransaction(async (tx): Promise<RefundResult> => {
        const snapshot = await tx.get(ref(paymentId));
        const status = snapshot.get('status') as PaymentStatus | undefined;
        if (status === 'refunded') return 'already-refunded';
        if (status === 'voided' || status === 'declined') return 'not-charged';
        const next: PaymentStatus = status === 'authorized' ? 'refunded' : 'voided';
        tx.set(
          ref(paymentId),
          {
            status: next,
            refundedAt: FieldValue.serverTimestamp(),
            updatedAt: FieldValue.serverTimestamp(),
          },
          { merge: true },
        );
        return next;
      });
    },
  };
}

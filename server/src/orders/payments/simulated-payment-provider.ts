import { FieldValue, type Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS } from '../order-docs';
import {
  PaymentDeclined,
  type PaymentProvider,
  type RefundResult,
  type VoidIncrementResult,
} from './payment-provider';

/**
 * The simulated card limit, per payment: an authorization, or an increment that would bring
 * what the payment holds in all above it, is declined, like a real card's.
 */
export const SIMULATED_CARD_LIMIT_MINOR = 500_000;

type PaymentStatus = 'authorized' | 'declined' | 'refunded' | 'voided';
type IncrementStatus = 'authorized' | 'declined' | 'voided';

/** `payments/{id}.increments.{incrementId}`. */
interface IncrementRecord {
  amountMinor: number;
  status: IncrementStatus;
}

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
          // What the payment holds in all: the amount plus its authorized increments.
          authorizedMinor: decided === 'authorized' ? amountMinor : 0,
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

    async authorizeIncrement({ paymentId, incrementId, amountMinor, currency }) {
      const outcome = await db.runTransaction(async (tx): Promise<IncrementStatus | 'closed'> => {
        const snapshot = await tx.get(ref(paymentId));
        const increments = (snapshot.get('increments') ?? {}) as Record<string, IncrementRecord>;
        const known = increments[incrementId];
        if (known) return known.status; // a retry: answer what was decided
        const open =
          snapshot.get('status') === 'authorized' && snapshot.get('currency') === currency;
        const held = heldBy(snapshot.data());
        const decided: IncrementStatus =
          open && held + amountMinor <= SIMULATED_CARD_LIMIT_MINOR ? 'authorized' : 'declined';
        const record: IncrementRecord = { amountMinor, status: decided };
        tx.set(
          ref(paymentId),
          {
            increments: { [incrementId]: record },
            ...(decided === 'authorized' ? { authorizedMinor: held + amountMinor } : {}),
            updatedAt: FieldValue.serverTimestamp(),
          },
          { merge: true },
        );
        return open ? decided : 'closed';
      });
      if (outcome === 'declined')
        throw new PaymentDeclined(
          "The card was declined for the extra amount: it would go over the card's limit.",
        );
      if (outcome === 'closed')
        throw new PaymentDeclined('The payment of this order is no longer open for more.');
      if (outcome === 'voided')
        throw new PaymentDeclined('This extra amount was cancelled before it could be authorized.');
    },

    async voidIncrement(paymentId, incrementId) {
      return db.runTransaction(async (tx): Promise<VoidIncrementResult> => {
        const snapshot = await tx.get(ref(paymentId));
        const increments = (snapshot.get('increments') ?? {}) as Record<string, IncrementRecord>;
        const known = increments[incrementId];
        if (known?.status === 'voided') return 'already-voided';
        if (known?.status === 'declined') return 'not-authorized';
        // Never seen: a tombstone refuses the increment should it arrive late.
        const record: IncrementRecord = { amountMinor: known?.amountMinor ?? 0, status: 'voided' };
        const held = heldBy(snapshot.data());
        tx.set(
          ref(paymentId),
          {
            increments: { [incrementId]: record },
            ...(known ? { authorizedMinor: Math.max(0, held - known.amountMinor) } : {}),
            updatedAt: FieldValue.serverTimestamp(),
          },
          { merge: true },
        );
        return known ? 'voided' : 'not-authorized';
      });
    },
  };
}

/** What a payment holds: its recorded total, or its amount for a record from before increments. */
function heldBy(data: Record<string, unknown> | undefined): number {
  const held = data?.['authorizedMinor'] ?? data?.['amountMinor'];
  return typeof held === 'number' ? held : 0;
}

/** A card payment processor as the saga sees it. Both calls are idempotent per `paymentId`. */
export interface PaymentProvider {
  /** Holds the amount on the customer's card; throws `PaymentDeclined` when the card says no. */
  authorize(request: {
    paymentId: string;
    orderId: string;
    amountMinor: number;
    currency: string;
  }): Promise<void>;
  /**
   * Gives the money back. Safe to call when nothing was authorized (and then it makes sure a late
   * authorization can never land), and safe to call twice.
   */
  refund(paymentId: string): Promise<RefundResult>;
}

export type RefundResult = 'refunded' | 'voided' | 'already-refunded' | 'not-charged';

/** A definitive "no" from the processor: nothing was charged, there is nothing to compensate. */
export class PaymentDeclined extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentDeclined';
  }
}

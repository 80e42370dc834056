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
  /**
   * Raises an authorized payment by `amountMinor` (an item edit that adds to the order), as
   * card processors' incremental authorizations do. Idempotent per `incrementId`; throws
   * `PaymentDeclined` when the card says no (nothing more is held then). A refund of the payment
   * releases its increments too.
   */
  authorizeIncrement(request: {
    paymentId: string;
    incrementId: string;
    amountMinor: number;
    currency: string;
  }): Promise<void>;
  /**
   * Releases one increment (the edit it paid for did not happen). Safe when it never landed
   * (a late one is then refused) and twice.
   */
  voidIncrement(paymentId: string, incrementId: string): Promise<VoidIncrementResult>;
}

export type RefundResult = 'refunded' | 'voided' | 'already-refunded' | 'not-charged';
export type VoidIncrementResult = 'voided' | 'already-voided' | 'not-authorized';

/** A definitive "no" from the processor: nothing was charged, there is nothing to compensate. */
export class PaymentDeclined extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentDeclined';
  }
}

import type { DeliveryAddress } from '@maestro/contracts';

/** A courier service as the saga sees it. Both calls are idempotent per `deliveryId`. */
export interface DeliveryProvider {
  /** Books a courier; throws `DeliveryRefused` when no courier can take the address. */
  schedule(request: {
    deliveryId: string;
    orderId: string;
    address: DeliveryAddress;
  }): Promise<void>;
  /** Cancels the booking; safe when none was made (a late booking is then refused) and twice. */
  cancel(deliveryId: string): Promise<CancelDeliveryResult>;
}

export type CancelDeliveryResult = 'cancelled' | 'voided' | 'already-cancelled' | 'not-scheduled';

/** A definitive "no" from the courier service: nothing was booked. */
export class DeliveryRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeliveryRefused';
  }
}

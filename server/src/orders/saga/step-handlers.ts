import type { FulfillmentStep } from '@maestro/contracts';
import type { DeliveryProvider } from '../delivery/delivery-provider';
import type { Inventory } from '../inventory/inventory';
import type { PaymentProvider } from '../payments/payment-provider';
import type { SagaInput } from './saga-doc';

export type ForwardStep = Exclude<FulfillmentStep, 'menu'>;

/** One saga step: its work and its idempotent undo, both keyed by the order id. */
export interface StepHandler {
  /** Names the service in messages users read. */
  service: string;
  run(orderId: string, input: SagaInput): Promise<void>;
  /** What it did: refunded, voided (nothing had happened), restored, cancelled, already-… */
  compensate(orderId: string): Promise<string>;
}

export function fulfillmentSteps(deps: {
  payments: PaymentProvider;
  inventory: Inventory;
  delivery: DeliveryProvider;
}): Record<ForwardStep, StepHandler> {
  return {
    payment: {
      service: 'The payment service',
      run: (orderId, input) =>
        deps.payments.authorize({
          paymentId: orderId,
          orderId,
          amountMinor: input.amountMinor,
          currency: input.currency,
        }),
      compensate: (orderId) => deps.payments.refund(orderId),
    },
    inventory: {
      service: 'The stock service',
      run: (orderId, input) => deps.inventory.reserve(orderId, input.lines),
      compensate: (orderId) => deps.inventory.release(orderId),
    },
    delivery: {
      service: 'The courier service',
      run: async (orderId, input) => {
        if (!input.address) throw new Error('a delivery saga without an address');
        await deps.delivery.schedule({ deliveryId: orderId, orderId, address: input.address });
      },
      compensate: (orderId) => deps.delivery.cancel(orderId),
    },
  };
}

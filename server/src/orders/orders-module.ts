import { randomUUID } from 'node:crypto';
import type { Firestore } from 'firebase-admin/firestore';
import type { Router } from 'express';
import type { SagaConfig } from '../config';
import type { Logger } from '../logger';
import type { SagaMetrics } from '../metrics/metrics';
import type { OrderRoomsBroadcaster } from '../realtime/order-rooms-broadcaster';
import { simulatedDeliveryProvider } from './delivery/simulated-delivery-provider';
import type { DeliveryProvider } from './delivery/delivery-provider';
import { firestoreInventory } from './inventory/inventory';
import { keyedLock, type KeyedLock } from './inventory/keyed-lock';
import type { JobLease } from '../cluster/job-lease';
import { orderEvents } from './order-events';
import { placementQueue } from './placement-queue';
import { sweepEditAuthorizations } from './paid-edits';
import type { PaymentProvider } from './payments/payment-provider';
import { simulatedPaymentProvider } from './payments/simulated-payment-provider';
import { menuItemsRouter, ordersRouter } from './routes';
import { FulfillmentSaga } from './saga/fulfillment-saga';
import { sagaRecovery, type SagaRecovery } from './saga/recovery';
import type { SagaContext } from './saga/saga-context';
import { fulfillmentSteps } from './saga/step-handlers';

export interface OrdersDeps {
  firestore: Firestore;
  logger: Logger;
  broadcaster: OrderRoomsBroadcaster;
  saga: SagaConfig;
  /** Real processors plug in here; the simulated ones keep their ledgers in Firestore. */
  payments?: PaymentProvider;
  delivery?: DeliveryProvider;
  now?: () => Date;
  /** Counts saga step outcomes (metrics.ts); none in tests that do not ask. */
  metrics?: SagaMetrics;
  /** Several nodes: wraps this node's stock queue in a guard shared through Redis. */
  stockLock?: (local: KeyedLock) => KeyedLock;
  /** Several nodes: only the holder runs the recovery sweep (see cluster/job-lease.ts). */
  sweepLease?: JobLease;
  /** Orders placed at once and waiting; DEFAULT_PLACEMENT_QUEUE otherwise. */
  placementQueue?: { concurrency: number; maxWaiting: number };
  /** The zone finished orders are counted in (MAESTRO_BUSINESS_TIME_ZONE); UTC otherwise. */
  salesTimeZone?: string;
}

export interface Orders {
  ordersRouter: Router;
  menuItemsRouter: Router;
  recovery: SagaRecovery;
  saga: FulfillmentSaga;
  ctx: SagaContext;
  /** Per-dish stock lock: menu writes (restock, edits) queue with order reservations. */
  stockLock: KeyedLock;
}

/** The orders feature: routes, the fulfillment saga and its recovery, wired once per app. */
export function createOrders(deps: OrdersDeps): Orders {
  const { firestore: db, logger } = deps;
  if (deps.saga.faultInjection && process.env['NODE_ENV'] !== 'test') {
    throw new Error('Fault injection can crash the API: it runs only with NODE_ENV=test.');
  }
  const ctx: SagaContext = {
    db,
    logger,
    events: orderEvents(deps.broadcaster),
    instanceId: randomUUID(),
    now: deps.now ?? (() => new Date()),
    stepTimeoutMs: deps.saga.stepTimeoutMs,
    leaseMs: deps.saga.leaseMs,
    metrics: deps.metrics,
    salesTimeZone: deps.salesTimeZone,
  };
  const stockLock = deps.stockLock ? deps.stockLock(keyedLock()) : keyedLock();
  const payments = deps.payments ?? simulatedPaymentProvider(db);
  const steps = fulfillmentSteps({
    payments,
    inventory: firestoreInventory(db, stockLock),
    delivery: deps.delivery ?? simulatedDeliveryProvider(db),
  });
  const saga = new FulfillmentSaga(ctx, steps, (point) => {
    logger.fatal({ point }, 'injected crash: exiting');
    process.exit(1);
  });
  return {
    ordersRouter: ordersRouter({
      ctx,
      saga,
      stockLock,
      payments,
      faultInjection: deps.saga.faultInjection,
      placements: placementQueue(deps.placementQueue),
    }),
    menuItemsRouter: menuItemsRouter(ctx),
    // The sweep also releases card holds of item edits a stopped node left half done.
    recovery: sagaRecovery(
      ctx,
      saga,
      () => sweepEditAuthorizations({ ctx, payments }),
      deps.sweepLease,
    ),
    saga,
    ctx,
    stockLock,
  };
}

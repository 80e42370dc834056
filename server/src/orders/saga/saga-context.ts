import type { Firestore } from 'firebase-admin/firestore';
import type { Logger } from '../../logger';
import type { SagaMetrics } from '../../metrics/metrics';
import type { OrderEvents } from '../order-events';

/** What every part of the saga needs: where to write, whom to tell, and its timings. */
export interface SagaContext {
  db: Firestore;
  logger: Logger;
  events: OrderEvents;
  /** This API process; a saga is owned by one instance at a time (see `leaseUntil`). */
  instanceId: string;
  now: () => Date;
  stepTimeoutMs: number;
  leaseMs: number;
  /** Step outcomes for Prometheus (maestro_saga_steps_total). */
  metrics?: SagaMetrics;
  /** The zone sales are counted in (MAESTRO_BUSINESS_TIME_ZONE); UTC when absent. */
  salesTimeZone?: string;
}

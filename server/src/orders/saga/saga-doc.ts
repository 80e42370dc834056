import type {
  DeliveryAddress,
  FulfillmentStep,
  OrderErrorCode,
  OrderFailure,
  OrderType,
} from '@maestro/contracts';
import type { Firestore, Timestamp } from 'firebase-admin/firestore';
import type { Actor } from '../activity';
import type { StockLines } from '../inventory/stock-docs';
import { COLLECTIONS } from '../order-docs';

/**
 * `sagas/{orderId}`: the fulfillment saga's progress, written before and after every step so a
 * node that crashes mid-saga leaves enough behind for another (or itself, restarted) to finish.
 *
 * Step statuses: `refused` is a definitive "no" (declined card, no stock, no courier): nothing
 * happened, nothing to undo. `failed` (an error), `timed_out` and a `running` left by a crash are
 * uncertain: the effect may exist, so they are compensated like `done` (compensations are
 * idempotent and leave a tombstone that refuses a late effect).
 */
export type StepStatus =
  'pending' | 'running' | 'done' | 'refused' | 'failed' | 'timed_out' | 'skipped';

export interface CompensationRecord {
  status: 'done' | 'failed';
  /** What the compensation did, e.g. refunded, voided (nothing had happened), already-refunded. */
  result: string | null;
  /** Words for people (admins read them on the saga timeline); the cause is in the log only. */
  error: string | null;
  errorCode?: OrderErrorCode | null;
  attempts: number;
  startedAt: Timestamp;
  finishedAt: Timestamp;
  durationMs: number;
}

export interface StepRecord {
  status: StepStatus;
  startedAt: Timestamp | null;
  finishedAt: Timestamp | null;
  durationMs: number | null;
  /** Why it did not finish, in words for people; never an exception's text (that is logged). */
  error: string | null;
  errorCode?: OrderErrorCode | null;
  compensation: CompensationRecord | null;
}

/**
 * running → completed (order CONFIRMED), or → compensating → compensated (order FAILED, or
 * cancelled later). A saga stays `compensating` until every compensation succeeded.
 */
export type SagaStatus = 'running' | 'completed' | 'compensating' | 'compensated';

export interface SagaInput {
  type: OrderType;
  amountMinor: number;
  currency: string;
  address: DeliveryAddress | null;
  lines: StockLines;
}

export interface SagaDoc {
  orderId: string;
  correlationId: string;
  status: SagaStatus;
  outcome: 'confirmed' | 'failed' | 'cancelled' | null;
  stepOrder: FulfillmentStep[];
  steps: Record<FulfillmentStep, StepRecord>;
  input: SagaInput;
  failure: OrderFailure | null;
  /** Who placed the order: saga activity entries are theirs (recovery writes as the system). */
  actor: Actor;
  /** The API instance running the saga, until `leaseUntil`; then any node may take it over. */
  owner: string;
  leaseUntil: Timestamp;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export const sagaRef = (db: Firestore, orderId: string) =>
  db.collection(COLLECTIONS.sagas).doc(orderId);

/** Steps whose effect may exist and is not undone yet. */
export function needsCompensation(record: StepRecord): boolean {
  return (
    ['running', 'done', 'failed', 'timed_out'].includes(record.status) &&
    record.compensation?.status !== 'done'
  );
}

export function pendingStep(): StepRecord {
  return {
    status: 'pending',
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    error: null,
    compensation: null,
  };
}

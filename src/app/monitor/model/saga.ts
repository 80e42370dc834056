import type { FulfillmentStep, OrderFailure } from '@maestro/contracts';

/**
 * `sagas/{orderId}` as the SPA reads it (the API writes it; see server/src/orders/saga/saga-doc.ts).
 * Only the fields the timeline needs, with Firestore timestamps turned into Dates.
 */
export type SagaStepStatus = 'pending' | 'running' | 'done' | 'refused' | 'failed' | 'timed_out' | 'skipped';
export type SagaStatus = 'running' | 'completed' | 'compensating' | 'compensated';
export type SagaOutcome = 'confirmed' | 'failed' | 'cancelled';

export interface SagaCompensation {
  status: 'done' | 'failed';
  /** What it did, e.g. refunded, voided, already-refunded. */
  result: string | null;
  error: string | null;
  attempts: number;
  startedAt: Date;
  finishedAt: Date;
  durationMs: number;
}

export interface SagaStep {
  step: FulfillmentStep;
  status: SagaStepStatus;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
  error: string | null;
  compensation: SagaCompensation | null;
}

export interface SagaView {
  orderId: string;
  correlationId: string;
  status: SagaStatus;
  outcome: SagaOutcome | null;
  /** In the saga's order of execution. */
  steps: SagaStep[];
  failure: OrderFailure | null;
  createdAt: Date;
  updatedAt: Date;
}

/** An activity entry of the saga's correlation id: what happened, by whom, when. */
export interface SagaEvent {
  id: string;
  action: string;
  /** Email, else uid (the system's recovery writes as itself). */
  actor: string;
  /** Null while the server time is not set yet. */
  at: Date | null;
  /** The status it moved the order along, in words ("New → Preparing"); null for other entries. */
  statusChange: string | null;
}

export const STEP_STATUS_LABEL: Record<SagaStepStatus, string> = {
  pending: 'Pending',
  running: 'Running',
  done: 'Done',
  refused: 'Refused',
  failed: 'Failed',
  timed_out: 'Timed out',
  skipped: 'Skipped',
};

export const SAGA_STATUS_LABEL: Record<SagaStatus, string> = {
  running: 'Running',
  completed: 'Completed',
  compensating: 'Compensating',
  compensated: 'Compensated',
};

export const SAGA_OUTCOME_LABEL: Record<SagaOutcome, string> = {
  confirmed: 'Confirmed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const STEP_LABEL: Record<FulfillmentStep, string> = {
  menu: 'Menu',
  payment: 'Payment',
  inventory: 'Inventory',
  delivery: 'Delivery',
};

/** What a compensation shows: its result ("refunded"), or that it failed. */
export function compensationLabel(compensation: SagaCompensation): string {
  if (compensation.status === 'failed') return 'compensation failed';
  return compensation.result ?? 'compensated';
}

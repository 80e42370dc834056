import { FULFILLMENT_STEPS, type FulfillmentStep, type OrderFailure } from '@maestro/contracts';
import type { SagaCompensation, SagaStatus, SagaStep, SagaStepStatus, SagaView, SagaOutcome } from './saga';

/** Anything with `toDate()` (a Firestore Timestamp), a Date, or nothing. */
type TimeLike = { toDate(): Date } | Date | null | undefined;

interface RawCompensation {
  status: 'done' | 'failed';
  result?: string | null;
  error?: string | null;
  attempts?: number;
  startedAt: TimeLike;
  finishedAt: TimeLike;
  durationMs?: number;
}

interface RawStep {
  status: SagaStepStatus;
  startedAt?: TimeLike;
  finishedAt?: TimeLike;
  durationMs?: number | null;
  error?: string | null;
  compensation?: RawCompensation | null;
}

/** The stored document's shape, loosely: the SPA must not crash on an older or partial doc. */
export interface RawSagaDoc {
  orderId?: string;
  correlationId?: string;
  status: SagaStatus;
  outcome?: SagaOutcome | null;
  stepOrder?: FulfillmentStep[];
  steps?: Partial<Record<FulfillmentStep, RawStep>>;
  failure?: OrderFailure | null;
  createdAt?: TimeLike;
  updatedAt?: TimeLike;
}

function toDate(value: TimeLike): Date | null {
  if (!value) return null;
  return value instanceof Date ? value : value.toDate();
}

function toCompensation(raw: RawCompensation | null | undefined): SagaCompensation | null {
  if (!raw) return null;
  const startedAt = toDate(raw.startedAt) ?? new Date(0);
  const finishedAt = toDate(raw.finishedAt) ?? startedAt;
  return {
    status: raw.status,
    result: raw.result ?? null,
    error: raw.error ?? null,
    attempts: raw.attempts ?? 1,
    startedAt,
    finishedAt,
    durationMs: raw.durationMs ?? finishedAt.getTime() - startedAt.getTime(),
  };
}

export function sagaFromDoc(id: string, raw: RawSagaDoc): SagaView {
  // The saga's own order first; a step it does not run (delivery of a dine-in order) still gets its lane.
  const planned = raw.stepOrder?.length ? raw.stepOrder : [];
  const order = [...planned, ...FULFILLMENT_STEPS.filter((step) => !planned.includes(step) && (!planned.length || raw.steps?.[step]))];
  const steps: SagaStep[] = order.map((step) => {
    const record = raw.steps?.[step];
    return {
      step,
      status: record?.status ?? 'pending',
      startedAt: toDate(record?.startedAt),
      finishedAt: toDate(record?.finishedAt),
      durationMs: record?.durationMs ?? null,
      error: record?.error ?? null,
      compensation: toCompensation(record?.compensation),
    };
  });
  const createdAt = toDate(raw.createdAt) ?? steps.find((s) => s.startedAt)?.startedAt ?? new Date(0);
  return {
    orderId: raw.orderId ?? id,
    correlationId: raw.correlationId ?? '',
    status: raw.status,
    outcome: raw.outcome ?? null,
    steps,
    failure: raw.failure ?? null,
    createdAt,
    updatedAt: toDate(raw.updatedAt) ?? createdAt,
  };
}

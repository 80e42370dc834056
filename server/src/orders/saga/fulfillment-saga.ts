import { SAGA_ACTIONS, type Order, type OrderFailure } from '@maestro/contracts';
import { Timestamp } from 'firebase-admin/firestore';
import { SYSTEM_ACTOR, type Actor } from '../activity';
import { DeliveryRefused } from '../delivery/delivery-provider';
import { OutOfStock } from '../inventory/stock-docs';
import { PaymentDeclined } from '../payments/payment-provider';
import { InjectedFault, lostAnswer, type FaultKind, type FaultPlan } from './faults';
import type { SagaContext } from './saga-context';
import {
  needsCompensation,
  sagaRef,
  type CompensationRecord,
  type SagaDoc,
  type StepStatus,
} from './saga-doc';
import {
  advanceStep,
  confirmOrder,
  failOrder,
  finishStep,
  markCompensated,
  recordCompensation,
  renewLease,
  startStep,
  type StepOutcome,
} from './saga-store';
import type { ForwardStep, StepHandler } from './step-handlers';
import { StepTimeout, retryPause, withTimeout } from './timing';

export type SagaOutcome =
  | { kind: 'confirmed'; order: Order }
  | { kind: 'failed'; failure: OrderFailure }
  | { kind: 'cancelled' }
  /** Another instance took the saga over (this one was too slow); it will finish it. */
  | { kind: 'preempted' };

const AFTERMATH = 'The order was not placed: nothing stays charged, reserved or booked.';
export const COMPENSATION_ATTEMPTS = 3;


/**
 * The fulfillment saga of reference 002, run step by step in the order given by the saga
 * document (menu check → payment → inventory → delivery). A failed step turns the saga to
 * compensating: the order becomes FAILED with the reason and every step whose effect may exist
 * is undone, last first. Progress is persisted before and after each step (saga-store.ts).
 */
export class FulfillmentSaga {
  constructor(
    private readonly ctx: SagaContext,
    private readonly handlers: Record<ForwardStep, StepHandler>,
    /** Test-mode `crash` faults end the process here. */
    private readonly crash: (point: string) => never,
  ) {}

  async run(saga: SagaDoc, faults: FaultPlan = {}): Promise<SagaOutcome> {
    const { orderId, actor } = saga;
    const steps = saga.stepOrder.filter(
      (step): step is ForwardStep => step !== 'menu' && ['pending', 'running'].includes(saga.steps[step].status),
    );
    // Placement records the first step as running with the order; a saga written before that
    // (or by an older node) starts it here.
    if (steps[0] && saga.steps[steps[0]].status === 'pending') {
      const guard = await startStep(this.ctx, orderId, steps[0]);
      if (guard === 'preempted') return { kind: 'preempted' };
      if (guard === 'cancelled') return this.cancelledWhilePlacing(orderId, actor);
    }
    for (const [index, step] of steps.entries()) {
      const startedAt = this.ctx.now();
      const verdict = await this.attempt(step, saga, faults[step]).then(
        () => null,
        (error: unknown) => {
          // The cause's own text (a provider's, Firestore's) is for the log; people get words.
          this.ctx.logger.warn({ orderId, step, err: error }, 'saga step did not succeed');
          return classify(step, error, this.handlers[step].service);
        },
      );
      this.ctx.metrics?.sagaStep(step, verdict?.status ?? 'completed');
      const outcome = {
        status: verdict?.status ?? 'done',
        startedAt,
        error: verdict ? { code: verdict.failure.code, message: verdict.failure.message } : null,
        action: verdict ? SAGA_ACTIONS[step].failed : SAGA_ACTIONS[step].done,
        actor,
      } satisfies StepOutcome;
      if (verdict) {
        if ((await finishStep(this.ctx, orderId, step, outcome)) === 'preempted') return { kind: 'preempted' };
        return this.fail(orderId, verdict.failure, actor, faults);
      }
      const next = steps[index + 1];
      if (next) {
        // This step's success and the next step's start: one transaction.
        const guard = await advanceStep(this.ctx, orderId, step, outcome, next);
        if (guard === 'preempted') return { kind: 'preempted' };
        if (guard === 'cancelled') return this.cancelledWhilePlacing(orderId, actor);
        continue;
      }
      if (faults.confirm === 'crash') {
        // Test mode: every step recorded, the confirmation lost.
        if ((await finishStep(this.ctx, orderId, step, outcome)) === 'preempted') return { kind: 'preempted' };
        this.crash('confirm');
      }
      // The last step's success and the confirmation: one transaction.
      return this.confirm(orderId, actor, { step, outcome });
    }
    if (faults.confirm === 'crash') this.crash('confirm');
    return this.confirm(orderId, actor);
  }

  /** Finishes a saga another run left behind, once this instance has claimed it. */
  async recover(saga: SagaDoc): Promise<void> {
    const { orderId } = saga;
    this.ctx.logger.warn({ orderId, status: saga.status }, 'recovering an unfinished saga');
    if (saga.status === 'compensating') {
      await this.compensate(orderId, SYSTEM_ACTOR);
      return;
    }
    const unfinished = saga.stepOrder.find((step) => saga.steps[step].status !== 'done');
    if (!unfinished) {
      // Every effect is secured and recorded; only the confirmation was lost: complete it.
      await this.confirm(orderId, SYSTEM_ACTOR);
      return;
    }
    const service = unfinished === 'menu' ? 'The menu check' : this.handlers[unfinished].service;
    await this.fail(
      orderId,
      {
        code: 'interrupted',
        message: `The API stopped while ${service.toLowerCase()} was working on this order. ${AFTERMATH}`,
        step: unfinished,
      },
      SYSTEM_ACTOR,
    );
  }

  /**
   * Undoes, last first, every step whose effect may exist; each undo is recorded with its
   * activity entry. Stops at the first undo that keeps failing and leaves the saga
   * `compensating` for the recovery sweep. True when everything is undone.
   */
  async compensate(orderId: string, actor: Actor, faults: FaultPlan = {}): Promise<boolean> {
    const saga = (await sagaRef(this.ctx.db, orderId).get()).data() as SagaDoc | undefined;
    if (!saga) return true;
    for (const step of [...saga.stepOrder].reverse()) {
      if (step === 'menu' || !needsCompensation(saga.steps[step])) continue;
      const record = await this.undo(step, orderId, faults[`${step}-undo`]);
      if (record === 'preempted') {
        this.ctx.logger.info({ orderId, step }, 'another API instance took this saga over');
        return false;
      }
      const action = SAGA_ACTIONS[step].compensated;
      const entry = record.status === 'done' && action ? { action, actor } : null;
      if ((await recordCompensation(this.ctx, orderId, step, record, entry)) === 'preempted')
        return false;
      this.ctx.metrics?.sagaStep(
        step,
        record.status === 'done' ? 'compensated' : 'compensation_failed',
      );
      if (record.status === 'failed') {
        this.ctx.logger.error(
          { orderId, step, errorCode: record.errorCode },
          'compensation failed; the recovery sweep will retry it',
        );
        return false;
      }
    }
    return (await markCompensated(this.ctx, orderId)) === 'ok';
  }

  /** The saga failed: the order becomes FAILED (if still being placed), then compensations run. */
  async fail(
    orderId: string,
    failure: OrderFailure,
    actor: Actor,
    faults: FaultPlan = {},
  ): Promise<SagaOutcome> {
    const failed = await failOrder(this.ctx, orderId, failure, actor);
    if (failed.guard === 'preempted') return { kind: 'preempted' };
    if (failed.change) this.ctx.events.statusChanged(failed.change);
    await this.compensate(orderId, actor, faults);
    return failed.change ? { kind: 'failed', failure } : { kind: 'cancelled' };
  }

  private async confirm(
    orderId: string,
    actor: Actor,
    last?: { step: ForwardStep; outcome: StepOutcome },
  ): Promise<SagaOutcome> {
    const confirmed = await confirmOrder(this.ctx, orderId, actor, last);
    if (confirmed.guard === 'preempted') return { kind: 'preempted' };
    if (confirmed.guard === 'cancelled') return this.cancelledWhilePlacing(orderId, actor);
    this.ctx.events.statusChanged(confirmed.change);
    return { kind: 'confirmed', order: confirmed.order };
  }

  /** Staff cancelled (or deleted) the order while it was being placed: undo what was done. */
  private cancelledWhilePlacing(orderId: string, actor: Actor): Promise<SagaOutcome> {
    return this.fail(
      orderId,
      {
        code: 'order_cancelled',
        message: 'The order was cancelled while it was being placed.',
        step: null,
      },
      actor,
    );
  }

  private async attempt(step: ForwardStep, saga: SagaDoc, fault: FaultKind | undefined) {
    const work = async () => {
      if (fault === 'error') throw new InjectedFault(step);
      await this.handlers[step].run(saga.orderId, saga.input);
      if (fault === 'timeout') await lostAnswer();
      if (fault === 'crash') this.crash(step);
    };
    await withTimeout(work(), this.ctx.stepTimeoutMs);
  }

  /** One compensation, retried; 'preempted' when another node owns the saga before an attempt. */
  private async undo(
    step: ForwardStep,
    orderId: string,
    fault: FaultKind | undefined,
  ): Promise<CompensationRecord | 'preempted'> {
    const started = this.ctx.now();
    for (let attempt = 1; attempt <= COMPENSATION_ATTEMPTS; attempt++) {
      // Attempts and their pauses can outlast one lease: renewed before each, so no other node
      // takes the saga over (and undoes the same step) while this one is still at it.
      if ((await renewLease(this.ctx, orderId)) === 'preempted') return 'preempted';
      const instanceId = this.ctx.instanceId;
      this.ctx.logger.debug({ orderId, step, attempt, instanceId }, 'compensation attempt');
      try {
        const work = async () => {
          if (fault === 'error') throw new InjectedFault(`${step}-undo`);
          const result = await this.handlers[step].compensate(orderId);
          if (fault === 'timeout') await lostAnswer();
          if (fault === 'crash') this.crash(`${step}-undo`);
          return result;
        };
        const result = await withTimeout(work(), this.ctx.stepTimeoutMs);
        return this.compensationRecord(started, attempt, {
          status: 'done',
          result,
          error: null,
          errorCode: null,
        });
      } catch (cause) {
        this.ctx.logger.warn({ orderId, step, attempt, err: cause }, 'compensation attempt failed');
        if (attempt < COMPENSATION_ATTEMPTS) await retryPause(attempt);
      }
    }
    return this.compensationRecord(started, COMPENSATION_ATTEMPTS, {
      status: 'failed',
      result: null,
      error: `${this.handlers[step].service} could not undo this step after ${COMPENSATION_ATTEMPTS} attempts; the API keeps retrying it.`,
      errorCode: `${step}_unavailable`,
    });
  }

  private compensationRecord(
    started: Date,
    attempts: number,
    outcome: Pick<CompensationRecord, 'status' | 'result' | 'error' | 'errorCode'>,
  ): CompensationRecord {
    const finished = this.ctx.now();
    return {
      ...outcome,
      attempts,
      startedAt: timestampOf(started),
      finishedAt: timestampOf(finished),
      durationMs: finished.getTime() - started.getTime(),
    };
  }
}

/**
 * What a step's error means for the order and for the saga record. A definitive refusal's
 * message is the provider's answer meant for people (declined card, no stock, no courier); any
 * other error's text is internal and stays out of it (the caller logs it).
 */
function classify(
  step: ForwardStep,
  error: unknown,
  service: string,
): { status: Extract<StepStatus, 'refused' | 'failed' | 'timed_out'>; failure: OrderFailure } {
  const detail = error instanceof Error ? error.message : String(error);
  const refused = (code: OrderFailure['code'], message: string) => ({
    status: 'refused' as const,
    failure: { code, message, step },
  });
  if (error instanceof PaymentDeclined)
    return refused('payment_declined', `${detail} Nothing was charged.`);
  if (error instanceof OutOfStock) return refused('out_of_stock', `${detail} ${AFTERMATH}`);
  if (error instanceof DeliveryRefused)
    return refused('delivery_address_unserved', `${detail} ${AFTERMATH}`);
  const timedOut = error instanceof StepTimeout;
  return {
    status: timedOut ? 'timed_out' : 'failed',
    failure: {
      code: `${step}_unavailable`,
      message: `${service} ${timedOut ? 'did not answer in time' : 'failed'}. ${AFTERMATH} Try again in a moment.`,
      step,
    },
  };
}

const timestampOf = (date: Date) => Timestamp.fromDate(date);

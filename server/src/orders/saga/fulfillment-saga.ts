import type { Order, OrderFailure } from '@maestro/contracts';
import { SYSTEM_ACTOR, type Actor } from '../activity';
import { InjectedFault, lostAnswer, type FaultKind, type FaultPlan } from './faults';
import type { SagaContext } from './saga-context';
import {
  CANCELLED_WHILE_PLACING,
  classify,
  compensationRecord,
  recoveryPlan,
  stepMetric,
  stepOutcome,
  stepsToRun,
  stepsToUndo,
  triesUndoAgain,
  undoEntry,
  undoFailed,
  undoMetric,
  undone,
  type StepOutcome,
  type Verdict,
} from './saga-decisions';
import { sagaRef, type CompensationRecord, type SagaDoc } from './saga-doc';
import {
  advanceStep,
  confirmOrder,
  failOrder,
  finishStep,
  markCompensated,
  recordCompensation,
  renewLease,
  startStep,
} from './saga-store';
import type { ForwardStep, StepHandler } from './step-handlers';
import { retryPause, withTimeout } from './timing';

export { COMPENSATION_ATTEMPTS } from './saga-decisions';

export type SagaOutcome =
  | { kind: 'confirmed'; order: Order }
  | { kind: 'failed'; failure: OrderFailure }
  | { kind: 'cancelled' }
  /** Another instance took the saga over (this one was too slow); it will finish it. */
  | { kind: 'preempted' };

const PREEMPTED = { kind: 'preempted' } as const;

/**
 * The fulfillment saga of reference 002, run step by step in the order given by the saga
 * document (menu check → payment → inventory → delivery). A failed step turns the saga to
 * compensating: the order becomes FAILED with the reason and every step whose effect may exist
 * is undone, last first. Progress is persisted before and after each step (saga-store.ts); what
 * to do at each point is decided in saga-decisions.ts.
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
    const steps = stepsToRun(saga);
    // Placement records the first step as running with the order; a saga written before that
    // (or by an older node) starts it here.
    if (steps[0] && saga.steps[steps[0]].status === 'pending') {
      const guard = await startStep(this.ctx, orderId, steps[0]);
      if (guard === 'preempted') return PREEMPTED;
      if (guard === 'cancelled') return this.cancelledWhilePlacing(orderId, actor);
    }
    for (const [index, step] of steps.entries()) {
      const startedAt = this.ctx.now();
      let verdict: Verdict | null = null;
      try {
        await this.attempt(step, saga, faults[step]);
      } catch (error) {
        // The cause's own text (a provider's, Firestore's) is for the log; people get words.
        this.ctx.logger.warn({ orderId, step, err: error }, 'saga step did not succeed');
        verdict = classify(step, error, this.handlers[step].service);
      }
      this.ctx.metrics?.sagaStep(step, stepMetric(verdict));
      const outcome = stepOutcome(step, verdict, startedAt, actor);
      if (verdict) {
        if ((await finishStep(this.ctx, orderId, step, outcome)) === 'preempted') return PREEMPTED;
        return this.fail(orderId, verdict.failure, actor, faults);
      }
      const next = steps[index + 1];
      if (next) {
        // This step's success and the next step's start: one transaction.
        const guard = await advanceStep(this.ctx, orderId, step, outcome, next);
        if (guard === 'preempted') return PREEMPTED;
        if (guard === 'cancelled') return this.cancelledWhilePlacing(orderId, actor);
        continue;
      }
      if (faults.confirm === 'crash') {
        // Test mode: every step recorded, the confirmation lost.
        if ((await finishStep(this.ctx, orderId, step, outcome)) === 'preempted') return PREEMPTED;
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
    const plan = recoveryPlan(saga, (step) => this.handlers[step].service);
    if (plan.kind === 'compensate') await this.compensate(orderId, SYSTEM_ACTOR);
    else if (plan.kind === 'confirm') await this.confirm(orderId, SYSTEM_ACTOR);
    else await this.fail(orderId, plan.failure, SYSTEM_ACTOR);
  }

  /**
   * Undoes, last first, every step whose effect may exist; each undo is recorded with its
   * activity entry. Stops at the first undo that keeps failing and leaves the saga
   * `compensating` for the recovery sweep. True when everything is undone.
   */
  async compensate(orderId: string, actor: Actor, faults: FaultPlan = {}): Promise<boolean> {
    const saga = (await sagaRef(this.ctx.db, orderId).get()).data() as SagaDoc | undefined;
    if (!saga) return true;
    for (const step of stepsToUndo(saga)) {
      const record = await this.undo(step, orderId, faults[`${step}-undo`]);
      if (record === 'preempted') {
        this.ctx.logger.info({ orderId, step }, 'another API instance took this saga over');
        return false;
      }
      const guard = await recordCompensation(this.ctx, orderId, step, record, undoEntry(step, record, actor));
      if (guard === 'preempted') return false;
      this.ctx.metrics?.sagaStep(step, undoMetric(record));
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
    if (failed.guard === 'preempted') return PREEMPTED;
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
    if (confirmed.guard === 'preempted') return PREEMPTED;
    if (confirmed.guard === 'cancelled') return this.cancelledWhilePlacing(orderId, actor);
    this.ctx.events.statusChanged(confirmed.change);
    return { kind: 'confirmed', order: confirmed.order };
  }

  /** Staff cancelled (or deleted) the order while it was being placed: undo what was done. */
  private cancelledWhilePlacing(orderId: string, actor: Actor): Promise<SagaOutcome> {
    return this.fail(orderId, CANCELLED_WHILE_PLACING, actor);
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
    for (let attempt = 1; ; attempt++) {
      // Attempts and their pauses can outlast one lease: renewed before each, so no other node
      // takes the saga over (and undoes the same step) while this one is still at it.
      if ((await renewLease(this.ctx, orderId)) === 'preempted') return 'preempted';
      this.ctx.logger.debug({ orderId, step, attempt, instanceId: this.ctx.instanceId }, 'compensation attempt');
      try {
        const work = async () => {
          if (fault === 'error') throw new InjectedFault(`${step}-undo`);
          const result = await this.handlers[step].compensate(orderId);
          if (fault === 'timeout') await lostAnswer();
          if (fault === 'crash') this.crash(`${step}-undo`);
          return result;
        };
        const result = await withTimeout(work(), this.ctx.stepTimeoutMs);
        return compensationRecord(started, this.ctx.now(), attempt, undone(result));
      } catch (cause) {
        this.ctx.logger.warn({ orderId, step, attempt, err: cause }, 'compensation attempt failed');
        if (!triesUndoAgain(attempt))
          return compensationRecord(started, this.ctx.now(), attempt, undoFailed(step, this.handlers[step].service));
        await retryPause(attempt);
      }
    }
  }
}

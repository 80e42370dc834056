import { randomUUID } from 'node:crypto';
import type { Transaction } from 'firebase-admin/firestore';
import { ApiError } from '../http/api-error';
import { SYSTEM_ACTOR, type Actor } from './activity';
import {
  applyEditAuthorization,
  claimExpiredEdit,
  editAuthorizationRef,
  expiredEditAuthorizations,
  recordDeclined,
  recordVoided,
  renewEditLease,
  startEditAuthorization,
  type EditAuthorization,
  type EditAuthorizationDoc,
} from './edit-authorizations';
import { STOCK_TRANSACTION } from './inventory/stock-docs';
import type { KeyedLock } from './inventory/keyed-lock';
import { moneyWords } from './money-words';
import type { OrderDoc } from './order-docs';
import { orderError } from './order-errors';
import { PaymentDeclined, type PaymentProvider } from './payments/payment-provider';
import { COMPENSATION_ATTEMPTS } from './saga/fulfillment-saga';
import { InjectedFault, lostAnswer, type FaultPlan } from './saga/faults';
import type { SagaContext } from './saga/saga-context';
import { retryPause, withTimeout } from './saga/timing';

// Item edits after placement are paid for. An edit whose new total is above what the card holds
// runs as a small saga: (1) authorize the difference on the card, recorded in
// `editAuthorizations/{editId}` first; (2) commit the edit (items, stock, totals, history) in one
// transaction that also marks the authorization applied. If (2) fails, its compensation releases
// the extra hold. A decline stops at (1): nothing changed. A decrease needs no authorization:
// the card keeps holding the larger amount and capture (not modelled) takes the order's total;
// the simulated processor offers no partial release.

export interface PaidEditDeps {
  ctx: SagaContext;
  lock: KeyedLock;
  payments: PaymentProvider;
  faults: FaultPlan;
}

/** Settles the payment side of one edit inside its transaction; call after every read. */
export interface PaymentCover {
  /**
   * The order fields to write with the edit (what the card holds). Throws to abort the
   * transaction when the new total needs an authorization first, or no longer fits the one made.
   */
  settle(doc: OrderDoc, updated: OrderDoc, actor: Actor): Partial<OrderDoc>;
}

/** What the card holds for an order (orders from before paid edits: their total). */
export const heldFor = (doc: OrderDoc) => doc.authorizedMinor ?? doc.totalMinor;

/** Thrown inside the first attempt's transaction: the edit must wait for the card. */
class NeedsAuthorization extends Error {
  constructor(
    readonly orderId: string,
    readonly amountMinor: number,
    readonly totalBeforeMinor: number,
    readonly currency: string,
    readonly correlationId: string,
  ) {
    super('needs an extra authorization');
  }
}

/**
 * Runs `write` (one transaction, under the dishes' stock lock); if its new total needs more than
 * the card holds, authorizes the difference and runs it again, releasing the hold if that fails.
 */
export function paidEdit<T>(
  deps: PaidEditDeps,
  orderId: string,
  actor: Actor,
  dishes: string[],
  write: (tx: Transaction, payment: PaymentCover) => Promise<T>,
): Promise<T> {
  // One paid edit of an order at a time (a guard, like the dishes' one): two at once each
  // authorize on the order's one payment record, and those transactions wait on each other until
  // one is aborted (seconds on the emulator, past the payment step's timeout: measured 8 adds to 4
  // orders at once, 3–6 answered 503 after 20–26 s). The order's key is taken before its dishes'.
  return deps.lock([`order:${orderId}`], () => paidEditNow(deps, orderId, actor, dishes, write));
}

async function paidEditNow<T>(
  deps: PaidEditDeps,
  orderId: string,
  actor: Actor,
  dishes: string[],
  write: (tx: Transaction, payment: PaymentCover) => Promise<T>,
): Promise<T> {
  const commit = (extra: EditAuthorization | null) =>
    deps.lock(dishes, () =>
      deps.ctx.db.runTransaction(async (tx) => {
        const stored = extra
          ? ((await tx.get(editAuthorizationRef(deps.ctx.db, extra.editId))).data() as
              EditAuthorizationDoc | undefined)
          : undefined;
        if (extra && deps.faults['edit-commit'] === 'error') throw new InjectedFault('edit-commit');
        return write(tx, paymentCover(deps.ctx, tx, orderId, extra, stored));
      }, STOCK_TRANSACTION),
    );

  let needed: NeedsAuthorization;
  try {
    return await commit(null);
  } catch (error) {
    if (!(error instanceof NeedsAuthorization)) throw error;
    needed = error;
  }
  const extra = await authorizeExtra(deps, needed, actor);
  try {
    return await commit(extra);
  } catch (error) {
    // Compensation: the edit did not happen, so the card must not keep holding for it.
    const released = await releaseExtra(deps, extra, actor);
    if (error instanceof ApiError) throw error;
    deps.ctx.logger.error(
      { orderId, editId: extra.editId, err: error },
      'paid edit: commit failed',
    );
    throw new ApiError(
      503,
      'unavailable',
      `Order ${orderId} could not be saved just now: nothing was added, and the extra amount held on the card ${released ? 'was' : 'will be'} released. Try again in a moment.`,
    );
  }
}

function paymentCover(
  ctx: SagaContext,
  tx: Transaction,
  orderId: string,
  extra: EditAuthorization | null,
  stored: EditAuthorizationDoc | undefined,
): PaymentCover {
  return {
    settle(doc, updated, actor) {
      const held = heldFor(doc);
      if (!extra) {
        if (updated.totalMinor <= held) return {};
        throw new NeedsAuthorization(
          orderId,
          updated.totalMinor - held,
          doc.totalMinor,
          doc.currency,
          doc.correlationId,
        );
      }
      // Another edit may have raised the total since the authorization was asked for.
      if (updated.totalMinor > held + extra.amountMinor) throw changedMeanwhile(orderId);
      if (!applyEditAuthorization(ctx, tx, extra, stored, { actor, heldBeforeMinor: held }))
        throw changedMeanwhile(orderId);
      return { authorizedMinor: held + extra.amountMinor };
    },
  };
}

const changedMeanwhile = (orderId: string) =>
  new ApiError(
    409,
    'conflict',
    `Order ${orderId} changed while the extra amount was being authorized, so nothing was added and the extra hold was released. Look at the order again and retry.`,
  );

/** Step 1: the card holds the difference, or the edit is refused with the reason. */
async function authorizeExtra(
  deps: PaidEditDeps,
  needed: NeedsAuthorization,
  actor: Actor,
): Promise<EditAuthorization> {
  const { ctx, payments, faults } = deps;
  const extra: EditAuthorization = {
    editId: randomUUID(),
    orderId: needed.orderId,
    amountMinor: needed.amountMinor,
    currency: needed.currency,
    correlationId: needed.correlationId,
  };
  await startEditAuthorization(ctx, extra, actor);
  const work = async () => {
    if (faults['edit-payment'] === 'error') throw new InjectedFault('edit-payment');
    await payments.authorizeIncrement({
      paymentId: extra.orderId,
      incrementId: extra.editId,
      amountMinor: extra.amountMinor,
      currency: extra.currency,
    });
    if (faults['edit-payment'] === 'timeout') await lostAnswer();
  };
  try {
    await withTimeout(work(), ctx.stepTimeoutMs);
    return extra;
  } catch (error) {
    const amount = moneyWords(extra.amountMinor, extra.currency);
    if (error instanceof PaymentDeclined) {
      const message = `${error.message} Order ${extra.orderId} stays as it was (${moneyWords(needed.totalBeforeMinor, extra.currency)}) and nothing more was charged; to add the ${amount}, place a separate order paid another way.`;
      await recordDeclined(ctx, extra, actor, message);
      throw orderError('payment_declined', message, { context: { orderId: extra.orderId } });
    }
    // The answer is unknown (an error, no answer in time): the hold may exist, so release it.
    ctx.logger.warn(
      { orderId: extra.orderId, editId: extra.editId, err: error },
      'paid edit: authorization failed',
    );
    const released = await releaseExtra(deps, extra, actor);
    throw orderError(
      'payment_unavailable',
      `The payment service did not confirm the extra ${amount}, so nothing was added to order ${extra.orderId}${released ? '' : ' (any hold for it will be released)'}. Try again in a moment.`,
      { context: { orderId: extra.orderId } },
    );
  }
}

/**
 * The compensation: releases the extra hold, retried, renewing the record's lease before each
 * attempt. False when it kept failing: the record stays `authorizing` for the recovery sweep.
 */
async function releaseExtra(
  deps: Pick<PaidEditDeps, 'ctx' | 'payments' | 'faults'>,
  extra: EditAuthorization,
  actor: Actor,
): Promise<boolean> {
  const { ctx, payments, faults } = deps;
  for (let attempt = 1; attempt <= COMPENSATION_ATTEMPTS; attempt++) {
    // Another node took the record over (this one was too slow): it releases the hold.
    if ((await renewEditLease(ctx, extra.editId)) === 'preempted') return true;
    try {
      const work = async () => {
        if (faults['edit-payment-undo'] === 'error') throw new InjectedFault('edit-payment-undo');
        return payments.voidIncrement(extra.orderId, extra.editId);
      };
      const result = await withTimeout(work(), ctx.stepTimeoutMs);
      await recordVoided(ctx, extra, actor, result);
      return true;
    } catch (error) {
      ctx.logger.warn(
        { orderId: extra.orderId, editId: extra.editId, attempt, err: error },
        'paid edit: release failed',
      );
      if (attempt < COMPENSATION_ATTEMPTS) await retryPause(attempt);
    }
  }
  ctx.logger.error(
    { orderId: extra.orderId, editId: extra.editId },
    'paid edit: extra hold not released; the recovery sweep will retry it',
  );
  return false;
}

/**
 * The recovery sweep's part: releases the holds of edits whose node stopped between the
 * authorization and the commit (or gave up releasing). Resolves with how many it settled.
 */
export async function sweepEditAuthorizations(
  deps: Pick<PaidEditDeps, 'ctx' | 'payments'>,
  limit = 50,
): Promise<number> {
  let settled = 0;
  for (const editId of await expiredEditAuthorizations(deps.ctx, limit)) {
    try {
      const claimed = await claimExpiredEdit(deps.ctx, editId);
      if (!claimed) continue;
      deps.ctx.logger.warn(
        { orderId: claimed.orderId, editId },
        'releasing an unfinished edit authorization',
      );
      if (await releaseExtra({ ...deps, faults: {} }, claimed, SYSTEM_ACTOR)) settled++;
    } catch (error) {
      deps.ctx.logger.error(
        { err: error, editId },
        'edit authorization recovery failed; will retry',
      );
    }
  }
  return settled;
}

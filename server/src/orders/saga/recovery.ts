import { Timestamp } from 'firebase-admin/firestore';
import { COLLECTIONS } from '../order-docs';
import { everyNodeRuns, type JobLease } from '../../cluster/job-lease';
import type { FulfillmentSaga } from './fulfillment-saga';
import type { SagaContext } from './saga-context';
import { claimExpired } from './saga-store';

const BATCH = 50;

/** How often a node sweeps: every half lease, so an expired saga waits at most half a lease more. */
export const sweepIntervalMs = (leaseMs: number) => Math.max(100, Math.floor(leaseMs / 2));

/**
 * Finds sagas left unfinished (running or compensating) whose owner let the lease run out —
 * a crashed or hung API node, this one before a restart — claims each in a transaction (so two
 * nodes never recover the same saga) and finishes it: compensate, or complete when only the
 * confirmation was missing. Runs at start, then every half lease. `alsoSweep` runs in each
 * sweep too (the holds of item edits left half done) and says how many it settled.
 */
export function sagaRecovery(
  ctx: SagaContext,
  saga: FulfillmentSaga,
  alsoSweep: () => Promise<number> = () => Promise.resolve(0),
  // With several nodes one of them sweeps at a time; the claim transactions stay the safety net.
  lease: JobLease = everyNodeRuns,
) {
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<number> | undefined;
  let stopped = false;

  async function sweepOnce(): Promise<number> {
    const expired = await ctx.db
      .collection(COLLECTIONS.sagas)
      .where('status', 'in', ['running', 'compensating'])
      .where('leaseUntil', '<=', Timestamp.fromDate(ctx.now()))
      .orderBy('leaseUntil')
      .limit(BATCH)
      .get();
    let recovered = 0;
    for (const doc of expired.docs) {
      if (stopped) break;
      try {
        const claimed = await claimExpired(ctx, doc.id);
        if (!claimed) continue;
        await saga.recover(claimed);
        recovered++;
      } catch (error) {
        ctx.logger.error({ err: error, orderId: doc.id }, 'saga recovery failed; will retry');
      }
    }
    if (!stopped) recovered += await alsoSweep();
    return recovered;
  }

  /** One sweep (never two at once); resolves with how many sagas it finished. */
  function sweep(): Promise<number> {
    sweeping ??= sweepOnce()
      .catch((error: unknown) => {
        ctx.logger.error({ err: error }, 'saga recovery sweep failed');
        return 0;
      })
      .finally(() => (sweeping = undefined));
    return sweeping;
  }

  return {
    sweep,
    start(intervalMs = sweepIntervalMs(ctx.leaseMs)): void {
      const tick = () => {
        void lease.acquire().then(async (mine) => {
          if (mine) await sweep();
          if (!stopped) timer = setTimeout(tick, intervalMs).unref();
        });
      };
      tick();
    },
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await sweeping;
    },
  };
}

export type SagaRecovery = ReturnType<typeof sagaRecovery>;

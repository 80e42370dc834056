import { FULFILLMENT_STEPS, SAGA_ACTIONS, type OrderHistoryEntry, type OrderStatus } from '@maestro/contracts';

/**
 * After a cancel or a failure the saga undoes its steps (refund, stock back, courier cancelled) in
 * the background. Those entries come after the status change and do not move the order's version,
 * so the page cannot wait for a version: it reads the log again while a step done has no undo yet.
 */
export function undoPending(status: OrderStatus, entries: readonly Pick<OrderHistoryEntry, 'action'>[]): boolean {
  if (status !== 'CANCELLED' && status !== 'FAILED') return false;
  const actions = new Set(entries.map((entry) => entry.action));
  return FULFILLMENT_STEPS.some((step) => {
    const { done, compensated } = SAGA_ACTIONS[step];
    return compensated !== null && actions.has(done) && !actions.has(compensated);
  });
}

/** How long to wait before each further read: a few seconds in all, then the refresh button. */
export const UNDO_POLL_DELAYS_MS = [500, 1000, 2000, 4000, 8000] as const;

import type { HealthReport } from '@maestro/contracts';

/**
 * The API card's line on live updates: order events the answering API node could not broadcast
 * since it started (the change itself was saved). Null when the API does not say (an older one).
 */
export function emitFailureLine(report: HealthReport): { text: string; failed: boolean } | null {
  const failures = (report as Partial<HealthReport>).realtime?.emitFailures;
  if (typeof failures !== 'number') return null;
  if (failures === 0) return { text: 'Live updates: none failed since this API node started', failed: false };
  const updates = failures === 1 ? 'update' : 'updates';
  return {
    text: `Live updates: ${failures.toLocaleString('en-US')} ${updates} could not be sent since this API node started. The changes are saved; screens that missed one show it after their next reload.`,
    failed: true,
  };
}

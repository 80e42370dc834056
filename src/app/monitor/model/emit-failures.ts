import type { HealthReport } from '@maestro/contracts';

/**
 * The API card's line on live updates: order events the answering API node could not broadcast
 * since it started (the change itself was saved). Null when the API does not say (an older one).
 */
export function emitFailureLine(
  report: HealthReport,
): { text: string; detail: string | null; failed: boolean } | null {
  const failures = (report as Partial<HealthReport>).realtime?.emitFailures;
  if (typeof failures !== 'number') return null;
  if (failures === 0)
    return { text: 'Live updates: none failed since this API node started', detail: null, failed: false };
  const updates = failures === 1 ? 'live update' : 'live updates';
  return {
    text: `${failures.toLocaleString('en-US')} ${updates} not sent since this API node started`,
    detail: 'The changes are saved; screens that missed one show it at their next reload.',
    failed: true,
  };
}

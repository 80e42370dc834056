import type { OrchestratorMetrics, ServiceMetrics } from '../../core/orchestration/service-orchestrator.metrics';
import type { RealtimeState } from '../../core/realtime/realtime-status';

/** The services the monitor probes itself (the ServiceOrchestrator's names, shared with other features' calls). */
export const PROBED_SERVICES = ['Orders API', 'Firestore', 'Auth'] as const;


export interface ServiceCard {
  name: string;
  state: 'up' | 'down' | 'unknown';
  stateLabel: string;
  /** 0–100, null before the first call. */
  availabilityPct: number | null;
  averageMs: number | null;
  calls: number;
  /** Calls refused while the service did not answer (its circuit was open). */
  refusedCalls: number;
  /** The latest health check: how long it took and when. */
  checkMs: number | null;
  checkedAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
}

/** One card per service the ServiceOrchestrator knows (the probed ones always first), then realtime. */
export function serviceCards(metrics: OrchestratorMetrics, realtime: RealtimeState): ServiceCard[] {
  const names = [...PROBED_SERVICES, ...Object.keys(metrics.services).filter((name) => !(PROBED_SERVICES as readonly string[]).includes(name)).sort()];
  return [...names.map((name) => fromMetrics(name, metrics.services[name])), realtimeCard(realtime)];
}

const CIRCUIT_LABEL = { open: 'Not answering: calls paused', half_open: 'Checking whether it is back' } as const;

function fromMetrics(name: string, metrics: ServiceMetrics | undefined): ServiceCard {
  const check = metrics?.lastCheck;
  if (!metrics || (metrics.total === 0 && !check && metrics.shortCircuited === 0)) {
    return { ...EMPTY_FIGURES, name, state: 'unknown', stateLabel: 'Not checked yet', lastError: metrics?.lastError?.message ?? null };
  }
  const up = metrics.healthy && metrics.circuit === 'closed';
  // The newer of the last failed call and the last failed check.
  const checkError = check?.error ? { message: check.error.message, at: check.checkedAt } : undefined;
  const lastError = [metrics.lastError, checkError].filter((e) => e !== undefined).sort((a, b) => b.at - a.at)[0];
  return {
    name,
    state: up ? 'up' : 'down',
    stateLabel: metrics.circuit === 'closed' ? (metrics.healthy ? 'Healthy' : 'Unhealthy') : CIRCUIT_LABEL[metrics.circuit],
    availabilityPct: metrics.total ? metrics.availability * 100 : null,
    averageMs: metrics.total ? metrics.averageDuration : null,
    calls: metrics.total,
    refusedCalls: metrics.shortCircuited,
    checkMs: check ? check.latencyMs : null,
    checkedAt: check ? new Date(check.checkedAt) : null,
    lastError: lastError?.message ?? null,
    lastErrorAt: lastError ? new Date(lastError.at) : null,
  };
}

const EMPTY_FIGURES = { availabilityPct: null, averageMs: null, calls: 0, refusedCalls: 0, checkMs: null, checkedAt: null, lastError: null, lastErrorAt: null };

const REALTIME_LABEL: Record<RealtimeState, string> = {
  live: 'Live',
  connecting: 'Connecting',
  reconnecting: 'Reconnecting',
  offline: 'Offline',
  'not-opened': 'Not opened in this browser',
};

function realtimeCard(state: RealtimeState): ServiceCard {
  return {
    ...EMPTY_FIGURES,
    name: 'Realtime',
    state: state === 'live' ? 'up' : state === 'offline' || state === 'reconnecting' ? 'down' : 'unknown',
    stateLabel: REALTIME_LABEL[state],
  };
}

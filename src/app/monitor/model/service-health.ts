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
  lastError: string | null;
  lastErrorAt: Date | null;
}

/** One card per service the ServiceOrchestrator knows (the probed ones always first), then realtime. */
export function serviceCards(metrics: OrchestratorMetrics, realtime: RealtimeState): ServiceCard[] {
  const names = [...PROBED_SERVICES, ...Object.keys(metrics.services).filter((name) => !(PROBED_SERVICES as readonly string[]).includes(name)).sort()];
  return [...names.map((name) => fromMetrics(name, metrics.services[name])), realtimeCard(realtime)];
}

function fromMetrics(name: string, metrics: ServiceMetrics | undefined): ServiceCard {
  if (!metrics || metrics.total === 0) {
    return { name, state: 'unknown', stateLabel: 'Not checked yet', availabilityPct: null, averageMs: null, calls: 0, lastError: metrics?.lastError?.message ?? null, lastErrorAt: null };
  }
  return {
    name,
    state: metrics.healthy ? 'up' : 'down',
    stateLabel: metrics.healthy ? 'Healthy' : 'Unhealthy',
    availabilityPct: metrics.availability * 100,
    averageMs: metrics.averageDuration,
    calls: metrics.total,
    lastError: metrics.lastError?.message ?? null,
    lastErrorAt: metrics.lastError ? new Date(metrics.lastError.at) : null,
  };
}

const REALTIME_LABEL: Record<RealtimeState, string> = {
  live: 'Live',
  connecting: 'Connecting',
  reconnecting: 'Reconnecting',
  offline: 'Offline',
  'not-opened': 'Not opened in this browser',
};

function realtimeCard(state: RealtimeState): ServiceCard {
  return {
    name: 'Realtime',
    state: state === 'live' ? 'up' : state === 'offline' || state === 'reconnecting' ? 'down' : 'unknown',
    stateLabel: REALTIME_LABEL[state],
    availabilityPct: null,
    averageMs: null,
    calls: 0,
    lastError: null,
    lastErrorAt: null,
  };
}

import type { CircuitState } from './circuit-breaker';
import type { OperationError } from './operation-result';
import type { ServiceHealth } from './service-orchestrator';

/** What calls looked like so far, over all services: plain data, safe to show or serialize. */
export interface OverallMetrics {
  /** Calls (a call with retries counts once). */
  readonly total: number;
  readonly successful: number;
  readonly failed: number;
  /** Attempts beyond the first, over all calls. */
  readonly retries: number;
  /** Mean call duration in ms, retries and their waits included; 0 before the first call. */
  readonly averageDuration: number;
  /** successful / total, 1 before the first call (nothing has failed yet). */
  readonly availability: number;
  /** Ms since the orchestrator was created. */
  readonly uptime: number;
}

/** The same figures for one service, with its health, circuit and last error. */
export interface ServiceMetrics extends OverallMetrics, ServiceStanding {
  readonly service: string;
  /** Ms since the service was registered or first used. */
  readonly uptime: number;
  readonly lastError?: { readonly message: string; readonly code?: string; readonly at: number };
}

/** Where a service stands now, besides its call counts. */
export interface ServiceStanding {
  readonly healthy: boolean;
  readonly circuit: CircuitState;
  /** Calls refused without calling, while the circuit was open (not in `total`). */
  readonly shortCircuited: number;
  /** Times the circuit opened. */
  readonly circuitOpened: number;
  /** The latest health check of the service, if it has one. */
  readonly lastCheck?: ServiceHealth;
}

export interface OrchestratorMetrics {
  readonly overall: OverallMetrics & { readonly shortCircuited: number };
  readonly services: Readonly<Record<string, ServiceMetrics>>;
}

/** The counters behind ServiceMetrics, mutated only by the orchestrator. */
export class ServiceCounters {
  total = 0;
  successful = 0;
  failed = 0;
  retries = 0;
  totalDuration = 0;
  lastError?: { message: string; code?: string; at: number };

  recordSuccess(duration: number): void {
    this.total++;
    this.successful++;
    this.totalDuration += duration;
  }

  recordFailure(duration: number, error: OperationError, at: number): void {
    this.total++;
    this.failed++;
    this.totalDuration += duration;
    this.lastError = { message: error.message, code: error.code, at };
  }
}

export function toServiceMetrics(
  service: string,
  counters: ServiceCounters,
  uptime: number,
  standing: ServiceStanding,
): ServiceMetrics {
  return {
    service,
    ...summarize([counters], uptime),
    ...standing,
    ...(counters.lastError ? { lastError: { ...counters.lastError } } : {}),
  };
}

export function summarize(counters: readonly ServiceCounters[], uptime: number): OverallMetrics {
  const sum = (pick: (c: ServiceCounters) => number) =>
    counters.reduce((total, c) => total + pick(c), 0);
  const total = sum((c) => c.total);
  const successful = sum((c) => c.successful);
  return {
    total,
    successful,
    failed: sum((c) => c.failed),
    retries: sum((c) => c.retries),
    averageDuration: total === 0 ? 0 : sum((c) => c.totalDuration) / total,
    availability: total === 0 ? 1 : successful / total,
    uptime,
  };
}

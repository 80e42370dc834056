/** How the ServiceOrchestrator retries, times out, batches and reports. */
export interface ServiceOrchestratorConfig {
  /** Retries after the first attempt (0 = one attempt only). */
  readonly retryAttempts: number;
  /** Base wait before the first retry, in ms; doubles for each retry after it. */
  readonly retryDelay: number;
  /** Per attempt (not per call), in ms. */
  readonly timeout: number;
  /** When on, `executeAll` runs at most `batchSize` operations at once; when off, all at once. */
  readonly enableBatching: boolean;
  readonly batchSize: number;
  readonly enableMetrics: boolean;
  /** Debug lines for each start, retry and result. Listener failures are logged regardless. */
  readonly enableLogging: boolean;
  /** Consecutive failed calls (transient failures only) after which a service counts as unhealthy. */
  readonly unhealthyAfter: number;
  /**
   * Longest wait between attempts, in ms. Backoff is capped here; a server asking for a
   * longer wait (Retry-After) ends the retries instead, so a caller is never held for minutes.
   */
  readonly maxRetryDelay: number;
  /**
   * Once a service failed `unhealthyAfter` attempts in a row, calls to it are refused at once
   * (`circuit_open`) for this many ms, then one trial call or health check decides. 0 = never.
   */
  readonly circuitCoolOff: number;
  /** Ms between the orchestrator's own rounds of health checks; 0 = only when asked. */
  readonly healthCheckInterval: number;
}

export const DEFAULT_SERVICE_ORCHESTRATOR_CONFIG: ServiceOrchestratorConfig = {
  retryAttempts: 3,
  retryDelay: 200,
  timeout: 10_000,
  enableBatching: false,
  batchSize: 10,
  enableMetrics: true,
  enableLogging: false,
  unhealthyAfter: 3,
  maxRetryDelay: 30_000,
  circuitCoolOff: 15_000,
  healthCheckInterval: 0,
};

/** The orchestrator's view of time and chance, injected so specs decide both. */
export interface ServiceOrchestratorRuntime {
  readonly clock: Clock;
  /** Resolves after `ms`, or as soon as `signal` aborts (it may also reject then: both are handled). */
  readonly sleep: Sleep;
  /** A number in [0, 1), used for jitter. */
  readonly random: () => number;
  readonly logger: OrchestratorLogger;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export interface OrchestratorLogger {
  debug(message: string, context?: unknown): void;
  warn(message: string, context?: unknown): void;
  error(message: string, context?: unknown): void;
}

/** ±20 %: enough to spread clients that failed together, small enough to keep the backoff's shape. */
export const JITTER_RATIO = 0.2;

/**
 * The wait before retry number `retry` (1 for the first retry):
 *
 *   delay = retryDelay × 2^(retry − 1) × (1 + JITTER_RATIO × (2 × random − 1)), rounded to whole ms
 *
 * so with retryDelay 200 the waits are about 200, 400, 800 ms, each within ±20 %
 * (random 0.5 gives the exact value, 0 the low end, 1 the high end).
 */
export function backoffDelay(retry: number, retryDelay: number, random: number): number {
  const base = retryDelay * 2 ** (retry - 1);
  return Math.round(base * (1 + JITTER_RATIO * (2 * random - 1)));
}

export const systemClock: Clock = { now: () => Date.now() };

export const timerSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const finish = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', finish);
      resolve();
    };
    const timer = setTimeout(finish, ms);
    signal.addEventListener('abort', finish, { once: true });
  });

export const consoleLogger: OrchestratorLogger = {
  debug: (message, context) => console.debug(`[ServiceOrchestrator] ${message}`, context ?? ''),
  warn: (message, context) => console.warn(`[ServiceOrchestrator] ${message}`, context ?? ''),
  error: (message, context) => console.error(`[ServiceOrchestrator] ${message}`, context ?? ''),
};

export const DEFAULT_SERVICE_ORCHESTRATOR_RUNTIME: ServiceOrchestratorRuntime = {
  clock: systemClock,
  sleep: timerSleep,
  random: () => Math.random(),
  logger: consoleLogger,
};

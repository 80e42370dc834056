import { CircuitBreaker, type CircuitTransition } from './circuit-breaker';
import { isRetryable, retryAfterMsOf } from './is-retryable';
import {
  OrchestrationError,
  toOperationError,
  type OperationError,
  type OperationResult,
} from './operation-result';
import {
  backoffDelay,
  DEFAULT_SERVICE_ORCHESTRATOR_CONFIG,
  DEFAULT_SERVICE_ORCHESTRATOR_RUNTIME,
  type ServiceOrchestratorConfig,
  type ServiceOrchestratorRuntime,
} from './service-orchestrator.config';
import {
  OrchestratorListeners,
  type OrchestratorEventMap,
  type OrchestratorEventType,
  type OrchestratorListener,
} from './service-orchestrator.events';
import {
  ServiceCounters,
  summarize,
  toServiceMetrics,
  type OrchestratorMetrics,
  type ServiceMetrics,
} from './service-orchestrator.metrics';

/** One call to a service. It should stop its work when `signal` aborts (timeout or dispose). */
export type Operation<T> = (signal: AbortSignal) => Promise<T>;

export interface ServiceRegistration {
  /** Resolves when the service answers as it should; rejects (or times out) when it does not. */
  readonly healthCheck?: (signal: AbortSignal) => Promise<void>;
  /** How long a check may take, in ms; the config's `timeout` by default. */
  readonly healthCheckTimeout?: number;
}

export interface ExecuteOptions {
  /** Per attempt, in ms; 0 or Infinity = no timeout. */
  readonly timeout?: number;
  /** Retries after the first attempt; 0 for writes that must not run twice. */
  readonly retryAttempts?: number;
  /** Replaces `isRetryable` for this call (it also receives the timeout error). */
  readonly retryable?: (error: unknown) => boolean;
}

export interface ExecutionDetails {
  readonly service: string;
  readonly operationId: string;
  /** Attempts made (0 when the orchestrator was already disposed). */
  readonly attempts: number;
}

export interface PlannedOperation<T> {
  readonly service: string;
  readonly operation: Operation<T>;
  readonly options?: ExecuteOptions;
}

export interface ServiceHealth {
  readonly healthy: boolean;
  readonly latencyMs: number;
  readonly error?: OperationError;
  readonly checkedAt: number;
}

/** healthy: every service is; unhealthy: none is; degraded: some are not. */
export type OverallHealth = 'healthy' | 'degraded' | 'unhealthy';

/** What `performHealthCheck()` found: each checked service, and all known services summed up. */
export interface SystemHealth {
  readonly overall: OverallHealth;
  readonly services: Readonly<Record<string, ServiceHealth>>;
  readonly checkedAt: number;
}

export type ExecutionResult<T> = OperationResult<T, ExecutionDetails>;

interface ServiceState {
  readonly registeredAt: number;
  healthCheck?: (signal: AbortSignal) => Promise<void>;
  healthCheckTimeout?: number;
  readonly counters: ServiceCounters;
  healthy: boolean;
  consecutiveFailures: number;
  readonly breaker: CircuitBreaker;
  lastCheck?: ServiceHealth;
}

type AttemptOutcome<T> =
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'disposed' };

/**
 * Wraps calls to services (the Orders API, Firestore) with per-attempt timeouts, retries
 * with exponential backoff for transient failures, metrics, health tracking and events.
 * Framework-free: time, sleep, chance and logging come from the injected runtime.
 * `execute` never rejects; every outcome is an OperationResult.
 */
export class ServiceOrchestrator {
  private readonly config: ServiceOrchestratorConfig;
  private readonly runtime: ServiceOrchestratorRuntime;
  private readonly services = new Map<string, ServiceState>();
  private readonly listeners: OrchestratorListeners;
  /** Aborted by dispose(): cancels in-flight attempts and pending retry waits. */
  private readonly lifetime = new AbortController();
  /** Resolves on dispose(), so no call waits on an operation or a sleep that ignores its signal. */
  private readonly disposal: Promise<void>;
  private readonly createdAt: number;
  private sequence = 0;
  /** True while the interval loop of health checks runs (config.healthCheckInterval > 0). */
  private checkingOnInterval = false;

  constructor(
    config: Partial<ServiceOrchestratorConfig> = {},
    runtime: Partial<ServiceOrchestratorRuntime> = {},
  ) {
    this.config = { ...DEFAULT_SERVICE_ORCHESTRATOR_CONFIG, ...config };
    this.runtime = { ...DEFAULT_SERVICE_ORCHESTRATOR_RUNTIME, ...runtime };
    this.listeners = new OrchestratorListeners(this.runtime.logger);
    this.createdAt = this.now();
    this.disposal = new Promise((resolve) =>
      this.lifetime.signal.addEventListener('abort', () => resolve(), { once: true }),
    );
  }

  get isDisposed(): boolean {
    return this.lifetime.signal.aborted;
  }

  /**
   * Registering again replaces the health check and keeps the metrics; registering without one
   * stops checking the service. With `healthCheckInterval` set, the first health check starts
   * the orchestrator's own interval of checks, which dispose() stops.
   */
  registerService(name: string, registration: ServiceRegistration = {}): void {
    const state = this.stateOf(name);
    state.healthCheck = registration.healthCheck;
    state.healthCheckTimeout = registration.healthCheckTimeout;
    if (registration.healthCheck) this.checkOnInterval();
  }

  /** The latest round of health checks, from the interval or a direct call; undefined before one. */
  get lastHealthCheck(): SystemHealth | undefined {
    return this.latestHealth;
  }
  private latestHealth?: SystemHealth;

  addEventListener<K extends OrchestratorEventType>(
    type: K,
    listener: OrchestratorListener<K>,
  ): () => void {
    return this.listeners.add(type, listener);
  }

  async execute<T>(
    service: string,
    operation: Operation<T>,
    options: ExecuteOptions = {},
  ): Promise<ExecutionResult<T>> {
    const operationId = `${service}-${++this.sequence}`;
    const startedAt = this.now();
    let attempts = 0;
    const details = () => ({ service, operationId, attempts });
    try {
      if (this.isDisposed) return this.disposedResult(service, details(), startedAt);
      const state = this.stateOf(service);
      const { admission, transition } = state.breaker.admit(startedAt);
      this.noteCircuit(service, transition);
      if (!admission.admitted) return this.shortCircuit(state, details(), startedAt, admission.retryInMs);
      // A trial after the cool-off is one attempt: the question is only whether the service is back.
      const maxRetries = admission.trial ? 0 : (options.retryAttempts ?? this.config.retryAttempts);
      const timeout = options.timeout ?? this.config.timeout;
      const classify = options.retryable ?? isRetryable;
      this.emit({ type: 'operation_start', service, operationId, at: startedAt });
      this.debug(`${operationId} started`);

      for (;;) {
        attempts++;
        const outcome = await this.attempt(service, operation, timeout);
        if (outcome.kind === 'ok') return this.succeed(state, outcome.value, details(), startedAt);
        if (outcome.kind === 'disposed' || this.isDisposed) {
          state.breaker.releaseTrial();
          return this.disposedResult(service, details(), startedAt);
        }

        const retryable = classifySafely(classify, outcome.error);
        const wait =
          retryable && attempts <= maxRetries
            ? this.waitBeforeRetry(attempts, outcome.error)
            : undefined;
        if (wait === undefined) {
          return this.fail(state, toOperationError(outcome.error, retryable), details(), startedAt);
        }
        if (this.config.enableMetrics) state.counters.retries++;
        this.debug(
          `${operationId} attempt ${attempts} failed; retrying in ${wait} ms`,
          outcome.error,
        );
        await this.pause(wait);
        if (this.isDisposed) return this.disposedResult(service, details(), startedAt);
      }
    } catch (error) {
      // Only a bug in the orchestrator itself gets here; the promise must still resolve.
      this.runtime.logger.error(`${operationId} failed inside the orchestrator`, error);
      const failure: OperationError = {
        message: 'Something went wrong. Try again.',
        code: 'internal',
        retryable: false,
        cause: error,
      };
      return {
        success: false,
        error: failure,
        duration: this.now() - startedAt,
        details: details(),
      };
    }
  }

  /** Runs every operation, at most `batchSize` at once when batching is on; results keep the input order. */
  async executeAll<T>(operations: readonly PlannedOperation<T>[]): Promise<ExecutionResult<T>[]> {
    return this.pooled(operations, ({ service, operation, options }) =>
      this.execute(service, operation, options),
    );
  }

  /**
   * Checks every service registered with a healthCheck (at most `batchSize` at once when batching
   * is on), each within `timeout`, and sums up every known service. A check is the circuit's probe:
   * it runs even while the circuit is open, and its success closes it.
   */
  async performHealthCheck(): Promise<SystemHealth> {
    const checkedAt = this.now();
    if (this.isDisposed) return { overall: 'healthy', services: {}, checkedAt };
    const checked = [...this.services].filter(([, state]) => state.healthCheck);
    const results = await this.pooled(checked, ([name, state]) => this.checkHealth(name, state));
    const health: SystemHealth = {
      overall: overallHealth([...this.services.values()].map((state) => state.healthy)),
      services: Object.fromEntries(checked.map(([name], index) => [name, results[index]])),
      checkedAt,
    };
    // Shut down while the round ran: its caller gets the answers, nobody else hears of them.
    if (this.isDisposed) return health;
    this.latestHealth = health;
    this.emit({ type: 'health_check_complete', health, at: this.now() });
    return health;
  }

  getMetrics(): OrchestratorMetrics;
  getMetrics(service: string): ServiceMetrics | undefined;
  getMetrics(service?: string): OrchestratorMetrics | ServiceMetrics | undefined {
    const now = this.now();
    const metricsOf = (name: string, state: ServiceState) =>
      toServiceMetrics(name, state.counters, now - state.registeredAt, {
        healthy: state.healthy,
        circuit: state.breaker.state,
        shortCircuited: state.breaker.shortCircuited,
        circuitOpened: state.breaker.opened,
        ...(state.lastCheck ? { lastCheck: { ...state.lastCheck } } : {}),
      });
    if (service !== undefined) {
      const state = this.services.get(service);
      return state && metricsOf(service, state);
    }
    const states = [...this.services];
    return {
      overall: {
        ...summarize(
          states.map(([, state]) => state.counters),
          now - this.createdAt,
        ),
        shortCircuited: states.reduce((sum, [, state]) => sum + state.breaker.shortCircuited, 0),
      },
      services: Object.fromEntries(states.map(([name, state]) => [name, metricsOf(name, state)])),
    };
  }

  /** Ends every in-flight call with a 'disposed' failure, cancels retry waits, drops listeners. Idempotent. */
  dispose(): void {
    if (this.isDisposed) return;
    this.lifetime.abort(new OrchestrationError('disposed', 'The orchestrator was shut down.'));
    this.listeners.clear();
  }

  /** One attempt, ended by the operation, its timeout or dispose(), whichever comes first. */
  private async attempt<T>(
    service: string,
    operation: Operation<T>,
    timeout: number,
  ): Promise<AttemptOutcome<T>> {
    const attempt = new AbortController();
    const timer = new AbortController();
    const unlink = linkAbort(this.lifetime.signal, attempt);
    const timeoutError = new OrchestrationError(
      'timeout',
      `${service} did not answer within ${formatSeconds(timeout)}. Check your connection and try again.`,
    );
    const racers: Promise<AttemptOutcome<T>>[] = [
      invoke(operation, attempt.signal).then(
        (value) => ({ kind: 'ok', value }),
        (error: unknown) => ({ kind: 'failed', error }),
      ),
      this.disposal.then(() => ({ kind: 'disposed' })),
    ];
    if (Number.isFinite(timeout) && timeout > 0) {
      // The operation may never settle: the timer decides, and the operation is told to stop.
      racers.push(
        this.sleepQuietly(timeout, timer.signal).then(() => {
          // The timer is also cancelled once the race is decided; then there is nothing to stop.
          if (!timer.signal.aborted) attempt.abort(timeoutError);
          return { kind: 'failed', error: timeoutError };
        }),
      );
    }
    try {
      return await Promise.race(racers);
    } finally {
      timer.abort();
      unlink();
    }
  }

  /**
   * The wait before the next attempt: the backoff (capped at maxRetryDelay), or longer if
   * the server asked for it. undefined = give up, because the server asked for more than maxRetryDelay.
   */
  private waitBeforeRetry(retry: number, error: unknown): number | undefined {
    const backoff = Math.min(
      backoffDelay(retry, this.config.retryDelay, this.runtime.random()),
      this.config.maxRetryDelay,
    );
    const asked = retryAfterMsOf(error);
    if (asked === undefined) return backoff;
    return asked > this.config.maxRetryDelay ? undefined : Math.max(backoff, asked);
  }

  private async pause(ms: number): Promise<void> {
    await Promise.race([this.sleepQuietly(ms, this.lifetime.signal), this.disposal]);
  }

  /** A sleep that may reject on abort (as Node's timers/promises does) is treated like one that resolves. */
  private sleepQuietly(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => resolve(this.runtime.sleep(ms, signal))).catch(
      () => undefined,
    );
  }

  private async checkHealth(name: string, state: ServiceState): Promise<ServiceHealth> {
    const startedAt = this.now();
    // A check still queued when the orchestrator was shut down is not started.
    if (this.isDisposed) return { healthy: false, latencyMs: 0, checkedAt: startedAt, error: this.disposedError(name) };
    const outcome = await this.attempt(
      name,
      state.healthCheck ?? (async () => undefined),
      state.healthCheckTimeout ?? this.config.timeout,
    );
    const checkedAt = this.now();
    const latencyMs = checkedAt - startedAt;
    if (outcome.kind === 'disposed' || this.isDisposed) {
      return { healthy: false, latencyMs, checkedAt, error: this.disposedError(name) };
    }
    // A failed check is a failure whatever the error: the check's only job is to succeed.
    this.noteCircuit(
      name,
      outcome.kind === 'ok' ? state.breaker.recordAnswer() : state.breaker.recordFailure(checkedAt),
    );
    if (outcome.kind === 'ok') {
      state.consecutiveFailures = 0;
      this.setHealth(name, state, true, 'health_check');
      return (state.lastCheck = { healthy: true, latencyMs, checkedAt });
    }
    const error = toOperationError(outcome.error, isRetryable(outcome.error));
    this.setHealth(name, state, false, 'health_check', error);
    return (state.lastCheck = { healthy: false, latencyMs, checkedAt, error });
  }

  /** Health checks every `healthCheckInterval` ms while any service has one, until dispose(). */
  private checkOnInterval(): void {
    const interval = this.config.healthCheckInterval;
    if (this.checkingOnInterval || this.isDisposed || !(interval > 0)) return;
    this.checkingOnInterval = true;
    const loop = async () => {
      try {
        while (!this.isDisposed && [...this.services.values()].some((state) => state.healthCheck)) {
          await this.pause(interval);
          if (!this.isDisposed) await this.performHealthCheck();
        }
      } catch (error) {
        this.runtime.logger.error('The interval of health checks stopped', error);
      } finally {
        this.checkingOnInterval = false;
      }
    };
    void loop();
  }

  private noteCircuit(service: string, transition: CircuitTransition | undefined): void {
    if (!transition) return;
    this.emit({ type: 'circuit_state_change', service, ...transition, at: this.now() });
    this.debug(`${service}: circuit ${transition.from} → ${transition.to}`);
  }

  /** Refused without calling: the service is down and its cool-off is not over. */
  private shortCircuit(
    state: ServiceState,
    details: ExecutionDetails,
    startedAt: number,
    retryInMs: number,
  ): ExecutionResult<never> {
    const error: OperationError = {
      message:
        retryInMs > 0
          ? `${details.service} is not answering, so Maestro is not calling it for now. It will try again in ${formatSeconds(retryInMs)}.`
          : `${details.service} is not answering; Maestro is checking whether it is back. Try again in a moment.`,
      code: 'circuit_open',
      retryable: true,
    };
    const at = this.now();
    if (this.config.enableMetrics) state.counters.lastError = { message: error.message, code: error.code, at };
    this.emit({ type: 'operation_error', ...details, duration: at - startedAt, error, at });
    return { success: false, error, duration: at - startedAt, details, serviceErrors: { [details.service]: error } };
  }

  /** Runs `run` over `items`, at most `batchSize` at once when batching is on; results keep the order. */
  private async pooled<I, R>(items: readonly I[], run: (item: I) => Promise<R>): Promise<R[]> {
    const results = new Array<R>(items.length);
    const limit = this.config.enableBatching ? Math.max(1, Math.floor(this.config.batchSize)) : items.length;
    let next = 0;
    // A pool rather than fixed chunks: a slow call does not hold back the calls behind it.
    const worker = async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await run(items[index]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
  }

  private succeed<T>(
    state: ServiceState,
    data: T,
    details: ExecutionDetails,
    startedAt: number,
  ): ExecutionResult<T> {
    const at = this.now();
    const duration = at - startedAt;
    if (this.config.enableMetrics) state.counters.recordSuccess(duration);
    this.noteCircuit(details.service, state.breaker.recordAnswer());
    state.consecutiveFailures = 0;
    this.setHealth(details.service, state, true, 'operation_success');
    this.emit({ type: 'operation_complete', ...details, duration, at });
    this.debug(
      `${details.operationId} succeeded after ${details.attempts} attempt(s) in ${duration} ms`,
    );
    return { success: true, data, duration, details };
  }

  private fail(
    state: ServiceState,
    error: OperationError,
    details: ExecutionDetails,
    startedAt: number,
  ): ExecutionResult<never> {
    const at = this.now();
    const duration = at - startedAt;
    if (this.config.enableMetrics) state.counters.recordFailure(duration, error, at);
    // The circuit counts calls, not attempts: retries are the call's own business.
    this.noteCircuit(
      details.service,
      isOutage(error.cause) ? state.breaker.recordFailure(at) : state.breaker.recordAnswer(),
    );
    // Health follows the service's availability: a refused request (4xx) proves it answered.
    if (isRetryable(error.cause)) {
      state.consecutiveFailures++;
      if (state.consecutiveFailures >= this.config.unhealthyAfter) {
        this.setHealth(details.service, state, false, 'operation_failures', error);
      }
    }
    this.emit({ type: 'operation_error', ...details, duration, error, at });
    this.debug(`${details.operationId} failed after ${details.attempts} attempt(s)`, error);
    return {
      success: false,
      error,
      duration,
      details,
      serviceErrors: { [details.service]: error },
    };
  }

  /** Not counted in metrics or health: shutting down says nothing about the service. */
  private disposedResult(
    service: string,
    details: ExecutionDetails,
    startedAt: number,
  ): ExecutionResult<never> {
    const error = this.disposedError(service);
    return {
      success: false,
      error,
      duration: this.now() - startedAt,
      details,
      serviceErrors: { [service]: error },
    };
  }

  private disposedError(service: string): OperationError {
    return {
      message: `The call to ${service} was cancelled because the app is shutting down.`,
      code: 'disposed',
      retryable: false,
    };
  }

  private setHealth(
    service: string,
    state: ServiceState,
    healthy: boolean,
    reason: OrchestratorEventMap['service_health_change']['reason'],
    error?: OperationError,
  ): void {
    if (state.healthy === healthy) return;
    state.healthy = healthy;
    this.emit({
      type: 'service_health_change',
      service,
      healthy,
      reason,
      at: this.now(),
      ...(error ? { error } : {}),
    });
    this.debug(`${service} is now ${healthy ? 'healthy' : 'unhealthy'} (${reason})`);
  }

  private stateOf(service: string): ServiceState {
    let state = this.services.get(service);
    if (!state) {
      state = {
        registeredAt: this.now(),
        counters: new ServiceCounters(),
        healthy: true,
        consecutiveFailures: 0,
        breaker: new CircuitBreaker({
          failureThreshold: this.config.unhealthyAfter,
          coolOffMs: this.config.circuitCoolOff,
        }),
      };
      this.services.set(service, state);
    }
    return state;
  }

  private emit<K extends OrchestratorEventType>(event: OrchestratorEventMap[K]): void {
    this.listeners.emit(event);
  }

  private debug(message: string, context?: unknown): void {
    if (this.config.enableLogging) this.runtime.logger.debug(message, context);
  }

  private now(): number {
    return this.runtime.clock.now();
  }
}

/** The default instance is the app's SERVICE_ORCHESTRATOR (service-orchestrator.provider.ts). */
export function createServiceOrchestrator(
  config: Partial<ServiceOrchestratorConfig> = {},
  runtime: Partial<ServiceOrchestratorRuntime> = {},
): ServiceOrchestrator {
  return new ServiceOrchestrator(config, runtime);
}

/** A transient failure that says the service is down; 429 is an answer (slow down), not an outage. */
function isOutage(error: unknown): boolean {
  return isRetryable(error) && (error as { status?: unknown }).status !== 429;
}

function overallHealth(healthy: readonly boolean[]): OverallHealth {
  const up = healthy.filter(Boolean).length;
  if (up === healthy.length) return 'healthy';
  return up === 0 ? 'unhealthy' : 'degraded';
}

/** Runs `operation` so that a synchronous throw becomes a rejection like any other. */
function invoke<T>(operation: Operation<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve) => resolve(operation(signal)));
}

/**
 * Aborts `child` when `parent` aborts; returns the function that undoes the link. The parent is the
 * orchestrator's lifetime, not aborted yet here: execute() and checkHealth() return on a disposed
 * orchestrator before they start an attempt.
 */
function linkAbort(parent: AbortSignal, child: AbortController): () => void {
  const forward = () => child.abort(parent.reason);
  parent.addEventListener('abort', forward, { once: true });
  return () => parent.removeEventListener('abort', forward);
}

/** A classifier that throws must not turn a failed call into a rejected promise. */
function classifySafely(classify: (error: unknown) => boolean, error: unknown): boolean {
  try {
    return classify(error);
  } catch {
    return false;
  }
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

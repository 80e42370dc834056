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

export type ExecutionResult<T> = OperationResult<T, ExecutionDetails>;

interface ServiceState {
  readonly registeredAt: number;
  healthCheck?: (signal: AbortSignal) => Promise<void>;
  readonly counters: ServiceCounters;
  healthy: boolean;
  consecutiveFailures: number;
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

  /** Registering again replaces the health check and keeps the metrics. */
  registerService(name: string, registration: ServiceRegistration = {}): void {
    this.stateOf(name).healthCheck = registration.healthCheck;
  }

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
      const maxRetries = options.retryAttempts ?? this.config.retryAttempts;
      const timeout = options.timeout ?? this.config.timeout;
      const classify = options.retryable ?? isRetryable;
      this.emit({ type: 'operation_start', service, operationId, at: startedAt });
      this.debug(`${operationId} started`);

      for (;;) {
        attempts++;
        const outcome = await this.attempt(service, operation, timeout);
        if (outcome.kind === 'ok') return this.succeed(state, outcome.value, details(), startedAt);
        if (outcome.kind === 'disposed' || this.isDisposed)
          return this.disposedResult(service, details(), startedAt);

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
    const results = new Array<ExecutionResult<T>>(operations.length);
    const limit = this.config.enableBatching
      ? Math.max(1, Math.floor(this.config.batchSize))
      : operations.length;
    let next = 0;
    // A pool rather than fixed chunks: a slow call does not hold back the calls behind it.
    const worker = async () => {
      while (next < operations.length) {
        const index = next++;
        const { service, operation, options } = operations[index];
        results[index] = await this.execute(service, operation, options);
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, operations.length) }, worker));
    return results;
  }

  /** Checks every service registered with a healthCheck, in parallel, each within `timeout`. */
  async performHealthCheck(): Promise<Record<string, ServiceHealth>> {
    if (this.isDisposed) return {};
    const checks = [...this.services]
      .filter(([, state]) => state.healthCheck)
      .map(async ([name, state]) => [name, await this.checkHealth(name, state)] as const);
    return Object.fromEntries(await Promise.all(checks));
  }

  getMetrics(): OrchestratorMetrics;
  getMetrics(service: string): ServiceMetrics | undefined;
  getMetrics(service?: string): OrchestratorMetrics | ServiceMetrics | undefined {
    const now = this.now();
    const metricsOf = (name: string, state: ServiceState) =>
      toServiceMetrics(name, state.counters, now - state.registeredAt, state.healthy);
    if (service !== undefined) {
      const state = this.services.get(service);
      return state && metricsOf(service, state);
    }
    const states = [...this.services];
    return {
      overall: summarize(
        states.map(([, state]) => state.counters),
        now - this.createdAt,
      ),
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
    const outcome = await this.attempt(
      name,
      state.healthCheck ?? (async () => undefined),
      this.config.timeout,
    );
    const checkedAt = this.now();
    const latencyMs = checkedAt - startedAt;
    if (outcome.kind === 'ok') {
      state.consecutiveFailures = 0;
      this.setHealth(name, state, true, 'health_check');
      return { healthy: true, latencyMs, checkedAt };
    }
    if (outcome.kind === 'disposed' || this.isDisposed) {
      return { healthy: false, latencyMs, checkedAt, error: this.disposedError(name) };
    }
    const error = toOperationError(outcome.error, isRetryable(outcome.error));
    this.setHealth(name, state, false, 'health_check', error);
    return { healthy: false, latencyMs, checkedAt, error };
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

/** Runs `operation` so that a synchronous throw becomes a rejection like any other. */
function invoke<T>(operation: Operation<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve) => resolve(operation(signal)));
}

/** Aborts `child` when `parent` aborts; returns the function that undoes the link. */
function linkAbort(parent: AbortSignal, child: AbortController): () => void {
  if (parent.aborted) {
    child.abort(parent.reason);
    return () => undefined;
  }
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

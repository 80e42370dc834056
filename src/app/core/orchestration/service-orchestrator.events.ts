import type { CircuitState } from './circuit-breaker';
import type { OperationError } from './operation-result';
import type { SystemHealth } from './service-orchestrator';
import type { OrchestratorLogger } from './service-orchestrator.config';

/** Every event the ServiceOrchestrator tells its listeners about, by type. */
export interface OrchestratorEventMap {
  operation_start: {
    readonly type: 'operation_start';
    readonly service: string;
    readonly operationId: string;
    readonly at: number;
  };
  operation_complete: {
    readonly type: 'operation_complete';
    readonly service: string;
    readonly operationId: string;
    readonly attempts: number;
    readonly duration: number;
    readonly at: number;
  };
  /** Sent once per call, after its last attempt, never for an attempt that is retried. */
  operation_error: {
    readonly type: 'operation_error';
    readonly service: string;
    readonly operationId: string;
    readonly attempts: number;
    readonly duration: number;
    readonly error: OperationError;
    readonly at: number;
  };
  /** Sent once per flip between healthy and unhealthy, never to repeat the same state. */
  service_health_change: {
    readonly type: 'service_health_change';
    readonly service: string;
    readonly healthy: boolean;
    readonly reason: 'health_check' | 'operation_failures' | 'operation_success';
    readonly error?: OperationError;
    readonly at: number;
  };
  /** The service's circuit moved (closed → open after failures, open → half_open after the cool-off…). */
  circuit_state_change: {
    readonly type: 'circuit_state_change';
    readonly service: string;
    readonly from: CircuitState;
    readonly to: CircuitState;
    readonly at: number;
  };
  /** A round of health checks ended (on the interval or asked for). */
  health_check_complete: {
    readonly type: 'health_check_complete';
    readonly health: SystemHealth;
    readonly at: number;
  };
}

export type OrchestratorEventType = keyof OrchestratorEventMap;
export type OrchestratorEvent = OrchestratorEventMap[OrchestratorEventType];
export type OrchestratorListener<K extends OrchestratorEventType> = (
  event: OrchestratorEventMap[K],
) => void;

/**
 * The listeners of one orchestrator. A listener that throws is logged and skipped: a bug
 * in a monitor must not fail the call being monitored or starve the other listeners.
 */
export class OrchestratorListeners {
  private readonly byType = new Map<
    OrchestratorEventType,
    Set<(event: OrchestratorEvent) => void>
  >();

  constructor(private readonly logger: OrchestratorLogger) {}

  add<K extends OrchestratorEventType>(type: K, listener: OrchestratorListener<K>): () => void {
    const untyped = listener as (event: OrchestratorEvent) => void;
    let listeners = this.byType.get(type);
    if (!listeners) {
      listeners = new Set();
      this.byType.set(type, listeners);
    }
    listeners.add(untyped);
    return () => {
      this.byType.get(type)?.delete(untyped);
    };
  }

  emit<K extends OrchestratorEventType>(event: OrchestratorEventMap[K]): void {
    const listeners = this.byType.get(event.type);
    if (!listeners) return;
    // A copy, so a listener that unsubscribes (itself or another) does not skip anyone this round.
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error(`A ${event.type} listener threw; the other listeners still ran.`, error);
      }
    }
  }

  clear(): void {
    this.byType.clear();
  }
}

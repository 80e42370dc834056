/** `GET /api/health`: whether the API and the services it depends on answer. */
export interface HealthReport {
  status: 'ok' | 'degraded';
  /** Seconds since the API process started. */
  uptimeSeconds: number;
  checks: {
    firestore: DependencyCheck;
  };
  /** This node's live updates (several nodes: each answers for itself). */
  realtime: RealtimeReport;
}

export interface RealtimeReport {
  /**
   * Order events this node could not broadcast since it started (the write stood; the clients
   * that missed it catch up at their next reload or resync). `maestro_order_event_emit_failures_total`.
   */
  emitFailures: number;
}

export interface DependencyCheck {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

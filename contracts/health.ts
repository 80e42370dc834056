/** `GET /api/health`: whether the API and the services it depends on answer. */
export interface HealthReport {
  status: 'ok' | 'degraded';
  /** Seconds since the API process started. */
  uptimeSeconds: number;
  checks: {
    firestore: DependencyCheck;
  };
}

export interface DependencyCheck {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

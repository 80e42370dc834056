import { HttpClient, HttpContext, HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import type { HealthReport } from '@maestro/contracts';
import { firstValueFrom } from 'rxjs';
import { Session } from '../../core/auth/session';
import { APP_ENVIRONMENT } from '../../core/config/app-environment';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { SILENT_API_ERRORS } from '../../core/http/api-interceptors';
import { SERVICE_ORCHESTRATOR } from '../../core/orchestration/service-orchestrator.provider';
import { operationState } from '../../core/orchestration/operation-state';
import type { SystemHealth } from '../../core/orchestration/service-orchestrator';
import type { OrchestratorMetrics } from '../../core/orchestration/service-orchestrator.metrics';
import { PROBED_SERVICES } from '../model/service-health';

/** A probe is a health signal, not work: one attempt, short timeout. */
const PROBE_TIMEOUT_MS = 5000;

/**
 * Registers health checks of the API, Firestore and Auth with the app's ServiceOrchestrator,
 * which runs them on its own interval (and as the circuit's probes) and keeps the results in
 * its metrics. Provided by the monitor page: the checks are registered only while it is open.
 */
@Injectable()
export class ServiceProbes {
  private readonly orchestrator = inject(SERVICE_ORCHESTRATOR);
  private readonly http = inject(HttpClient);
  private readonly apiUrl = inject(APP_ENVIRONMENT).apiUrl;
  private readonly loader = inject(FirestoreLoader);
  private readonly session = inject(Session);

  readonly metrics = signal<OrchestratorMetrics>(this.orchestrator.getMetrics());
  /** The latest round of checks, whoever ran it (the interval or "Check again"). */
  readonly health = signal<SystemHealth | undefined>(this.orchestrator.lastHealthCheck);
  private readonly round = operationState(() => this.orchestrator.performHealthCheck());
  readonly probing = this.round.loading;

  constructor() {
    const checks: Record<(typeof PROBED_SERVICES)[number], () => Promise<void>> = {
      'Orders API': () => this.pingApi(),
      Firestore: () => this.pingFirestore(),
      Auth: () => this.checkAuth(),
    };
    for (const name of PROBED_SERVICES) {
      this.orchestrator.registerService(name, { healthCheck: checks[name], healthCheckTimeout: PROBE_TIMEOUT_MS });
    }
    // Any call or check by anyone moves the figures: refresh on the orchestrator's own events.
    const refresh = () => this.metrics.set(this.orchestrator.getMetrics());
    const stops = (['operation_complete', 'operation_error', 'service_health_change', 'circuit_state_change', 'health_check_complete'] as const).map(
      (type) => this.orchestrator.addEventListener(type, refresh),
    );
    stops.push(this.orchestrator.addEventListener('health_check_complete', ({ health }) => this.health.set(health)));
    inject(DestroyRef).onDestroy(() => {
      stops.forEach((stop) => stop());
      // Registered again without a check: the orchestrator stops checking them.
      for (const name of PROBED_SERVICES) this.orchestrator.registerService(name);
    });
  }

  /** A round of checks now ("Check again"); the orchestrator's interval runs the others. */
  async probeAll(): Promise<void> {
    await this.round.run();
    this.metrics.set(this.orchestrator.getMetrics());
  }

  /** The API answered: a 503 with its report is an answer (a dependency is down, not the API). */
  private async pingApi(): Promise<void> {
    try {
      await firstValueFrom(this.http.get<HealthReport>(`${this.apiUrl}/api/health`, { context: new HttpContext().set(SILENT_API_ERRORS, true) }));
    } catch (error) {
      const body = error instanceof HttpErrorResponse ? (error.error as HealthReport | null) : null;
      if (!body?.checks) throw error;
    }
  }

  /** A read from the server, not the cache: admins may read sagas. */
  private async pingFirestore(): Promise<void> {
    const [fs, db] = await Promise.all([import('firebase/firestore'), this.loader.firestore()]);
    await fs.getDocsFromServer(fs.query(fs.collection(db, 'sagas'), fs.limit(1)));
  }

  /** A usable ID token (refreshed by Firebase only when it expired): what every API call needs. */
  private async checkAuth(): Promise<void> {
    if (!(await this.session.idToken())) throw new Error('No signed-in user: no ID token.');
  }
}


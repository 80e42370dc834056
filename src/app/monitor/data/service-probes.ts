import { HttpClient, HttpContext, HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import type { HealthReport } from '@maestro/contracts';
import { firstValueFrom } from 'rxjs';
import { Session } from '../../core/auth/session';
import { APP_ENVIRONMENT } from '../../core/config/app-environment';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { SILENT_API_ERRORS } from '../../core/http/api-interceptors';
import { SERVICE_ORCHESTRATOR } from '../../core/orchestration/service-orchestrator.provider';
import type { OrchestratorMetrics } from '../../core/orchestration/service-orchestrator.metrics';

/** A probe is a health signal, not work: one attempt, short timeout. */
const PROBE = { timeout: 5000, retryAttempts: 0 } as const;

/**
 * Probes the API, Firestore and Auth through the app's ServiceOrchestrator, so their calls count
 * in its metrics (availability, average duration, last error) next to the features' own calls.
 * Provided by the monitor page: probes run only while it is open.
 */
@Injectable()
export class ServiceProbes {
  private readonly orchestrator = inject(SERVICE_ORCHESTRATOR);
  private readonly http = inject(HttpClient);
  private readonly apiUrl = inject(APP_ENVIRONMENT).apiUrl;
  private readonly loader = inject(FirestoreLoader);
  private readonly session = inject(Session);

  readonly metrics = signal<OrchestratorMetrics>(this.orchestrator.getMetrics());
  readonly probing = signal(false);

  constructor() {
    // Any call by anyone moves the figures: refresh on the orchestrator's own events.
    const refresh = () => this.metrics.set(this.orchestrator.getMetrics());
    const stops = [
      this.orchestrator.addEventListener('operation_complete', refresh),
      this.orchestrator.addEventListener('operation_error', refresh),
      this.orchestrator.addEventListener('service_health_change', refresh),
    ];
    inject(DestroyRef).onDestroy(() => stops.forEach((stop) => stop()));
  }

  async probeAll(): Promise<void> {
    this.probing.set(true);
    try {
      await Promise.all([
        this.orchestrator.execute('Orders API', () => this.pingApi(), PROBE),
        this.orchestrator.execute('Firestore', () => this.pingFirestore(), PROBE),
        this.orchestrator.execute('Auth', () => this.checkAuth(), PROBE),
      ]);
    } finally {
      this.metrics.set(this.orchestrator.getMetrics());
      this.probing.set(false);
    }
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

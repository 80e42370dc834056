import { HttpContext, HttpErrorResponse, httpResource } from '@angular/common/http';
import { Injectable, computed, inject } from '@angular/core';
import type { HealthReport } from '@maestro/contracts';
import { APP_ENVIRONMENT } from '../../core/config/app-environment';
import { SILENT_API_ERRORS } from '../../core/http/api-interceptors';

export type ApiHealth =
  | { state: 'loading' }
  | { state: 'unreachable' }
  | { state: 'reported'; report: HealthReport; checkedAt: Date };

/** The API's own health report. A 503 still carries the report: the API is up, a dependency is not. */
@Injectable({ providedIn: 'root' })
export class ApiHealthClient {
  private readonly apiUrl = inject(APP_ENVIRONMENT).apiUrl;
  private readonly resource = httpResource<HealthReport>(() => ({
    url: `${this.apiUrl}/api/health`,
    context: new HttpContext().set(SILENT_API_ERRORS, true),
  }));

  readonly health = computed<ApiHealth>(() => {
    const value = this.resource.hasValue() ? this.resource.value() : undefined;
    if (value) return { state: 'reported', report: value, checkedAt: new Date() };
    const error = this.resource.error();
    const body = error instanceof HttpErrorResponse ? (error.error as HealthReport | null) : null;
    if (body?.checks) return { state: 'reported', report: body, checkedAt: new Date() };
    if (error) return { state: 'unreachable' };
    return { state: 'loading' };
  });
  readonly loading = this.resource.isLoading;

  reload(): void {
    this.resource.reload();
  }
}

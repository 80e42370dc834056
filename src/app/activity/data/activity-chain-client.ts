import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ActivityChainVerification, ActivitySealRunResult } from '@maestro/contracts';
import { firstValueFrom } from 'rxjs';
import { APP_ENVIRONMENT } from '../../core/config/app-environment';
import { SILENT_API_ERRORS } from '../../core/http/api-interceptors';

/** The API's tamper evidence for the log: recompute the seal chain, or seal what has settled. */
@Injectable({ providedIn: 'root' })
export class ActivityChainClient {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(APP_ENVIRONMENT).apiUrl}/api/admin/activity`;
  // The panel shows its own errors.
  private readonly context = new HttpContext().set(SILENT_API_ERRORS, true);

  verify(): Promise<ActivityChainVerification> {
    return firstValueFrom(this.http.get<ActivityChainVerification>(`${this.base}/verify`, { context: this.context }));
  }

  seal(): Promise<ActivitySealRunResult> {
    return firstValueFrom(this.http.post<ActivitySealRunResult>(`${this.base}/seal`, {}, { context: this.context }));
  }
}

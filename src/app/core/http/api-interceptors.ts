import { HttpContextToken, HttpErrorResponse, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { isApiErrorBody, isOrderStatus, type OrderStatus } from '@maestro/contracts';
import { APP_ENVIRONMENT } from '../config/app-environment';
import { Session } from '../auth/session';
import { SessionEnd } from '../auth/session-end';
import { Notifier } from '../notify/notifier';
import { toApiRequestError } from './api-error-message';

/** Set on a request whose caller shows errors itself (no snackbar). */
export const SILENT_API_ERRORS = new HttpContextToken<boolean>(() => false);

function isApiRequest(request: HttpRequest<unknown>, apiUrl: string): boolean {
  return request.url.startsWith(`${apiUrl}/api/`);
}

/** What a call gets when Auth has no session to send (signed out, or refused at page load). */
export const SIGNED_OUT_WORDS = 'You are signed out. Sign in again.';
/** Marks that 401 as made here, not by the server. */
const NO_SESSION = 'No session';

/**
 * Attaches the Firebase ID token to API calls. A 401 is retried once with a freshly minted token
 * (the cached one may have just expired, or new role claims may be due); a second 401 signs out.
 * With no session to send, the call is not made (every /api route refuses it): it fails as a 401
 * at once, and the sign-in page says what the Session knows (Auth's reason), not the server's
 * "send your token".
 */
export const authTokenInterceptor: HttpInterceptorFn = (request, next) => {
  const { apiUrl } = inject(APP_ENVIRONMENT);
  if (!isApiRequest(request, apiUrl)) return next(request);
  const session = inject(Session);
  const sessionEnd = inject(SessionEnd);
  const withToken = (forceRefresh: boolean) =>
    from(session.idToken(forceRefresh)).pipe(
      switchMap((token) =>
        token
          ? next(request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }))
          : throwError(() => new HttpErrorResponse({ status: 401, statusText: NO_SESSION, url: request.urlWithParams, error: { error: { code: 'unauthenticated', message: SIGNED_OUT_WORDS } } })),
      ),
    );
  return withToken(false).pipe(
    catchError((error: unknown) =>
      error instanceof HttpErrorResponse && error.status === 401 ? withToken(true) : throwError(() => error),
    ),
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 401) {
        // The server's words say why (disabled, access changed, signed out everywhere).
        const words = isApiErrorBody(error.error) && error.statusText !== NO_SESSION ? error.error.error.message : null;
        void sessionEnd.end(words);
      }
      return throwError(() => error);
    }),
  );
};

/** Turns API failures into an ApiRequestError and, unless the caller opts out, a snackbar. */
export const apiErrorInterceptor: HttpInterceptorFn = (request, next) => {
  const { apiUrl } = inject(APP_ENVIRONMENT);
  if (!isApiRequest(request, apiUrl)) return next(request);
  const notifier = inject(Notifier);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse)) return throwError(() => error);
      const apiError = toApiRequestError(error, attemptedStatus(request));
      if (!request.context.get(SILENT_API_ERRORS)) notifier.error(apiError.message);
      return throwError(() => apiError);
    }),
  );
};

/** The status a move request (PATCH …/status) asked for, so its refusal can be worded from it. */
function attemptedStatus(request: HttpRequest<unknown>): OrderStatus | null {
  const body = request.body;
  const status = typeof body === 'object' && body !== null ? (body as { status?: unknown }).status : undefined;
  return isOrderStatus(status) ? status : null;
}

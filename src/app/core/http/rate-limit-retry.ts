import { HttpErrorResponse, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { InjectionToken, inject } from '@angular/core';
import { IDEMPOTENCY_KEY_HEADER } from '@maestro/contracts';
import { type Observable, retry, throwError, timer } from 'rxjs';
import { APP_ENVIRONMENT } from '../config/app-environment';
import { Notifier } from '../notify/notifier';

/** Retries of one request after a 429, at most. */
export const RATE_LIMIT_MAX_RETRIES = 3;
/** A longer wait (an address blocked for minutes) is not waited out: the user is told instead. */
export const RATE_LIMIT_MAX_WAIT_SECONDS = 60;
/** When a 429 names no wait (a proxy's, say). */
const DEFAULT_WAIT_SECONDS = 5;

/** How the interceptor waits (a timer; specs answer at once). */
export const RATE_LIMIT_WAIT = new InjectionToken<(seconds: number) => Observable<unknown>>(
  'RATE_LIMIT_WAIT',
  {
    providedIn: 'root',
    factory: () => (seconds) => timer(seconds * 1000),
  },
);

/** The seconds a `Retry-After` header asks for (seconds or an HTTP date), at least 1; null when unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Math.max(1, Number(value));
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(1, Math.ceil((at - now) / 1000));
}

/**
 * Whether a request may be sent again as it is: reads, and writes that carry an Idempotency-Key
 * (placing an order: the API answers a repeat with the first outcome, never a second order).
 * Other writes are not repeated behind the user's back: they are told, and decide.
 */
export function isSafeToRetry(request: HttpRequest<unknown>): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return true;
  return request.headers.has(IDEMPOTENCY_KEY_HEADER);
}

/**
 * A 429 (`rate_limited`), or a 503 with `Retry-After` (too many orders at once), on an API call
 * that is safe to repeat: say so ("retrying in N s"), wait
 * what the API asked (`Retry-After`) and send it again, up to RATE_LIMIT_MAX_RETRIES times. Anything
 * else, or a wait longer than a minute, goes on to the caller and the error interceptor, which
 * shows the API's own message ("… Wait 42 s and try again.").
 * Sits inside the error interceptor (it sees the final outcome only) and outside the token
 * interceptor (each attempt carries a current token).
 */
export const rateLimitRetryInterceptor: HttpInterceptorFn = (request, next) => {
  const { apiUrl } = inject(APP_ENVIRONMENT);
  if (!request.url.startsWith(`${apiUrl}/api/`) || !isSafeToRetry(request)) return next(request);
  const notifier = inject(Notifier);
  const wait = inject(RATE_LIMIT_WAIT);
  return next(request).pipe(
    retry({
      count: RATE_LIMIT_MAX_RETRIES,
      delay: (error: unknown) => {
        if (!(error instanceof HttpErrorResponse)) return throwError(() => error);
        const asked = retryAfterSeconds(error.headers.get('Retry-After'));
        // A 503 that names a wait is the API saying "busy, nothing done, come back" (a burst of
        // orders past what a node places at once); without a wait it is an outage: not retried.
        const busy = error.status === 503 && asked !== null;
        if (error.status !== 429 && !busy) return throwError(() => error);
        const seconds = asked ?? DEFAULT_WAIT_SECONDS;
        if (seconds > RATE_LIMIT_MAX_WAIT_SECONDS) return throwError(() => error);
        notifier.info(busy ? `Busy right now; retrying in ${seconds} s.` : `Too many requests; retrying in ${seconds} s.`);
        return wait(seconds);
      },
    }),
  );
};

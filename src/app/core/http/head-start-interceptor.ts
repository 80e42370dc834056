import { HttpResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { defer, from, of, switchMap } from 'rxjs';
import { Session } from '../auth/session';
import { HeadStart } from '../hydration/head-start';

/**
 * A GET the page's shell already sent (HeadStart) is answered from there: once, for the member
 * signed in now. Anything but a 2xx with a JSON body (an expired or refused token, a failed
 * request, an answer for another member) is sent again the usual way, so its error, 401 retry and
 * message are the usual ones. Sits inside the error and retry interceptors, before the token one.
 */
export const headStartInterceptor: HttpInterceptorFn = (request, next) => {
  if (request.method !== 'GET') return next(request);
  const uid = inject(Session).user()?.uid;
  const answer = uid ? inject(HeadStart).take(request.urlWithParams, uid) : null;
  if (!answer) return next(request);
  return from(answer).pipe(
    switchMap((kept) => {
      const body = kept && kept.status >= 200 && kept.status < 300 ? parsed(kept.body) : undefined;
      if (body === undefined) return defer(() => next(request));
      return of(new HttpResponse({ body, status: kept!.status, url: request.urlWithParams }));
    }),
  );
};

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

import { HttpClient, HttpContext, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { APP_ENVIRONMENT } from '../config/app-environment';
import { Session } from '../auth/session';
import { SessionEnd } from '../auth/session-end';
import { Notifier } from '../notify/notifier';
import { ApiRequestError } from './api-error-message';
import { SIGNED_OUT_WORDS, SILENT_API_ERRORS, apiErrorInterceptor, authTokenInterceptor } from './api-interceptors';

// The HTTP backend is Angular's testing controller: it lets the spec answer 401 twice in a row,
// which the real API only does in timing-dependent ways.
describe('API interceptors', () => {
  const apiUrl = 'http://127.0.0.1:3001';
  let http: HttpClient;
  let backend: HttpTestingController;
  let errors: string[];
  let tokenRequests: boolean[];
  let signedOut: boolean;
  /** Auth has no session (signed out, or refused at page load). */
  let noSession: boolean;

  beforeEach(() => {
    errors = [];
    tokenRequests = [];
    signedOut = false;
    noSession = false;
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'sign-in', children: [] }]),
        provideHttpClient(withInterceptors([apiErrorInterceptor, authTokenInterceptor])),
        provideHttpClientTesting(),
        { provide: APP_ENVIRONMENT, useValue: { apiUrl } },
        { provide: Notifier, useValue: { error: (m: string) => errors.push(m), info: () => undefined } },
        {
          provide: Session,
          useValue: {
            idToken: (forceRefresh = false) => {
              tokenRequests.push(forceRefresh);
              return Promise.resolve(noSession ? null : forceRefresh ? 'fresh-token' : 'cached-token');
            },
            endedReason: () => (noSession ? 'You were signed out: the account was disabled.' : null),
            signOut: () => {
              signedOut = true;
              return Promise.resolve();
            },
          },
        },
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  const settle = () => new Promise((resolve) => setTimeout(resolve));

  it('attaches the ID token to API calls', async () => {
    const result = firstValueFrom(http.get(`${apiUrl}/api/me`));
    await settle();
    const request = backend.expectOne(`${apiUrl}/api/me`);
    expect(request.request.headers.get('Authorization')).toBe('Bearer cached-token');
    request.flush({ uid: 'u1' });
    expect(await result).toEqual({ uid: 'u1' });
  });

  it('never sends the token to other hosts', async () => {
    const result = firstValueFrom(http.get('https://cdn.example.test/menu.json'));
    const request = backend.expectOne('https://cdn.example.test/menu.json');
    expect(request.request.headers.has('Authorization')).toBeFalse();
    request.flush({});
    await result;
  });

  it('retries a 401 once with a fresh token and succeeds without bothering the user', async () => {
    const result = firstValueFrom(http.get(`${apiUrl}/api/me`));
    await settle();
    backend
      .expectOne(`${apiUrl}/api/me`)
      .flush({ error: { code: 'token_expired', message: 'expired' } }, { status: 401, statusText: 'Unauthorized' });
    await settle();
    const retry = backend.expectOne(`${apiUrl}/api/me`);
    expect(retry.request.headers.get('Authorization')).toBe('Bearer fresh-token');
    retry.flush({ uid: 'u1' });
    expect(await result).toEqual({ uid: 'u1' });
    expect(tokenRequests).toEqual([false, true]);
    expect(errors).toEqual([]);
    expect(signedOut).toBeFalse();
  });

  it('signs out when the fresh token is refused too, and says why', async () => {
    const result = firstValueFrom(http.get(`${apiUrl}/api/me`)).catch((e: unknown) => e);
    for (let attempt = 0; attempt < 2; attempt++) {
      await settle();
      backend
        .expectOne(`${apiUrl}/api/me`)
        .flush({ error: { code: 'unauthenticated', message: 'Your account was disabled.' } }, { status: 401, statusText: 'x' });
    }
    const error = (await result) as ApiRequestError;
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error.code).toBe('unauthenticated');
    expect(errors).toEqual(['Your account was disabled.']);
    await settle();
    expect(signedOut).toBeTrue();
    // The sign-in page says why the user is back there.
    expect(TestBed.inject(SessionEnd).reason()).toBe('Your account was disabled.');
  });

  it("sends nothing without a session: the call fails as signed out, and the sign-in page says the Session's reason", async () => {
    noSession = true;
    const error = (await firstValueFrom(http.get(`${apiUrl}/api/orders`)).catch((e: unknown) => e)) as ApiRequestError;
    backend.expectNone(`${apiUrl}/api/orders`);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error.message).toBe(SIGNED_OUT_WORDS);
    await settle();
    expect(signedOut).toBeTrue();
    expect(TestBed.inject(SessionEnd).reason()).toBe('You were signed out: the account was disabled.');
  });

  it('shows the API message of a failed call in a snackbar and hands the caller a typed error', async () => {
    const result = firstValueFrom(http.get(`${apiUrl}/api/admin/users`)).catch((e: unknown) => e);
    await settle();
    backend
      .expectOne(`${apiUrl}/api/admin/users`)
      .flush({ error: { code: 'forbidden', message: 'Only admins can list users.' } }, { status: 403, statusText: 'x' });
    const error = (await result) as ApiRequestError;
    expect(error.status).toBe(403);
    expect(error.code).toBe('forbidden');
    expect(errors).toEqual(['Only admins can list users.']);
  });

  it('words a lost race on a move from the move asked for: short number, status in words', async () => {
    const orderId = '3DsADvCrFOTVY5TNQzcI';
    const url = `${apiUrl}/api/orders/${orderId}/status`;
    const result = firstValueFrom(http.patch(url, { status: 'PREPARING' })).catch((e: unknown) => e);
    await settle();
    const serverMessage = `Order ${orderId} is PREPARING and cannot become PREPARING. It can go to READY, CANCELLED.`;
    backend.expectOne(url).flush(
      { error: { code: 'illegal_transition', message: serverMessage, orderId, currentStatus: 'PREPARING', allowedStatuses: ['READY', 'CANCELLED'] } },
      { status: 409, statusText: 'Conflict' },
    );
    const error = (await result) as ApiRequestError;
    expect(error.message).toBe('Someone already started #3DSADV; it is now Preparing.');
    expect(error.extra['currentStatus']).toBe('PREPARING');
    expect(error.extra['serverMessage']).toBe(serverMessage);
    expect(errors).toEqual(['Someone already started #3DSADV; it is now Preparing.']);
  });

  it('stays quiet for callers that show errors themselves', async () => {
    const context = new HttpContext().set(SILENT_API_ERRORS, true);
    const result = firstValueFrom(http.get(`${apiUrl}/api/health`, { context })).catch((e: unknown) => e);
    await settle();
    backend.expectOne(`${apiUrl}/api/health`).error(new ProgressEvent('error'));
    expect(((await result) as ApiRequestError).code).toBe('network');
    expect(errors).toEqual([]);
  });
});

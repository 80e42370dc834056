import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { IDEMPOTENCY_KEY_HEADER } from '@maestro/contracts';
import { firstValueFrom, of } from 'rxjs';
import { APP_ENVIRONMENT } from '../config/app-environment';
import { Notifier } from '../notify/notifier';
import { ApiRequestError } from './api-error-message';
import { apiErrorInterceptor } from './api-interceptors';
import {
  RATE_LIMIT_MAX_RETRIES,
  RATE_LIMIT_WAIT,
  rateLimitRetryInterceptor,
  retryAfterSeconds,
} from './rate-limit-retry';

// The API's 429: code, words and the wait in Retry-After (seconds).
const tooMany = (
  message: string,
  retryAfter: string,
): [object, { status: number; statusText: string; headers: Record<string, string> }] => [
  { error: { code: 'rate_limited', message } },
  { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': retryAfter } },
];

describe('rate limit retries (429)', () => {
  const apiUrl = 'http://127.0.0.1:3001';
  let http: HttpClient;
  let backend: HttpTestingController;
  let infos: string[];
  let errors: string[];
  let waits: number[];

  beforeEach(() => {
    infos = [];
    errors = [];
    waits = [];
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([apiErrorInterceptor, rateLimitRetryInterceptor])),
        provideHttpClientTesting(),
        { provide: APP_ENVIRONMENT, useValue: { apiUrl } },
        {
          provide: Notifier,
          useValue: { error: (m: string) => errors.push(m), info: (m: string) => infos.push(m) },
        },
        // No real waiting: record the wait and go on at once.
        { provide: RATE_LIMIT_WAIT, useValue: (seconds: number) => (waits.push(seconds), of(0)) },
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('tells the user and retries a read after Retry-After, then hands over the answer', async () => {
    const result = firstValueFrom(http.get(`${apiUrl}/api/orders`));
    backend
      .expectOne(`${apiUrl}/api/orders`)
      .flush(...tooMany('Too many requests from your account.', '7'));
    backend.expectOne(`${apiUrl}/api/orders`).flush({ orders: [] });
    expect(await result).toEqual({ orders: [] });
    expect(waits).toEqual([7]);
    expect(infos).toEqual(['Too many requests; retrying in 7 s.']);
    expect(errors).toEqual([]);
  });

  it(`gives up after ${RATE_LIMIT_MAX_RETRIES} retries and shows the API's words`, async () => {
    const result = firstValueFrom(http.get(`${apiUrl}/api/orders/o1/history`)).catch(
      (e: unknown) => e,
    );
    for (let attempt = 0; attempt <= RATE_LIMIT_MAX_RETRIES; attempt++) {
      backend
        .expectOne(`${apiUrl}/api/orders/o1/history`)
        .flush(...tooMany('Too many requests from your account. Wait 3 s and try again.', '3'));
    }
    const error = (await result) as ApiRequestError;
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error.status).toBe(429);
    expect(error.code).toBe('rate_limited');
    expect(waits).toEqual([3, 3, 3]);
    expect(errors).toEqual(['Too many requests from your account. Wait 3 s and try again.']);
  });

  it('retries placing an order with the same Idempotency-Key (a repeat never places a second order)', async () => {
    const body = { type: 'takeaway', items: [{ menuItemId: 'burger', quantity: 1 }] };
    const result = firstValueFrom(
      http.post(`${apiUrl}/api/orders`, body, { headers: { [IDEMPOTENCY_KEY_HEADER]: 'key-1' } }),
    );
    const first = backend.expectOne(`${apiUrl}/api/orders`);
    first.flush(...tooMany('Too many changes from your account.', '2'));
    const second = backend.expectOne(`${apiUrl}/api/orders`);
    expect(second.request.headers.get(IDEMPOTENCY_KEY_HEADER)).toBe('key-1');
    expect(second.request.body).toEqual(body);
    second.flush({ id: 'o1' }, { status: 201, statusText: 'Created' });
    expect(await result).toEqual({ id: 'o1' });
    expect(infos).toEqual(['Too many requests; retrying in 2 s.']);
  });

  it('retries placing an order after a 503 that names a wait (too many orders at once), not after a bare 503', async () => {
    const body = { type: 'takeaway', items: [{ menuItemId: 'burger', quantity: 1 }] };
    const headers = { [IDEMPOTENCY_KEY_HEADER]: 'key-2' };
    const busy = { error: { code: 'unavailable', message: 'Too many orders are being placed right now; nothing was placed.' } };
    const placed = firstValueFrom(http.post(`${apiUrl}/api/orders`, body, { headers }));
    backend.expectOne(`${apiUrl}/api/orders`).flush(busy, { status: 503, statusText: 'x', headers: { 'Retry-After': '5' } });
    backend.expectOne(`${apiUrl}/api/orders`).flush({ id: 'o2' }, { status: 201, statusText: 'Created' });
    expect(await placed).toEqual({ id: 'o2' });
    expect(infos).toEqual(['Busy right now; retrying in 5 s.']);

    const down = firstValueFrom(http.post(`${apiUrl}/api/orders`, body, { headers })).catch((e: unknown) => e);
    backend.expectOne(`${apiUrl}/api/orders`).flush({ error: { code: 'unavailable', message: 'Down.' } }, { status: 503, statusText: 'x' });
    expect(((await down) as ApiRequestError).status).toBe(503);
    expect(waits).toEqual([5]);
  });

  it('does not repeat other writes: the user is told what the API said', async () => {
    const result = firstValueFrom(
      http.patch(`${apiUrl}/api/orders/o1/status`, { status: 'READY' }),
    ).catch((e: unknown) => e);
    backend
      .expectOne(`${apiUrl}/api/orders/o1/status`)
      .flush(
        ...tooMany(
          'Too many changes from your account (at most 300 a minute). Wait 12 s and try again.',
          '12',
        ),
      );
    expect(((await result) as ApiRequestError).code).toBe('rate_limited');
    expect(waits).toEqual([]);
    expect(infos).toEqual([]);
    expect(errors).toEqual([
      'Too many changes from your account (at most 300 a minute). Wait 12 s and try again.',
    ]);
  });

  it('does not wait out a long block (an address blocked after refused sign-ins): it says so', async () => {
    const result = firstValueFrom(http.get(`${apiUrl}/api/me`)).catch((e: unknown) => e);
    backend
      .expectOne(`${apiUrl}/api/me`)
      .flush(
        ...tooMany(
          'Too many refused sign-ins from your address. Wait 300 s, then sign in again.',
          '300',
        ),
      );
    expect(((await result) as ApiRequestError).status).toBe(429);
    expect(waits).toEqual([]);
    expect(errors).toEqual([
      'Too many refused sign-ins from your address. Wait 300 s, then sign in again.',
    ]);
  });

  it('leaves other failures and other hosts alone', async () => {
    const failed = firstValueFrom(http.get(`${apiUrl}/api/orders`)).catch((e: unknown) => e);
    backend
      .expectOne(`${apiUrl}/api/orders`)
      .flush(
        { error: { code: 'unavailable', message: 'Down.' } },
        { status: 503, statusText: 'x' },
      );
    expect(((await failed) as ApiRequestError).status).toBe(503);
    const elsewhere = firstValueFrom(http.get('https://cdn.example.test/menu.json')).catch(
      (e: unknown) => e,
    );
    backend
      .expectOne('https://cdn.example.test/menu.json')
      .flush('slow down', { status: 429, statusText: 'x', headers: { 'Retry-After': '1' } });
    await elsewhere;
    expect(waits).toEqual([]);
  });

  it('reads Retry-After as seconds or an HTTP date, at least 1 s', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(retryAfterSeconds('42', now)).toBe(42);
    expect(retryAfterSeconds('0', now)).toBe(1);
    expect(retryAfterSeconds('Thu, 01 Jan 2026 12:00:30 GMT', now)).toBe(30);
    expect(retryAfterSeconds('soon', now)).toBeNull();
    expect(retryAfterSeconds(null, now)).toBeNull();
  });
});

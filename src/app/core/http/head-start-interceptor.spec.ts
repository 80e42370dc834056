import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { APP_ENVIRONMENT } from '../config/app-environment';
import { Session } from '../auth/session';
import { HEAD_START_GLOBAL, HEAD_START_META, type HeadStartAnswer } from '../hydration/head-start';
import { headStartInterceptor } from './head-start-interceptor';

// The backend is Angular's testing controller: the spec sees whether a request went out again.
describe('headStartInterceptor', () => {
  const list = 'https://api.test/api/orders?status=PENDING&pageSize=500';
  const global = window as unknown as Record<string, unknown>;
  const user = signal<{ uid: string } | null>({ uid: 'u-1' });
  let http: HttpClient;
  let backend: HttpTestingController;

  function shellSent(answer: HeadStartAnswer | null): void {
    const sent = { at: performance.now(), uid: 'u-1', email: '', displayName: '', token: 'a.b.c', answers: { [list]: Promise.resolve(answer) } };
    global[HEAD_START_GLOBAL] = { found: Promise.resolve(sent) };
  }

  beforeEach(() => {
    user.set({ uid: 'u-1' });
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([headStartInterceptor])),
        provideHttpClientTesting(),
        { provide: APP_ENVIRONMENT, useValue: { apiUrl: 'https://api.test', firebase: { apiKey: 'k' } } },
        { provide: Session, useValue: { user } },
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });

  // The shell's meta names the list (declareHeadStart at build time).
  const meta = document.createElement('meta');
  meta.name = HEAD_START_META;
  meta.content = JSON.stringify({ urls: [list] });
  beforeEach(() => document.head.appendChild(meta));

  afterEach(() => {
    backend.verify();
    delete global[HEAD_START_GLOBAL];
    meta.remove();
  });

  const settle = () => new Promise((resolve) => setTimeout(resolve));

  it('answers the first list from what the shell already received, without a request', async () => {
    shellSent({ status: 200, body: '{"orders":[{"id":"o1"}],"nextCursor":null}' });
    expect(await firstValueFrom(http.get(list))).toEqual({ orders: [{ id: 'o1' }], nextCursor: null });
    backend.expectNone(list);
    // The next one goes out.
    const again = firstValueFrom(http.get(list));
    backend.expectOne(list).flush({ orders: [], nextCursor: null });
    expect(await again).toEqual({ orders: [], nextCursor: null });
  });

  for (const [why, answer] of [
    ['refused (an expired or revoked token)', { status: 401, body: '{"error":{"code":"unauthenticated","message":"Sign in again."}}' }],
    ['failed on the network', null],
    ['not JSON (a proxy page)', { status: 200, body: '<html>Bad gateway</html>' }],
  ] as const) {
    it(`sends the request again when the shell's was ${why}: the usual path says what went wrong`, async () => {
      shellSent(answer);
      const result = firstValueFrom(http.get(list));
      await settle();
      backend.expectOne(list).flush({ orders: [] });
      expect(await result).toEqual({ orders: [] });
    });
  }

  it("does not give one member's list to another, nor to nobody", async () => {
    shellSent({ status: 200, body: '{"orders":[{"id":"secret"}]}' });
    user.set({ uid: 'u-2' });
    const other = firstValueFrom(http.get(list));
    await settle();
    backend.expectOne(list).flush({ orders: [] });
    expect(await other).toEqual({ orders: [] });
    user.set(null);
    const nobody = firstValueFrom(http.get(list));
    backend.expectOne(list).flush({ orders: [] });
    expect(await nobody).toEqual({ orders: [] });
  });

  it('leaves writes alone', async () => {
    shellSent({ status: 200, body: '{}' });
    const post = firstValueFrom(http.post(list, {}));
    backend.expectOne({ method: 'POST', url: list }).flush({ ok: true });
    expect(await post).toEqual({ ok: true });
  });
});

import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { APP_ENVIRONMENT } from '../../core/config/app-environment';
import { Session } from '../../core/auth/session';
import { SessionEnd } from '../../core/auth/session-end';
import { ApiRequestError } from '../../core/http/api-error-message';
import { apiErrorInterceptor, authTokenInterceptor } from '../../core/http/api-interceptors';
import { Notifier } from '../../core/notify/notifier';
import { salesReport } from '../model/report-fixtures';
import { ReportsApi } from './reports-api';

// Until the API's report routes answer in Karma's run, the HTTP backend is Angular's testing
// controller; the e2e journey reads the real routes.
describe('ReportsApi', () => {
  const apiUrl = 'http://api.test';
  let api: ReportsApi;
  let backend: HttpTestingController;
  let snackbars: string[];

  beforeEach(() => {
    snackbars = [];
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([apiErrorInterceptor, authTokenInterceptor])),
        provideHttpClientTesting(),
        { provide: APP_ENVIRONMENT, useValue: { apiUrl } },
        { provide: Session, useValue: { idToken: () => Promise.resolve('admin-token') } },
        { provide: SessionEnd, useValue: { end: () => Promise.resolve() } },
        { provide: Notifier, useValue: { error: (m: string) => snackbars.push(m), info: () => undefined } },
      ],
    });
    api = TestBed.inject(ReportsApi);
    backend = TestBed.inject(HttpTestingController);
  });
  afterEach(() => backend.verify());

  const settle = () => new Promise((resolve) => setTimeout(resolve));

  it("asks for a range's sales in one currency with the member's token, and hands back the report", async () => {
    const answer = api.sales('USD', '2026-03-01', '2026-03-02');
    await settle();
    const request = backend.expectOne((r) => r.url === `${apiUrl}/api/reports/sales`);
    expect(request.request.params.keys().sort()).toEqual(['currency', 'from', 'to']);
    expect([request.request.params.get('currency'), request.request.params.get('from'), request.request.params.get('to')]).toEqual(['USD', '2026-03-01', '2026-03-02']);
    expect(request.request.headers.get('Authorization')).toBe('Bearer admin-token');
    request.flush(salesReport());
    expect((await answer).totals.netMinor).toBe(3_000);
  });

  it('asks for the months ending with one, as many as given', async () => {
    const answer = api.salesMonths('EUR', '2026-03', 12);
    await settle();
    const request = backend.expectOne((r) => r.url === `${apiUrl}/api/reports/sales-months`);
    expect(request.request.params.toString()).toBe('currency=EUR&to=2026-03&months=12');
    request.flush({ currency: 'EUR', timeZone: 'UTC', months: [] });
    expect((await answer).months).toEqual([]);
  });

  it("turns a staff member's refusal into words for the page, without a snackbar as well", async () => {
    const answer = api.sales('USD', '2026-03-01', '2026-03-02');
    await settle();
    backend
      .expectOne((r) => r.url === `${apiUrl}/api/reports/sales`)
      .flush({ error: { code: 'forbidden', message: 'Only admins may do this.' } }, { status: 403, statusText: 'Forbidden' });
    const error = await answer.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toEqual(jasmine.any(ApiRequestError));
    expect((error as ApiRequestError).message).toBe('Only admins may do this.');
    expect(snackbars).toEqual([]);
  });

  it("says a validation refusal field by field (a reversed range the page let through)", async () => {
    const answer = api.sales('USD', '2026-03-09', '2026-03-01');
    await settle();
    backend.expectOne((r) => r.url === `${apiUrl}/api/reports/sales`).flush(
      { error: { code: 'validation_failed', message: 'Invalid sales report query', details: [{ path: 'from', message: 'from must not be after to: the range is reversed' }] } },
      { status: 400, statusText: 'Bad Request' },
    );
    await expectAsync(answer).toBeRejectedWith(jasmine.objectContaining({ message: 'Some of what was entered was not accepted. From: from must not be after to: the range is reversed.' }));
  });

  it('lists the currencies the menu is priced in, once each and sorted, leaving out a malformed one', async () => {
    const answer = api.currencies();
    await settle();
    const item = (currency: string) => ({ id: currency, name: 'x', category: 'x', station: 'grill', priceMinor: 100, currency, stock: 1, available: true });
    backend.expectOne(`${apiUrl}/api/menu-items`).flush({ menuItems: [item('USD'), item('EUR'), item('USD'), item('<b>')] });
    expect(await answer).toEqual(['EUR', 'USD']);
  });

  it('reports an unreachable API in words', async () => {
    const answer = api.currencies();
    await settle();
    backend.expectOne(`${apiUrl}/api/menu-items`).error(new ProgressEvent('error'), { status: 0 });
    await expectAsync(answer).toBeRejectedWith(jasmine.objectContaining({ message: 'Cannot reach the Maestro API. Check your connection and try again.' }));
  });
});

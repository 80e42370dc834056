import type { EnvironmentInjector } from '@angular/core';
import { SALES_REPORT_MAX_DAYS } from '@maestro/contracts';
import { apiCaller, type ApiCaller, refusal } from '../../../testing/api-caller';
import { ReportsApi } from './reports-api';

// ReportsApi against the real API (scripts/karma-with-api.mjs), through the app's interceptors:
// what the pages get back, and refusals in the words they show. The figures themselves are the
// API's tests (server/test/reports-sales.test.ts) and the e2e journey's.


describe('ReportsApi against the API', () => {
  let admin: ApiCaller;
  let staff: ApiCaller;
  const injectors: EnvironmentInjector[] = [];
  const apiOf = (caller: ApiCaller) => {
    const injector = caller.injector([ReportsApi]);
    injectors.push(injector);
    return injector.get(ReportsApi);
  };

  beforeAll(async () => {
    admin = await apiCaller('reports-admin', 'admin@maestro.test');
    staff = await apiCaller('reports-staff', 'staff@maestro.test');
  }, 60_000);
  afterEach(() => {
    for (const injector of injectors.splice(0)) injector.destroy();
  });
  afterAll(async () => {
    await admin.dispose();
    await staff.dispose();
  });

  it("gives an admin a range's report in its shape: every day and every hour, zeros included", async () => {
    const report = await apiOf(admin).sales('USD', '2026-02-27', '2026-03-02');
    expect(report.currency).toBe('USD');
    expect(report.byDay.map((day) => day.date)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(report.byHour.map((hour) => hour.hour)).toEqual(Array.from({ length: 24 }, (_, hour) => hour));
    expect(report.totals.netMinor).toBe(report.totals.grossMinor - report.totals.taxMinor);
  }, 30_000);

  it('gives an admin twelve months ending with the one asked, oldest first', async () => {
    const months = await apiOf(admin).salesMonths('USD', '2026-03', 12);
    expect(months.months.map((m) => m.month)).toEqual(['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
  }, 30_000);

  it('lists the currencies the menu is priced in (the demo menu is in dollars)', async () => {
    expect(await apiOf(admin).currencies()).toContain('USD');
  }, 30_000);

  it('says a reversed or too long range in words naming the field', async () => {
    const reversed = await refusal(apiOf(admin).sales('USD', '2026-03-10', '2026-03-01'));
    expect(reversed.status).toBe(400);
    expect(reversed.message).toBe('Some of what was entered was not accepted. From: from must not be after to: the range is reversed.');
    const long = await refusal(apiOf(admin).sales('USD', '2024-01-01', '2026-01-01'));
    expect(long.status).toBe(400);
    expect(long.message).toContain(`at most ${SALES_REPORT_MAX_DAYS} days`);
  }, 30_000);

  it('gives an admin a page of the orders behind one slice: each of its currency and order type', async () => {
    const page = await apiOf(admin).orders({ from: '2026-02-27', to: '2026-03-02', currency: 'USD', outcome: 'completed', slice: { kind: 'type', value: 'takeaway' } }, null);
    expect(page.outcome).toBe('completed');
    expect(page.orders.every((row) => row.currency === 'USD' && row.type === 'takeaway')).toBeTrue();
    expect(page.nextCursor === null || typeof page.nextCursor === 'string').toBeTrue();
  }, 30_000);

  it('says a cursor that is not one of ours in words: start again from the first page', async () => {
    const refused = await refusal(apiOf(admin).orders({ from: '2026-03-01', to: '2026-03-02', currency: 'USD', outcome: 'failed', slice: null }, 'not-a-cursor'));
    expect(refused.status).toBe(400);
    expect(refused.message).toContain('start again from the first page');
    const staffRefused = await refusal(apiOf(staff).orders({ from: '2026-03-01', to: '2026-03-02', currency: 'USD', outcome: 'completed', slice: null }, null));
    expect(staffRefused.status).toBe(403);
  }, 30_000);

  it('refuses a staff member with 403 and says an administrator is needed', async () => {
    const refused = await refusal(apiOf(staff).sales('USD', '2026-03-01', '2026-03-02'));
    expect(refused.status).toBe(403);
    expect(refused.message).toBe('This needs an administrator account. Ask a Maestro administrator for access.');
  }, 30_000);
});

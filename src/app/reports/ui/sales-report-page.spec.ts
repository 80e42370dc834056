import type { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { RouterTestingHarness } from '@angular/router/testing';
import { figures, salesReport } from '../model/report-fixtures';
import { SalesLive } from '../state/sales-live';
import { SalesReportPage } from './sales-report-page';
import { PAGE_API_URL, reportsPageHarness, type PageHarness } from './page-harness';

describe('SalesReportPage', () => {
  const apiUrl = PAGE_API_URL;
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;
  const item = (currency: string) => ({ id: currency, name: 'x', category: 'x', station: 'grill', priceMinor: 100, currency, stock: 1, available: true });

  let page: PageHarness;

  beforeEach(async () => {
    page = await reportsPageHarness('reports/sales', SalesReportPage);
    ({ backend, harness } = page);
  });
  afterEach(() => backend.verify());

  const text = () => page.text();
  const settle = () => page.settle();
  const salesRequest = (): TestRequest => backend.expectOne((r) => r.url === `${apiUrl}/api/reports/sales`);

  it('opens on the last 30 days in the first currency of the menu, written into the URL, then shows the figures', async () => {
    await harness.navigateByUrl('/reports/sales');
    await settle();
    backend.expectOne(`${apiUrl}/api/menu-items`).flush({ menuItems: [item('USD'), item('EUR')] });
    await settle();
    expect(TestBed.inject(Router).url).toBe('/reports/sales?from=2026-03-02&to=2026-03-31&currency=EUR');
    const request = salesRequest();
    expect(request.request.params.toString()).toBe('currency=EUR&from=2026-03-02&to=2026-03-31');
    expect(harness.routeNativeElement!.querySelector('mat-progress-bar')).not.toBeNull();
    request.flush(salesReport({ currency: 'EUR' }));
    await settle();
    expect(text()).toContain('Net sales');
    expect(text()).toContain('1 cancelled');
    expect([...harness.routeNativeElement!.querySelectorAll('table')].map((t) => t.getAttribute('aria-label'))).toEqual([
      'Sales by day',
      'Sales by hour of day',
      'Sales by dish',
      'Sales by station',
      'Sales by order type',
    ]);
    // A day of a longer range opens the report of that day.
    const dayLink = harness.routeNativeElement!.querySelector<HTMLAnchorElement>('table[aria-label="Sales by day"] a')!;
    expect(dayLink.getAttribute('href')).toBe('/reports/sales?from=2026-03-01&to=2026-03-01&currency=EUR');
    // Each count opens the orders behind it: a day's sold and cancelled orders, a dish's, the range's.
    const ordersLinks = [...harness.routeNativeElement!.querySelectorAll<HTMLAnchorElement>('a[href^="/reports/orders"]')].map((a) => a.getAttribute('href'));
    expect(ordersLinks).toContain('/reports/orders?from=2026-03-01&to=2026-03-01&currency=EUR');
    expect(ordersLinks).toContain('/reports/orders?from=2026-03-02&to=2026-03-02&currency=EUR&outcome=cancelled');
    expect(ordersLinks).toContain('/reports/orders?from=2026-03-01&to=2026-03-02&currency=EUR&dish=m1');
    expect(ordersLinks).toContain('/reports/orders?from=2026-03-01&to=2026-03-02&currency=EUR&station=grill');
    expect(ordersLinks).toContain('/reports/orders?from=2026-03-01&to=2026-03-02&currency=EUR&type=dine-in');
    expect(ordersLinks).toContain('/reports/orders?from=2026-03-01&to=2026-03-02&currency=EUR');
    const noOrdersBehind = harness.routeNativeElement!.querySelector('table[aria-label="Sales by hour of day"] a');
    expect(noOrdersBehind).toBeNull();
  });

  it('explains a reversed range on From and asks the API nothing until it is fixed', async () => {
    await harness.navigateByUrl('/reports/sales?from=2026-03-10&to=2026-03-01&currency=USD');
    await settle();
    backend.expectOne(`${apiUrl}/api/menu-items`).flush({ menuItems: [item('USD')] });
    await settle();
    expect(backend.match((r) => r.url.endsWith('/api/reports/sales')).length).toBe(0);
    expect(text()).toContain('From is after To: the range is reversed.');
    expect(text()).toContain('The report is shown once the range above can be used.');
  });

  it('shows a range without any order as empty, saying what would show', async () => {
    await harness.navigateByUrl('/reports/sales?from=2026-03-01&to=2026-03-01&currency=USD');
    await settle();
    backend.expectOne(`${apiUrl}/api/menu-items`).flush({ menuItems: [item('USD')] });
    salesRequest().flush(salesReport({ totals: figures(), byDay: [{ ...figures(), date: '2026-03-01' }], byDish: [], byStation: [], byType: [] }));
    await settle();
    expect(text()).toContain('No orders 1 Mar 2026');
  });

  it('says a refusal in words and asks again on Try again', async () => {
    await harness.navigateByUrl('/reports/sales?from=2026-03-01&to=2026-03-02&currency=USD');
    await settle();
    backend.expectOne(`${apiUrl}/api/menu-items`).flush({ menuItems: [item('USD')] });
    salesRequest().flush({ error: { code: 'internal', message: 'boom' } }, { status: 500, statusText: 'Server Error' });
    await settle();
    const alert = harness.routeNativeElement!.querySelector('[role="alert"]')!;
    expect(alert.textContent).toContain('Something went wrong on our side. Try again; if it keeps happening, tell an admin.');
    alert.querySelector('button')!.click();
    await settle();
    backend.expectOne(`${apiUrl}/api/menu-items`).flush({ menuItems: [item('USD')] });
    salesRequest().flush(salesReport());
    await settle();
    expect(harness.routeNativeElement!.querySelector('[role="alert"]')).toBeNull();
  });

  it('says how many orders finished since the figures were read (heard on the EventBus) and reads again on request', async () => {
    await harness.navigateByUrl('/reports/sales?from=2026-03-01&to=2026-03-31&currency=USD');
    await settle();
    backend.expectOne(`${apiUrl}/api/menu-items`).flush({ menuItems: [item('USD')] });
    salesRequest().flush(salesReport());
    await settle();
    const news = () => harness.routeNativeElement!.querySelector('[data-testid="orders-finished-since"]');
    expect(news()).toBeNull();

    const sales = TestBed.inject(SalesLive);
    sales.orderFinished('2026-03-31T11:00:00.000Z');
    sales.orderFinished('2026-03-31T11:01:00.000Z');
    await settle();
    expect(news()?.textContent?.replace(/\s+/g, ' ')).toContain('2 orders have finished since these figures were read.');

    news()!.querySelector('button')!.click();
    await settle();
    backend.expectOne(`${apiUrl}/api/menu-items`).flush({ menuItems: [item('USD')] });
    salesRequest().flush(salesReport());
    await settle();
    expect(news()).toBeNull();
  });
});

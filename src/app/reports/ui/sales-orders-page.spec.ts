import type { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { RouterTestingHarness } from '@angular/router/testing';
import type { SalesOrderRow, SalesOrdersPage as OrdersPage } from '@maestro/contracts';
import { SalesOrdersPage } from './sales-orders-page';
import { PAGE_API_URL, reportsPageHarness, type PageHarness } from './page-harness';

describe('SalesOrdersPage', () => {
  const apiUrl = PAGE_API_URL;
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;
  const dish = { id: 'm1', name: 'Margherita', category: 'x', station: 'grill', priceMinor: 100, currency: 'USD', stock: 1, available: true };
  const row = (id: string, overrides: Partial<SalesOrderRow> = {}): SalesOrderRow => ({
    id,
    status: 'SERVED',
    type: 'dine-in',
    destination: 'Table 4',
    currency: 'USD',
    totalMinor: 2_450,
    createdAt: '2026-03-02T11:00:00.000Z',
    finishedAt: '2026-03-02T11:40:00.000Z',
    ...overrides,
  });
  const page = (orders: SalesOrderRow[], nextCursor: string | null = null): OrdersPage => ({
    currency: 'USD',
    from: '2026-03-01',
    to: '2026-03-31',
    outcome: 'completed',
    timeZone: 'UTC',
    orders,
    nextCursor,
  });

  let view: PageHarness;

  beforeEach(async () => {
    view = await reportsPageHarness('reports/orders', SalesOrdersPage);
    ({ backend, harness } = view);
  });
  afterEach(() => backend.verify());

  const element = () => harness.routeNativeElement as HTMLElement;
  const text = () => view.text();
  const settle = () => view.settle();
  const menu = () => backend.match(`${apiUrl}/api/menu-items`).forEach((request) => request.flush({ menuItems: [dish] }));
  const ordersRequest = (): TestRequest => backend.expectOne((r) => r.url === `${apiUrl}/api/reports/orders`);
  const orderLinks = () => [...element().querySelectorAll<HTMLAnchorElement>('table a')].map((a) => [a.textContent!.trim(), a.getAttribute('href')]);
  const button = (label: string) => [...element().querySelectorAll('button')].find((b) => b.textContent!.trim() === label)!;

  it('lists the orders behind a dish, each opening its order, and pages on with the keyboard landing on the first new one', async () => {
    await harness.navigateByUrl('/reports/orders?from=2026-03-01&to=2026-03-31&currency=USD&dish=m1');
    await settle();
    menu();
    await settle();
    const first = ordersRequest();
    expect(first.request.params.toString()).toBe('from=2026-03-01&to=2026-03-31&currency=USD&dish=m1');
    expect(element().querySelector('mat-progress-bar')).not.toBeNull();
    first.flush(page([row('abcdef123'), row('bcdefg234', { type: 'delivery', destination: 'Delivery · 1 Main St', status: 'DELIVERED' })], 'c1'));
    await settle();
    expect(text()).toContain('Dish: Margherita');
    expect(text()).toContain('Delivery · 1 Main St');
    expect(text()).toContain('2 orders so far');
    expect(orderLinks()).toEqual([
      ['#ABCDEF', '/orders/abcdef123'],
      ['#BCDEFG', '/orders/bcdefg234'],
    ]);
    expect(element().querySelector('table')!.getAttribute('aria-label')).toBe('Sold orders, 1 Mar 2026 – 31 Mar 2026, USD, Dish: Margherita');

    button('Load more').click();
    await settle();
    const more = ordersRequest();
    expect(more.request.params.get('cursor')).toBe('c1');
    more.flush(page([row('cdefgh345')]));
    await settle();
    expect(orderLinks().length).toBe(3);
    expect(text()).toContain('3 orders');
    expect(text()).not.toContain('so far');
    expect(button('Load more')).toBeUndefined();
    expect(document.activeElement?.getAttribute('href')).toBe('/orders/cdefgh345');
  });

  it('puts the outcome and the removed slice in the URL and asks for that list', async () => {
    await harness.navigateByUrl('/reports/orders?from=2026-03-01&to=2026-03-31&currency=USD&type=takeaway');
    await settle();
    menu();
    ordersRequest().flush(page([row('abcdef123')]));
    await settle();
    expect(text()).toContain('Type: Takeaway');

    button('Cancelled').click();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/reports/orders?from=2026-03-01&to=2026-03-31&currency=USD&type=takeaway&outcome=cancelled');
    const cancelled = ordersRequest();
    expect(cancelled.request.params.get('outcome')).toBe('cancelled');
    cancelled.flush(page([]));
    await settle();
    expect(text()).toContain('No cancelled orders');
    expect(text()).toContain('No order in USD placed 1 Mar 2026 – 31 Mar 2026 (Type: Takeaway) was cancelled.');

    element().querySelector<HTMLButtonElement>('[data-testid="order-slice"] button')!.click();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/reports/orders?from=2026-03-01&to=2026-03-31&currency=USD&outcome=cancelled');
    const everyType = ordersRequest();
    expect(everyType.request.params.has('type')).toBeFalse();
    everyType.flush(page([row('abcdef123', { status: 'CANCELLED' })]));
    await settle();
    expect(text()).toContain('Cancelled');
    expect(element().querySelector('[data-testid="order-slice"]')).toBeNull();
  });

  it('says a refusal in words and asks again on Try again', async () => {
    await harness.navigateByUrl('/reports/orders?from=2026-03-01&to=2026-03-02&currency=USD');
    await settle();
    menu();
    ordersRequest().flush({ error: { code: 'internal', message: 'boom' } }, { status: 500, statusText: 'Server Error' });
    await settle();
    const alert = element().querySelector('[role="alert"]')!;
    expect(alert.textContent).toContain('Something went wrong on our side. Try again; if it keeps happening, tell an admin.');
    alert.querySelector('button')!.click();
    await settle();
    ordersRequest().flush(page([row('abcdef123')]));
    await settle();
    expect(element().querySelector('[role="alert"]')).toBeNull();
    expect(orderLinks().length).toBe(1);
  });

  it('explains a reversed range and asks the API nothing until it is fixed', async () => {
    await harness.navigateByUrl('/reports/orders?from=2026-03-10&to=2026-03-01&currency=USD');
    await settle();
    menu();
    await settle();
    expect(backend.match((r) => r.url.endsWith('/api/reports/orders')).length).toBe(0);
    expect(text()).toContain('From is after To: the range is reversed.');
    expect(text()).toContain('The orders are listed once the range above can be used.');
  });
});

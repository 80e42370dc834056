import { ComponentRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Order } from '@maestro/contracts';
import { orderFixture } from '../../state/order-fixtures';
import { FinishedOrders } from './finished-orders';

describe('FinishedOrders', () => {
  function render(orders: Order[]): HTMLElement {
    TestBed.configureTestingModule({ imports: [FinishedOrders], providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(FinishedOrders);
    (fixture.componentRef as ComponentRef<FinishedOrders>).setInput('orders', orders);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('lists each finished order with its status and a link to its page; a failed one says why', () => {
    const root = render([
      orderFixture({ id: 'abcdef12', status: 'FAILED', failure: { code: 'payment_declined', message: 'The card was declined.', step: 'payment' } }),
      orderFixture({ id: 'served99', status: 'SERVED', table: '7' }),
    ]);
    const rows = Array.from(root.querySelectorAll('li'));
    expect(rows.length).toBe(2);
    expect(rows[0]!.textContent).toContain('#ABCDEF');
    expect(rows[0]!.textContent).toContain('Failed');
    expect(rows[0]!.querySelector('.why')?.textContent).toBe('The card was declined.');
    expect(rows[1]!.textContent).toContain('Served');
    expect(rows[1]!.textContent).toContain('Table 7');
    expect(rows[1]!.querySelector('.why')).toBeNull();
    const link = rows[1]!.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('/orders/served99');
    expect(link.getAttribute('aria-label')).toBe('Open order #SERVED');
  });

  it('says so when nothing has finished yet', () => {
    expect(render([]).textContent).toContain('No order has finished yet.');
  });
});

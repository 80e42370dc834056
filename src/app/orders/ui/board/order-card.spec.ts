import { ComponentRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Order, OrderStatus, OrderType } from '@maestro/contracts';
import { orderFixture, orderItemFixture } from '../../state/order-fixtures';
import { OrderCard } from './order-card';

const LONG_STREET = '1428 Elm Street, Building C, Entrance from the courtyard behind the bakery';
const FIVE_DISHES = [
  orderItemFixture({ name: 'House burger', quantity: 2 }),
  orderItemFixture({ name: 'Fried calamari' }),
  orderItemFixture({ name: 'Caesar salad' }),
  orderItemFixture({ name: 'Tiramisu', quantity: 3 }),
  orderItemFixture({ name: 'Fresh lemonade' }),
];

describe('OrderCard', () => {
  function render(order: Order): HTMLElement {
    TestBed.configureTestingModule({ imports: [OrderCard], providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(OrderCard);
    const ref = fixture.componentRef as ComponentRef<OrderCard>;
    ref.setInput('order', order);
    ref.setInput('now', Date.parse(order.createdAt) + 5 * 60_000);
    fixture.detectChanges();
    document.body.appendChild(fixture.nativeElement);
    return fixture.nativeElement as HTMLElement;
  }
  const lines = (root: HTMLElement) =>
    Array.from(root.querySelectorAll('.items li')).map((li) => li.textContent!.trim());

  afterEach(() => document.querySelectorAll('app-order-card').forEach((card) => card.remove()));

  it('shows every dish of a three-dish order, each on its own line', () => {
    const root = render(orderFixture({ items: FIVE_DISHES.slice(0, 3) }));
    expect(lines(root)).toEqual(['2× House burger', '1× Fried calamari', '1× Caesar salad']);
    expect(root.querySelector('.more')).toBeNull();
  });

  it('shows the first dishes of a five-dish order and "+3 more" that opens the order', () => {
    const root = render(orderFixture({ id: 'fivedish1', items: FIVE_DISHES }));
    expect(lines(root)).toEqual(['2× House burger', '1× Fried calamari', '+3 more']);
    const more = root.querySelector<HTMLAnchorElement>('a.more')!;
    expect(more.getAttribute('href')).toBe('/orders/fivedish1');
    expect(more.getAttribute('aria-label')).toBe('3 more dishes: open order #FIVEDI');
    expect(root.querySelector('.items')!.getAttribute('aria-label')).toBe('5 dishes');
  });

  it('keeps every dish line inside the card, none hidden below its edge', () => {
    const root = render(orderFixture({ items: FIVE_DISHES }));
    const card = root.querySelector('.card')!.getBoundingClientRect();
    for (const li of Array.from(root.querySelectorAll('.items li'))) {
      expect(li.getBoundingClientRect().bottom).toBeLessThanOrEqual(card.bottom);
    }
  });

  it('gives a long delivery street whole on hover, to screen readers and on keyboard focus', async () => {
    const root = render(
      orderFixture({
        type: 'delivery',
        address: { street: LONG_STREET, city: 'Springfield', postalCode: '12345' },
      }),
    );
    const destination = root.querySelector('.destination')!;
    expect(destination.textContent).toBe(`Delivery · ${LONG_STREET}`);
    expect(destination.getAttribute('title')).toBe(`Delivery · ${LONG_STREET}`);
    const link = root.querySelector<HTMLAnchorElement>('a.number')!;
    expect(link.getAttribute('aria-label')).toBe(`Open order #ORDER-, Delivery · ${LONG_STREET}`);

    // A keyboard user tabbing onto the number sees the whole destination in a tooltip.
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true }));
    link.focus();
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve));
    expect(document.querySelector('.mat-mdc-tooltip')?.textContent?.trim()).toBe(
      `Delivery · ${LONG_STREET}`,
    );
  });

  it('names a takeaway by its customer and a table by its number', () => {
    expect(
      render(
        orderFixture({ type: 'takeaway', customerName: 'Maximilian Featherstonehaugh-Smythe' }),
      ).querySelector('.destination')!.textContent,
    ).toBe('Takeaway · Maximilian Featherstonehaugh-Smythe');
    TestBed.resetTestingModule();
    expect(render(orderFixture({ table: '12' })).querySelector('.destination')!.textContent).toBe(
      'Table 12',
    );
  });

  it('shows the total, the age and every legal move of a ready dine-in order', () => {
    const root = render(
      orderFixture({
        status: 'READY',
        items: [orderItemFixture({ quantity: 2, unitPriceMinor: 1600 })],
      }),
    );
    expect(root.querySelector('.total')!.textContent).toBe('$32.00');
    expect(root.querySelector('.age')!.textContent).toBe('5 min');
    const buttons = Array.from(root.querySelectorAll('.actions button')).map((b) =>
      b.textContent!.trim(),
    );
    expect(buttons).toEqual(['Recall', 'Served']);
    expect(root.querySelector('.cancel')!.getAttribute('aria-label')).toBe('Cancel order #ORDER-');
  });

  // Written out by hand, not read from the status machine: the buttons staff see on each card.
  const BUTTONS_AT_A_TABLE_OR_COUNTER: Record<OrderStatus, string[]> = {
    PENDING: [],
    CONFIRMED: ['Start'],
    PREPARING: ['Ready'],
    READY: ['Recall', 'Served'],
    OUT_FOR_DELIVERY: ['Delivered'],
    SERVED: [],
    DELIVERED: [],
    CANCELLED: [],
    FAILED: [],
  };
  const BUTTONS: Record<OrderType, Record<OrderStatus, string[]>> = {
    'dine-in': BUTTONS_AT_A_TABLE_OR_COUNTER,
    takeaway: BUTTONS_AT_A_TABLE_OR_COUNTER,
    delivery: { ...BUTTONS_AT_A_TABLE_OR_COUNTER, READY: ['Recall', 'Send out'] },
  };
  const CANCELLABLE: OrderStatus[] = ['PENDING', 'CONFIRMED', 'PREPARING', 'READY', 'OUT_FOR_DELIVERY'];

  it('offers exactly the legal moves for every status of every order type, and ✕ until it is final', () => {
    for (const type of ['dine-in', 'takeaway', 'delivery'] as const) {
      for (const status of Object.keys(BUTTONS[type]) as OrderStatus[]) {
        TestBed.resetTestingModule();
        const root = render(orderFixture({ type, status }));
        const buttons = Array.from(root.querySelectorAll('.actions button')).map((b) =>
          b.textContent!.trim(),
        );
        expect(buttons).withContext(`${type} ${status}`).toEqual(BUTTONS[type][status]);
        expect(root.querySelector('.cancel') !== null)
          .withContext(`${type} ${status} ✕`)
          .toBe(CANCELLABLE.includes(status));
        root.remove();
      }
    }
  });
});

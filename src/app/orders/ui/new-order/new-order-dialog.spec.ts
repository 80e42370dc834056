import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialogRef } from '@angular/material/dialog';
import type { CreateOrderRequest, MenuItem, Order } from '@maestro/contracts';
import { Subject } from 'rxjs';
import { ApiRequestError } from '../../../core/http/api-error-message';
import { Notifier } from '../../../core/notify/notifier';
import { MenuLive } from '../../../core/realtime/menu-live';
import { ID_GENERATOR } from '../../../core/time/clock';
import { ORDER_REALTIME } from '../../data/order-realtime';
import { ORDER_REPOSITORY, type OrderRepository } from '../../data/order-repository';
import { OrderOrchestrator } from '../../orchestrator/order-orchestrator';
import { orderFixture } from '../../state/order-fixtures';
import { NewOrderDialog } from './new-order-dialog';

const dish = (id: string, name: string, overrides: Partial<MenuItem> = {}): MenuItem => ({
  id,
  name,
  category: 'Mains',
  station: 'grill',
  priceMinor: 1250,
  currency: 'USD',
  stock: 10,
  available: true,
  categoryId: '',
  archived: false,
  taxRateBasisPoints: 0,
  taxInclusive: false,
  version: 1,
  ...overrides,
});

const MENU: MenuItem[] = [
  dish('cheesecake', 'Cheesecake', { category: 'Desserts', station: 'pastry', priceMinor: 600, stock: 0 }),
  dish('sake', 'Sake', { category: 'Drinks', station: 'bar', priceMinor: 900, currency: 'EUR' }),
  dish('burger', 'Burger'),
  dish('soup', 'Soup of the day', { priceMinor: 700, available: false }),
  dish('fries', 'Fries', { category: 'Sides', station: 'fry', priceMinor: 450 }),
  dish('tomahawk', 'Tomahawk steak', { priceMinor: 20_000 }),
];

/** The repository behind the real facade: the menu, and what each POST answers. */
class FakeRepository implements OrderRepository {
  menuFailures = 0;
  menuCalls = 0;
  menu: MenuItem[] = MENU;
  readonly created: { order: CreateOrderRequest; key: string }[] = [];
  readonly answers: (Order | Error)[] = [];
  listMenu = () => {
    this.menuCalls++;
    if (this.menuFailures-- > 0) return Promise.reject(new ApiRequestError(0, 'network', 'Cannot reach the Maestro API.'));
    return Promise.resolve(this.menu);
  };
  create = (order: CreateOrderRequest, key: string) => {
    this.created.push({ order, key });
    const answer = this.answers.shift() ?? orderFixture({ id: 'abcdef123' });
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  };
  listBoard = () => Promise.reject(new Error('not used'));
  getDetail = () => Promise.reject(new Error('not used'));
  updateStatus = () => Promise.reject(new Error('not used'));
  history = () => Promise.reject(new Error('not used'));
  updateDetails = () => Promise.reject(new Error('not used'));
  addItem = () => Promise.reject(new Error('not used'));
  updateItem = () => Promise.reject(new Error('not used'));
  removeItem = () => Promise.reject(new Error('not used'));
  delete = () => Promise.reject(new Error('not used'));
}

describe('NewOrderDialog', () => {
  let fixture: ComponentFixture<NewOrderDialog>;
  let repository: FakeRepository;
  let notified: string[];
  let closed: { value: unknown } | null;
  let keydown$: Subject<KeyboardEvent>;

  async function open(setUp: (repository: FakeRepository) => void = () => undefined, beforeCreate: () => void = () => undefined) {
    repository = new FakeRepository();
    setUp(repository);
    notified = [];
    closed = null;
    keydown$ = new Subject();
    let keys = 0;
    TestBed.configureTestingModule({
      providers: [
        OrderOrchestrator,
        { provide: ORDER_REPOSITORY, useValue: repository },
        { provide: ORDER_REALTIME, useValue: { connect: () => undefined, disconnect: () => undefined } },
        { provide: Notifier, useValue: { info: (m: string) => notified.push(m), error: (m: string) => notified.push(m) } },
        {
          provide: MatDialogRef,
          useValue: {
            disableClose: false,
            close: (value?: unknown) => (closed = { value }),
            keydownEvents: () => keydown$,
            backdropClick: () => new Subject<MouseEvent>(),
          },
        },
        { provide: ID_GENERATOR, useValue: () => `key-${++keys}` },
        // The confirmation closes at once instead of after its exit animation.
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    beforeCreate();
    fixture = TestBed.createComponent(NewOrderDialog);
    await settle();
  }
  afterEach(() => document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => (overlay.innerHTML = '')));

  /** Lets the fake's promises resolve, then renders. */
  async function settle() {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }
  const el = () => fixture.nativeElement as HTMLElement;
  const text = () => el().textContent?.replace(/\s+/g, ' ') ?? '';
  const labelled = (name: string) => el().querySelector<HTMLElement>(`[aria-label="${name}"]`);
  /**
   * A button by its name: its aria-label, else its words. A dish's parts are grid items, read
   * apart ("Add Burger $10.00 Grill · 5 left"): it is found by its start.
   */
  const buttonNamed = (name: string) =>
    [...el().querySelectorAll('button')].find((b) => {
      if (!b.classList.contains('dish')) return b.getAttribute('aria-label') === name || b.textContent?.trim() === name;
      const named = [...b.children].map((part) => part.textContent?.trim()).join(' ');
      return named === name || named.startsWith(`${name} `);
    })!;
  const field = (label: string) =>
    [...el().querySelectorAll('mat-form-field')]
      .find((f) => f.querySelector('mat-label')?.textContent?.trim() === label)!
      .querySelector<HTMLInputElement | HTMLTextAreaElement>('input, textarea')!;
  async function type(target: string | HTMLInputElement, value: string) {
    const input = typeof target === 'string' ? field(target) : target;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
    await fixture.whenStable();
  }
  async function click(name: string) {
    buttonNamed(name).click();
    await settle();
  }
  async function chooseType(label: 'Dine-in' | 'Takeaway' | 'Delivery') {
    [...el().querySelectorAll('mat-radio-button')].find((r) => r.textContent?.includes(label))!.querySelector('input')!.click();
    await fixture.whenStable();
  }
  async function submit() {
    el().querySelector('form')!.dispatchEvent(new Event('submit'));
    await settle();
  }
  const quantityOf = (name: string) => labelled(`Quantity of ${name}`) as HTMLInputElement;
  const lineNames = () => [...el().querySelectorAll('.line .name')].map((n) => n.textContent?.trim());
  const total = () => el().querySelector('.total strong')!.textContent!.trim();

  describe('menu', () => {
    it('lists dishes by category with price and station; unavailable and out-of-stock dishes say why and add nothing', async () => {
      await open();
      const headings = [...el().querySelectorAll('app-menu-picker h3')].map((h) => h.textContent?.trim());
      expect(headings).toEqual(['Desserts', 'Drinks', 'Mains', 'Sides']);
      const burger = buttonNamed('Add Burger');
      expect(burger.textContent).toContain('$12.50');
      expect(burger.textContent).toContain('Grill');
      expect(burger.getAttribute('aria-disabled')).toBeNull();
      for (const [name, reason] of [
        ['Soup of the day', 'Not available today'],
        ['Cheesecake', 'Out of stock'],
      ]) {
        const button = buttonNamed(`Add ${name}`);
        expect(button.getAttribute('aria-disabled')).withContext(name!).toBe('true');
        expect(button.textContent).toContain(reason!);
        button.click();
      }
      await settle();
      expect(lineNames()).toEqual([]);
    });

    it("groups dishes in the admin's category order, dishes of no category last, and follows a live reorder", async () => {
      const category = (id: string, name: string, position: number, version = 1) => ({ id, name, position, taxRateBasisPoints: 0, taxInclusive: false, version });
      await open(
        (r) =>
          (r.menu = [
            dish('olives', 'Olives', { category: 'Appetizers' }),
            dish('tart', 'Tart', { category: 'Desserts', categoryId: 'desserts' }),
            dish('cola', 'Cola', { category: 'Drinks', categoryId: 'drinks' }),
            dish('burger', 'Burger', { categoryId: 'mains' }),
          ]),
        () => TestBed.inject(MenuLive).categoriesKnown([category('mains', 'Mains', 0), category('drinks', 'Drinks', 1), category('desserts', 'Desserts', 2)]),
      );
      const headings = () => [...el().querySelectorAll('app-menu-picker h3')].map((h) => h.textContent?.trim());
      expect(headings()).toEqual(['Mains', 'Drinks', 'Desserts', 'Appetizers']);

      // Another admin moves Desserts to the top: the open dialog follows.
      TestBed.inject(MenuLive).publish({
        name: 'menu-categories:reordered',
        payload: { categories: [category('desserts', 'Desserts', 0, 2), category('mains', 'Mains', 1, 2), category('drinks', 'Drinks', 2, 2)] },
      });
      await settle();
      expect(headings()).toEqual(['Desserts', 'Mains', 'Drinks', 'Appetizers']);
    });

    it('filters by the search, and Enter in the search adds the first dish that can be ordered', async () => {
      await open();
      const search = el().querySelector<HTMLInputElement>('app-menu-picker input')!;
      await type(search, 'fri');
      expect(el().querySelectorAll('app-menu-picker li').length).toBe(1);
      search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      await settle();
      expect(lineNames()).toEqual(['Fries']);
      await type(search, 'zzz');
      expect(text()).toContain('No dish matches “zzz”.');
    });

    it('says when the menu cannot be loaded, and loads it on Try again', async () => {
      await open((r) => (r.menuFailures = 1));
      expect(text()).toContain('The menu could not be loaded. Cannot reach the Maestro API.');
      expect(el().querySelector('app-menu-picker')).toBeNull();
      await click('Try again');
      expect(text()).not.toContain('could not be loaded');
      expect(buttonNamed('Add Burger')).toBeDefined();
      expect(repository.menuCalls).toBe(2);
    });
  });

  describe('lines and total', () => {
    it('adding a dish again raises its quantity; the total is price × quantity across lines', async () => {
      await open();
      expect(total()).toBe('—');
      await click('Add Burger');
      await click('Add Fries');
      await click('Add Burger');
      expect(lineNames()).toEqual(['Burger', 'Fries']);
      expect(quantityOf('Burger').value).toBe('2');
      expect(total()).toBe('$29.50');
      await click('One more Fries');
      expect(total()).toBe('$34.00');
      await click('Remove Burger');
      expect(lineNames()).toEqual(['Fries']);
      expect(total()).toBe('$9.00');
    });

    it('prices the order as the API will: tax per dish (added or included), the order type’s service charge on the net subtotal', async () => {
      const taxed = [
        dish('burger', 'Burger', { priceMinor: 1650, taxRateBasisPoints: 825 }),
        dish('wine', 'Wine', { priceMinor: 1200, taxRateBasisPoints: 2000, taxInclusive: true }),
      ];
      const charge = { serviceRateBasisPoints: { 'dine-in': 1000, takeaway: 0, delivery: 0 }, version: 1 };
      await open((r) => (r.menu = taxed), () => TestBed.inject(MenuLive).serviceChargeKnown(charge));
      await click('Add Burger');
      await click('Add Wine');
      // 16.50 + 8.25 % (1.36); 12.00 with 20 % inside (2.00); service 10 % of 16.50 + 10.00.
      const breakdown = () =>
        [...el().querySelectorAll('.breakdown div')].map((row) => `${row.querySelector('dt')!.textContent!.trim()}: ${row.querySelector('dd')!.textContent!.trim()}`);
      expect(breakdown()).toEqual(['Subtotal: $28.50', 'Tax: $3.36', 'Service 10 %: $2.65']);
      expect(total()).toBe('$32.51');
      await chooseType('Takeaway');
      expect(breakdown()).toEqual(['Subtotal: $28.50', 'Tax: $3.36']);
      expect(total()).toBe('$29.86');
    });

    it('follows the menu live: a dish an admin adds or 86s shows at once', async () => {
      await open();
      const live = TestBed.inject(MenuLive);
      live.publish({ name: 'menu-item:created', payload: { menuItem: dish('pie', 'Pie', { priceMinor: 500 }), changedFields: [] } });
      await settle();
      expect(buttonNamed('Add Pie')).toBeTruthy();
      live.publish({ name: 'menu-item:updated', payload: { menuItem: dish('burger', 'Burger', { available: false, version: 2 }), changedFields: ['available'] } });
      await settle();
      expect(buttonNamed('Add Burger').getAttribute('aria-disabled')).toBe('true');
      expect(buttonNamed('Add Burger').textContent).toContain('Not available today');
    });

    it('keeps quantities between 1 and 99: the stepper stops at both ends and a typed 100 is refused', async () => {
      await open();
      await click('Add Burger');
      expect(buttonNamed('One less Burger').disabled).toBeTrue();
      await type(quantityOf('Burger'), '99');
      expect(buttonNamed('One more Burger').disabled).toBeTrue();
      await click('Add Burger');
      expect(quantityOf('Burger').value).toBe('99');
      expect(text()).toContain('Burger is already at 99');
      await type(quantityOf('Burger'), '100');
      expect(text()).toContain('100 is too many: a line takes at most 99.');
      await type('Table', '4');
      await submit();
      expect(repository.created).toEqual([]);
      await type(quantityOf('Burger'), '0');
      expect(text()).toContain('At least 1: remove the dish to leave it out.');
    });

    it('leaves a quantity the API would refuse out of the total, and says so, instead of a huge sum', async () => {
      await open();
      await click('Add Burger');
      await click('Add Fries');
      await type(quantityOf('Burger'), '1000');
      expect(text()).toContain('1,000 is too many: a line takes at most 99.');
      expect(total()).toBe('$4.50');
      expect(text()).toContain('without a line to fix');
      expect(text()).not.toContain('$12,500.00');
      await type(quantityOf('Burger'), '2');
      expect(total()).toBe('$29.50');
      expect(text()).not.toContain('to fix');
    });

    it('refuses dishes in two currencies with a clear message', async () => {
      await open();
      await click('Add Burger');
      await click('Add Sake');
      await type('Table', '4');
      expect(text()).toContain('These dishes are priced in different currencies (USD, EUR)');
      await submit();
      expect(repository.created).toEqual([]);
    });

    it('says when the total passes the cap on an order, in the words the API would use, and places nothing', async () => {
      await open();
      await click('Add Tomahawk steak');
      await type(quantityOf('Tomahawk steak'), '51');
      await type('Table', '4');
      expect(text()).toContain('This order comes to $10,200.00; an order may come to at most $10,000.00. Split it into several orders.');
      await submit();
      expect(repository.created).toEqual([]);
      expect(el().querySelector('.currency-problem')?.textContent).toContain('at most $10,000.00');
      await type(quantityOf('Tomahawk steak'), '50');
      expect(el().querySelector('.currency-problem')).toBeNull();
    });
  });

  describe('validation by order type', () => {
    it('dine-in needs a table (blank is not one) of at most 20 characters, and at least one dish', async () => {
      await open();
      await submit();
      expect(text()).toContain('Enter the table.');
      expect(text()).toContain('Add at least one dish from the menu.');
      await type('Table', '   ');
      expect(text()).toContain('Enter the table.');
      await type('Table', 'x'.repeat(21));
      expect(text()).toContain('At most 20 characters.');
      await click('Add Burger');
      await submit();
      expect(repository.created).toEqual([]);
    });

    it('delivery needs street, city and postal code; courier instructions are optional', async () => {
      await open();
      await chooseType('Delivery');
      expect(el().querySelector('mat-form-field input[formcontrolname="table"]')).toBeNull();
      await click('Add Burger');
      await submit();
      expect(text()).toContain('Enter the street.');
      expect(text()).toContain('Enter the city.');
      expect(text()).toContain('Enter the postal code.');
      expect(repository.created).toEqual([]);
      await type('Street', ' 1 Harbour Road ');
      await type('City', 'Springfield');
      await type('Postal code', '1234567890123');
      expect(text()).toContain('At most 12 characters.');
      await type('Postal code', '12345');
      await submit();
      expect(repository.created[0]?.order).toEqual({
        type: 'delivery',
        address: { street: '1 Harbour Road', city: 'Springfield', postalCode: '12345' },
        items: [{ menuItemId: 'burger', quantity: 1 }],
      });
    });

    it('takeaway needs neither; customer name, notes and instructions keep to their limits', async () => {
      await open();
      await chooseType('Takeaway');
      await click('Add Fries');
      await type('Customer name (optional)', 'x'.repeat(81));
      await type('Order notes (optional)', 'x'.repeat(501));
      await type(labelled('Instructions for Fries') as HTMLInputElement, 'x'.repeat(201));
      await submit();
      expect(text().match(/At most (80|500|200) characters\./g)).toEqual([
        'At most 80 characters.',
        'At most 500 characters.',
        'At most 200 characters.',
      ]);
      expect(repository.created).toEqual([]);
      await type('Customer name (optional)', 'Ada');
      await type('Order notes (optional)', '');
      await type(labelled('Instructions for Fries') as HTMLInputElement, 'extra salt');
      await submit();
      expect(repository.created[0]?.order).toEqual({
        type: 'takeaway',
        customerName: 'Ada',
        items: [{ menuItemId: 'fries', quantity: 1, notes: 'extra salt' }],
      });
    });
  });

  describe('placing', () => {
    async function dineInBurger() {
      await type('Table', '12');
      await click('Add Burger');
    }

    it('sends the order with the Idempotency-Key, then closes and says which order was placed', async () => {
      await open();
      await dineInBurger();
      await submit();
      expect(repository.created).toEqual([{ order: { type: 'dine-in', table: '12', items: [{ menuItemId: 'burger', quantity: 1 }] }, key: 'key-1' }]);
      expect(notified).toEqual(['Order #ABCDEF placed']);
      expect(closed?.value).toEqual(jasmine.objectContaining({ id: 'abcdef123' }));
    });

    it('shows the API message, keeps what was typed, and retries with the same key (no second order)', async () => {
      await open((r) => r.answers.push(new ApiRequestError(0, 'network', 'Cannot reach the Maestro API. Check your connection and try again.')));
      await dineInBurger();
      await type('Customer name (optional)', 'Ada');
      await submit();
      expect(closed).toBeNull();
      expect(el().querySelector('app-form-error [role="alert"]')?.textContent).toContain('Cannot reach the Maestro API.');
      expect(field('Table').value).toBe('12');
      expect(field('Customer name (optional)').value).toBe('Ada');
      expect(field('Table').disabled).toBeFalse();
      expect(lineNames()).toEqual(['Burger']);
      await submit();
      expect(repository.created.map((call) => call.key)).toEqual(['key-1', 'key-1']);
      expect(closed).not.toBeNull();
    });

    it('names the dish that ran out, and takes a new key for the next try (the failed order is settled)', async () => {
      await open((r) =>
        r.answers.push(
          new ApiRequestError(409, 'out_of_stock', 'Not enough left of burger (0 left, 1 asked). Nothing was charged.', {
            orderId: 'failed-1',
            currentStatus: 'FAILED',
          }),
        ),
      );
      await dineInBurger();
      await submit();
      expect(text()).toContain('Not enough left of Burger (0 left, 1 asked). Nothing was charged.');
      expect(repository.menuCalls).toBe(2); // the menu on screen is refreshed: stock moved
      await submit();
      expect(repository.created.map((call) => call.key)).toEqual(['key-1', 'key-2']);
    });

    it('puts the validation problems the API names on their fields', async () => {
      await open((r) =>
        r.answers.push(
          new ApiRequestError(400, 'validation_failed', 'The order is not valid. Fix these and try again: …', {
            details: [
              { path: 'table', message: 'table is not one of ours' },
              { path: 'items.0.notes', message: 'notes must be plain text' },
            ],
          }),
        ),
      );
      await dineInBurger();
      await submit();
      expect(text()).toContain('Some fields need a fix: see the marked fields.');
      expect(text()).toContain('Table is not one of ours');
      expect(text()).toContain('Notes must be plain text');
      expect(repository.created.length).toBe(1);
    });

    it('Ctrl+Enter places the order; a plain Enter in a field does not', async () => {
      await open();
      await dineInBurger();
      field('Table').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      await settle();
      expect(repository.created).toEqual([]);
      field('Table').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, cancelable: true }));
      await settle();
      expect(repository.created.length).toBe(1);
    });
  });

  describe('closing', () => {
    const escape = () => keydown$.next(new KeyboardEvent('keydown', { key: 'Escape', cancelable: true }));
    const overlayButton = (name: string) =>
      [...document.querySelectorAll<HTMLButtonElement>('.cdk-overlay-container button')].find((b) => b.textContent?.trim() === name)!;

    it('Esc closes at once while no dish was added', async () => {
      await open();
      escape();
      await settle();
      expect(closed).not.toBeNull();
    });

    it('Esc asks first once dishes were added; keeping the order keeps the dialog', async () => {
      await open();
      await click('Add Burger');
      escape();
      await settle();
      expect(document.querySelector('.cdk-overlay-container')?.textContent).toContain('Discard this order?');
      overlayButton('Cancel').click();
      await settle();
      expect(closed).toBeNull();
      escape();
      await settle();
      overlayButton('Discard order').click();
      await settle();
      expect(closed).not.toBeNull();
    });
  });
});

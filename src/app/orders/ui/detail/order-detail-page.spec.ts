import { computed, signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import type {
  Order,
  OrderDeletedEvent,
  OrderHistoryEntry,
  OrderItemRemovedEvent,
  OrderItemResponse,
  OrderStatus,
  UpdateOrderItemRequest,
  UpdateOrderRequest,
} from '@maestro/contracts';
import { Store, provideStore } from '@ngrx/store';
import { Session, type SessionUser } from '../../../core/auth/session';
import { ApiRequestError } from '../../../core/http/api-error-message';
import { LOGGER } from '../../../core/logging/logger';
import { Notifier } from '../../../core/notify/notifier';
import { ORDER_REALTIME } from '../../data/order-realtime';
import { ORDER_REPOSITORY, type OrderRepository } from '../../data/order-repository';
import { OrderOrchestrator } from '../../orchestrator/order-orchestrator';
import { OrderEditOrchestrator } from '../../orchestrator/order-edit-orchestrator';
import { OrderStatusOrchestrator } from '../../orchestrator/order-status-orchestrator';
import { OrdersLive } from '../../orchestrator/orders-live';
import { orderFixture, orderItemFixture } from '../../state/order-fixtures';
import { OrdersBoardActions, OrdersRealtimeActions } from '../../state/orders.actions';
import { provideOrdersState } from '../../state/orders.providers';
import { OrderDetailPage } from './order-detail-page';

/** Orders the API knows (not necessarily on the board), their logs, and the moves asked of it. */
class FakeRepository implements OrderRepository {
  readonly known = new Map<string, Order>();
  readonly logs = new Map<string, OrderHistoryEntry[]>();
  readonly calls: string[] = [];
  getDetail = (id: string) => {
    this.calls.push(`getDetail ${id}`);
    const order = this.known.get(id);
    return order ? Promise.resolve(order) : Promise.reject(new ApiRequestError(404, 'order_not_found', `There is no order ${id}.`));
  };
  history = (id: string) => {
    this.calls.push(`history ${id}`);
    return Promise.resolve(this.logs.get(id) ?? []);
  };
  updateStatus = (id: string, to: OrderStatus) => {
    this.calls.push(`updateStatus ${id} ${to}`);
    return Promise.resolve({ ...this.known.get(id)!, status: to });
  };
  /** The open orders the API lists: what the spec put on the board (the page asks for them as it opens). */
  board: Order[] = [];
  listBoard = () => Promise.resolve(this.board);
  create = () => Promise.reject(new Error('not used'));
  listMenu = () => Promise.resolve([]);
  /** The next edit's answer: held until the spec settles it, so the optimistic state can be seen. */
  editAnswer: { resolve: (value: unknown) => void; reject: (error: unknown) => void } | null = null;
  private held<T>(call: string): Promise<T> {
    this.calls.push(call);
    return new Promise<T>((resolve, reject) => (this.editAnswer = { resolve: resolve as (value: unknown) => void, reject }));
  }
  updateDetails = (id: string, patch: UpdateOrderRequest) => this.held<Order>(`updateDetails ${id} ${JSON.stringify(patch)}`);
  addItem = (id: string) => this.held<OrderItemResponse>(`addItem ${id}`);
  updateItem = (id: string, itemId: string, patch: UpdateOrderItemRequest) => this.held<OrderItemResponse>(`updateItem ${id} ${itemId} ${JSON.stringify(patch)}`);
  removeItem = (id: string, itemId: string) => this.held<OrderItemRemovedEvent>(`removeItem ${id} ${itemId}`);
  delete = (id: string) => this.held<OrderDeletedEvent>(`delete ${id}`);
}

const entry = (id: string, overrides: Partial<OrderHistoryEntry>): OrderHistoryEntry => ({
  id,
  at: '2026-03-01T18:00:00.000Z',
  action: 'ORDER_CREATED',
  actor: { uid: 'staff-uid', email: 'staff@maestro.test' },
  changes: {},
  correlationId: 'saga-o1',
  ...overrides,
});

describe('OrderDetailPage', () => {
  let fixture: ComponentFixture<OrderDetailPage>;
  let repository: FakeRepository;
  let store: Store;
  let statusOrchestrator: OrderStatusOrchestrator;
  let editOrchestrator: OrderEditOrchestrator;

  const burger = orderItemFixture({ id: 'line-burger', name: 'Burger', unitPriceMinor: 1250, quantity: 2, notes: 'no onions' });
  const fries = orderItemFixture({ id: 'line-fries', name: 'Fries', station: 'fry', unitPriceMinor: 450 });
  const o1 = orderFixture({ id: 'o1abcdef', table: '12', items: [burger, fries], customerName: 'Ada', notes: 'window seat' });

  let sessionUser: ReturnType<typeof signal<SessionUser | null>>;

  beforeEach(() => {
    repository = new FakeRepository();
    sessionUser = signal<SessionUser | null>({ uid: 'staff-uid', email: 'staff@maestro.test', displayName: 'Sam', role: 'staff' });
    TestBed.configureTestingModule({
      providers: [
        provideStore(),
        provideOrdersState(),
        provideRouter([]),
        OrderOrchestrator,
        OrdersLive,
        { provide: ORDER_REPOSITORY, useValue: repository },
        { provide: ORDER_REALTIME, useValue: { connect: () => undefined, disconnect: () => undefined } },
        { provide: Session, useValue: { user: sessionUser, isAdmin: computed(() => sessionUser()?.role === 'admin') } },
        { provide: LOGGER, useValue: { debug: () => undefined, warn: () => undefined, error: () => undefined } },
        { provide: Notifier, useValue: { info: () => undefined, error: () => undefined } },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    store = TestBed.inject(Store);
    statusOrchestrator = TestBed.inject(OrderStatusOrchestrator);
    statusOrchestrator.start();
    editOrchestrator = TestBed.inject(OrderEditOrchestrator);
    editOrchestrator.start();
  });
  afterEach(() => {
    statusOrchestrator.destroy();
    editOrchestrator.destroy();
    document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => (overlay.innerHTML = ''));
  });

  const onBoard = (...orders: Order[]) => {
    repository.board = orders;
    store.dispatch(OrdersBoardActions.boardLoaded({ orders, loadedAt: '2026-03-01T18:30:00.000Z' }));
  };
  async function open(id: string) {
    fixture = TestBed.createComponent(OrderDetailPage);
    fixture.componentRef.setInput('id', id);
    await settle();
  }
  async function settle() {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }
  const el = () => fixture.nativeElement as HTMLElement;
  const text = () => el().textContent?.replace(/\s+/g, ' ') ?? '';
  // Dish (with its price each and instructions), quantity, line total; the edit buttons left out.
  const rows = () =>
    [...el().querySelectorAll('table.items tbody tr')].map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.innerText.replace(/\s+/g, ' ').trim()));
  const moveButtons = () => [...el().querySelectorAll('.moves button')].map((b) => b.textContent?.trim());
  const button = (name: string) => [...el().querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!;
  const historyLines = () => [...el().querySelectorAll('app-order-history .entry')].map((li) => li.textContent?.replace(/\s+/g, ' ').trim());

  it('shows the order from the board: number, status, table, customer, notes, items with line totals and the total', async () => {
    onBoard(o1);
    await open('o1abcdef');
    expect(el().querySelector('h1')?.textContent).toBe('Order #O1ABCD');
    expect(text()).toContain('Dine-in · Table 12');
    expect(text()).toContain('Ada');
    expect(text()).toContain('window seat');
    expect(rows()).toEqual([
      ['Burger $12.50 each no onions', '2', '$25.00'],
      ['Fries $4.50 each', '1', '$4.50'],
    ]);
    expect(el().querySelector('tfoot')?.textContent).toContain('$29.50');
    expect(repository.calls).toEqual(['history o1abcdef']); // the board's copy: no detail request
  });

  it("offers admins the order's saga timeline next to the history, and only admins", async () => {
    onBoard(o1);
    await open('o1abcdef');
    // Its accessible name: the icon is aria-hidden.
    const sagaLink = () => [...el().querySelectorAll('a')].find((a) => a.textContent?.replace(a.querySelector('mat-icon')?.textContent ?? '', '').trim() === 'Saga timeline');
    expect(sagaLink()).toBeUndefined(); // staff

    sessionUser.set({ uid: 'admin-uid', email: 'admin@maestro.test', displayName: 'Ada', role: 'admin' });
    await settle();
    expect(sagaLink()?.getAttribute('href')).toBe('/monitor/sagas/o1abcdef');
    expect(sagaLink()?.closest('.history')).not.toBeNull();
  });

  it('offers edits only where the API allows them: dishes while new or preparing, details until handed over; Delete for admins', async () => {
    onBoard(o1, orderFixture({ id: 'ready1', status: 'READY' }), orderFixture({ id: 'served1', status: 'SERVED' }));
    const offered = () => ({
      details: !!button('edit Edit details'),
      add: !!button('add Add dish'),
      change: !!el().querySelector('button[aria-label="Change Burger"]'),
      remove: !!el().querySelector('button[aria-label="Remove Burger"]'),
      delete: !!button('delete_forever Delete order'),
    });
    await open('o1abcdef');
    expect(offered()).toEqual({ details: true, add: true, change: true, remove: true, delete: false });
    fixture.componentRef.setInput('id', 'ready1');
    await settle();
    expect(offered()).toEqual({ details: true, add: false, change: false, remove: false, delete: false });
    sessionUser.set({ uid: 'admin-uid', email: 'admin@maestro.test', displayName: 'Ada', role: 'admin' });
    fixture.componentRef.setInput('id', 'served1');
    await settle();
    expect(offered()).toEqual({ details: false, add: false, change: false, remove: false, delete: true });
  });

  it('saves details in place: shown at once, put back with the reason in words when the API refuses', async () => {
    onBoard(o1);
    await open('o1abcdef');
    button('edit Edit details').click();
    await settle();
    const name = el().querySelector<HTMLInputElement>('app-order-details-form input[formcontrolname="customerName"]')!;
    name.value = '  Ada Lovelace ';
    name.dispatchEvent(new Event('input'));
    button('Save details').click();
    await settle();
    expect(repository.calls).toContain('updateDetails o1abcdef {"customerName":"Ada Lovelace"}');
    expect(el().querySelector('app-order-details-form')).toBeNull();
    expect(text()).toContain('Ada Lovelace'); // before the API answered

    repository.editAnswer!.reject(
      new ApiRequestError(409, 'order_not_editable', 'Order o1abcdef is CANCELLED.', { orderId: 'o1abcdef', currentStatus: 'CANCELLED' }),
    );
    await settle();
    await settle();
    expect(text()).not.toContain('Ada Lovelace');
    expect(el().querySelector('[role="alert"]')?.textContent).toContain(
      'Someone changed #O1ABCD meanwhile: it is now Cancelled, so its details can no longer change. Nothing was saved.',
    );
  });

  it('changes a quantity in its row and keeps the last dish from being removed', async () => {
    onBoard(orderFixture({ id: 'one1', items: [burger] }));
    await open('one1');
    expect(el().querySelector<HTMLButtonElement>('button[aria-label="Remove Burger"]')!.disabled).toBeTrue();
    el().querySelector<HTMLButtonElement>('button[aria-label="Change Burger"]')!.click();
    await settle();
    const quantity = el().querySelector<HTMLInputElement>('app-item-line-editor input[formcontrolname="quantity"]')!;
    quantity.value = '3';
    quantity.dispatchEvent(new Event('input'));
    await settle();
    expect(el().querySelector('app-item-line-editor')?.textContent).toContain('Line total $37.50');
    button('Save').click();
    await settle();
    expect(repository.calls).toContain('updateItem one1 line-burger {"quantity":3}');
    expect(rows()[0]).toEqual(['Burger $12.50 each no onions', '3', '$37.50']);
    expect(el().querySelector('tfoot')?.textContent).toContain('$37.50');
  });

  it('offers only the legal next moves for the order and its type', async () => {
    onBoard(o1, orderFixture({ id: 'delivery1', type: 'delivery', status: 'READY' }), orderFixture({ id: 'served1', status: 'SERVED' }));
    await open('o1abcdef');
    expect(moveButtons()).toEqual(['Start', 'Cancel order']);
    fixture.componentRef.setInput('id', 'delivery1');
    await settle();
    expect(moveButtons()).toEqual(['Recall', 'Send out', 'Cancel order']);
    fixture.componentRef.setInput('id', 'served1');
    await settle();
    expect(moveButtons()).toEqual([]);
    expect(text()).toContain('This order is finished');
  });

  it('moves the order through the status orchestrator, and asks before cancelling', async () => {
    onBoard(o1);
    repository.known.set(o1.id, o1);
    await open('o1abcdef');
    button('Cancel order').click();
    await settle();
    expect(document.querySelector('.cdk-overlay-container')?.textContent).toContain('Cancel order #O1ABCD?');
    [...document.querySelectorAll<HTMLButtonElement>('.cdk-overlay-container button')].find((b) => b.textContent?.trim() === 'Cancel')!.click();
    await settle();
    expect(repository.calls.filter((call) => call.startsWith('updateStatus'))).toEqual([]);
    button('Start').click();
    await settle();
    // The move is painted first and the request sent a frame later (OrderStatusOrchestrator).
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve))));
    expect(repository.calls.filter((call) => call.startsWith('updateStatus'))).toEqual(['updateStatus o1abcdef PREPARING']);
  });

  it('reads an order the board does not hold from the API, with its failure reason', async () => {
    const failed = orderFixture({
      id: 'old12345',
      status: 'FAILED',
      failure: { code: 'payment_declined', message: 'The card was declined. Nothing was charged.', step: 'payment' },
    });
    repository.known.set(failed.id, failed);
    await open('old12345');
    expect(repository.calls).toContain('getDetail old12345');
    expect(el().querySelector('.failure')?.textContent).toContain('Failed at the payment step: The card was declined. Nothing was charged.');
    expect(moveButtons()).toEqual([]);
  });

  it('says plainly when there is no such order, with a way back to the board', async () => {
    await open('does-not-exist');
    // The number as typed, whole: "#DOES-N" would read like a real, cut-off number.
    expect(text()).toContain('No order with that number');
    expect(text()).toContain('Nothing was found for “does-not-exist”.');
    expect(text()).toContain('It may have been removed');
    const back = [...el().querySelectorAll('a')].find((a) => a.textContent?.includes('Back to the board'))!;
    expect(back.getAttribute('href')).toBe('/orders');
    expect(el().querySelector('table')).toBeNull();
  });

  it('renders an odd history entry part by part: unknown where it lacks something, the rest as usual', async () => {
    onBoard(o1);
    repository.logs.set(o1.id, [
      entry('e1', { changes: { type: { from: null, to: 'dine-in' } } }),
      entry('e2', { at: null, action: null, actor: null, changes: null, correlationId: null }),
      entry('e3', { action: 'ORDER_UPDATED', changes: { notes: { from: '', to: { truncated: true, bytes: 900_001 } } }, omittedChanges: 40 }),
    ]);
    await open('o1abcdef');
    const lines = historyLines();
    expect(lines.length).toBe(3);
    expect(lines[0]).toContain('Placed');
    expect(lines[1]).toContain('Unknown action');
    expect(lines[1]).toContain('unknown time');
    expect(lines[1]).toContain('by unknown');
    expect(lines[1]).toContain('Changes unknown');
    expect(lines[2]).toContain('Details changed');
    expect(lines[2]).toContain('Notes: — → too large to show (879 KB)');
    expect(lines[2]).toContain('and 40 more not shown');
  });

  it('renders the history oldest first with actor, action in words and old → new, and reads it again when the version moves', async () => {
    onBoard(o1);
    repository.logs.set(o1.id, [
      entry('e1', { changes: { type: { from: null, to: 'dine-in' }, table: { from: null, to: '12' }, version: { from: null, to: 1 } } }),
      entry('e2', {
        at: '2026-03-01T18:00:01.000Z',
        action: 'ORDER_STATUS_CHANGED',
        actor: { uid: 'system', email: null },
        changes: { status: { from: 'PENDING', to: 'CONFIRMED' }, version: { from: 1, to: 2 } },
      }),
      entry('e3', {
        at: '2026-03-01T18:05:00.000Z',
        action: 'ORDER_ITEM_UPDATED',
        changes: { 'items.line-burger.quantity': { from: 1, to: 2 }, totalMinor: { from: 1700, to: 2950 } },
      }),
    ]);
    await open('o1abcdef');
    const lines = historyLines();
    expect(lines.length).toBe(3);
    expect(lines[0]).toContain('Placed');
    expect(lines[0]).toContain('by staff@maestro.test');
    expect(lines[0]).toContain('Type: — → Dine-in');
    expect(lines[0]).toContain('Table: — → 12');
    expect(lines[0]).not.toContain('Version');
    expect(lines[1]).toContain('Status Being placed → New');
    expect(lines[1]).toContain('by System');
    expect(lines[2]).toContain('Item changed');
    expect(lines[2]).toContain('Quantity: 1 → 2');
    expect(lines[2]).toContain('Total: $17.00 → $29.50');
    const placedBy = [...el().querySelectorAll('dt')].find((dt) => dt.textContent === 'Placed by')!.nextElementSibling;
    expect(placedBy?.textContent?.trim()).toBe('staff@maestro.test');

    repository.logs.get(o1.id)!.push(
      entry('e4', { at: '2026-03-01T18:10:00.000Z', action: 'ORDER_STATUS_CHANGED', changes: { status: { from: 'CONFIRMED', to: 'PREPARING' } } }),
    );
    store.dispatch(
      OrdersRealtimeActions.orderStatusChanged({
        orderId: o1.id,
        previousStatus: 'CONFIRMED',
        newStatus: 'PREPARING',
        updatedAt: '2026-03-01T18:10:00.000Z',
        version: o1.version + 1,
        failure: null,
      }),
    );
    await settle();
    expect(repository.calls.filter((call) => call.startsWith('history'))).toEqual(['history o1abcdef', 'history o1abcdef']);
    expect(historyLines().at(-1)).toContain('Status New → Preparing');
    expect(moveButtons()).toEqual(['Ready', 'Cancel order']);
  });
});

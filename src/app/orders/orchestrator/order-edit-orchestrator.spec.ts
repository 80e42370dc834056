import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { EventCatalog, EventType, HandledEventType, Order, OrderItemResponse } from '@maestro/contracts';
import { Store, provideStore } from '@ngrx/store';
import { firstValueFrom } from 'rxjs';
import { Session, type SessionUser } from '../../core/auth/session';
import { EventBus } from '../../core/events/event-bus';
import { EventFactory } from '../../core/events/event-factory';
import { ApiRequestError } from '../../core/http/api-error-message';
import { LOGGER } from '../../core/logging/logger';
import { ORDER_REALTIME } from '../data/order-realtime';
import { ORDER_REPOSITORY, type OrderRepository } from '../data/order-repository';
import { orderFixture, orderItemFixture } from '../state/order-fixtures';
import { OrdersBoardActions, OrdersRealtimeActions } from '../state/orders.actions';
import { provideOrdersState } from '../state/orders.providers';
import { selectOrderById } from '../state/orders.selectors';
import { OrderEditOrchestrator } from './order-edit-orchestrator';
import { OrderOrchestrator } from './order-orchestrator';

// The API is replaced here only to hold its answer back (to see the optimistic state) and to
// inject a refusal; e2e/order-edit.spec.ts runs the same edits against the real API.
describe('OrderEditOrchestrator (edits of a placed order)', () => {
  let answer: { resolve: (value: unknown) => void; reject: (error: unknown) => void };
  let calls: string[];
  let store: Store;
  let bus: EventBus;
  let orchestrator: OrderEditOrchestrator;
  const burger = orderItemFixture({ id: 'line-burger', name: 'Burger', unitPriceMinor: 1250, quantity: 2 });
  const cola = orderItemFixture({ id: 'line-cola', name: 'Cola', unitPriceMinor: 300 });

  beforeEach(() => {
    calls = [];
    const held = <T>(call: string) => {
      calls.push(call);
      return new Promise<T>((resolve, reject) => (answer = { resolve: resolve as (value: unknown) => void, reject }));
    };
    const repository: Partial<OrderRepository> = {
      updateDetails: (id, patch) => held(`details ${id} ${JSON.stringify(patch)}`),
      addItem: (id, item) => held(`add ${id} ${item.menuItemId}×${item.quantity}`),
      updateItem: (id, itemId, patch) => held(`change ${id} ${itemId} ${JSON.stringify(patch)}`),
      removeItem: (id, itemId) => held(`remove ${id} ${itemId}`),
      delete: (id) => held(`delete ${id}`),
    };
    TestBed.configureTestingModule({
      providers: [
        provideStore(),
        provideOrdersState(),
        OrderOrchestrator,
        { provide: ORDER_REPOSITORY, useValue: repository },
        { provide: ORDER_REALTIME, useValue: { connect: () => undefined, disconnect: () => undefined } },
        { provide: Session, useValue: { user: signal<SessionUser | null>({ uid: 'staff-uid', email: 'staff@maestro.test', displayName: 'Sam', role: 'staff' }) } },
        { provide: LOGGER, useValue: { debug: () => undefined, warn: () => undefined, error: () => undefined } },
      ],
    });
    store = TestBed.inject(Store);
    bus = TestBed.inject(EventBus);
    orchestrator = TestBed.inject(OrderEditOrchestrator);
    orchestrator.start();
    store.dispatch(
      OrdersBoardActions.boardLoaded({
        orders: [orderFixture({ id: 'o1', status: 'PREPARING', version: 3, customerName: 'Ada', notes: '', items: [burger, cola] })],
        loadedAt: new Date().toISOString(),
      }),
    );
  });
  afterEach(() => orchestrator?.destroy());

  const order = () => firstValueFrom(store.select(selectOrderById('o1'))) as Promise<Order>;
  const next = <K extends EventType>(type: K) => firstValueFrom(bus.on(type));
  const request = <K extends HandledEventType>(type: K, payload: EventCatalog[K]) => {
    const event = TestBed.inject(EventFactory).create(type, payload);
    bus.emit(event);
    return event;
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve));
  const conflict = () =>
    new ApiRequestError(409, 'order_not_editable', 'Order o1 is CANCELLED: its details can no longer change.', { orderId: 'o1', currentStatus: 'CANCELLED' });

  it('shows new details at once, then applies the API’s order and says ORDER_DETAILS_UPDATED', async () => {
    const updated = next('ORDER_DETAILS_UPDATED');
    const event = request('ORDER_DETAILS_UPDATE_REQUESTED', { orderId: 'o1', patch: { customerName: 'Ada L.', table: '12' } });
    await settle();
    expect(calls).toEqual(['details o1 {"customerName":"Ada L.","table":"12"}']);
    const shown = await order();
    expect(shown.customerName).toBe('Ada L.');
    expect(shown.type === 'dine-in' && shown.table).toBe('12');
    expect(shown.version).toBe(3); // the server's version comes with its answer

    answer.resolve({ ...shown, version: 4 });
    const done = await updated;
    expect(done.causationId).toBe(event.id);
    expect(done.payload).toEqual({ orderId: 'o1', changedFields: ['customerName', 'table'], version: 4 });
    expect((await order()).version).toBe(4);
  });

  it('puts the details back and fails with the reason in words when the order was cancelled meanwhile', async () => {
    const failed = next('ORDER_DETAILS_UPDATE_FAILED');
    request('ORDER_DETAILS_UPDATE_REQUESTED', { orderId: 'o1', patch: { customerName: 'Ada L.' } });
    await settle();
    expect((await order()).customerName).toBe('Ada L.');
    answer.reject(conflict());
    const failure = await failed;
    expect(failure.payload.cause).toEqual({
      code: 'order_not_editable',
      message: 'Someone changed #O1 meanwhile: it is now Cancelled, so its details can no longer change. Nothing was saved.',
    });
    expect((await order()).customerName).toBe('Ada');
  });

  it('keeps what someone else wrote meanwhile: a rollback only undoes what still shows our value', async () => {
    const failed = next('ORDER_DETAILS_UPDATE_FAILED');
    request('ORDER_DETAILS_UPDATE_REQUESTED', { orderId: 'o1', patch: { notes: 'window seat' } });
    await settle();
    const theirs = { ...(await order()), notes: 'birthday', version: 4 };
    store.dispatch(OrdersRealtimeActions.orderUpdated({ order: theirs, changedFields: ['notes'], version: 4 }));
    answer.reject(new ApiRequestError(0, 'network', 'Cannot reach the Maestro API. Check your connection and try again.'));
    expect((await failed).payload.cause.code).toBe('network');
    expect((await order()).notes).toBe('birthday');
  });

  it('changes a quantity at once (line and order totals), then takes the API’s line', async () => {
    const updated = next('ORDER_ITEM_UPDATED');
    request('ORDER_ITEM_UPDATE_REQUESTED', { orderId: 'o1', itemId: 'line-cola', patch: { quantity: 3 } });
    await settle();
    let shown = await order();
    expect(shown.items[1]).toEqual(jasmine.objectContaining({ id: 'line-cola', quantity: 3, lineTotalMinor: 900 }));
    expect(shown.totalMinor).toBe(2500 + 900);

    const item = { ...cola, quantity: 3, lineTotalMinor: 900 };
    answer.resolve({ orderId: 'o1', item, version: 4 } satisfies OrderItemResponse);
    expect((await updated).payload).toEqual({ orderId: 'o1', item, version: 4 });
    shown = await order();
    expect(shown.version).toBe(4);
    expect(shown.totalMinor).toBe(3400);
  });

  it('puts the quantity back with the API’s reason when it is refused (out of stock)', async () => {
    const failed = next('ORDER_ITEM_UPDATE_FAILED');
    request('ORDER_ITEM_UPDATE_REQUESTED', { orderId: 'o1', itemId: 'line-cola', patch: { quantity: 9 } });
    await settle();
    answer.reject(new ApiRequestError(409, 'out_of_stock', 'Not enough cola left (2 left, 8 asked).', { orderId: 'o1' }));
    expect((await failed).payload.cause.message).toBe('Not enough Cola left (2 left, 8 asked).');
    const shown = await order();
    expect(shown.items[1]!.quantity).toBe(1);
    expect(shown.totalMinor).toBe(2800);
  });

  it('adds a dish only once the API answered with its line', async () => {
    const added = next('ORDER_ITEM_ADDED');
    request('ORDER_ITEM_ADDITION_REQUESTED', { orderId: 'o1', item: { menuItemId: 'fries', quantity: 2 } });
    await settle();
    expect(calls).toEqual(['add o1 fries×2']);
    expect((await order()).items.length).toBe(2);
    const fries = orderItemFixture({ id: 'line-fries', name: 'Fries', unitPriceMinor: 450, quantity: 2 });
    answer.resolve({ orderId: 'o1', item: fries, version: 4 });
    await added;
    const shown = await order();
    expect(shown.items.map((item) => item.id)).toEqual(['line-burger', 'line-cola', 'line-fries']);
    expect(shown.totalMinor).toBe(2500 + 300 + 900);
  });

  it('says a removed line was gone already, and a refused delete why', async () => {
    const removal = next('ORDER_ITEM_REMOVAL_FAILED');
    request('ORDER_ITEM_REMOVAL_REQUESTED', { orderId: 'o1', itemId: 'line-cola' });
    await settle();
    answer.reject(new ApiRequestError(404, 'order_item_not_found', 'Order o1 has no item line-cola.', { orderId: 'o1' }));
    expect((await removal).payload.cause.message).toBe('Someone removed that dish from #O1 meanwhile. Nothing was saved.');
    expect((await order()).items.length).toBe(2);

    const deletion = next('ORDER_DELETION_FAILED');
    request('ORDER_DELETION_REQUESTED', { orderId: 'o1' });
    await settle();
    answer.reject(new ApiRequestError(403, 'forbidden', 'Order o1 is SERVED: only an administrator deletes those.'));
    expect((await deletion).payload.cause.message).toBe('#O1 is a sales record (served or delivered): only an administrator deletes it.');
    expect(await order()).toBeTruthy();
  });

  it('takes a removed line and a deleted order off the board once the API confirms', async () => {
    const removed = next('ORDER_ITEM_REMOVED');
    request('ORDER_ITEM_REMOVAL_REQUESTED', { orderId: 'o1', itemId: 'line-cola' });
    await settle();
    answer.resolve({ orderId: 'o1', itemId: 'line-cola', version: 4 });
    await removed;
    expect((await order()).items.map((item) => item.id)).toEqual(['line-burger']);

    const deleted = next('ORDER_DELETED');
    request('ORDER_DELETION_REQUESTED', { orderId: 'o1' });
    await settle();
    answer.resolve({ orderId: 'o1', version: 5 });
    expect((await deleted).payload).toEqual({ orderId: 'o1', version: 5 });
    expect(await firstValueFrom(store.select(selectOrderById('o1')))).toBeNull();
  });
});

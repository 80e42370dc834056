import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { DomainEvent, EventType, Order, OrderStatus } from '@maestro/contracts';
import { Store, provideStore } from '@ngrx/store';
import { firstValueFrom } from 'rxjs';
import { Session, type SessionUser } from '../../core/auth/session';
import { EventBus } from '../../core/events/event-bus';
import { EventFactory } from '../../core/events/event-factory';
import { ApiRequestError } from '../../core/http/api-error-message';
import { LOGGER } from '../../core/logging/logger';
import { ORDER_REALTIME } from '../data/order-realtime';
import { ORDER_REPOSITORY, type OrderRepository } from '../data/order-repository';
import { orderFixture } from '../state/order-fixtures';
import { OrdersBoardActions } from '../state/orders.actions';
import { provideOrdersState } from '../state/orders.providers';
import { selectOrderById, selectPendingMove } from '../state/orders.selectors';
import { OrderOrchestrator } from './order-orchestrator';
import { OrderStatusOrchestrator } from './order-status-orchestrator';

describe('OrderStatusOrchestrator (optimistic moves)', () => {
  let answer: { resolve: (order: Order) => void; reject: (error: unknown) => void };
  let calls: string[];
  let store: Store;
  let bus: EventBus;
  let orchestrator: OrderStatusOrchestrator;

  beforeEach(() => {
    calls = [];
    const repository: Partial<OrderRepository> = {
      updateStatus: (id: string, to: OrderStatus) => {
        calls.push(`${id} → ${to}`);
        return new Promise<Order>((resolve, reject) => (answer = { resolve, reject }));
      },
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
    orchestrator = TestBed.inject(OrderStatusOrchestrator);
    orchestrator.start();
    store.dispatch(
      OrdersBoardActions.boardLoaded({
        orders: [orderFixture({ id: 'o1', status: 'CONFIRMED', version: 3 }), orderFixture({ id: 'o2', type: 'delivery', status: 'READY', version: 5 })],
        loadedAt: new Date().toISOString(),
      }),
    );
  });
  afterEach(() => orchestrator?.destroy());

  const statusOf = (id: string) => firstValueFrom(store.select(selectOrderById(id))).then((o) => o?.status);
  const pendingOf = (id: string) => firstValueFrom(store.select(selectPendingMove(id)));
  const next = <K extends EventType>(type: K) => firstValueFrom(bus.on(type));
  function request(orderId: string, from: OrderStatus, to: OrderStatus): DomainEvent<'ORDER_STATUS_CHANGE_REQUESTED'> {
    const event = TestBed.inject(EventFactory).create('ORDER_STATUS_CHANGE_REQUESTED', { orderId, from, to });
    bus.emit(event);
    return event;
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve));
  /** Two frames on: the move was painted and the request sent after it. */
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve))));

  it('shows the move at once, asks the API, then says ORDER_STATUS_CHANGED', async () => {
    const changed = next('ORDER_STATUS_CHANGED');
    const event = request('o1', 'CONFIRMED', 'PREPARING');
    await settle();
    expect(await statusOf('o1')).toBe('PREPARING');
    expect(await pendingOf('o1')).toEqual({ from: 'CONFIRMED', to: 'PREPARING' });
    expect(calls).withContext('the card moves on screen before the request is built').toEqual([]);
    await painted();
    expect(calls).toEqual(['o1 → PREPARING']);

    answer.resolve(orderFixture({ id: 'o1', status: 'PREPARING', version: 4 }));
    const done = await changed;
    expect(done.payload).toEqual(jasmine.objectContaining({ orderId: 'o1', previousStatus: 'CONFIRMED', newStatus: 'PREPARING' }));
    expect(done.causationId).toBe(event.id);
    expect(await pendingOf('o1')).toBeNull();
    expect(await statusOf('o1')).toBe('PREPARING');
  });

  it('puts the order where the server says it is when it refuses (409), and says why', async () => {
    const failed = next('ORDER_STATUS_CHANGE_FAILED');
    request('o1', 'CONFIRMED', 'PREPARING');
    await painted();
    answer.reject(new ApiRequestError(409, 'illegal_transition', 'Order o1 is CANCELLED: it cannot go to PREPARING.', { currentStatus: 'CANCELLED' }));
    const failure = await failed;
    expect(failure.payload.cause).toEqual({ code: 'illegal_transition', message: 'Order o1 is CANCELLED: it cannot go to PREPARING.' });
    expect(await statusOf('o1')).toBe('CANCELLED');
    expect(await pendingOf('o1')).toBeNull();
  });

  it('rolls back to where it was when the call fails (no connection)', async () => {
    const failed = next('ORDER_STATUS_CHANGE_FAILED');
    request('o1', 'CONFIRMED', 'PREPARING');
    await painted();
    answer.reject(new ApiRequestError(0, 'network', 'Cannot reach the Maestro API. Check your connection and try again.'));
    expect((await failed).payload.cause.code).toBe('network');
    expect(await statusOf('o1')).toBe('CONFIRMED');
  });

  it('refuses an illegal move before asking anyone (a delivery is never SERVED)', async () => {
    const failed = next('ORDER_STATUS_CHANGE_FAILED');
    request('o2', 'READY', 'SERVED');
    expect((await failed).payload.cause.code).toBe('illegal_transition');
    expect(calls).toEqual([]);
    expect(await statusOf('o2')).toBe('READY');
  });
});

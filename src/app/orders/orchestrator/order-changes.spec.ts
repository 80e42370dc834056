import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Session } from '../../core/auth/session';
import type { Order, RealtimeRoom } from '@maestro/contracts';
import { Store, provideStore } from '@ngrx/store';
import { STORE_RUNTIME_CHECKS } from '../../core/state/store-runtime-checks';
import type { OrderEvents } from '../data/order-realtime';
import { orderFixture } from '../state/order-fixtures';
import { diffOrders } from '../state/order-changes-diff';
import { OrdersBoardActions, OrdersCommandActions } from '../state/orders.actions';
import { provideOrdersState } from '../state/orders.providers';
import { OrderChanges } from './order-changes';
import { OrderOrchestrator } from './order-orchestrator';
import { OrdersLive } from './orders-live';

/** The facade as OrdersLive uses it: the socket's events come from the spec. */
class FakeFacade {
  events?: OrderEvents;
  disconnects = 0;
  connect(events: OrderEvents, _rooms: readonly RealtimeRoom[]): void {
    this.events = events;
  }
  disconnect(): void {
    this.disconnects++;
  }
  listBoard(): Promise<Order[]> {
    return new Promise(() => undefined);
  }
}

/** Resolves after the frame's callbacks registered before it: the socket's events are in the store. */
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

describe('OrderChanges (reference 000: onCreated / onUpdated with whole orders)', () => {
  let facade: FakeFacade;
  let store: Store;
  let created: Order[];
  let updated: Order[];

  beforeEach(() => {
    facade = new FakeFacade();
    TestBed.configureTestingModule({
      providers: [
        provideStore({}, { runtimeChecks: STORE_RUNTIME_CHECKS }),
        provideOrdersState(),
        OrdersLive,
        OrderChanges,
        { provide: OrderOrchestrator, useValue: facade },
        { provide: Session, useValue: { user: signal(null) } },
      ],
    });
    store = TestBed.inject(Store);
    created = [];
    updated = [];
  });

  const connect = () =>
    TestBed.inject(OrderChanges).connect({ onCreated: (order) => created.push(order), onUpdated: (order) => updated.push(order) });

  it('opens the live connection and calls back with the whole order after each frame of events', async () => {
    const disconnect = connect();
    expect(facade.events).toBeDefined();

    const order = orderFixture({ id: 'o1', status: 'CONFIRMED', version: 1 });
    facade.events!.event('order:created', { order, version: 1 });
    await nextFrame();
    facade.events!.event('order:status-changed', { orderId: 'o1', previousStatus: 'CONFIRMED', newStatus: 'PREPARING', updatedAt: '2026-12-06T20:00:00Z', failure: null, version: 2 });
    await nextFrame();

    expect(created.map((o) => [o.id, o.status])).toEqual([['o1', 'CONFIRMED']]);
    expect(updated.map((o) => [o.id, o.status, o.version])).toEqual([['o1', 'PREPARING', 2]]);
    expect(updated[0].items).toEqual(order.items);
    disconnect();
  });

  it('does not report what the store held before it connected, and reports orders a reload brings', () => {
    const known = orderFixture({ id: 'known', status: 'CONFIRMED', version: 1 });
    store.dispatch(OrdersBoardActions.boardLoadStarted());
    store.dispatch(OrdersBoardActions.boardLoaded({ orders: [known], loadedAt: '2026-12-06T20:00:00Z' }));
    connect();
    expect(created).toEqual([]);

    const missed = orderFixture({ id: 'missed', status: 'PREPARING', version: 3 });
    store.dispatch(OrdersBoardActions.boardLoadStarted());
    store.dispatch(OrdersBoardActions.boardLoaded({ orders: [known, missed], loadedAt: '2026-12-06T20:01:00Z' }));
    expect(created.map((o) => o.id)).toEqual(['missed']);
    expect(updated).toEqual([]);
  });

  it('events of one frame are one change: the order as they left it', async () => {
    connect();
    facade.events!.event('order:created', { order: orderFixture({ id: 'o1', status: 'CONFIRMED', version: 1 }), version: 1 });
    facade.events!.event('order:status-changed', { orderId: 'o1', previousStatus: 'CONFIRMED', newStatus: 'PREPARING', updatedAt: '2026-12-06T20:00:00Z', failure: null, version: 2 });
    expect(created).toEqual([]); // not before the frame
    await nextFrame();
    expect(created.map((o) => [o.id, o.status, o.version])).toEqual([['o1', 'PREPARING', 2]]);
    expect(updated).toEqual([]);
  });

  it("follows this browser's optimistic move and its rollback, as the board shows them", async () => {
    connect();
    facade.events!.event('order:created', { order: orderFixture({ id: 'o1', status: 'CONFIRMED', version: 1 }), version: 1 });
    await nextFrame();
    store.dispatch(OrdersCommandActions.statusChangeOptimistic({ orderId: 'o1', from: 'CONFIRMED', to: 'PREPARING' }));
    store.dispatch(OrdersCommandActions.statusChangeRolledBack({ orderId: 'o1', from: 'CONFIRMED', to: 'PREPARING' }));
    expect(updated.map((o) => o.status)).toEqual(['PREPARING', 'CONFIRMED']);
  });

  it('stops calling back after disconnect, and lets the socket go once nothing holds it', () => {
    jasmine.clock().install();
    try {
      const disconnect = connect();
      disconnect();
      disconnect(); // twice is harmless
      facade.events!.event('order:created', { order: orderFixture({ id: 'late', version: 1 }), version: 1 });
      expect(created).toEqual([]);
      jasmine.clock().tick(60_000);
      expect(facade.disconnects).toBe(1);
    } finally {
      jasmine.clock().uninstall();
    }
  });
});

describe('diffOrders', () => {
  it('names new ids created and changed objects updated, and ignores orders that left', () => {
    const a = orderFixture({ id: 'a' });
    const b = orderFixture({ id: 'b' });
    const b2 = { ...b, status: 'READY' as const };
    const c = orderFixture({ id: 'c' });
    expect(diffOrders({ a, b }, { b: b2, c })).toEqual({ created: [c], updated: [b2] });
    expect(diffOrders({ a }, { a })).toEqual({ created: [], updated: [] });
  });
});

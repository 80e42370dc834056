import { signal, type DestroyRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { Order, OrderStatus, RealtimeRoom } from '@maestro/contracts';
import { Store, provideStore } from '@ngrx/store';
import { Session } from '../../core/auth/session';
import { EventBus } from '../../core/events/event-bus';
import { RealtimeDemand } from '../../core/realtime/realtime-demand';
import { RealtimeStatus } from '../../core/realtime/realtime-status';
import { STORE_RUNTIME_CHECKS } from '../../core/state/store-runtime-checks';
import type { OrderEvents } from '../data/order-realtime';
import { orderFixture } from '../state/order-fixtures';
import { provideOrdersState } from '../state/orders.providers';
import { selectAllOrders, selectLoadError } from '../state/orders.selectors';
import { OrderOrchestrator } from './order-orchestrator';
import { ORDERS_LIVE_LINGER_MS, OrdersLive } from './orders-live';

/** A screen's lifetime: `close()` is what Angular does when the screen is destroyed. */
function screen(): DestroyRef & { close(): void } {
  const callbacks: (() => void)[] = [];
  return {
    onDestroy: (callback: () => void) => {
      callbacks.push(callback);
      return () => undefined;
    },
    destroyed: false,
    close: () => callbacks.forEach((callback) => callback()),
  } as unknown as DestroyRef & { close(): void };
}

/** The facade as OrdersLive uses it: counts connections and answers list requests on demand. */
class FakeFacade {
  connects: { rooms: readonly RealtimeRoom[]; events: OrderEvents }[] = [];
  disconnects = 0;
  lists: { resolve(orders: Order[]): void; reject(error: Error): void }[] = [];
  connect(events: OrderEvents, rooms: readonly RealtimeRoom[]): void {
    this.connects.push({ events, rooms });
  }
  disconnect(): void {
    this.disconnects++;
  }
  listBoard(): Promise<Order[]> {
    return new Promise((resolve, reject) => this.lists.push({ resolve, reject }));
  }
  get events(): OrderEvents {
    return this.connects[this.connects.length - 1]!.events;
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve));

describe('OrdersLive', () => {
  let facade: FakeFacade;
  let live: OrdersLive;
  let store: Store;

  beforeEach(() => {
    facade = new FakeFacade();
    TestBed.configureTestingModule({
      providers: [
        provideStore({}, { runtimeChecks: STORE_RUNTIME_CHECKS }),
        provideOrdersState(),
        OrdersLive,
        { provide: OrderOrchestrator, useValue: facade },
        // Events are made in the signed-in member's name; nobody is signed in here.
        { provide: Session, useValue: { user: signal(null) } },
      ],
    });
    live = TestBed.inject(OrdersLive);
    store = TestBed.inject(Store);
  });

  afterEach(() => jasmine.clock().uninstall());

  it('opens one socket for every order screen, to both rooms, and keeps it while one is open', () => {
    const board = screen();
    const kitchen = screen();
    live.attach(board);
    live.attach(kitchen);
    expect(facade.connects.length).toBe(1);
    expect(facade.connects[0]!.rooms).toEqual(['orders', 'kitchen']);
    board.close();
    expect(facade.disconnects).toBe(0);
  });

  it('closes the socket only a while after the last screen closed, and not when another opens meanwhile', () => {
    jasmine.clock().install();
    const board = screen();
    live.attach(board);
    board.close();
    // Board → order page: the next screen attaches before the linger ends; nothing reconnects.
    jasmine.clock().tick(ORDERS_LIVE_LINGER_MS - 1);
    const detail = screen();
    live.attach(detail);
    jasmine.clock().tick(ORDERS_LIVE_LINGER_MS * 2);
    expect(facade.disconnects).toBe(0);
    expect(facade.connects.length).toBe(1);

    detail.close();
    jasmine.clock().tick(ORDERS_LIVE_LINGER_MS - 1);
    expect(facade.disconnects).toBe(0);
    jasmine.clock().tick(1);
    expect(facade.disconnects).toBe(1);

    live.attach(screen());
    expect(facade.connects.length).toBe(2);
  });

  it('an order screen gets the list at once, beside the socket, and again once the rooms are joined', async () => {
    live.attach(screen());
    expect(facade.lists.length).toBe(1); // not waiting for the socket
    facade.lists[0]!.resolve([orderFixture({ id: 'old' })]);
    await settle();
    expect(store.selectSignal(selectAllOrders)().map((order) => order.id)).toEqual(['old']);
    // Joined: an order placed between the first read and the join is in the second list.
    facade.events.resync();
    expect(facade.lists.length).toBe(2);
    facade.lists[1]!.resolve([orderFixture({ id: 'old' }), orderFixture({ id: 'between', createdAt: '2026-03-01T18:05:00.000Z' })]);
    await settle();
    expect(store.selectSignal(selectAllOrders)().map((order) => order.id)).toEqual(['old', 'between']);
  });

  it('a resync loads the list into the store; resyncs asked for meanwhile make one more request, not one each', async () => {
    live.attach(screen()); // the opening's list, in flight
    facade.events.resync();
    facade.events.resync();
    facade.events.resync();
    expect(facade.lists.length).toBe(1);
    facade.lists[0]!.resolve([orderFixture({ id: 'old' })]);
    await settle();
    expect(facade.lists.length).toBe(2);
    facade.lists[1]!.resolve([
      orderFixture({ id: 'old' }),
      orderFixture({ id: 'new', createdAt: '2026-03-01T18:05:00.000Z' }),
    ]);
    await settle();
    expect(facade.lists.length).toBe(2);
    expect(
      store
        .selectSignal(selectAllOrders)()
        .map((order) => order.id),
    ).toEqual(['old', 'new']);
  });

  it('tells the app-wide realtime status what the socket reports (the monitor shows it)', () => {
    live.attach(screen());
    facade.events.connection('offline', new Date('2026-11-24T04:00:00Z'));
    expect(TestBed.inject(RealtimeStatus).report()).toEqual({ state: 'offline', since: '2026-11-24T04:00:00.000Z' });
  });

  it('puts an order that reached a final status on the EventBus once, for other features (ORDER_FINISHED)', () => {
    const finished: unknown[] = [];
    TestBed.inject(EventBus).on('ORDER_FINISHED').subscribe((event) => finished.push(event.payload));
    live.attach(screen());
    const move = (orderId: string, previousStatus: OrderStatus, newStatus: OrderStatus, version: number) =>
      facade.events.event('order:status-changed', { orderId, previousStatus, newStatus, updatedAt: `2026-12-06T20:0${version}:00.000Z`, failure: null, version });

    move('o1', 'PREPARING', 'READY', 2);
    move('o1', 'READY', 'SERVED', 3);
    move('o1', 'READY', 'SERVED', 3); // the same event again (a replay)
    move('o2', 'CONFIRMED', 'CANCELLED', 4);

    expect(finished).toEqual([
      { orderId: 'o1', status: 'SERVED', finishedAt: '2026-12-06T20:03:00.000Z' },
      { orderId: 'o2', status: 'CANCELLED', finishedAt: '2026-12-06T20:04:00.000Z' },
    ]);
  });

  it('keeps the socket open while a screen of another feature asks for it (RealtimeDemand)', () => {
    jasmine.clock().install();
    TestBed.runInInjectionContext(() => live.serveOtherScreens());
    const report = screen();
    TestBed.inject(RealtimeDemand).want(report);
    TestBed.tick();
    expect(facade.connects.length).toBe(1);
    expect(facade.lists.length).toBe(0); // no order screen: the list waits for the join
    report.close();
    TestBed.tick();
    jasmine.clock().tick(ORDERS_LIVE_LINGER_MS);
    expect(facade.disconnects).toBe(1);
  });

  it('a list that fails says why, and Try again loads it', async () => {
    live.attach(screen());
    facade.lists[0]!.reject(new Error('The orders service is not answering.'));
    await settle();
    expect(store.selectSignal(selectLoadError)()).toBe('The orders service is not answering.');
    const retried = live.reload();
    facade.lists[1]!.resolve([orderFixture({ id: 'back' })]);
    await retried;
    expect(store.selectSignal(selectLoadError)()).toBeNull();
    expect(
      store
        .selectSignal(selectAllOrders)()
        .map((order) => order.id),
    ).toEqual(['back']);
  });
});

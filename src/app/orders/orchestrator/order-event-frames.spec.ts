import { TestBed } from '@angular/core/testing';
import { ActionsSubject, Store, provideStore, type Action } from '@ngrx/store';
import { STORE_RUNTIME_CHECKS } from '../../core/state/store-runtime-checks';
import { orderFixture } from '../state/order-fixtures';
import {
  OrdersCommandActions,
  OrdersRealtimeActions as Realtime,
  OrdersRealtimeBatchActions,
} from '../state/orders.actions';
import { provideOrdersState } from '../state/orders.providers';
import { selectAllOrders } from '../state/orders.selectors';
import { FRAME_FALLBACK_MS, OrderEventFrames } from './order-event-frames';

/** Resolves after the frame's callbacks registered before it. */
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

const created = (id: string) => Realtime.orderCreated({ order: orderFixture({ id, status: 'CONFIRMED', version: 1 }), version: 1 });
const moved = (id: string, version: number) =>
  Realtime.orderStatusChanged({ orderId: id, previousStatus: 'CONFIRMED', newStatus: 'PREPARING', updatedAt: '2026-12-06T20:00:00Z', failure: null, version });

describe('OrderEventFrames (a frame of socket events, one store update)', () => {
  let frames: OrderEventFrames;
  let store: Store;
  let dispatched: Action[];

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideStore({}, { runtimeChecks: STORE_RUNTIME_CHECKS }), provideOrdersState()] });
    frames = TestBed.inject(OrderEventFrames);
    store = TestBed.inject(Store);
    dispatched = [];
    TestBed.inject(ActionsSubject).subscribe((action) => dispatched.push(action));
    dispatched = []; // the store's own init
  });

  afterEach(() => jasmine.clock().uninstall());

  const shown = () => store.selectSignal(selectAllOrders)().map((order) => [order.id, order.status]);

  it('applies the events of one frame as one action, in the order they came, by the next frame', async () => {
    frames.received(created('a'));
    frames.received(created('b'));
    frames.received(moved('a', 2));
    expect(shown()).toEqual([]);
    await nextFrame();
    expect(dispatched).toEqual([OrdersRealtimeBatchActions.eventsArrived({ events: [created('a'), created('b'), moved('a', 2)] })]);
    expect(shown()).toEqual([['a', 'PREPARING'], ['b', 'CONFIRMED']]);
  });

  it('a frame with one event dispatches that event itself', async () => {
    frames.received(created('a'));
    await nextFrame();
    expect(dispatched).toEqual([created('a')]);
  });

  it("another orders action comes after the events that arrived before it (a move of an order that just came)", () => {
    frames.received(created('a'));
    frames.dispatch(OrdersCommandActions.statusChangeOptimistic({ orderId: 'a', from: 'CONFIRMED', to: 'PREPARING' }));
    expect(dispatched.map((action) => action.type)).toEqual([Realtime.orderCreated.type, OrdersCommandActions.statusChangeOptimistic.type]);
    expect(shown()).toEqual([['a', 'PREPARING']]);
  });

  it('a hidden tab, which draws no frames, still gets its events', () => {
    jasmine.clock().install();
    frames.received(created('a'));
    jasmine.clock().tick(FRAME_FALLBACK_MS);
    expect(shown()).toEqual([['a', 'CONFIRMED']]);
  });

  it('once the app is gone, held events are dropped, not dispatched to a store that is gone', async () => {
    frames.received(created('a'));
    frames.ngOnDestroy();
    await nextFrame();
    expect(dispatched).toEqual([]);
  });
});

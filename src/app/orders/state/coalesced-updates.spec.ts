import { orderTotals, type Order } from '@maestro/contracts';
import type { Action } from '@ngrx/store';
import { orderFixture, orderItemFixture } from './order-fixtures';
import {
  OrdersBoardActions as Board,
  OrdersCommandActions as Command,
  OrdersRealtimeActions as Realtime,
} from './orders.actions';
import { ordersFeature } from './orders.reducer';
import { initialOrdersState, type OrdersState } from './orders.state';

// With MAESTRO_REALTIME_COALESCE_MS the API sends an order's first change at once and the rest of
// a burst as ONE order:updated carrying the whole order at its latest version. The board must end
// the same as if every event of the burst had come on its own.

const reduce = (state: OrdersState, ...actions: Action[]) =>
  actions.reduce((next, action) => ordersFeature.reducer(next, action), state);

const loadedAt = '2026-03-01T18:30:00.000Z';
const started = '2026-03-01T18:05:00.000Z';
const burger = orderItemFixture({ id: 'line-burger', name: 'Burger', unitPriceMinor: 1250, taxMinor: 100 });
const fries = orderItemFixture({ id: 'line-fries', name: 'Fries', station: 'fry', unitPriceMinor: 400, taxMinor: 32 });
const friesTimes3 = { ...fries, quantity: 3, lineTotalMinor: 1200, taxMinor: 96 };
const held = orderFixture({ id: 'order-1', version: 3, items: [burger], serviceRateBasisPoints: 1000 });
const other = orderFixture({ id: 'order-2', version: 5, table: '9' });
const board = () => reduce(initialOrdersState, Board.boardLoaded({ orders: [held, other], loadedAt }));

const preparing = Realtime.orderStatusChanged({
  orderId: 'order-1',
  previousStatus: 'CONFIRMED',
  newStatus: 'PREPARING',
  updatedAt: started,
  version: 4,
  failure: null,
  startedAt: started,
});

/** The order as the API stores it after each change: what a fresh GET, and the coalesced event, carry. */
function stored(version: number, changes: Partial<Order>): Order {
  const items = changes.items ?? held.items;
  return orderFixture({
    ...held,
    status: 'PREPARING',
    startedAt: started,
    updatedAt: started,
    ...changes,
    ...orderTotals(items, 1000),
    items,
    version,
  });
}

describe('a coalesced order:updated against the events it stands for', () => {
  it('ends with a details edit: the same order, field for field', () => {
    const atV8 = stored(8, { items: [burger, friesTimes3], notes: 'no onions', updatedAt: '2026-03-01T18:06:04.000Z' });
    const oneByOne = reduce(
      board(),
      preparing,
      Realtime.orderItemAdded({ orderId: 'order-1', item: fries, version: 5 }),
      Realtime.orderItemUpdated({ orderId: 'order-1', item: friesTimes3, version: 6 }),
      Realtime.orderUpdated({ order: stored(7, { items: [burger, friesTimes3], updatedAt: '2026-03-01T18:06:03.000Z' }), changedFields: ['items'], version: 7 }),
      Realtime.orderUpdated({ order: atV8, changedFields: ['notes'], version: 8 }),
    );
    const coalesced = reduce(
      board(),
      preparing,
      Realtime.orderUpdated({ order: atV8, changedFields: ['items', 'notes', 'subtotalMinor', 'taxMinor', 'serviceMinor', 'totalMinor'], version: 8 }),
    );
    expect(coalesced.entities['order-1']).toEqual(oneByOne.entities['order-1']);
    expect(coalesced.entities['order-1']).toEqual(atV8);
    expect(coalesced.ids).toEqual(oneByOne.ids);
    expect(coalesced.entities['order-2']).toBe(oneByOne.entities['order-2']);
  });

  it('ends with item changes: same status, items, totals and version (and the fresher updatedAt)', () => {
    const atV7 = stored(7, { items: [friesTimes3], updatedAt: '2026-03-01T18:06:05.000Z' });
    const oneByOne = reduce(
      board(),
      preparing,
      Realtime.orderItemAdded({ orderId: 'order-1', item: fries, version: 5 }),
      Realtime.orderItemUpdated({ orderId: 'order-1', item: friesTimes3, version: 6 }),
      Realtime.orderItemRemoved({ orderId: 'order-1', itemId: burger.id, version: 7 }),
    );
    const coalesced = reduce(
      board(),
      preparing,
      Realtime.orderUpdated({ order: atV7, changedFields: ['items', 'subtotalMinor', 'taxMinor', 'serviceMinor', 'totalMinor'], version: 7 }),
    );
    const a = oneByOne.entities['order-1']!;
    const b = coalesced.entities['order-1']!;
    for (const field of ['status', 'startedAt', 'items', 'subtotalMinor', 'taxMinor', 'serviceMinor', 'totalMinor', 'version', 'notes'] as const)
      expect(b[field]).withContext(field).toEqual(a[field]);
    expect(b.totalMinor).toBe(1200 + 96 + 120); // fries ×3, their tax on top, 10 % service
    // Item events carry no time; the whole order says when it last changed.
    expect(a.updatedAt).toBe(started);
    expect(b.updatedAt).toBe('2026-03-01T18:06:05.000Z');
  });

  it("settles this browser's pending move the same way", () => {
    const pendingReady = reduce(
      board(),
      preparing,
      Command.statusChangeOptimistic({ orderId: 'order-1', from: 'PREPARING', to: 'READY' }),
    );
    const ready = stored(6, { status: 'READY', items: [burger, fries], updatedAt: '2026-03-01T18:07:00.000Z' });
    const oneByOne = reduce(
      pendingReady,
      Realtime.orderItemAdded({ orderId: 'order-1', item: fries, version: 5 }),
      Realtime.orderStatusChanged({ orderId: 'order-1', previousStatus: 'PREPARING', newStatus: 'READY', updatedAt: ready.updatedAt, version: 6, failure: null }),
    );
    const coalesced = reduce(pendingReady, Realtime.orderUpdated({ order: ready, changedFields: ['items', 'status'], version: 6 }));
    expect(coalesced.pending).toEqual({});
    expect(oneByOne.pending).toEqual({});
    expect(coalesced.entities['order-1']).toEqual(oneByOne.entities['order-1']);
  });

  it('an event older than the coalesced one, arriving late, changes nothing', () => {
    const atV8 = stored(8, { items: [burger, friesTimes3], notes: 'no onions' });
    const after = reduce(board(), preparing, Realtime.orderUpdated({ order: atV8, changedFields: ['notes'], version: 8 }));
    expect(reduce(after, Realtime.orderItemRemoved({ orderId: 'order-1', itemId: burger.id, version: 7 }))).toBe(after);
  });
});

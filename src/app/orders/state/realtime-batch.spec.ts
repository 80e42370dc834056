import type { Order, OrderStatus } from '@maestro/contracts';
import { FINISHED_KEPT } from './finished-cap';
import { orderFixture, orderItemFixture } from './order-fixtures';
import {
  OrdersBoardActions as Board,
  OrdersCommandActions as Command,
  OrdersRealtimeActions as Realtime,
  OrdersRealtimeBatchActions as Batch,
  type RealtimeOrderAction,
} from './orders.actions';
import { reduce } from './frozen-reducer';
import { initialOrdersState, type OrdersState } from './orders.state';

/** A small seeded generator, so a failing sequence is the same on the next run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const minute = (n: number) => `2026-03-01T18:${String(n % 60).padStart(2, '0')}:00.000Z`;
const STATUSES: OrderStatus[] = ['CONFIRMED', 'PREPARING', 'READY', 'SERVED', 'CANCELLED'];
/** Few ids and versions, so events collide: duplicates, stale and out-of-order ones, unknown orders. */
const IDS = ['a', 'b', 'c', 'd', 'e', 'f', 'finished-00', 'finished-01'];

function eventsOf(next: () => number, count: number): RealtimeOrderAction[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const line = (n: number) => orderItemFixture({ id: `line-${n}`, name: `Dish ${n}`, unitPriceMinor: 100 * (n + 1) });
  return Array.from({ length: count }, (): RealtimeOrderAction => {
    const orderId = pick(IDS);
    const version = 1 + Math.floor(next() * 9);
    const order = (): Order =>
      orderFixture({ id: orderId, version, status: pick(STATUSES), createdAt: minute(pick([0, 1, 2, 30])), updatedAt: minute(version + 10), items: [line(version % 3)] });
    switch (Math.floor(next() * 7)) {
      case 0:
        return Realtime.orderCreated({ order: order(), version });
      case 1:
        return Realtime.orderUpdated({ order: order(), changedFields: ['status'], version });
      case 2:
      case 3: // the most common event on a live board
        return Realtime.orderStatusChanged({ orderId, previousStatus: 'CONFIRMED', newStatus: pick(STATUSES), updatedAt: minute(version + 20), version, failure: null, ...(next() < 0.3 ? { startedAt: minute(version) } : {}) });
      case 4:
        return Realtime.orderDeleted({ orderId, version });
      case 5:
        return (next() < 0.5 ? Realtime.orderItemAdded : Realtime.orderItemUpdated)({ orderId, item: line(Math.floor(next() * 4)), version });
      default:
        return Realtime.orderItemRemoved({ orderId, itemId: `line-${Math.floor(next() * 3)}`, version });
    }
  });
}

/** A board at the finished cap (so a finishing event drops one), some orders active, one move in flight. */
function boardAtCap(loading: boolean): OrdersState {
  const finished = Array.from({ length: FINISHED_KEPT }, (_, n) =>
    orderFixture({ id: `finished-${String(n).padStart(2, '0')}`, status: 'SERVED', updatedAt: minute(n), version: 3 }),
  );
  const active = ['a', 'b', 'c'].map((id, n) => orderFixture({ id, status: 'CONFIRMED', createdAt: minute(n), version: 3 }));
  const board = reduce(
    initialOrdersState,
    Board.boardLoaded({ orders: [...active, ...finished], loadedAt: minute(50) }),
    Command.statusChangeOptimistic({ orderId: 'a', from: 'CONFIRMED', to: 'PREPARING' }),
  );
  return loading ? reduce(board, Board.boardLoadStarted()) : board;
}

describe('a frame of socket events in one action (Events Arrived)', () => {
  for (const loading of [false, true]) {
    it(`leaves the state the same events leave one by one${loading ? ', and keeps the same ones for replay while a list is in flight' : ''}`, () => {
      for (let seed = 1; seed <= 60; seed++) {
        const events = eventsOf(random(seed), 40);
        const start = boardAtCap(loading);
        const oneByOne = reduce(start, ...events);
        const batched = reduce(start, Batch.eventsArrived({ events }));
        expect(batched).withContext(`seed ${seed}`).toEqual(oneByOne);
        expect(batched.ids).withContext(`seed ${seed}: arrival order`).toEqual([...(batched.ids as string[])].sort((x, y) => compareArrival(batched, x, y)));
      }
    });
  }

  it('the list that ends the loading replays the kept events the same way either way', () => {
    for (let seed = 100; seed < 130; seed++) {
      const next = random(seed);
      const events = eventsOf(next, 30);
      const list = eventsOf(next, 8).flatMap((event) => ('order' in event ? [event.order] : []));
      const loaded = Board.boardLoaded({ orders: list, loadedAt: minute(55) });
      expect(reduce(boardAtCap(true), Batch.eventsArrived({ events }), loaded))
        .withContext(`seed ${seed}`)
        .toEqual(reduce(boardAtCap(true), ...events, loaded));
    }
  });

  it('a frame of stale events keeps the state object (nothing re-renders)', () => {
    const board = boardAtCap(false);
    const stale = [
      Realtime.orderStatusChanged({ orderId: 'b', previousStatus: 'CONFIRMED', newStatus: 'READY', updatedAt: minute(5), version: 2, failure: null }),
      Realtime.orderDeleted({ orderId: 'c', version: 3 }),
      Realtime.orderItemRemoved({ orderId: 'unknown', itemId: 'line-0', version: 9 }),
    ];
    expect(reduce(board, Batch.eventsArrived({ events: stale }))).toBe(board);
  });

  it('an order moved within a frame keeps its place and the list of ids (only the moved column changes)', () => {
    const board = boardAtCap(false);
    const moved = reduce(
      board,
      Batch.eventsArrived({
        events: [
          Realtime.orderStatusChanged({ orderId: 'b', previousStatus: 'CONFIRMED', newStatus: 'PREPARING', updatedAt: minute(5), version: 4, failure: null }),
          Realtime.orderStatusChanged({ orderId: 'c', previousStatus: 'CONFIRMED', newStatus: 'READY', updatedAt: minute(6), version: 4, failure: null }),
        ],
      }),
    );
    expect(moved.ids).toBe(board.ids);
    expect([moved.entities['b']?.status, moved.entities['c']?.status]).toEqual(['PREPARING', 'READY']);
    expect(moved.entities['a']).toBe(board.entities['a']);
  });
});

function compareArrival(state: OrdersState, x: string | number, y: string | number): number {
  const a = state.entities[x]!;
  const b = state.entities[y]!;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

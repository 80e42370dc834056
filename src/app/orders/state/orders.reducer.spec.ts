import { ORDER_EVENT_NAMES, type Order, type OrderStatus } from '@maestro/contracts';
import { orderFixture, orderItemFixture } from './order-fixtures';
import {
  OrdersBoardActions as Board,
  OrdersCommandActions as Command,
  OrdersConnectionActions as Connection,
  OrdersRealtimeActions as Realtime,
  type RealtimeOrderAction,
} from './orders.actions';
import { FINISHED_KEPT } from './finished-cap';
import { reduce } from './frozen-reducer';
import { initialOrdersState, type OrdersState } from './orders.state';

const loadedAt = '2026-03-01T18:30:00.000Z';
const boardOf = (...orders: Order[]) =>
  reduce(initialOrdersState, Board.boardLoaded({ orders, loadedAt }));
const shown = (state: OrdersState) => state.ids.map((id: string | number) => state.entities[id]!);
const statusOf = (state: OrdersState, id = 'order-1') => state.entities[id]?.status;

const burger = orderItemFixture({ id: 'line-burger', name: 'Burger', unitPriceMinor: 1250 });
const fries = orderItemFixture({
  id: 'line-fries',
  name: 'Fries',
  station: 'fry',
  unitPriceMinor: 400,
});
const held = orderFixture({ id: 'order-1', version: 3, items: [burger] });

const statusChanged = (
  version: number,
  newStatus: OrderStatus = 'PREPARING',
  orderId = 'order-1',
) =>
  Realtime.orderStatusChanged({
    orderId,
    previousStatus: 'CONFIRMED',
    newStatus,
    updatedAt: '2026-03-01T18:10:00.000Z',
    version,
    failure: null,
  });

/** Each of the seven socket events about order-1, at a given version. */
const EVENTS: Record<(typeof ORDER_EVENT_NAMES)[number], (version: number) => RealtimeOrderAction> =
  {
    'order:created': (version) => Realtime.orderCreated({ order: { ...held, version }, version }),
    'order:updated': (version) =>
      Realtime.orderUpdated({
        order: { ...held, customerName: 'Grace', version },
        changedFields: ['customerName'],
        version,
      }),
    'order:status-changed': (version) => statusChanged(version),
    'order:deleted': (version) => Realtime.orderDeleted({ orderId: 'order-1', version }),
    'order-item:added': (version) =>
      Realtime.orderItemAdded({ orderId: 'order-1', item: fries, version }),
    'order-item:updated': (version) =>
      Realtime.orderItemUpdated({
        orderId: 'order-1',
        item: { ...burger, quantity: 2, lineTotalMinor: 2500 },
        version,
      }),
    'order-item:removed': (version) =>
      Realtime.orderItemRemoved({ orderId: 'order-1', itemId: burger.id, version }),
  };

describe('orders reducer', () => {
  describe('realtime events are applied only when newer than the order held', () => {
    for (const name of ORDER_EVENT_NAMES) {
      it(`${name}: a duplicate or stale event changes nothing (same state object), a newer one applies`, () => {
        const state = boardOf(held);
        expect(reduce(state, EVENTS[name](3)))
          .withContext('duplicate')
          .toBe(state);
        expect(reduce(state, EVENTS[name](2)))
          .withContext('stale')
          .toBe(state);
        const next = reduce(state, EVENTS[name](4));
        expect(next).not.toBe(state);
        expect(next.entities['order-1']?.version ?? 'removed').toBe(
          name === 'order:deleted' ? 'removed' : 4,
        );
      });
    }

    it('the board never goes back to an older status when events arrive out of order', () => {
      const state = reduce(boardOf(held), statusChanged(5, 'READY'), statusChanged(4, 'PREPARING'));
      expect(statusOf(state)).toBe('READY');
      expect(state.entities['order-1']?.version).toBe(5);
    });
  });

  describe('order created and updated', () => {
    it('adds a new order once, in arrival order, and a replayed creation does not show it twice', () => {
      const early = orderFixture({ id: 'order-b', createdAt: '2026-03-01T17:00:00.000Z' });
      const created = Realtime.orderCreated({ order: early, version: 1 });
      const state = reduce(boardOf(held), created, created);
      expect(state.ids).toEqual(['order-b', 'order-1']);
    });

    it('orders arriving at the same moment are kept in id order', () => {
      const twin = orderFixture({ id: 'order-0' });
      const state = reduce(boardOf(held), Realtime.orderCreated({ order: twin, version: 1 }));
      expect(state.ids).toEqual(['order-0', 'order-1']);
    });

    it('a creation newer than the copy held replaces it', () => {
      const state = reduce(
        boardOf(held),
        Realtime.orderCreated({ order: { ...held, notes: 'No onions', version: 4 }, version: 4 }),
      );
      expect(state.entities['order-1']?.notes).toBe('No onions');
      expect(state.ids).toEqual(['order-1']);
    });

    it('an update replaces the order with the server copy', () => {
      const state = reduce(boardOf(held), EVENTS['order:updated'](4));
      expect(state.entities['order-1']).toEqual({ ...held, customerName: 'Grace', version: 4 });
    });

    it('an update about an order we never saw adds it (its creation was missed)', () => {
      const missed = orderFixture({ id: 'order-2', version: 6, status: 'PREPARING' });
      const state = reduce(
        boardOf(held),
        Realtime.orderUpdated({ order: missed, changedFields: ['notes'], version: 6 }),
      );
      expect(state.entities['order-2']).toEqual(missed);
    });
  });

  describe('order status changed', () => {
    it('moves the order and records when, its new version and why it failed', () => {
      const failure = {
        code: 'payment_declined' as const,
        message: 'Card declined',
        step: 'payment' as const,
      };
      const pending = boardOf(orderFixture({ status: 'PENDING', version: 1 }));
      const state = reduce(
        pending,
        Realtime.orderStatusChanged({
          orderId: 'order-1',
          previousStatus: 'PENDING',
          newStatus: 'FAILED',
          updatedAt: '2026-03-01T18:01:00.000Z',
          version: 2,
          failure,
        }),
      );
      expect(state.entities['order-1']).toEqual(
        jasmine.objectContaining({
          status: 'FAILED',
          updatedAt: '2026-03-01T18:01:00.000Z',
          version: 2,
          failure,
        }),
      );
    });

    it('ignores an order we do not hold (the next full list brings it)', () => {
      const state = boardOf(held);
      expect(reduce(state, statusChanged(9, 'READY', 'order-unknown'))).toBe(state);
    });

    it('records when the kitchen started the order, and keeps it through a recall', () => {
      const move = (previousStatus: OrderStatus, newStatus: OrderStatus, version: number, startedAt?: string) =>
        Realtime.orderStatusChanged({
          orderId: 'order-1',
          previousStatus,
          newStatus,
          updatedAt: '2026-03-01T18:05:00.000Z',
          version,
          failure: null,
          ...(startedAt ? { startedAt } : {}),
        });
      const started = reduce(boardOf(orderFixture({ version: 1 })), move('CONFIRMED', 'PREPARING', 2, '2026-03-01T18:04:00.000Z'));
      expect(started.entities['order-1']?.startedAt).toBe('2026-03-01T18:04:00.000Z');
      const recalled = reduce(started, move('PREPARING', 'READY', 3), move('READY', 'PREPARING', 4));
      expect(recalled.entities['order-1']?.status).toBe('PREPARING');
      expect(recalled.entities['order-1']?.startedAt).toBe('2026-03-01T18:04:00.000Z');
    });
  });

  describe('finished orders are capped at the latest FINISHED_KEPT', () => {
    const minute = (n: number) => `2026-03-01T18:${String(n).padStart(2, '0')}:00.000Z`;
    /** `count` orders served one minute apart: finished-00 first. */
    const served = (count: number) =>
      Array.from({ length: count }, (_, n) =>
        orderFixture({
          id: `finished-${String(n).padStart(2, '0')}`,
          status: 'SERVED',
          updatedAt: minute(n),
          version: 5,
        }),
      );
    const finishedIds = (state: OrdersState) =>
      shown(state)
        .filter((order) => order.status === 'SERVED' || order.status === 'CANCELLED')
        .map((order) => order.id);

    it('an order finishing over the cap drops the one finished longest ago, and active orders stay', () => {
      const state = reduce(
        boardOf(held, ...served(FINISHED_KEPT)),
        Realtime.orderStatusChanged({
          orderId: 'order-1',
          previousStatus: 'READY',
          newStatus: 'SERVED',
          updatedAt: minute(59),
          version: 4,
          failure: null,
        }),
      );
      expect(finishedIds(state).length).toBe(FINISHED_KEPT);
      expect(state.entities['finished-00']).toBeUndefined();
      expect(state.entities['finished-01']).toBeDefined();
      expect(state.entities['order-1']?.status).toBe('SERVED');
    });

    it('a list with more finished orders than the cap keeps the latest', () => {
      const state = boardOf(held, ...served(FINISHED_KEPT + 3));
      expect(finishedIds(state).length).toBe(FINISHED_KEPT);
      expect(['finished-00', 'finished-01', 'finished-02'].map((id) => state.entities[id])).toEqual(
        [undefined, undefined, undefined],
      );
      expect(state.entities['order-1']).toBeDefined();
    });

    it('an order being cancelled stays while its move is in flight, even when it finished longest ago', () => {
      const ready = orderFixture({ id: 'order-1', status: 'READY', version: 3 });
      const cancelling = reduce(
        boardOf(
          ready,
          orderFixture({ id: 'order-2', status: 'READY', version: 3 }),
          ...served(FINISHED_KEPT),
        ),
        Command.statusChangeOptimistic({ orderId: 'order-1', from: 'READY', to: 'CANCELLED' }),
      );
      const state = reduce(
        cancelling,
        Realtime.orderStatusChanged({
          orderId: 'order-2',
          previousStatus: 'READY',
          newStatus: 'SERVED',
          updatedAt: minute(59),
          version: 4,
          failure: null,
        }),
      );
      expect(state.entities['order-1']?.status).toBe('CANCELLED');
      expect(state.pending['order-1']).toBeDefined();
      expect(state.entities['finished-00']).toBeUndefined();
      expect(finishedIds(state).length).toBe(FINISHED_KEPT + 1);
    });

    it('under the cap nothing is dropped and the state object is kept for a stale event', () => {
      const state = boardOf(held, ...served(3));
      expect(finishedIds(state).length).toBe(3);
      expect(
        reduce(
          state,
          Realtime.orderStatusChanged({
            orderId: 'finished-01',
            previousStatus: 'READY',
            newStatus: 'SERVED',
            updatedAt: minute(9),
            version: 1,
            failure: null,
          }),
        ),
      ).toBe(state);
    });
  });

  describe('order deleted', () => {
    it('takes the order off the board', () => {
      const state = reduce(
        boardOf(held, orderFixture({ id: 'order-2' })),
        EVENTS['order:deleted'](4),
      );
      expect(state.ids).toEqual(['order-2']);
    });

    it('ignores an order we do not hold', () => {
      const state = boardOf(held);
      expect(reduce(state, Realtime.orderDeleted({ orderId: 'order-9', version: 2 }))).toBe(state);
    });
  });

  describe('item events', () => {
    it('an added line shows and the totals follow', () => {
      const order = reduce(boardOf(held), EVENTS['order-item:added'](4)).entities['order-1']!;
      expect(order.items).toEqual([burger, fries]);
      expect([order.subtotalMinor, order.totalMinor]).toEqual([1650, 1650]);
    });

    it('an updated line replaces the old one in place and the totals follow', () => {
      const two = orderFixture({ version: 3, items: [burger, fries] });
      const order = reduce(boardOf(two), EVENTS['order-item:updated'](4)).entities['order-1']!;
      expect(order.items.map((item) => [item.id, item.quantity])).toEqual([
        ['line-burger', 2],
        ['line-fries', 1],
      ]);
      expect([order.subtotalMinor, order.totalMinor, order.version]).toEqual([2900, 2900, 4]);
    });

    it('an update to a line we never saw adds it (its addition was missed)', () => {
      const order = reduce(
        boardOf(held),
        Realtime.orderItemUpdated({ orderId: 'order-1', item: fries, version: 5 }),
      ).entities['order-1']!;
      expect(order.items).toEqual([burger, fries]);
      expect(order.totalMinor).toBe(1650);
    });

    it('a removed line goes and the totals follow, down to zero', () => {
      const order = reduce(boardOf(held), EVENTS['order-item:removed'](4)).entities['order-1']!;
      expect(order.items).toEqual([]);
      expect([order.subtotalMinor, order.totalMinor]).toEqual([0, 0]);
    });

    it('item events about an order we do not hold are ignored', () => {
      const state = boardOf(held);
      for (const action of [
        Realtime.orderItemAdded({ orderId: 'x', item: fries, version: 9 }),
        Realtime.orderItemUpdated({ orderId: 'x', item: fries, version: 9 }),
        Realtime.orderItemRemoved({ orderId: 'x', itemId: fries.id, version: 9 }),
      ]) {
        expect(reduce(state, action)).withContext(action.type).toBe(state);
      }
    });
  });

  describe('optimistic status moves', () => {
    const move = { orderId: 'order-1', from: 'CONFIRMED', to: 'PREPARING' } as const;

    it('moves the card at once without claiming a new version, and remembers the move', () => {
      const state = reduce(boardOf(held), Command.statusChangeOptimistic(move));
      expect(statusOf(state)).toBe('PREPARING');
      expect(state.entities['order-1']?.version).toBe(3);
      expect(state.pending).toEqual({ 'order-1': { from: 'CONFIRMED', to: 'PREPARING' } });
    });

    it('ignores an illegal move, a move from a status the board does not show, and an unknown order', () => {
      const state = boardOf(
        held,
        orderFixture({ id: 'order-p', status: 'PENDING' }),
        orderFixture({ id: 'order-d', type: 'delivery', status: 'READY' }),
      );
      for (const illegal of [
        { orderId: 'order-1', from: 'CONFIRMED', to: 'READY' }, // skips the kitchen
        { orderId: 'order-p', from: 'PENDING', to: 'CONFIRMED' }, // only the saga confirms
        { orderId: 'order-d', from: 'READY', to: 'SERVED' }, // delivery goes out, is not served
        { orderId: 'order-1', from: 'PREPARING', to: 'READY' }, // the board shows CONFIRMED
        { orderId: 'order-9', from: 'CONFIRMED', to: 'PREPARING' },
      ] as const) {
        expect(reduce(state, Command.statusChangeOptimistic(illegal)))
          .withContext(JSON.stringify(illegal))
          .toBe(state);
      }
    });

    it('refuses a second move while the first is in flight', () => {
      const moving = reduce(boardOf(held), Command.statusChangeOptimistic(move));
      expect(
        reduce(
          moving,
          Command.statusChangeOptimistic({ orderId: 'order-1', from: 'PREPARING', to: 'READY' }),
        ),
      ).toBe(moving);
    });

    it('confirmed: the card stays where staff put it and the move is settled', () => {
      const state = reduce(
        boardOf(held),
        Command.statusChangeOptimistic(move),
        Command.statusChangeConfirmed({ orderId: 'order-1' }),
      );
      expect(statusOf(state)).toBe('PREPARING');
      expect(state.pending).toEqual({});
      expect(reduce(state, Command.statusChangeConfirmed({ orderId: 'order-1' }))).toBe(state);
    });

    it('the server event for the move settles it, and a late confirmation changes nothing', () => {
      const state = reduce(
        boardOf(held),
        Command.statusChangeOptimistic(move),
        statusChanged(4, 'PREPARING'),
      );
      expect(state.pending).toEqual({});
      expect(state.entities['order-1']?.version).toBe(4);
      expect(reduce(state, Command.statusChangeConfirmed({ orderId: 'order-1' }))).toBe(state);
    });

    it('rolled back: a refused move puts the card back', () => {
      const state = reduce(
        boardOf(held),
        Command.statusChangeOptimistic(move),
        Command.statusChangeRolledBack(move),
      );
      expect(statusOf(state)).toBe('CONFIRMED');
      expect(state.pending).toEqual({});
    });

    it('rolled back on a 409: shows the status the server says it holds', () => {
      const state = reduce(
        boardOf(held),
        Command.statusChangeOptimistic(move),
        Command.statusChangeRolledBack({ ...move, currentStatus: 'CANCELLED' }),
      );
      expect(statusOf(state)).toBe('CANCELLED');
      expect(state.pending).toEqual({});
    });

    it('no rollback once a newer event has moved the order on', () => {
      const moved = reduce(
        boardOf(held),
        Command.statusChangeOptimistic(move),
        statusChanged(4, 'CANCELLED'),
      );
      const state = reduce(moved, Command.statusChangeRolledBack(move));
      expect(state).toBe(moved);
      expect(statusOf(state)).toBe('CANCELLED');
    });

    it('a rollback that is not the move in flight changes nothing', () => {
      const moving = reduce(boardOf(held), Command.statusChangeOptimistic(move));
      const other = Command.statusChangeRolledBack({
        orderId: 'order-1',
        from: 'CONFIRMED',
        to: 'CANCELLED',
      });
      expect(reduce(moving, other)).toBe(moving);
    });

    it('an update that does not touch the status keeps the card where staff put it', () => {
      const moving = reduce(boardOf(held), Command.statusChangeOptimistic(move));
      const state = reduce(moving, EVENTS['order:updated'](4));
      expect(statusOf(state)).toBe('PREPARING');
      expect(state.entities['order-1']?.customerName).toBe('Grace');
      expect(reduce(state, Command.statusChangeRolledBack(move)).entities['order-1']?.status).toBe(
        'CONFIRMED',
      );
    });

    it('an item event keeps the card where staff put it', () => {
      const state = reduce(
        boardOf(held),
        Command.statusChangeOptimistic(move),
        EVENTS['order-item:added'](4),
      );
      expect(statusOf(state)).toBe('PREPARING');
      expect(state.pending['order-1']).toEqual({ from: 'CONFIRMED', to: 'PREPARING' });
    });

    it('deleting the order settles its move', () => {
      const state = reduce(
        boardOf(held),
        Command.statusChangeOptimistic(move),
        EVENTS['order:deleted'](4),
      );
      expect(state.ids).toEqual([]);
      expect(state.pending).toEqual({});
    });
  });

  describe('board load', () => {
    it('started: shows loading and clears the last error', () => {
      const failed = reduce(initialOrdersState, Board.boardLoadFailed({ message: 'Offline' }));
      const state = reduce(failed, Board.boardLoadStarted());
      expect([state.loading, state.loadError]).toEqual([true, null]);
    });

    it('failed: keeps what the board shows and says why', () => {
      const state = reduce(
        boardOf(held),
        Board.boardLoadStarted(),
        Board.boardLoadFailed({ message: 'The server did not answer.' }),
      );
      expect([state.loading, state.loadError]).toEqual([false, 'The server did not answer.']);
      expect(state.ids).toEqual(['order-1']);
    });

    it('loaded: replaces everything, in arrival order, and drops orders no longer listed', () => {
      const late = orderFixture({ id: 'order-a', createdAt: '2026-03-01T19:00:00.000Z' });
      const early = orderFixture({ id: 'order-z', createdAt: '2026-03-01T17:00:00.000Z' });
      const state = reduce(
        boardOf(held),
        Board.boardLoadStarted(),
        Board.boardLoaded({ orders: [late, early], loadedAt }),
      );
      expect(state.ids).toEqual(['order-z', 'order-a']);
      expect([state.loading, state.loadError, state.loadedAt]).toEqual([false, null, loadedAt]);
    });

    it('loaded: keeps the held copy when it is newer than the listed one', () => {
      const newer = reduce(boardOf(held), statusChanged(4, 'READY'));
      const state = reduce(newer, Board.boardLoaded({ orders: [held], loadedAt }));
      expect(statusOf(state)).toBe('READY');
      expect(state.entities['order-1']?.version).toBe(4);
    });

    it('loaded: takes the listed copy when it is newer', () => {
      const state = reduce(
        boardOf(held),
        Board.boardLoaded({ orders: [{ ...held, status: 'READY', version: 7 }], loadedAt }),
      );
      expect(statusOf(state)).toBe('READY');
    });

    it('loaded: shows an order listed twice (overlapping pages) once, at its newest', () => {
      const state = boardOf({ ...held, status: 'READY', version: 4 }, held);
      expect(shown(state).map((order) => [order.id, order.status])).toEqual([['order-1', 'READY']]);
    });

    it('loaded: an order being moved stays, even when the list no longer has it', () => {
      const move = { orderId: 'order-1', from: 'CONFIRMED', to: 'PREPARING' } as const;
      const moving = reduce(boardOf(held), Command.statusChangeOptimistic(move));
      const state = reduce(moving, Board.boardLoaded({ orders: [], loadedAt }));
      expect(statusOf(state)).toBe('PREPARING');
      expect(state.pending['order-1']).toEqual({ from: 'CONFIRMED', to: 'PREPARING' });
      expect(reduce(state, Command.statusChangeRolledBack(move)).entities['order-1']?.status).toBe(
        'CONFIRMED',
      );
    });

    it('loaded: a listed copy that already shows another status settles the move in flight', () => {
      const moving = reduce(
        boardOf(held),
        Command.statusChangeOptimistic({ orderId: 'order-1', from: 'CONFIRMED', to: 'PREPARING' }),
      );
      const state = reduce(
        moving,
        Board.boardLoaded({ orders: [{ ...held, status: 'CANCELLED', version: 4 }], loadedAt }),
      );
      expect(statusOf(state)).toBe('CANCELLED');
      expect(state.pending).toEqual({});
    });

    it('loaded: an order created while the list was in flight is not lost', () => {
      const fresh = orderFixture({ id: 'order-new', createdAt: '2026-03-01T18:20:00.000Z' });
      const state = reduce(
        boardOf(held),
        Board.boardLoadStarted(),
        Realtime.orderCreated({ order: fresh, version: 1 }),
        Board.boardLoaded({ orders: [held], loadedAt }),
      );
      expect(state.ids).toEqual(['order-1', 'order-new']);
      expect(state.eventsWhileLoading).toEqual([]);
    });

    it('loaded: an order deleted while the list was in flight does not come back', () => {
      const state = reduce(
        initialOrdersState,
        Board.boardLoadStarted(),
        Realtime.orderDeleted({ orderId: 'order-1', version: 4 }),
        Board.boardLoaded({ orders: [held], loadedAt }),
      );
      expect(state.ids).toEqual([]);
    });

    it('loaded: a status change for an order not yet held is applied on top of an older list', () => {
      const state = reduce(
        initialOrdersState,
        Board.boardLoadStarted(),
        statusChanged(4, 'READY'),
        Board.boardLoaded({ orders: [held], loadedAt }),
      );
      expect(statusOf(state)).toBe('READY');
      expect(state.entities['order-1']?.version).toBe(4);
    });

    it('while loading, a stale event about a held order is still ignored (same state object)', () => {
      const loading = reduce(boardOf(held), Board.boardLoadStarted());
      expect(reduce(loading, statusChanged(3))).toBe(loading);
    });
  });

  describe('connection', () => {
    it('records the socket state and since when', () => {
      const state = reduce(
        initialOrdersState,
        Connection.connectionChanged({ state: 'offline', since: '2026-03-01T18:04:00.000Z' }),
      );
      expect(state.connection).toEqual({ state: 'offline', since: '2026-03-01T18:04:00.000Z' });
      expect(
        reduce(
          state,
          Connection.connectionChanged({ state: 'offline', since: '2026-03-01T18:04:00.000Z' }),
        ),
      ).toBe(state);
    });
  });
});

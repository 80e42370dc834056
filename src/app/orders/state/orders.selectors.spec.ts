import type { Order, OrderStatus } from '@maestro/contracts';
import type { Action } from '@ngrx/store';
import { orderFixture, orderItemFixture } from './order-fixtures';
import {
  OrdersBoardActions as Board,
  OrdersCommandActions as Command,
  OrdersConnectionActions as Connection,
  OrdersRealtimeActions as Realtime,
} from './orders.actions';
import { ordersFeature } from './orders.reducer';
import {
  selectAllDayCounts,
  selectAllOrders,
  selectAwaitingList,
  selectBoard,
  selectBoardColumns,
  selectConnection,
  selectFilteredBoard,
  selectKitchenTickets,
  selectLoadError,
  selectLoading,
  selectOrderById,
  selectPendingMove,
  selectRecentlyFinished,
} from './orders.selectors';
import { initialOrdersState, type OrdersState } from './orders.state';

const root = (orders: OrdersState) => ({ orders });
const reduce = (state: OrdersState, ...actions: Action[]) =>
  actions.reduce(ordersFeature.reducer, state);
const boardOf = (...orders: Order[]) =>
  reduce(initialOrdersState, Board.boardLoaded({ orders, loadedAt: '2026-03-01T18:30:00.000Z' }));
const ids = (orders: readonly Order[]) => orders.map((order) => order.id);

/** `minute` sets arrival (createdAt) and, for finished orders, when they finished. */
function order(
  id: string,
  status: OrderStatus,
  minute: number,
  extra: Parameters<typeof orderFixture>[0] = {},
): Order {
  const at = `2026-03-01T18:${String(minute).padStart(2, '0')}:00.000Z`;
  return orderFixture({ id, status, createdAt: at, updatedAt: at, ...extra });
}

const burger = (quantity = 1) =>
  orderItemFixture({ id: 'l-burger', name: 'Burger', station: 'grill', quantity });
const fries = (quantity = 1) =>
  orderItemFixture({ id: 'l-fries', name: 'Fries', station: 'fry', quantity });
const salad = (quantity = 1) =>
  orderItemFixture({ id: 'l-salad', name: 'Caesar salad', station: 'cold', quantity });

describe('orders selectors', () => {
  describe('board', () => {
    const board = boardOf(
      order('ready-late', 'READY', 20),
      order('new', 'PENDING', 5),
      order('ready-early', 'READY', 10),
      order('served', 'SERVED', 1, { updatedAt: '2026-03-01T18:40:00.000Z' }),
      order('failed', 'FAILED', 2, { updatedAt: '2026-03-01T18:50:00.000Z' }),
      order('cooking', 'PREPARING', 3),
      order('driving', 'OUT_FOR_DELIVERY', 4, { type: 'delivery' }),
    );

    it('shows the five active columns left to right, oldest order on top, with their counts', () => {
      const columns = selectBoardColumns(root(board));
      expect(columns.map((column) => [column.status, ids(column.orders), column.count])).toEqual([
        ['PENDING', ['new'], 1],
        ['CONFIRMED', [], 0],
        ['PREPARING', ['cooking'], 1],
        ['READY', ['ready-early', 'ready-late'], 2],
        ['OUT_FOR_DELIVERY', ['driving'], 1],
      ]);
    });

    it('lists finished orders apart, the most recently finished first', () => {
      expect(ids(selectRecentlyFinished(root(board)))).toEqual(['failed', 'served']);
    });

    it('an event about one order leaves the other columns as they were (same arrays)', () => {
      const before = selectBoard(root(board));
      const after = selectBoard(
        root(
          reduce(
            board,
            Realtime.orderStatusChanged({
              orderId: 'ready-early',
              previousStatus: 'READY',
              newStatus: 'SERVED',
              updatedAt: '2026-03-01T18:55:00.000Z',
              version: 2,
              failure: null,
            }),
          ),
        ),
      );
      expect(ids(after.columns[3]!.orders)).toEqual(['ready-late']);
      expect(ids(after.finished)).toEqual(['ready-early', 'failed', 'served']);
      for (const index of [0, 1, 2, 4]) expect(after.columns[index]).toBe(before.columns[index]!);
    });

    it('a socket or pending change alone does not rebuild the board', () => {
      const before = selectBoard(root(board));
      const after = reduce(
        board,
        Connection.connectionChanged({ state: 'live', since: '2026-03-01T18:00:00.000Z' }),
        Command.statusChangeConfirmed({ orderId: 'new' }),
      );
      expect(selectBoard(root(after))).toBe(before);
    });
  });

  describe('filtered board', () => {
    const board = boardOf(
      order('a1b2', 'CONFIRMED', 1, { table: '12', customerName: 'Ada' }),
      order('c3d4', 'PREPARING', 2, { type: 'takeaway', customerName: 'Grace Hopper' }),
      order('e5f6', 'READY', 3, { type: 'delivery', customerName: 'Alan', items: [salad()] }),
      order('g7h8', 'SERVED', 4, { table: '3', customerName: 'Edsger' }),
    );
    const matching = (filter: Parameters<typeof selectFilteredBoard>[0]) => {
      const view = selectFilteredBoard(filter)(root(board));
      return [...view.columns.flatMap((column) => ids(column.orders)), ...ids(view.finished)];
    };

    it('matches the start of an order id, not its middle, ignoring case', () => {
      expect(matching({ text: 'A1' })).toEqual(['a1b2']);
      expect(matching({ text: 'b2' })).toEqual([]);
    });

    it('matches the table, the customer and the dishes, ignoring case', () => {
      expect(matching({ text: '12' })).toEqual(['a1b2']);
      expect(matching({ text: 'hopper' })).toEqual(['c3d4']);
      expect(matching({ text: 'CAESAR' })).toEqual(['e5f6']);
      expect(matching({ text: 'burger' })).toEqual(['a1b2', 'c3d4', 'g7h8']);
    });

    it('narrows by order type, alone or with text, and keeps column counts true to the filter', () => {
      expect(matching({ type: 'delivery' })).toEqual(['e5f6']);
      expect(matching({ type: 'dine-in', text: 'burger' })).toEqual(['a1b2', 'g7h8']);
      const view = selectFilteredBoard({ type: 'takeaway' })(root(board));
      expect(view.columns.map((column) => column.count)).toEqual([0, 0, 1, 0, 0]);
    });

    it('an empty filter is the whole board', () => {
      expect(selectFilteredBoard({ text: '  ', type: null })).toBe(selectBoard);
      expect(matching({})).toEqual(['a1b2', 'c3d4', 'e5f6', 'g7h8']);
    });
  });

  describe('kitchen', () => {
    const board = boardOf(
      order('late', 'PREPARING', 30, { items: [burger(2), fries(3)] }),
      order('early', 'CONFIRMED', 10, { items: [salad(1), burger(1)] }),
      order('cold-only', 'CONFIRMED', 20, { items: [salad(2)] }),
      order('ready', 'READY', 5, { items: [burger(5)] }),
      order('placing', 'PENDING', 6, { items: [burger(5)] }),
    );

    it('tickets: confirmed and preparing orders, first come first served, with every line', () => {
      const tickets = selectKitchenTickets()(root(board));
      expect(tickets.map((ticket) => [ticket.order.id, ticket.items.length])).toEqual([
        ['early', 2],
        ['cold-only', 1],
        ['late', 2],
      ]);
    });

    it('tickets for one station: only orders with a line there, showing only those lines', () => {
      const tickets = selectKitchenTickets('grill')(root(board));
      expect(
        tickets.map((ticket) => [ticket.order.id, ticket.items.map((item) => item.menuItem.name)]),
      ).toEqual([
        ['early', ['Burger']],
        ['late', ['Burger']],
      ]);
    });

    it('tickets for several stations (a cook on grill and fry): orders with a line at either, those lines only', () => {
      const tickets = selectKitchenTickets(['fry', 'grill'])(root(board));
      expect(
        tickets.map((ticket) => [ticket.order.id, ticket.items.map((item) => item.menuItem.name)]),
      ).toEqual([
        ['early', ['Burger']],
        ['late', ['Burger', 'Fries']],
      ]);
      // One selector per filter however it is spelled; every station is the same as none.
      expect(selectKitchenTickets(['grill', 'fry'])).toBe(selectKitchenTickets(['fry', 'grill']));
      expect(selectKitchenTickets(['grill', 'fry', 'cold', 'pastry', 'bar'])).toBe(selectKitchenTickets());
      expect(selectAllDayCounts(['grill', 'fry'])(root(board))).toEqual([
        { name: 'Burger', count: 3 },
        { name: 'Fries', count: 3 },
      ]);
    });

    it('a ticket keeps its identity while its order does not change', () => {
      const before = selectKitchenTickets('grill')(root(board));
      const after = selectKitchenTickets('grill')(
        root(
          reduce(board, Realtime.orderItemAdded({ orderId: 'late', item: salad(), version: 2 })),
        ),
      );
      expect(after[0]).toBe(before[0]!);
      expect(after[1]).not.toBe(before[1]!);
      expect(selectKitchenTickets('grill')).toBe(selectKitchenTickets('grill'));
    });

    it('all day: quantity per dish across the kitchen, most first, ties by name', () => {
      expect(selectAllDayCounts()(root(board))).toEqual([
        { name: 'Burger', count: 3 },
        { name: 'Caesar salad', count: 3 },
        { name: 'Fries', count: 3 },
      ]);
      const more = reduce(
        board,
        Realtime.orderItemUpdated({ orderId: 'late', item: fries(4), version: 2 }),
      );
      expect(selectAllDayCounts()(root(more))[0]).toEqual({ name: 'Fries', count: 4 });
    });

    it('all day for one station counts only its dishes', () => {
      expect(selectAllDayCounts('cold')(root(board))).toEqual([{ name: 'Caesar salad', count: 3 }]);
    });
  });

  describe('single values', () => {
    it('an order by id, null when not held', () => {
      const board = boardOf(order('one', 'CONFIRMED', 1));
      expect(selectOrderById('one')(root(board))?.id).toBe('one');
      expect(selectOrderById('two')(root(board))).toBeNull();
      expect(ids(selectAllOrders(root(board)))).toEqual(['one']);
    });

    it('the move in flight for an order', () => {
      const board = reduce(
        boardOf(order('one', 'CONFIRMED', 1)),
        Command.statusChangeOptimistic({ orderId: 'one', from: 'CONFIRMED', to: 'PREPARING' }),
      );
      expect(selectPendingMove('one')(root(board))).toEqual({ from: 'CONFIRMED', to: 'PREPARING' });
      expect(selectPendingMove('two')(root(board))).toBeNull();
    });

    it('awaiting a list until the first one is read or fails: no screen guesses "no orders" before', () => {
      expect(selectAwaitingList(root(initialOrdersState))).toBeTrue();
      expect(selectAwaitingList(root(reduce(initialOrdersState, Board.boardLoadStarted())))).toBeTrue();
      expect(selectAwaitingList(root(boardOf()))).toBeFalse();
      const failed = reduce(initialOrdersState, Board.boardLoadStarted(), Board.boardLoadFailed({ message: 'No answer.' }));
      expect(selectAwaitingList(root(failed))).toBeFalse();
      expect(selectAwaitingList(root(reduce(boardOf(), Board.boardLoadStarted())))).toBeTrue();
    });

    it('loading, error and connection', () => {
      const state = reduce(
        initialOrdersState,
        Board.boardLoadStarted(),
        Board.boardLoadFailed({ message: 'Orders could not be loaded.' }),
        Connection.connectionChanged({ state: 'reconnecting', since: '2026-03-01T18:04:00.000Z' }),
      );
      expect(selectLoading(root(state))).toBeFalse();
      expect(selectLoadError(root(state))).toBe('Orders could not be loaded.');
      expect(selectConnection(root(state))).toEqual({
        state: 'reconnecting',
        since: '2026-03-01T18:04:00.000Z',
      });
    });
  });
});

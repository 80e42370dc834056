// What the board and the kitchen display read. Derived from `ids` + `entities` (not the whole
// slice) so a socket state change or a pending flag does not rebuild the order lists.
import type { KitchenStation, Order } from '@maestro/contracts';
import { createSelector } from '@ngrx/store';
import {
  boardViewOf,
  isBoardFilterEmpty,
  matchesBoardFilter,
  sameOrders,
  type BoardFilter,
  type BoardView,
} from './board-view';
import { allDayCountsOf, kitchenTicketsOf, stationFilterOf, type KitchenTicket, type StationFilter } from './kitchen-view';
import { ordersFeature } from './orders.reducer';
import type { PendingMove } from './orders.state';

export const {
  selectOrdersState,
  selectLoading,
  selectLoadError,
  selectLoadedAt,
  selectPending,
  selectConnection,
} = ordersFeature;
const { selectIds, selectEntities } = ordersFeature;

/**
 * What the screens show as loading: a list in flight, or none read yet and none failed (the list
 * starts once the socket has joined its rooms; "no orders" before that would be a guess).
 */
export const selectAwaitingList = createSelector(
  selectLoading,
  selectLoadedAt,
  selectLoadError,
  (loading, loadedAt, loadError) => loading || (loadedAt === null && loadError === null),
);

/** Arrival order (createdAt, then id). */
export const selectAllOrders = createSelector(selectIds, selectEntities, (ids, entities) => {
  const keys: readonly (string | number)[] = ids;
  return keys.flatMap((id) => entities[id] ?? []);
});

export const selectOrderById = (orderId: string) =>
  createSelector(selectEntities, (entities): Order | null => entities[orderId] ?? null);

export const selectPendingMove = (orderId: string) =>
  createSelector(selectPending, (pending): PendingMove | null => pending[orderId] ?? null);

/** The board's lists, each column's array kept as it was while its orders did not change. */
export const selectBoard = createSelector(selectAllOrders, sharedBoardView());
export const selectBoardColumns = createSelector(selectBoard, (board) => board.columns);
export const selectRecentlyFinished = createSelector(selectBoard, (board) => board.finished);

/** Create once per filter value (e.g. in a `computed`), not per read. */
export function selectFilteredBoard(filter: BoardFilter) {
  if (isBoardFilterEmpty(filter)) return selectBoard;
  const view = sharedBoardView();
  return createSelector(selectAllOrders, (orders) =>
    view(orders.filter((order) => matchesBoardFilter(order, filter))),
  );
}

/** Kitchen tickets in arrival order; one memoised selector per station filter. */
export function selectKitchenTickets(stations: KitchenStation | StationFilter | null = null) {
  return kitchenSelectors(stationFilterOf(stations)).tickets;
}

/** Quantity per dish across the orders in the kitchen, most first. */
export function selectAllDayCounts(stations: KitchenStation | StationFilter | null = null) {
  return kitchenSelectors(stationFilterOf(stations)).allDay;
}

function sharedBoardView(): (orders: readonly Order[]) => BoardView {
  let previous: BoardView | null = null;
  return (orders) => (previous = boardViewOf(orders, previous));
}

type KitchenSelectors = ReturnType<typeof createKitchenSelectors>;
const kitchenSelectorsByFilter = new Map<string, KitchenSelectors>();

function kitchenSelectors(stations: StationFilter): KitchenSelectors {
  const key = stations.join(',');
  let selectors = kitchenSelectorsByFilter.get(key);
  if (!selectors) {
    selectors = createKitchenSelectors(stations);
    kitchenSelectorsByFilter.set(key, selectors);
  }
  return selectors;
}

function createKitchenSelectors(stations: StationFilter) {
  const cache = new WeakMap<Order, KitchenTicket | null>();
  let previous: readonly KitchenTicket[] = [];
  return {
    tickets: createSelector(selectAllOrders, (orders): readonly KitchenTicket[] => {
      const tickets = kitchenTicketsOf(orders, stations, cache);
      return sameOrders(previous, tickets) ? previous : (previous = tickets);
    }),
    allDay: createSelector(selectAllOrders, (orders) => allDayCountsOf(orders, stations)),
  };
}

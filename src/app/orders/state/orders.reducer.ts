// The orders slice: one copy of each order for the board and the kitchen display, kept in
// arrival order. The rules live in small files beside this one; this wires actions to them.
import { createFeature, createReducer, on } from '@ngrx/store';
import { loadBoard } from './board-load';
import { capFinished } from './finished-cap';
import {
  OrdersBoardActions,
  OrdersCommandActions,
  OrdersConnectionActions,
  OrdersEditActions,
  OrdersRealtimeActions,
  OrdersRealtimeBatchActions,
} from './orders.actions';
import { initialOrdersState, type OrdersState } from './orders.state';
import {
  rollBackDetailsEdit,
  rollBackItemEdit,
  saveDeletion,
  saveItem,
  saveItemRemoval,
  saveOrder,
  startDetailsEdit,
  startItemEdit,
} from './pending-edits';
import { confirmMove, rollBackMove, startMove } from './pending-moves';
import { receiveRealtimeEvents } from './realtime-batch';

export const ordersFeature = createFeature({
  name: 'orders',
  reducer: createReducer(
    initialOrdersState,
    on(OrdersBoardActions.boardLoadStarted, (state): OrdersState => ({
      ...state,
      loading: true,
      loadError: null,
      eventsWhileLoading: [],
    })),
    on(OrdersBoardActions.boardLoaded, (state, { orders, loadedAt }) =>
      capFinished(loadBoard(state, orders, loadedAt)),
    ),
    on(OrdersBoardActions.boardLoadFailed, (state, { message }): OrdersState => ({
      ...state,
      loading: false,
      loadError: message,
      eventsWhileLoading: [],
    })),
    on(
      OrdersRealtimeActions.orderCreated,
      OrdersRealtimeActions.orderUpdated,
      OrdersRealtimeActions.orderStatusChanged,
      OrdersRealtimeActions.orderDeleted,
      OrdersRealtimeActions.orderItemAdded,
      OrdersRealtimeActions.orderItemUpdated,
      OrdersRealtimeActions.orderItemRemoved,
      (state, action) => receiveRealtimeEvents(state, [action]),
    ),
    on(OrdersRealtimeBatchActions.eventsArrived, (state, { events }) =>
      receiveRealtimeEvents(state, events),
    ),
    on(OrdersCommandActions.statusChangeOptimistic, (state, move) => startMove(state, move)),
    on(OrdersCommandActions.statusChangeConfirmed, (state, { orderId }) =>
      confirmMove(state, orderId),
    ),
    on(OrdersCommandActions.statusChangeRolledBack, (state, move) => rollBackMove(state, move)),
    on(OrdersEditActions.detailsEditOptimistic, (state, { orderId, changes }) =>
      startDetailsEdit(state, orderId, changes),
    ),
    on(OrdersEditActions.detailsEditRolledBack, (state, { orderId, before, optimistic }) =>
      rollBackDetailsEdit(state, orderId, before, optimistic),
    ),
    on(OrdersEditActions.itemEditOptimistic, (state, { orderId, item }) =>
      startItemEdit(state, orderId, item),
    ),
    on(OrdersEditActions.itemEditRolledBack, (state, { orderId, before, optimistic }) =>
      rollBackItemEdit(state, orderId, before, optimistic),
    ),
    on(OrdersEditActions.detailsSaved, (state, { order }) => saveOrder(state, order)),
    on(OrdersEditActions.itemSaved, (state, { orderId, item, version }) =>
      saveItem(state, orderId, item, version),
    ),
    on(OrdersEditActions.itemRemovalSaved, (state, { orderId, itemId, version }) =>
      saveItemRemoval(state, orderId, itemId, version),
    ),
    on(OrdersEditActions.deletionSaved, (state, { orderId, version }) =>
      saveDeletion(state, orderId, version),
    ),
    on(OrdersConnectionActions.connectionChanged, (state, { state: socket, since }) =>
      state.connection.state === socket && state.connection.since === since
        ? state
        : { ...state, connection: { state: socket, since } },
    ),
  ),
});

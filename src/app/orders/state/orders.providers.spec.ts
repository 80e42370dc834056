import { TestBed } from '@angular/core/testing';
import { STORE_RUNTIME_CHECKS } from '../../core/state/store-runtime-checks';
import { provideStore, Store } from '@ngrx/store';
import { orderFixture } from './order-fixtures';
import { OrdersBoardActions, OrdersCommandActions, OrdersRealtimeActions } from './orders.actions';
import { provideOrdersState } from './orders.providers';
import { selectBoardColumns, selectPendingMove } from './orders.selectors';

describe('provideOrdersState', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        // The same runtime checks as app.config.
        provideStore(
          {},
          {
            runtimeChecks: STORE_RUNTIME_CHECKS,
          },
        ),
        provideOrdersState(),
      ],
    });
  });

  it('registers the slice; a load, a move and its event pass the strict runtime checks', () => {
    const store = TestBed.inject(Store);
    const columns = store.selectSignal(selectBoardColumns);
    const pending = store.selectSignal(selectPendingMove('order-1'));
    const order = orderFixture({ version: 3 });

    store.dispatch(OrdersBoardActions.boardLoadStarted());
    store.dispatch(
      OrdersRealtimeActions.orderItemRemoved({
        orderId: 'order-1',
        itemId: order.items[0]!.id,
        version: 4,
      }),
    );
    store.dispatch(
      OrdersBoardActions.boardLoaded({ orders: [order], loadedAt: '2026-03-01T18:30:00.000Z' }),
    );
    store.dispatch(
      OrdersCommandActions.statusChangeOptimistic({
        orderId: 'order-1',
        from: 'CONFIRMED',
        to: 'PREPARING',
      }),
    );

    expect(pending()).toEqual({ from: 'CONFIRMED', to: 'PREPARING' });
    const preparing = columns().find((column) => column.status === 'PREPARING')!;
    expect(preparing.orders.map((shown) => [shown.id, shown.items.length, shown.version])).toEqual([
      ['order-1', 0, 4],
    ]);
  });
});

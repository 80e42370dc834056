import { Injectable, inject } from '@angular/core';
import type { Order } from '@maestro/contracts';
import { Store } from '@ngrx/store';
import { diffOrders } from '../state/order-changes-diff';
import { ordersFeature } from '../state/orders.reducer';
import { OrdersLive } from './orders-live';

/** Reference 000's `OrderEvents`: whole orders, not the detailed stream's diffs. */
export interface OrderChangeCallbacks {
  onCreated(order: Order): void;
  onUpdated(order: Order): void;
}

/**
 * The document's shape beside the detailed stream (`OrderOrchestrator.connect` with `OrderEvents`):
 * `connect({ onCreated, onUpdated })` keeps the live connection open (shared with the board and
 * the kitchen through OrdersLive) and calls back with whole orders from the store after each change:
 * a realtime event, a reload, and this browser's own optimistic moves (and their rollbacks), as the
 * board shows them. Orders already in the store when it connects are not reported as created.
 */
@Injectable()
export class OrderChanges {
  private readonly store = inject(Store);
  private readonly live = inject(OrdersLive);

  /** Returns the disconnect: call it when the caller goes away. */
  connect(callbacks: OrderChangeCallbacks): () => void {
    const release = this.live.hold();
    let before: Readonly<Record<string, Order | undefined>> | undefined;
    const subscription = this.store.select(ordersFeature.selectEntities).subscribe((after) => {
      // The first snapshot is the baseline: what the caller can read with listBoard().
      const { created, updated } = before ? diffOrders(before, after) : { created: [], updated: [] };
      before = after;
      created.forEach((order) => callbacks.onCreated(order));
      updated.forEach((order) => callbacks.onUpdated(order));
    });
    return () => {
      subscription.unsubscribe();
      release();
    };
  }
}

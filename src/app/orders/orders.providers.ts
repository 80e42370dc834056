import { type EnvironmentProviders, inject, makeEnvironmentProviders, provideEnvironmentInitializer } from '@angular/core';
import { provideLazyOrchestrators } from '../core/orchestration/lazy-orchestrator';
import { provideOrchestrators } from '../core/orchestration/orchestrator-manager';
import { HttpOrderRepository } from './data/http-order-repository';
import { ORDER_REALTIME } from './data/order-realtime';
import { ORDER_REPOSITORY } from './data/order-repository';
import { SocketOrderRealtime } from './data/socket-order-realtime';
import { OrderChanges } from './orchestrator/order-changes';
import { OrderOrchestrator } from './orchestrator/order-orchestrator';
import { OrderStatusOrchestrator } from './orchestrator/order-status-orchestrator';
import { OrdersLive } from './orchestrator/orders-live';
import { provideOrdersState } from './state/orders.providers';

/**
 * The orders feature from app start: its state, its status and edit orchestrators (listening from
 * the first event; the edit one's code loads with its first), and the facade over HTTP and
 * socket.io. The socket opens only while a screen shows orders (OrdersLive), and socket.io-client
 * loads only then.
 */
export function provideOrders(): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: ORDER_REPOSITORY, useClass: HttpOrderRepository },
    { provide: ORDER_REALTIME, useClass: SocketOrderRealtime },
    OrderOrchestrator,
    OrdersLive,
    OrderChanges,
    provideOrdersState(),
    provideOrchestrators(OrderStatusOrchestrator),
    // Edits come from an order's page only: that orchestrator listens from start, its code (and
    // its refusal words) arrives with the first edit. It made room for hydration in the initial bundle.
    provideLazyOrchestrators({
      name: 'order-edit',
      events: ['ORDER_DETAILS_UPDATE_REQUESTED', 'ORDER_ITEM_ADDITION_REQUESTED', 'ORDER_ITEM_UPDATE_REQUESTED', 'ORDER_ITEM_REMOVAL_REQUESTED', 'ORDER_DELETION_REQUESTED'],
      load: () => import('./orchestrator/order-edit-orchestrator').then((m) => m.OrderEditOrchestrator),
    }),
    // Other features' screens (menu, sales report) may ask for the socket through core.
    provideEnvironmentInitializer(() => inject(OrdersLive).serveOtherScreens()),
  ]);
}

import { type EnvironmentProviders, inject, makeEnvironmentProviders, provideEnvironmentInitializer } from '@angular/core';
import { provideOrchestrators } from '../core/orchestration/orchestrator-manager';
import { HttpOrderRepository } from './data/http-order-repository';
import { ORDER_REALTIME } from './data/order-realtime';
import { ORDER_REPOSITORY } from './data/order-repository';
import { SocketOrderRealtime } from './data/socket-order-realtime';
import { OrderChanges } from './orchestrator/order-changes';
import { OrderOrchestrator } from './orchestrator/order-orchestrator';
import { OrderEditOrchestrator } from './orchestrator/order-edit-orchestrator';
import { OrderStatusOrchestrator } from './orchestrator/order-status-orchestrator';
import { OrdersLive } from './orchestrator/orders-live';
import { provideOrdersState } from './state/orders.providers';

/**
 * The orders feature from app start: its state, its status and edit orchestrators (listening from the first
 * event), and the facade over HTTP and socket.io. The socket opens only while a screen shows
 * orders (OrdersLive), and socket.io-client loads only then.
 */
export function provideOrders(): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: ORDER_REPOSITORY, useClass: HttpOrderRepository },
    { provide: ORDER_REALTIME, useClass: SocketOrderRealtime },
    OrderOrchestrator,
    OrdersLive,
    OrderChanges,
    provideOrdersState(),
    provideOrchestrators(OrderStatusOrchestrator, OrderEditOrchestrator),
    // Other features' screens (menu, sales report) may ask for the socket through core.
    provideEnvironmentInitializer(() => inject(OrdersLive).serveOtherScreens()),
  ]);
}

import type { Order, OrderFailure, OrderItem, OrderStatus } from '@maestro/contracts';
import type { OrderRoomsBroadcaster } from '../realtime/order-rooms-broadcaster';

/** The seven order events of reference 003, each sent once to both rooms after its write. */
export function orderEvents(broadcaster: OrderRoomsBroadcaster) {
  return {
    created: (order: Order) =>
      broadcaster.publish('order:created', { order, version: order.version }),
    updated: (order: Order, changedFields: string[]) =>
      broadcaster.publish('order:updated', { order, changedFields, version: order.version }),
    statusChanged: (change: {
      orderId: string;
      previousStatus: OrderStatus;
      newStatus: OrderStatus;
      updatedAt: string;
      version: number;
      failure?: OrderFailure | null;
    }) => broadcaster.publish('order:status-changed', { failure: null, ...change }),
    deleted: (orderId: string, version: number) =>
      broadcaster.publish('order:deleted', { orderId, version }),
    itemAdded: (orderId: string, item: OrderItem, version: number) =>
      broadcaster.publish('order-item:added', { orderId, item, version }),
    itemUpdated: (orderId: string, item: OrderItem, version: number) =>
      broadcaster.publish('order-item:updated', { orderId, item, version }),
    itemRemoved: (orderId: string, itemId: string, version: number) =>
      broadcaster.publish('order-item:removed', { orderId, itemId, version }),
  };
}

export type OrderEvents = ReturnType<typeof orderEvents>;

import { Injectable, inject } from '@angular/core';
import type { CreateOrderRequest, MenuItem, Order, OrderHistoryEntry, OrderStatus, RealtimeRoom } from '@maestro/contracts';
import { ORDER_REALTIME, type OrderEvents } from '../data/order-realtime';
import { ORDER_REPOSITORY } from '../data/order-repository';

/**
 * The one entry point to orders (reference 000): HTTP for reads and commands, socket.io for the
 * live events. It decides nothing: callers check `canTransition` before `updateOrderState`.
 */
@Injectable()
export class OrderOrchestrator {
  private readonly repository = inject(ORDER_REPOSITORY);
  private readonly realtime = inject(ORDER_REALTIME);

  connect(events: OrderEvents, rooms: readonly RealtimeRoom[] = ['orders', 'kitchen']): void {
    this.realtime.connect(rooms, events);
  }

  disconnect(): void {
    this.realtime.disconnect();
  }

  listBoard(): Promise<Order[]> {
    return this.repository.listBoard();
  }

  getOrderDetail(id: string): Promise<Order> {
    return this.repository.getDetail(id);
  }

  updateOrderState(id: string, toStatus: OrderStatus): Promise<Order> {
    return this.repository.updateStatus(id, toStatus);
  }

  placeOrder(order: CreateOrderRequest, idempotencyKey: string): Promise<Order> {
    return this.repository.create(order, idempotencyKey);
  }

  listMenu(): Promise<MenuItem[]> {
    return this.repository.listMenu();
  }

  /** Who did what to the order, oldest first (read through the API: staff cannot read others' log entries). */
  getOrderHistory(id: string): Promise<OrderHistoryEntry[]> {
    return this.repository.history(id);
  }
}

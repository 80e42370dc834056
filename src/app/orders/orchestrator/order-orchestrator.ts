import { Injectable, inject } from '@angular/core';
import type {
  CreateOrderRequest,
  MenuItem,
  Order,
  OrderDeletedEvent,
  OrderHistoryEntry,
  OrderItemRemovedEvent,
  OrderItemRequest,
  OrderItemResponse,
  OrderStatus,
  RealtimeRoom,
  UpdateOrderItemRequest,
  UpdateOrderRequest,
} from '@maestro/contracts';
import { ORDER_REALTIME, type OrderEvents } from '../data/order-realtime';
import { ORDER_REPOSITORY } from '../data/order-repository';

/**
 * The one entry point to orders (reference 000): HTTP for reads and commands, socket.io for the
 * live events. It decides nothing: callers check `canTransition` before `updateOrderState`.
 * `connect` gives the detailed stream (each of the seven events as sent); for the document's
 * `connect({ onCreated, onUpdated })` with whole orders, use OrderChanges (order-changes.ts).
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

  /**
   * Staff moves only: the document's `updateOrderState(id, 'CONFIRMED')` is refused with 409
   * `illegal_transition` here, because the fulfillment saga confirms an order once payment, stock
   * and courier are secured (contracts/orders.ts, the status machine).
   */
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

  // Edits of a placed order (callers offer them only in the statuses the contract allows).
  updateOrderDetails(id: string, patch: UpdateOrderRequest): Promise<Order> {
    return this.repository.updateDetails(id, patch);
  }

  addOrderItem(id: string, item: OrderItemRequest): Promise<OrderItemResponse> {
    return this.repository.addItem(id, item);
  }

  updateOrderItem(id: string, itemId: string, patch: UpdateOrderItemRequest): Promise<OrderItemResponse> {
    return this.repository.updateItem(id, itemId, patch);
  }

  removeOrderItem(id: string, itemId: string): Promise<OrderItemRemovedEvent> {
    return this.repository.removeItem(id, itemId);
  }

  deleteOrder(id: string): Promise<OrderDeletedEvent> {
    return this.repository.delete(id);
  }
}

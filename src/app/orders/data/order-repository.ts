import { InjectionToken } from '@angular/core';
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
  UpdateOrderItemRequest,
  UpdateOrderRequest,
} from '@maestro/contracts';

/** Orders over HTTP (the API owns them). An interface, so specs can give the facade a fake. */
export interface OrderRepository {
  /** Every order still in play, plus the most recently finished ones; newest first. */
  listBoard(): Promise<Order[]>;
  getDetail(id: string): Promise<Order>;
  /** Does not check the move: the caller asks `canTransition` first. */
  updateStatus(id: string, toStatus: OrderStatus): Promise<Order>;
  /** `idempotencyKey`: the same key sent again never makes a second order. */
  create(order: CreateOrderRequest, idempotencyKey: string): Promise<Order>;
  listMenu(): Promise<MenuItem[]>;
  /** The order's activity log, oldest first; rejects with a 404 for an unknown order. */
  history(id: string): Promise<OrderHistoryEntry[]>;
  // Edits of a placed order. The API checks the order's status and limits; errors reject with an ApiRequestError.
  updateDetails(id: string, patch: UpdateOrderRequest): Promise<Order>;
  addItem(id: string, item: OrderItemRequest): Promise<OrderItemResponse>;
  updateItem(id: string, itemId: string, patch: UpdateOrderItemRequest): Promise<OrderItemResponse>;
  removeItem(id: string, itemId: string): Promise<OrderItemRemovedEvent>;
  delete(id: string): Promise<OrderDeletedEvent>;
}

export const ORDER_REPOSITORY = new InjectionToken<OrderRepository>('OrderRepository');

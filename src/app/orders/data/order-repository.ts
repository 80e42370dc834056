import { InjectionToken } from '@angular/core';
import type { CreateOrderRequest, MenuItem, Order, OrderHistoryEntry, OrderStatus } from '@maestro/contracts';

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
}

export const ORDER_REPOSITORY = new InjectionToken<OrderRepository>('OrderRepository');

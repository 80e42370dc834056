// Orders that specs place through the real API (karma-api.ts): which dishes to order, and
// deleting what they placed, so the suite can run again against the same emulator.
import type { CreateOrderRequest, MenuItem, Order } from '@maestro/contracts';
import { ApiRequestError } from '../app/core/http/api-error-message';
import type { OrderRepository } from '../app/orders/data/order-repository';

/**
 * The ids of the `count` available dishes with the most left. The emulator's stock is shared with
 * the journeys and any other run, so a fixed dish may be sold out by the time a spec runs.
 */
export function stockedDishes(menu: readonly MenuItem[], count: number): string[] {
  const dishes = menu
    .filter((dish) => dish.available && !dish.archived && dish.stock >= 20)
    .sort((a, b) => b.stock - a.stock)
    .slice(0, count);
  if (dishes.length < count) {
    throw new Error(`Fewer than ${count} dishes have 20 or more left: seed the demo data again (npm run seed -- --fresh).`);
  }
  return dishes.map((dish) => dish.id);
}

/** The orders a spec file placed; an admin deletes them at the end, which puts their stock back. */
export class PlacedOrders {
  private readonly ids = new Set<string>();

  async place(repository: OrderRepository, order: CreateOrderRequest, idempotencyKey = `karma-${crypto.randomUUID()}`): Promise<Order> {
    try {
      const placed = await repository.create(order, idempotencyKey);
      this.ids.add(placed.id);
      return placed;
    } catch (error) {
      // A refused placement (sold out, declined) leaves its FAILED order behind.
      const orderId = error instanceof ApiRequestError ? error.extra['orderId'] : undefined;
      if (typeof orderId === 'string') this.ids.add(orderId);
      throw error;
    }
  }

  /** A spec deleted it itself. */
  forget(orderId: string): void {
    this.ids.delete(orderId);
  }

  /** As an admin: served orders too. */
  async deleteAll(adminRepository: OrderRepository): Promise<void> {
    for (const id of this.ids) await adminRepository.delete(id).catch(() => undefined);
    this.ids.clear();
  }
}

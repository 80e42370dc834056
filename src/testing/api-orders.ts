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

  /**
   * As an admin: served orders too. Bounded, because an afterAll that runs out of time ends the
   * whole Karma run; what is left is said (the specs' dishes and tables do not depend on it).
   */
  async deleteAll(adminRepository: OrderRepository, withinMs = 40_000): Promise<void> {
    const until = Date.now() + withinMs;
    for (const id of [...this.ids]) {
      if (Date.now() > until) break;
      const deleted = adminRepository.delete(id).then(
        () => true,
        (error: unknown) => error instanceof ApiRequestError && error.status === 404,
      );
      if (await Promise.race([deleted, giveUpAfter(until - Date.now())])) this.ids.delete(id);
    }
    if (this.ids.size) console.warn(`Orders the API specs could not delete in time: ${[...this.ids].join(', ')}`);
  }
}

const giveUpAfter = (ms: number) => new Promise<false>((resolve) => setTimeout(() => resolve(false), Math.max(0, ms)));

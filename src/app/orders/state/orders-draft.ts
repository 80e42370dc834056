// Several changes to the orders state for the price of one copy. NgRx entity copies the whole
// `entities` map and `ids` list on every operation; at 5,000 orders that is a long task per socket
// event (issue 21). A draft copies the map once, changes it in place, and sorts only the orders
// that came, went or changed their place in arrival order.
import type { Order } from '@maestro/contracts';
import { byArrival, type OrdersState, type PendingMove } from './orders.state';

export class OrdersDraft {
  private entities: Record<string, Order | undefined> | null = null;
  private readonly touched = new Set<string>();
  pending: Record<string, PendingMove>;

  constructor(private readonly base: OrdersState) {
    this.pending = base.pending;
  }

  get(orderId: string): Order | undefined {
    return (this.entities ?? this.base.entities)[orderId];
  }

  /** `null` takes the order off. */
  set(orderId: string, order: Order | null): void {
    this.entities ??= { ...this.base.entities };
    if (order) this.entities[orderId] = order;
    else delete this.entities[orderId];
    this.touched.add(orderId);
  }

  orders(): Order[] {
    return Object.values(this.entities ?? this.base.entities) as Order[];
  }

  /** The base itself when nothing changed, so nothing downstream re-renders. */
  result(): OrdersState {
    if (!this.entities) return this.pending === this.base.pending ? this.base : { ...this.base, pending: this.pending };
    return { ...this.base, ids: this.sortedIds(this.entities), entities: this.entities, pending: this.pending };
  }

  /** The base's ids (same array) unless an order came, went or changed its place. */
  private sortedIds(entities: Record<string, Order | undefined>): string[] {
    const base = this.base.ids as string[];
    const gone = new Set<string>();
    const placed: Order[] = [];
    for (const id of this.touched) {
      const before = this.base.entities[id];
      const after = entities[id];
      if (before && (!after || byArrival(before, after) !== 0)) gone.add(id);
      if (after && (!before || byArrival(before, after) !== 0)) placed.push(after);
    }
    if (!gone.size && !placed.length) return base;
    const kept = gone.size ? base.filter((id) => !gone.has(id)) : base;
    return mergeByArrival(kept, placed.sort(byArrival), entities);
  }
}

function mergeByArrival(ids: readonly string[], placed: readonly Order[], entities: Record<string, Order | undefined>): string[] {
  const merged: string[] = [];
  let at = 0;
  for (const order of placed) {
    while (at < ids.length && byArrival(entities[ids[at]!]!, order) < 0) merged.push(ids[at++]!);
    merged.push(order.id);
  }
  while (at < ids.length) merged.push(ids[at++]!);
  return merged;
}

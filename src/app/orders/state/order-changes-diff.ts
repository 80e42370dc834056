import type { Order } from '@maestro/contracts';

type Orders = Readonly<Record<string, Order | undefined>>;

/**
 * What changed between two snapshots of the orders slice, as whole orders: ids not seen before
 * are created, orders whose object changed are updated. An order that left the slice (deleted,
 * or an old finished one dropped by the cap) is not reported: reference 000 has no such callback.
 */
export function diffOrders(before: Orders, after: Orders): { created: Order[]; updated: Order[] } {
  const created: Order[] = [];
  const updated: Order[] = [];
  for (const [id, order] of Object.entries(after)) {
    if (!order) continue;
    const previous = before[id];
    if (!previous) created.push(order);
    else if (previous !== order) updated.push(order);
  }
  return { created, updated };
}

import type { OrderStatus, OrderType, TransitionActor } from '@maestro/contracts';

// The status machine as people rely on it, written out by hand (not read from contracts/orders.ts),
// so a change to the machine must change this table too. In the order the SPA shows the buttons.

type Table = Record<OrderStatus, readonly OrderStatus[]>;

const ENDS: Pick<Table, 'SERVED' | 'DELIVERED' | 'CANCELLED' | 'FAILED'> = {
  SERVED: [],
  DELIVERED: [],
  CANCELLED: [],
  FAILED: [],
};

/** A table or a counter: handed over (SERVED), never sent out. */
const HANDED_OVER: Table = {
  PENDING: ['CANCELLED'],
  CONFIRMED: ['PREPARING', 'CANCELLED'],
  PREPARING: ['READY', 'CANCELLED'],
  READY: ['PREPARING', 'SERVED', 'CANCELLED'],
  // Not a place a dine-in or takeaway order reaches, but the machine would let it end there.
  OUT_FOR_DELIVERY: ['DELIVERED', 'CANCELLED'],
  ...ENDS,
};

/** A courier: sent out (OUT_FOR_DELIVERY), then DELIVERED; never SERVED. */
const DELIVERED: Table = {
  ...HANDED_OVER,
  READY: ['PREPARING', 'OUT_FOR_DELIVERY', 'CANCELLED'],
};

/** What staff may move an order of each type to, from each status (PATCH /status, the buttons). */
export const STAFF_MOVES: Record<OrderType, Table> = {
  'dine-in': HANDED_OVER,
  takeaway: HANDED_OVER,
  delivery: DELIVERED,
};

/** The saga alone leaves PENDING forward: to CONFIRMED once everything is secured, or FAILED. */
export const SAGA_MOVES: Record<OrderType, Table> = {
  'dine-in': { ...HANDED_OVER, PENDING: ['CONFIRMED', 'FAILED', 'CANCELLED'] },
  takeaway: { ...HANDED_OVER, PENDING: ['CONFIRMED', 'FAILED', 'CANCELLED'] },
  delivery: { ...DELIVERED, PENDING: ['CONFIRMED', 'FAILED', 'CANCELLED'] },
};

/** With no type known (an order not loaded yet), READY may end either way. */
export const UNTYPED_STAFF_MOVES: Table = {
  ...HANDED_OVER,
  READY: ['PREPARING', 'SERVED', 'OUT_FOR_DELIVERY', 'CANCELLED'],
};

export const MOVES: Record<TransitionActor, Record<OrderType, Table>> = {
  staff: STAFF_MOVES,
  saga: SAGA_MOVES,
};

import type { OrderStatus } from '@maestro/contracts';
import { orderFixture } from '../../state/order-fixtures';
import { RECALL_LIMIT, bumpTarget, canRecall, rememberBump } from './kitchen-moves';

describe('kitchen moves', () => {
  it('bumps a waiting ticket onto the stove, a cooking one to the pass, and nothing else', () => {
    expect(bumpTarget(orderFixture({ status: 'CONFIRMED' }))).toBe('PREPARING');
    expect(bumpTarget(orderFixture({ status: 'PREPARING', type: 'delivery' }))).toBe('READY');
    for (const status of ['PENDING', 'READY', 'SERVED', 'CANCELLED', 'FAILED'] as const) {
      expect(bumpTarget(orderFixture({ status }))).withContext(status).toBeNull();
    }
  });

  it('recalls only what is READY', () => {
    expect(canRecall(orderFixture({ status: 'READY' }))).toBeTrue();
    expect(canRecall(orderFixture({ status: 'SERVED' }))).toBeFalse();
    expect(canRecall(orderFixture({ status: 'PREPARING' }))).toBeFalse();
    expect(canRecall(undefined)).toBeFalse();
  });

  // Every status of every order type, written out: the kitchen bumps forward twice and recalls once.
  const BUMPS: Partial<Record<OrderStatus, OrderStatus>> = { CONFIRMED: 'PREPARING', PREPARING: 'READY' };
  const STATUSES: OrderStatus[] = [
    'PENDING', 'CONFIRMED', 'PREPARING', 'READY', 'SERVED',
    'OUT_FOR_DELIVERY', 'DELIVERED', 'CANCELLED', 'FAILED',
  ];

  it('offers a bump only from waiting and cooking, and recall only from READY, for every order type', () => {
    for (const type of ['dine-in', 'takeaway', 'delivery'] as const) {
      for (const status of STATUSES) {
        const order = orderFixture({ type, status });
        expect(bumpTarget(order)).withContext(`${type} ${status}`).toBe(BUMPS[status] ?? null);
        expect(canRecall(order)).withContext(`${type} ${status}`).toBe(status === 'READY');
      }
    }
  });

  it(`remembers the last ${RECALL_LIMIT} bumps, newest first, each once`, () => {
    let bumped: string[] = [];
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) bumped = rememberBump(bumped, id);
    expect(bumped).toEqual(['f', 'e', 'd', 'c', 'b']);
    expect(rememberBump(bumped, 'c')).toEqual(['c', 'f', 'e', 'd', 'b']);
  });
});

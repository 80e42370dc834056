// The order status machine (contracts/orders.ts), pair by pair: every (from, to) for each actor and
// order type against the table written out in support/status-table.ts. The API (orders-routes)
// and the board and kitchen (their specs) are held to the same moves.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  FINAL_ORDER_STATUSES,
  ORDER_DETAILS_EDITABLE_IN,
  ORDER_ITEMS_EDITABLE_IN,
  ORDER_STATUSES,
  ORDER_TYPES,
  canTransition,
  isFinalOrderStatus,
  isOrderStatus,
  legalNextStatuses,
  type OrderStatus,
} from '@maestro/contracts';
import { MOVES, UNTYPED_STAFF_MOVES } from './support/status-table';

const ALL: readonly OrderStatus[] = [
  'PENDING',
  'CONFIRMED',
  'PREPARING',
  'READY',
  'SERVED',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'CANCELLED',
  'FAILED',
];

describe('the order status machine, every pair', () => {
  test('knows exactly the nine statuses and the four final ones', () => {
    assert.deepEqual(ORDER_STATUSES, ALL);
    assert.deepEqual(ORDER_TYPES, ['dine-in', 'takeaway', 'delivery']);
    assert.deepEqual(ALL.filter(isFinalOrderStatus), ['SERVED', 'DELIVERED', 'CANCELLED', 'FAILED']);
    assert.deepEqual([...FINAL_ORDER_STATUSES].sort(), ['CANCELLED', 'DELIVERED', 'FAILED', 'SERVED']);
    for (const status of ALL) assert.equal(isOrderStatus(status), true, status);
    for (const other of ['pending', 'DONE', '', null, undefined, 3, ['READY']])
      assert.equal(isOrderStatus(other), false, String(other));
  });

  for (const actor of ['staff', 'saga'] as const) {
    for (const type of ORDER_TYPES) {
      test(`${actor}, ${type}: the legal moves from each status, and no other`, () => {
        const expected = MOVES[actor][type];
        for (const from of ALL) {
          assert.deepEqual(legalNextStatuses(from, { type, actor }), expected[from], `${from} →`);
          for (const to of ALL) {
            const legal = expected[from].includes(to);
            assert.equal(canTransition(from, to, { type, actor }), legal, `${from} → ${to}`);
          }
        }
      });
    }
  }

  test('staff is the actor when none is named: only the saga confirms or fails an order', () => {
    for (const type of ORDER_TYPES) {
      for (const from of ALL) {
        assert.deepEqual(legalNextStatuses(from, { type }), MOVES.staff[type][from], `${type} ${from}`);
        for (const to of ALL)
          assert.equal(canTransition(from, to, { type }), MOVES.staff[type][from].includes(to), `${type} ${from} → ${to}`);
      }
    }
  });

  test('dishes change only before the food is handed over; details until it is out of the door', () => {
    assert.deepEqual(ORDER_ITEMS_EDITABLE_IN, ['CONFIRMED', 'PREPARING']);
    assert.deepEqual(ORDER_DETAILS_EDITABLE_IN, ['CONFIRMED', 'PREPARING', 'READY', 'OUT_FOR_DELIVERY']);
  });

  test('with no type known, READY may be served or sent out', () => {
    for (const from of ALL) {
      assert.deepEqual(legalNextStatuses(from), UNTYPED_STAFF_MOVES[from], `${from} →`);
      for (const to of ALL)
        assert.equal(canTransition(from, to), UNTYPED_STAFF_MOVES[from].includes(to), `${from} → ${to}`);
    }
    assert.deepEqual(legalNextStatuses('PENDING', { actor: 'saga' }), ['CONFIRMED', 'FAILED', 'CANCELLED']);
  });
});

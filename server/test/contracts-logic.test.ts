// The rest of the contracts' logic, shared by the SPA and the API: the menu's live updates and
// order (menu.ts), what an activity entry says changed (activity.ts), a member's role and stations
// from their token (roles.ts), how orders are named on screen (order-words.ts), the event envelope
// (events.ts) and the checks of what arrives over the wire (realtime.ts, api-error.ts, orders.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  applyMenuCategory,
  applyMenuItemEvent,
  byCategoryPosition,
  byMenuOrder,
  createEventFactory,
  creationChanges,
  diffChanges,
  isApiErrorBody,
  isHistoryValueMarker,
  isRealtimeRoom,
  memberClaims,
  orderDestinationWords,
  ratePercentWords,
  roleFromClaims,
  shortOrderNumber,
  stationsFromClaims,
  toFailureCause,
  type MenuCategory,
  type MenuItem,
} from '@maestro/contracts';

const category = (id: string, position: number, version = 1, name = id): MenuCategory => ({
  id,
  name,
  position,
  taxRateBasisPoints: 0,
  taxInclusive: true,
  version,
});
const dish = (id: string, change: Partial<MenuItem> = {}): MenuItem => ({
  id,
  name: id,
  category: 'Mains',
  categoryId: 'mains',
  station: 'grill',
  priceMinor: 1000,
  currency: 'EUR',
  stock: 5,
  available: true,
  archived: false,
  taxRateBasisPoints: 0,
  taxInclusive: true,
  version: 1,
  ...change,
});

describe('the menu', () => {
  test('a tax or service rate in words', () => {
    assert.equal(ratePercentWords(825), '8.25 %');
    assert.equal(ratePercentWords(1000), '10 %');
    assert.equal(ratePercentWords(0), '0 %');
    assert.equal(ratePercentWords(12_345), '123.45 %');
  });
  test('a category event replaces an older copy, adds a new one, and never goes back in time', () => {
    const held = [category('a', 0, 2), category('b', 1)];
    assert.deepEqual(applyMenuCategory(held, category('a', 5, 3)), [category('a', 5, 3), category('b', 1)]);
    assert.deepEqual(applyMenuCategory(held, category('c', 2)), [...held, category('c', 2)]);
    assert.deepEqual(applyMenuCategory(held, category('a', 9, 2)), held, 'same version: already applied');
    assert.deepEqual(applyMenuCategory(held, category('a', 9, 1)), held, 'older version: late');
    assert.notEqual(applyMenuCategory(held, category('a', 9, 1)), held, 'a new array either way (signals see a change)');
  });
  test('categories sort by position, then by name', () => {
    const sorted = [category('x', 2, 1, 'Drinks'), category('y', 1, 1, 'Sides'), category('z', 1, 1, 'Mains')].sort(byCategoryPosition);
    assert.deepEqual(sorted.map((c) => c.name), ['Mains', 'Sides', 'Drinks']);
  });
  test('dishes sort by their category’s position, then category name, then dish name; unknown categories last', () => {
    const order = byMenuOrder([category('mains', 1), category('drinks', 0)]);
    const dishes = [
      dish('Steak', { categoryId: 'mains' }),
      dish('Zebra cake', { categoryId: 'gone', category: 'Desserts' }),
      dish('Apple pie', { categoryId: 'gone', category: 'Desserts' }),
      dish('Old dish', { categoryId: '', category: 'Classic' }),
      dish('Beer', { categoryId: 'drinks', category: 'Drinks' }),
      dish('Burger', { categoryId: 'mains' }),
    ];
    assert.deepEqual(dishes.sort(order).map((d) => d.id), ['Beer', 'Burger', 'Steak', 'Old dish', 'Apple pie', 'Zebra cake']);
  });
  test('a dish event: newer replaces in place, new is added, older or equal is dropped', () => {
    const held = [dish('a', { version: 2 }), dish('b')];
    assert.deepEqual(applyMenuItemEvent(held, dish('a', { version: 3, priceMinor: 1200 })), [dish('a', { version: 3, priceMinor: 1200 }), dish('b')]);
    assert.deepEqual(applyMenuItemEvent(held, dish('c')), [...held, dish('c')]);
    assert.deepEqual(applyMenuItemEvent(held, dish('a', { version: 2, priceMinor: 1 })), held);
    assert.deepEqual(applyMenuItemEvent(held, dish('a', { version: 1, priceMinor: 1 })), held);
  });
  test('where dishes are ordered from, an archived dish leaves the list; the menu page keeps it', () => {
    const held = [dish('a'), dish('b')];
    const archived = dish('a', { version: 2, archived: true });
    assert.deepEqual(applyMenuItemEvent(held, archived, { orderable: true }), [dish('b')]);
    assert.deepEqual(applyMenuItemEvent(held, archived), [archived, dish('b')]);
    assert.deepEqual(applyMenuItemEvent(held, dish('c', { archived: true }), { orderable: true }), held, 'a new archived dish is not offered');
  });
});

describe('activity changes', () => {
  test('a creation: every field from null', () => {
    assert.deepEqual(creationChanges({ name: 'Cash', balance: 0 }), { name: { from: null, to: 'Cash' }, balance: { from: null, to: 0 } });
  });
  test('a change: only the fields that differ, by value, with null for absent', () => {
    const before = { name: 'Cash', tags: ['a'], note: 'x', gone: 1, same: { a: 1 } };
    const after = { name: 'Till', tags: ['a'], added: true, same: { a: 1 }, gone: undefined };
    assert.deepEqual(diffChanges(before, after), {
      name: { from: 'Cash', to: 'Till' },
      note: { from: 'x', to: null },
      gone: { from: 1, to: null },
      added: { from: null, to: true },
    });
    assert.deepEqual(diffChanges({ tags: ['a', 'b'] }, { tags: ['b', 'a'] }), { tags: { from: ['a', 'b'], to: ['b', 'a'] } }, 'order counts');
    assert.deepEqual(diffChanges({ a: null }, {}), {}, 'null and absent are the same');
    assert.deepEqual(diffChanges({ a: 0 }, { a: false }), { a: { from: 0, to: false } });
  });
});

describe('roles and stations from a token’s claims', () => {
  test('only staff and admin are roles', () => {
    assert.equal(roleFromClaims({ role: 'admin' }), 'admin');
    assert.equal(roleFromClaims({ role: 'staff' }), 'staff');
    for (const role of [undefined, 'owner', 'Admin', 1, null]) assert.equal(roleFromClaims({ role }), null, String(role));
  });
  test('stations: the known ones, in the kitchen’s order, whatever else the claim holds', () => {
    assert.deepEqual(stationsFromClaims({ stations: ['bar', 'grill', 'sauna', 7] }), ['grill', 'bar']);
    assert.deepEqual(stationsFromClaims({ stations: 'grill' }), []);
    assert.deepEqual(stationsFromClaims({}), []);
  });
  test('the claims a member gets, stations copied', () => {
    const stations = ['fry' as const];
    const claims = memberClaims('staff', stations);
    assert.deepEqual(claims, { role: 'staff', stations: ['fry'] });
    assert.notEqual(claims.stations, stations);
    assert.deepEqual(memberClaims('admin'), { role: 'admin', stations: [] });
  });
});

describe('orders in words', () => {
  test('a short number people can say out loud', () => {
    assert.equal(shortOrderNumber('3dsadvXYZ123'), '#3DSADV');
    assert.equal(shortOrderNumber('ab'), '#AB');
  });
  test('where an order goes', () => {
    assert.equal(orderDestinationWords({ type: 'dine-in', table: '12' }), 'Table 12');
    assert.equal(orderDestinationWords({ type: 'dine-in' }), 'Table ');
    assert.equal(orderDestinationWords({ type: 'delivery', address: { street: '1 Main St' } }), 'Delivery · 1 Main St');
    assert.equal(orderDestinationWords({ type: 'delivery', address: null }), 'Delivery · ');
    assert.equal(orderDestinationWords({ type: 'takeaway', customerName: 'Ana' }), 'Takeaway · Ana');
    assert.equal(orderDestinationWords({ type: 'takeaway', customerName: '' }), 'Takeaway');
  });
});

describe('the event envelope', () => {
  const ids = ['e1', 'e2', 'e3'];
  const factory = createEventFactory({ now: () => new Date('2026-03-15T10:00:00Z'), newId: () => ids.shift()! });
  const actor = { kind: 'user' as const, uid: 'u1' };
  test('a new event starts its own workflow unless given one', () => {
    const first = factory.create('ACCOUNT_CREATION_REQUESTED', { draft: { name: 'Cash', type: 'cash', currency: 'EUR', openingBalanceMinor: 0 } } as never, { actor });
    assert.deepEqual(first, {
      id: 'e1',
      type: 'ACCOUNT_CREATION_REQUESTED',
      version: 1,
      payload: { draft: { name: 'Cash', type: 'cash', currency: 'EUR', openingBalanceMinor: 0 } },
      occurredAt: '2026-03-15T10:00:00.000Z',
      correlationId: 'e1',
      actor,
    });
    const joined = factory.create('ACCOUNT_CREATION_REQUESTED', {} as never, { actor, correlationId: 'flow-9' });
    assert.equal(joined.correlationId, 'flow-9');
    const followed = factory.follow(first, 'ACCOUNT_CREATION_FAILED', {} as never);
    assert.deepEqual(
      { id: followed.id, correlationId: followed.correlationId, causationId: followed.causationId, actor: followed.actor },
      { id: 'e3', correlationId: 'e1', causationId: 'e1', actor },
    );
  });
  test('anything thrown becomes a cause that can be sent', () => {
    assert.deepEqual(toFailureCause(Object.assign(new Error('refused'), { code: 'permission-denied' })), { message: 'refused', code: 'permission-denied' });
    assert.deepEqual(toFailureCause(Object.assign(new Error('odd'), { code: 42 })), { message: 'odd' });
    assert.deepEqual(toFailureCause('plain words'), { message: 'plain words' });
    assert.deepEqual(toFailureCause({ message: 'not an Error' }), { message: 'Unknown error' });
    assert.deepEqual(toFailureCause(undefined), { message: 'Unknown error' });
  });
});

describe('what arrives over the wire', () => {
  test('rooms a socket may join', () => {
    assert.equal(isRealtimeRoom('kitchen'), true);
    assert.equal(isRealtimeRoom('orders'), true);
    for (const room of ['admin', 'Kitchen', '', null, ['kitchen'], 1]) assert.equal(isRealtimeRoom(room), false, String(room));
  });
  test('an API error body has an error with a code and a message', () => {
    assert.equal(isApiErrorBody({ error: { code: 'not_found', message: 'No such order.' } }), true);
    for (const body of [null, 'error', { error: null }, { error: 'x' }, { error: { code: 1, message: 'm' } }, { error: { code: 'c' } }, { error: { message: 'm' } }, {}])
      assert.equal(isApiErrorBody(body), false, JSON.stringify(body));
  });
  test('a history value stood in for: unknown, or truncated with its size, and nothing more', () => {
    assert.equal(isHistoryValueMarker({ unknown: true }), true);
    assert.equal(isHistoryValueMarker({ truncated: true, bytes: 2048 }), true);
    for (const value of [null, 'unknown', { unknown: 'yes' }, { unknown: true, extra: 1 }, { truncated: true }, { truncated: true, bytes: '2' }, { truncated: true, bytes: 2, more: 1 }, { truncated: false, bytes: 2 }, {}])
      assert.equal(isHistoryValueMarker(value), false, JSON.stringify(value));
  });
});

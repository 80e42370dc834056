import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Order } from '@maestro/contracts';
import { createLogger } from '../src/logger';
import { coalesceOrderEvents, type Schedule } from '../src/realtime/order-event-coalescing';

// The coalescer's own rules with a fake broadcaster and a fake read (pure logic); the real API
// and sockets are in orders-realtime-coalescing.test.ts.

const order = (id: string, version: number) => ({ id, version, notes: `v${version}` }) as Order;

function setUp(readOrder: (orderId: string) => Promise<Order | null>) {
  const sent: [string, { version?: number }][] = [];
  const runs: (() => Promise<void>)[] = [];
  const schedule: Schedule = (run) => {
    runs.push(run);
    return () => runs.splice(runs.indexOf(run), 1);
  };
  const logs: string[] = [];
  const events = coalesceOrderEvents(
    {
      broadcast: (event, payload) => (sent.push([event, payload as { version?: number }]), true),
      publish: (event, payload) => (sent.push([event, payload]), true),
    },
    { windowMs: 50, readOrder, logger: createLogger('warn', { write: (line: string) => void logs.push(line) }), schedule },
  );
  const endAll = () => Promise.all(runs.splice(0).map((run) => run()));
  return { sent, events, endAll, logs };
}

const statusChanged = (orderId: string, version: number) =>
  ({
    orderId,
    previousStatus: 'CONFIRMED',
    newStatus: 'PREPARING',
    updatedAt: '2026-03-01T12:00:00.000Z',
    version,
    failure: null,
  }) as const;

describe('coalesceOrderEvents', () => {
  test('the order cannot be read: the held events go out as they were, none lost', async () => {
    const { sent, events, endAll, logs } = setUp(() => Promise.reject(new Error('unavailable')));
    events.publish('order:status-changed', statusChanged('o1', 2));
    events.publish('order-item:removed', { orderId: 'o1', itemId: 'i1', version: 3 });
    events.publish('order-item:removed', { orderId: 'o1', itemId: 'i2', version: 4 });
    await endAll();
    assert.deepEqual(
      sent.map(([event, payload]) => [event, payload.version]),
      [
        ['order:status-changed', 2],
        ['order-item:removed', 3],
        ['order-item:removed', 4],
      ],
    );
    assert.ok(logs.some((line) => line.includes('sending the held events')));
  });

  test('a held order:updated at the latest version is sent without a read', async () => {
    let reads = 0;
    const { sent, events, endAll } = setUp(() => (reads++, Promise.resolve(order('o1', 9))));
    events.publish('order:status-changed', statusChanged('o1', 2));
    events.publish('order-item:removed', { orderId: 'o1', itemId: 'i1', version: 3 });
    events.publish('order:updated', { order: order('o1', 4), changedFields: ['notes'], version: 4 });
    await endAll();
    assert.equal(reads, 0);
    assert.deepEqual(sent.at(-1), [
      'order:updated',
      {
        order: order('o1', 4),
        changedFields: ['items', 'subtotalMinor', 'taxMinor', 'serviceMinor', 'totalMinor', 'notes'],
        version: 4,
      },
    ]);
  });

  test('a delete while the order is being read: nothing follows the delete', async () => {
    let release: (value: Order) => void = () => undefined;
    const { sent, events, endAll } = setUp(
      () => new Promise<Order>((resolve) => (release = resolve)),
    );
    events.publish('order:status-changed', statusChanged('o1', 2));
    events.publish('order-item:removed', { orderId: 'o1', itemId: 'i1', version: 3 });
    const ending = endAll();
    events.publish('order:deleted', { orderId: 'o1', version: 4 });
    release(order('o1', 3));
    await ending;
    assert.deepEqual(
      sent.map(([event]) => event),
      ['order:status-changed', 'order:deleted'],
    );
  });

  test('a read that already holds a later held change is not followed by an older copy', async () => {
    const { sent, events, endAll } = setUp(() => Promise.resolve(order('o1', 4)));
    events.publish('order:status-changed', statusChanged('o1', 2));
    events.publish('order-item:removed', { orderId: 'o1', itemId: 'i1', version: 3 });
    await endAll(); // reads version 4: the write of 4 committed before its event came in
    events.publish('order-item:removed', { orderId: 'o1', itemId: 'i2', version: 4 });
    await endAll();
    assert.deepEqual(
      sent.map(([event, payload]) => [event, payload.version]),
      [
        ['order:status-changed', 2],
        ['order:updated', 4],
      ],
    );
  });

  test('drain sends what is held, lets a read under way finish first, then holds nothing', async () => {
    let openGate: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let stored = 2;
    // Each read finds the order one version on: the writes of the held events committed.
    const { sent, events, endAll } = setUp(async () => {
      await gate;
      await new Promise((resolve) => setImmediate(resolve)); // a read takes a turn of the loop
      stored += 1;
      return order('o1', stored);
    });
    events.publish('order:status-changed', statusChanged('o1', 2));
    events.publish('order-item:removed', { orderId: 'o1', itemId: 'i1', version: 3 });
    const ending = endAll(); // its read waits at the gate
    events.publish('order-item:removed', { orderId: 'o1', itemId: 'i2', version: 4 });
    const drained = events.drain();
    openGate();
    await drained; // alone: at shutdown nothing else waits for the window's own end
    assert.deepEqual(
      sent.map(([event, payload]) => [event, payload.version]).at(-1),
      ['order:updated', 4],
    );
    await ending;
    events.publish('order-item:removed', { orderId: 'o1', itemId: 'i3', version: 5 });
    events.publish('order-item:removed', { orderId: 'o1', itemId: 'i4', version: 6 });
    assert.deepEqual(
      sent.map(([event, payload]) => [event, payload.version]),
      [
        ['order:status-changed', 2],
        ['order:updated', 3],
        ['order:updated', 4],
        ['order-item:removed', 5],
        ['order-item:removed', 6],
      ],
    );
  });

  test('menu events and other orders pass by untouched', () => {
    const { sent, events } = setUp(() => Promise.resolve(null));
    events.publish('order:status-changed', statusChanged('o1', 2));
    events.broadcast('menu-item:updated', { version: 7 });
    events.publish('order:status-changed', statusChanged('o2', 2));
    assert.deepEqual(
      sent.map(([event]) => event),
      ['order:status-changed', 'menu-item:updated', 'order:status-changed'],
    );
  });
});

import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import {
  ORDER_EVENT_NAMES,
  type HealthReport,
  type Order,
  type OrderErrorBody,
  type OrderItemResponse,
} from '@maestro/contracts';
import type { Socket } from 'socket.io-client';
import type { Schedule } from '../src/realtime/order-event-coalescing';
import { assertEmulatorsRunning, closeTestFirebase } from './support/firebase-test-env';
import { cleanUpOrders, createDish, postOrder } from './support/orders-fixtures';
import { startServerProcess } from './support/server-process';
import { connected, nextEvent, openSocket } from './support/sockets';
import { request, startTestServer, type TestServer } from './support/test-server';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

// MAESTRO_REALTIME_COALESCE_MS against the real API and a real socket.io-client. The windows end
// when the test says (a schedule of its own), so nothing here depends on how fast a write is.

type Received = [event: string, payload: Record<string, unknown>][];

/** Coalescing windows that end only when `endAll` is called. */
function manualWindows() {
  let open: { run: () => Promise<void>; live: boolean }[] = [];
  const schedule: Schedule = (run) => {
    const window = { run, live: true };
    open.push(window);
    return () => {
      window.live = false;
    };
  };
  return {
    schedule,
    /** Ends every window open now, as if its time had passed; resolves once their events are out. */
    endAll: async () => {
      const due = open.filter((window) => window.live);
      open = [];
      await Promise.all(due.map((window) => window.run()));
    },
  };
}

describe('coalescing bursts of order events (MAESTRO_REALTIME_COALESCE_MS)', () => {
  let user: TestUser;
  let burger: string;
  let fries: string;
  const servers: TestServer[] = [];
  const sockets: Socket[] = [];

  const start = async (windowMs: number) => {
    const windows = manualWindows();
    const api = await startTestServer({ coalescing: { windowMs, schedule: windows.schedule } });
    servers.push(api);
    return { api, windows };
  };
  const listen = async (api: TestServer) => {
    const socket = openSocket(api.baseUrl, { auth: { token: user.idToken } });
    sockets.push(socket);
    await connected(socket);
    await socket.timeout(5000).emitWithAck('join', { rooms: ['kitchen', 'orders'] });
    const received: Received = [];
    socket.onAny((event: string, payload: Record<string, unknown>) => {
      if ((ORDER_EVENT_NAMES as readonly string[]).includes(event)) received.push([event, payload]);
    });
    return { socket, received };
  };
  /** Events to one socket arrive in order: once the marker is in, every earlier event is too. */
  const settle = async (api: TestServer, socket: Socket) => {
    const marker = nextEvent(socket, 'test:marker');
    api.server.io.emit('test:marker');
    await marker;
  };
  const call = <T>(api: TestServer, method: string, path: string, body?: unknown) =>
    request<T & OrderErrorBody>(`${api.baseUrl}/api${path}`, {
      method,
      token: user.idToken,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const ok = <T extends { status: number; body: unknown }>(response: T): T => {
    assert.ok(response.status < 300, JSON.stringify(response.body));
    return response;
  };
  /** A confirmed order whose placement events are out and whose window has closed. */
  const placeQuietly = async (api: TestServer, windows: ReturnType<typeof manualWindows>) => {
    const placed = ok(
      await postOrder(api.baseUrl, user.idToken, {
        type: 'dine-in',
        table: '7',
        items: [{ menuItemId: burger, quantity: 1 }],
      }),
    );
    await windows.endAll(); // sends the held CONFIRMED
    await windows.endAll(); // nothing held: the window closes
    return placed.body.id;
  };
  /** Six changes of every kind an open order takes: details, a new line, its quantity, a line removed. */
  const burst = async (api: TestServer, id: string) => {
    ok(await call(api, 'PUT', `/orders/${id}`, { notes: 'no onions' }));
    ok(await call(api, 'PUT', `/orders/${id}`, { customerName: 'Ada' }));
    const added = ok(
      await call<OrderItemResponse>(api, 'POST', `/orders/${id}/items`, {
        menuItemId: fries,
        quantity: 2,
      }),
    );
    ok(await call(api, 'PUT', `/orders/${id}/items/${added.body.item.id}`, { quantity: 3 }));
    const extra = ok(
      await call<OrderItemResponse>(api, 'POST', `/orders/${id}/items`, { menuItemId: burger, quantity: 1 }),
    );
    ok(await call(api, 'DELETE', `/orders/${id}/items/${extra.body.item.id}`));
  };
  const eventsOf = (received: Received, id: string) =>
    received.filter(
      ([, payload]) =>
        (payload['order'] as Order | undefined)?.id === id || payload['orderId'] === id,
    );

  before(async () => {
    await assertEmulatorsRunning();
    user = await createTestUser('orders-coalescing');
    burger = await createDish('burger');
    fries = await createDish('fries', { priceMinor: 450 });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await Promise.all(servers.splice(0).map((api) => api.close()));
  });
  after(async () => {
    await cleanUpOrders([user.uid]);
    await deleteTestUsers();
    await closeTestFirebase();
  });

  test('a burst reaches a client as its first change plus one order:updated equal to a fresh GET', async () => {
    const { api, windows } = await start(50);
    const id = await placeQuietly(api, windows);
    const { socket, received } = await listen(api);

    ok(await call(api, 'PATCH', `/orders/${id}/status`, { status: 'PREPARING' }));
    await burst(api, id);
    await settle(api, socket);
    assert.deepEqual(
      received.map(([event]) => event),
      ['order:status-changed'],
      'the first change went out at once, the other six are held',
    );

    await windows.endAll();
    await settle(api, socket);
    const fresh = ok(await call<Order>(api, 'GET', `/orders/${id}`)).body;
    assert.equal(received.length, 2);
    const [event, payload] = received[1]!;
    assert.equal(event, 'order:updated');
    assert.deepEqual(payload['order'], fresh, 'the whole order as it is now');
    assert.equal(payload['version'], fresh.version);
    assert.equal(fresh.version, (received[0]![1]['version'] as number) + 6);
    assert.deepEqual(
      [...(payload['changedFields'] as string[])].sort(),
      ['customerName', 'items', 'notes', 'serviceMinor', 'subtotalMinor', 'taxMinor', 'totalMinor'],
    );

    // The window that sent it stays open once more; nothing held, so it closes and the next
    // change goes out at once again.
    await windows.endAll();
    ok(await call(api, 'PATCH', `/orders/${id}/status`, { status: 'READY' }));
    await settle(api, socket);
    assert.deepEqual(received.at(-1)?.[0], 'order:status-changed');
    assert.equal(received.length, 3);
  });

  test("two orders' bursts stay apart: one order:updated each, each its own order", async () => {
    const { api, windows } = await start(50);
    const first = await placeQuietly(api, windows);
    const second = await placeQuietly(api, windows);
    const { socket, received } = await listen(api);

    ok(await call(api, 'PUT', `/orders/${first}`, { notes: 'first' }));
    ok(await call(api, 'PUT', `/orders/${second}`, { notes: 'second' }));
    await burst(api, first);
    await burst(api, second);
    await windows.endAll();
    await settle(api, socket);

    for (const id of [first, second]) {
      const events = eventsOf(received, id);
      assert.deepEqual(
        events.map(([event]) => event),
        ['order:updated', 'order:updated'],
        `${id}: its first change and one for the rest`,
      );
      const fresh = ok(await call<Order>(api, 'GET', `/orders/${id}`)).body;
      assert.deepEqual(events[1]![1]['order'], fresh);
    }
  });

  test('order:created and order:deleted are never held; a delete drops what its order had held', async () => {
    const { api, windows } = await start(50);
    const doomed = await placeQuietly(api, windows);
    const { socket, received } = await listen(api);
    ok(await call(api, 'PUT', `/orders/${doomed}`, { notes: 'goes out at once' }));
    ok(await call(api, 'PUT', `/orders/${doomed}`, { notes: 'held' }));

    const created = nextEvent<{ order: Order }>(socket, 'order:created');
    const placed = ok(
      await postOrder(api.baseUrl, user.idToken, {
        type: 'takeaway',
        items: [{ menuItemId: burger, quantity: 1 }],
      }),
    );
    assert.equal((await created).order.id, placed.body.id, 'no window had to end for it');

    const deleted = nextEvent<{ orderId: string; version: number }>(socket, 'order:deleted');
    const answer = ok(await call<{ version: number }>(api, 'DELETE', `/orders/${doomed}`));
    assert.deepEqual(await deleted, { orderId: doomed, version: answer.body.version });

    await windows.endAll();
    await settle(api, socket);
    assert.deepEqual(
      eventsOf(received, doomed).map(([event]) => event),
      ['order:updated', 'order:deleted'],
      'the held notes never follow the delete',
    );
  });

  test('off (0, the default): every change is its own event, as before', async () => {
    const { api, windows } = await start(0);
    const id = await placeQuietly(api, windows);
    const { socket, received } = await listen(api);
    await burst(api, id);
    await settle(api, socket);
    assert.deepEqual(
      received.map(([event]) => event),
      [
        'order:updated',
        'order:updated',
        'order-item:added',
        'order-item:updated',
        'order-item:added',
        'order-item:removed',
      ],
    );
  });

  test('a graceful shutdown sends what is held before the sockets close', async () => {
    const { api, windows } = await start(1000);
    const id = await placeQuietly(api, windows);
    const { socket, received } = await listen(api);
    await burst(api, id);
    const fresh = ok(await call<Order>(api, 'GET', `/orders/${id}`)).body;

    const disconnected = nextEvent(socket, 'disconnect');
    await api.close(); // no window ended: only the drain can send it
    await disconnected;
    assert.deepEqual(
      received.map(([event]) => event),
      ['order:updated', 'order:updated'],
    );
    assert.deepEqual(received[1]![1]['order'], fresh);
  });

  // The process as deployed: the variable read by config.ts, SIGTERM handled by shutdown.ts. Whether
  // the last window ends by itself or by the drain depends on the machine's speed; either way the
  // client must hold the order as stored before its socket closes.
  test('SIGTERM to the API process with MAESTRO_REALTIME_COALESCE_MS=1000: nothing held is lost', { timeout: 60_000 }, async () => {
    const server = await startServerProcess({ MAESTRO_REALTIME_COALESCE_MS: '1000', SHUTDOWN_GRACE_MS: '8000' });
    try {
      assert.ok(server.logs.some((line) => line['realtimeCoalesceMs'] === 1000), 'the API says it coalesces');
      const socket = openSocket(server.url, { auth: { token: user.idToken } });
      sockets.push(socket);
      await connected(socket);
      await socket.timeout(5000).emitWithAck('join', { rooms: ['kitchen', 'orders'] });
      const received: Received = [];
      socket.onAny((event: string, payload: Record<string, unknown>) => received.push([event, payload]));
      const placed = ok(
        await postOrder(server.url, user.idToken, { type: 'takeaway', items: [{ menuItemId: burger, quantity: 1 }] }),
      );
      const url = (path: string) => `${server.url}/api/orders/${placed.body.id}${path}`;
      for (const notes of ['one', 'two', 'three'])
        ok(await request(url(''), { method: 'PUT', token: user.idToken, body: JSON.stringify({ notes }) }));
      const fresh = ok(await request<Order>(url(''), { token: user.idToken })).body;

      const disconnected = nextEvent(socket, 'disconnect');
      server.child.kill('SIGTERM');
      assert.deepEqual(await server.exited, [0, null]);
      await disconnected;
      const versions = eventsOf(received, placed.body.id).map(([, payload]) => payload['version'] as number);
      assert.equal(Math.max(...versions), fresh.version);
      const last = eventsOf(received, placed.body.id).at(-1)!;
      assert.deepEqual(last[1]['order'], fresh);
    } finally {
      server.killAll();
    }
  });

  test('a broadcast that fails is counted on the health report; the change itself stands', async () => {
    const { api, windows } = await start(0);
    const id = await placeQuietly(api, windows);
    const before = await request<HealthReport>(`${api.baseUrl}/api/health`);
    assert.equal(before.body.realtime.emitFailures, 0);

    const io = api.server.io;
    const to = io.to.bind(io);
    io.to = () => {
      throw new Error('the adapter is down');
    };
    try {
      const answer = await call<Order>(api, 'PUT', `/orders/${id}`, { notes: 'still saved' });
      assert.equal(answer.status, 200);
      assert.equal(answer.body.notes, 'still saved');
    } finally {
      io.to = to;
    }
    const after = await request<HealthReport>(`${api.baseUrl}/api/health`);
    assert.equal(after.body.realtime.emitFailures, 1);
  });
});

import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import {
  ORDER_EVENT_NAMES,
  type Order,
  type OrderErrorBody,
  type OrderItemResponse,
  type SyncRequiredEvent,
} from '@maestro/contracts';
import type { Socket } from 'socket.io-client';
import { assertEmulatorsRunning, closeTestFirebase } from './support/firebase-test-env';
import { cleanUpOrders, createDish, postOrder } from './support/orders-fixtures';
import { connected, nextEvent, openSocket } from './support/sockets';
import { request, startTestServer, type TestServer } from './support/test-server';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

type Received = [event: string, payload: Record<string, unknown>][];

describe('order events over socket.io', () => {
  let api: TestServer;
  let user: TestUser;
  let burger: string;
  let fries: string;
  const sockets: Socket[] = [];

  const join = async (rooms: string[], options: Parameters<typeof openSocket>[1] = {}) => {
    const socket = openSocket(api.baseUrl, { auth: { token: user.idToken }, ...options });
    sockets.push(socket);
    await connected(socket);
    if (rooms.length) await socket.timeout(5000).emitWithAck('join', { rooms });
    return socket;
  };
  /** Every order event a socket receives, in order. */
  const record = (socket: Socket): Received => {
    const received: Received = [];
    socket.onAny((event: string, payload: Record<string, unknown>) => {
      if ((ORDER_EVENT_NAMES as readonly string[]).includes(event)) received.push([event, payload]);
    });
    return received;
  };
  /** Events to one socket arrive in order: once a marker is in, every earlier event is too. */
  const flush = async (clients: Socket[]) => {
    const markers = clients.map((socket) => nextEvent(socket, 'test:marker'));
    api.server.io.emit('test:marker');
    await Promise.all(markers);
  };
  const call = <T>(method: string, path: string, body?: unknown) =>
    request<T & OrderErrorBody>(`${api.baseUrl}/api${path}`, {
      method,
      token: user.idToken,
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  before(async () => {
    await assertEmulatorsRunning();
    api = await startTestServer();
    user = await createTestUser('orders-realtime');
    burger = await createDish('burger');
    fries = await createDish('fries', { priceMinor: 450 });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  after(async () => {
    await api.close();
    await cleanUpOrders([user.uid]);
    await deleteTestUsers();
    await closeTestFirebase();
  });

  test('kitchen, orders and both: each gets each of the seven events exactly once, with the right payload and a rising version', async () => {
    const kitchen = await join(['kitchen']);
    const orders = await join(['orders']);
    const both = await join(['kitchen', 'orders']);
    const outsider = await join([]);
    const clients = [kitchen, orders, both, outsider];
    const received = clients.map(record);

    const placed = await postOrder(api.baseUrl, user.idToken, {
      type: 'dine-in',
      table: '5',
      items: [{ menuItemId: burger, quantity: 1 }],
    });
    assert.equal(placed.status, 201);
    const id = placed.body.id;
    const updated = await call<Order>('PUT', `/orders/${id}`, { notes: 'allergy: nuts' });
    const preparing = await call<Order>('PATCH', `/orders/${id}/status`, { status: 'PREPARING' });
    const added = await call<OrderItemResponse>('POST', `/orders/${id}/items`, {
      menuItemId: fries,
      quantity: 2,
    });
    const changed = await call<OrderItemResponse>(
      'PUT',
      `/orders/${id}/items/${added.body.item.id}`,
      { quantity: 3 },
    );
    const removed = await call<{ version: number }>(
      'DELETE',
      `/orders/${id}/items/${added.body.item.id}`,
    );
    const deleted = await call<{ version: number }>('DELETE', `/orders/${id}`);
    for (const response of [updated, preparing, added, changed, removed, deleted])
      assert.ok(response.status < 300, JSON.stringify(response.body));
    await flush(clients);

    const pending = {
      ...placed.body,
      status: 'PENDING',
      version: 1,
      updatedAt: placed.body.createdAt,
    };
    const expected: Received = [
      ['order:created', { order: pending, version: 1 }],
      [
        'order:status-changed',
        {
          orderId: id,
          previousStatus: 'PENDING',
          newStatus: 'CONFIRMED',
          updatedAt: placed.body.updatedAt,
          version: 2,
          failure: null,
        },
      ],
      ['order:updated', { order: updated.body, changedFields: ['notes'], version: 3 }],
      [
        'order:status-changed',
        {
          orderId: id,
          previousStatus: 'CONFIRMED',
          newStatus: 'PREPARING',
          updatedAt: preparing.body.updatedAt,
          version: 4,
          failure: null,
          // The kitchen's start, so every screen's ticket can count from it.
          startedAt: preparing.body.startedAt,
        },
      ],
      ['order-item:added', { orderId: id, item: added.body.item, version: 5 }],
      ['order-item:updated', { orderId: id, item: changed.body.item, version: 6 }],
      ['order-item:removed', { orderId: id, itemId: added.body.item.id, version: 7 }],
      ['order:deleted', { orderId: id, version: 8 }],
    ];
    assert.deepEqual(received[0], expected, 'kitchen');
    assert.deepEqual(received[1], expected, 'orders');
    assert.deepEqual(received[2], expected, 'both rooms: still once each');
    assert.deepEqual(received[3], [], 'a socket in no room hears nothing');
    assert.deepEqual(added.body.item.menuItem.id, fries, 'items travel with their menu item');
  });

  test('a failed placement is announced as created, then FAILED with its reason', async () => {
    const kitchen = await join(['kitchen']);
    const received = record(kitchen);
    const response = await postOrder(api.baseUrl, user.idToken, {
      type: 'delivery',
      address: { street: '1 Nowhere', city: 'Void', postalCode: '00000' },
      items: [{ menuItemId: burger, quantity: 1 }],
    });
    assert.equal(response.status, 422);
    await flush([kitchen]);
    assert.deepEqual(
      received.map(([event, payload]) => [event, payload['newStatus'] ?? null]),
      [
        ['order:created', null],
        ['order:status-changed', 'FAILED'],
      ],
    );
    assert.equal(
      (received[1]?.[1]['failure'] as { code: string }).code,
      'delivery_address_unserved',
    );
  });

  test('an emit that throws is logged and the request still succeeds', async (t) => {
    const placed = await postOrder(api.baseUrl, user.idToken, {
      type: 'takeaway',
      items: [{ menuItemId: burger, quantity: 1 }],
    });
    // Injected failure: the adapter refuses every broadcast, as a broken Redis adapter would.
    const io = api.server.io as unknown as { to: unknown };
    io.to = () => {
      throw new Error('injected: the adapter is down');
    };
    t.after(() => delete io.to);
    const response = await call<Order>('PATCH', `/orders/${placed.body.id}/status`, {
      status: 'PREPARING',
    });
    delete io.to;
    assert.equal(response.status, 200);
    assert.equal(response.body.status, 'PREPARING');
    const logged = api.logs.find(
      (line) =>
        line['msg'] === 'realtime broadcast failed' && line['event'] === 'order:status-changed',
    );
    assert.match(String((logged?.['err'] as { message?: string })?.message), /adapter is down/);
  });

  test('a brief drop is recovered: the missed event is replayed, no resync asked', async () => {
    const placed = await postOrder(api.baseUrl, user.idToken, {
      type: 'takeaway',
      items: [{ menuItemId: burger, quantity: 1 }],
    });
    const socket = await join(['kitchen'], {
      reconnection: true,
      reconnectionDelay: 50,
      reconnectionDelayMax: 50,
    });
    const received = record(socket);
    let syncRequired = 0;
    socket.on('sync:required', () => syncRequired++);
    const firstId = socket.id!;
    // socket.io restores a session from the offset of the last broadcast the client got: a
    // client that never got one cannot be recovered (it gets sync:required, tested below).
    await flush([socket]);

    // The network drops. The client reconnects only once the event has been sent, so the event
    // is surely missed (an automatic retry could come back before the PATCH on a slow machine).
    socket.io.reconnection(false);
    socket.io.engine.close();
    await until(() => !api.server.io.of('/').sockets.has(firstId));
    const missed = await call<Order>('PATCH', `/orders/${placed.body.id}/status`, {
      status: 'PREPARING',
    });
    assert.equal(missed.status, 200);
    const reconnected = nextEvent(socket, 'connect');
    socket.connect();
    await reconnected;
    await flush([socket]);

    assert.equal(socket.recovered, true);
    assert.equal(socket.id, firstId, 'the same session');
    assert.deepEqual(
      received.map(([event, payload]) => [event, payload['version']]),
      [['order:status-changed', missed.body.version]],
    );
    assert.equal(syncRequired, 0);
  });

  test('a client that drops before its first broadcast cannot be recovered: it gets sync:required', async () => {
    const socket = await join(['kitchen'], {
      reconnection: true,
      reconnectionDelay: 50,
      reconnectionDelayMax: 50,
    });
    const resync = nextEvent<SyncRequiredEvent>(socket, 'sync:required');
    socket.io.engine.close();
    assert.deepEqual(await resync, { reason: 'not-recovered' });
    assert.equal(socket.recovered, false);
  });

  test('a reconnection that cannot be recovered (the API restarted) gets sync:required', async () => {
    const socket = await join(['kitchen'], {
      reconnection: true,
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
    });
    const port = Number(new URL(api.baseUrl).port);
    const resync = nextEvent<SyncRequiredEvent>(socket, 'sync:required', 15_000);

    await api.close(); // every session the old process held is gone
    api = await startTestServer({ port });

    assert.deepEqual(await resync, { reason: 'not-recovered' });
    assert.equal(socket.recovered, false);
    assert.ok(socket.connected);
  });
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

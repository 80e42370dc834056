// Three API nodes on one Redis (socket.io's Redis Streams adapter): an order change made on any
// node reaches every client of every node once, in version order; a Redis restart costs a resync,
// not a node; background jobs have one owner at a time.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import { ORDER_EVENT_NAMES, type Order, type OrderStatus, type SyncRequiredEvent } from '@maestro/contracts';
import type { Redis } from 'ioredis';
import type { Socket } from 'socket.io-client';
import type { RateLimitConfig } from '../src/config';
import { createRedisClient } from '../src/limits/redis-client';
import { createLogger } from '../src/logger';
import { assertEmulatorsRunning, closeTestFirebase } from './support/firebase-test-env';
import { cleanUpOrders, createDish, orderBody, postOrder } from './support/orders-fixtures';
import { skipWithoutRedis, startRedis, type TestRedis } from './support/redis';
import { connected, nextEvent, openSocket } from './support/sockets';
import { request, startTestServer, type TestServer } from './support/test-server';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

// One member drives the whole test: keep the limits out of the way.
const GENEROUS: Partial<RateLimitConfig> = {
  memberWrites: { points: 100_000, durationSeconds: 60 },
  memberReads: { points: 100_000, durationSeconds: 60 },
  socketJoins: { points: 100_000, durationSeconds: 60 },
  socketsPerMember: 100_000,
  publicPerIp: { points: 100_000, durationSeconds: 60 },
};

interface Seen {
  event: string;
  orderId: string;
  version: number;
}

const orderIdOf = (payload: Record<string, unknown>): string =>
  (payload['orderId'] as string | undefined) ?? (payload['order'] as Order).id;

/** Every order event a socket receives, in arrival order. */
function record(socket: Socket): Seen[] {
  const seen: Seen[] = [];
  socket.onAny((event: string, payload: Record<string, unknown>) => {
    if (!(ORDER_EVENT_NAMES as readonly string[]).includes(event)) return;
    seen.push({ event, orderId: orderIdOf(payload), version: payload['version'] as number });
  });
  return seen;
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('three API nodes on one Redis', { skip: skipWithoutRedis() }, () => {
  let redis: TestRedis;
  const commandClients: Redis[] = [];
  const nodes: TestServer[] = [];
  const sockets: Socket[] = [];
  let user: TestUser;
  let dish: string;

  const node = async () => {
    const commands = createRedisClient(redis.url, createLogger('silent'));
    commandClients.push(commands);
    if (commands.status !== 'ready') await once(commands, 'ready');
    const api = await startTestServer({ limits: { redis: commands, rateLimits: GENEROUS }, redisUrl: redis.url });
    nodes.push(api);
    return api;
  };
  const join = async (api: TestServer, rooms: string[]) => {
    const socket = openSocket(api.baseUrl, { auth: { token: user.idToken } });
    sockets.push(socket);
    await connected(socket);
    const ack = (await socket.timeout(10_000).emitWithAck('join', { rooms })) as { ok: boolean };
    assert.equal(ack.ok, true);
    return socket;
  };
  const move = async (api: TestServer, orderId: string, status: OrderStatus) => {
    const response = await request<Order>(`${api.baseUrl}/api/orders/${orderId}/status`, {
      method: 'PATCH',
      token: user.idToken,
      body: JSON.stringify({ status }),
    });
    assert.equal(response.status, 200, `${status} on ${api.baseUrl}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  /** Places an order on `placeOn`, then moves it to SERVED, each move on the next node. */
  const serveOrder = async (placeOn: number) => {
    const placed = await postOrder(nodes[placeOn % 3]!.baseUrl, user.idToken, orderBody(dish));
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    const steps: OrderStatus[] = ['PREPARING', 'READY', 'SERVED'];
    let last = placed.body as Order;
    for (const [i, status] of steps.entries()) last = await move(nodes[(placeOn + i + 1) % 3]!, placed.body.id, status);
    return last;
  };

  before(async () => {
    await assertEmulatorsRunning();
    redis = await startRedis({ appendonly: true });
    for (let i = 0; i < 3; i++) await node();
    user = await createTestUser('cluster');
    dish = await createDish('cluster-dish', { stock: 100_000 });
  });

  after(async () => {
    for (const socket of sockets) socket.disconnect();
    await cleanUpOrders([user.uid]);
    for (const api of nodes) await api.close();
    for (const client of commandClients) client.disconnect();
    await redis.stop();
    await deleteTestUsers();
    await closeTestFirebase();
  });

  test('300 clients over three nodes: every event exactly once, in version order, whichever node made it', async (t) => {
    const clients: { socket: Socket; seen: Seen[] }[] = [];
    for (let i = 0; i < 300; i++) {
      // Some screens are in both rooms: one emit to both must still arrive once.
      const socket = await join(nodes[i % 3]!, i % 2 === 0 ? ['orders'] : ['kitchen', 'orders']);
      clients.push({ socket, seen: record(socket) });
    }
    const served: Order[] = [];
    const started = Date.now();
    for (let i = 0; i < 6; i++) served.push(await serveOrder(i));

    // Each order's events: its versions 1..final, each once, in order, on every client.
    const expected = new Map(served.map((order) => [order.id, order.version]));
    const total = [...expected.values()].reduce((sum, version) => sum + version, 0);
    await until(() => clients.every((client) => ours(client.seen).length >= total), 15_000, `${total} events on 300 clients`);
    t.diagnostic(`${total} events × 300 clients delivered in ${Date.now() - started} ms (placing and moving included)`);
    await new Promise((resolve) => setTimeout(resolve, 300)); // time for a duplicate to show up

    function ours(seen: Seen[]) {
      return seen.filter((entry) => expected.has(entry.orderId));
    }
    for (const [index, client] of clients.entries()) {
      const mine = ours(client.seen);
      assert.equal(mine.length, total, `client ${index} (node ${index % 3}) got ${mine.length} of ${total}`);
      for (const [orderId, finalVersion] of expected) {
        const versions = mine.filter((entry) => entry.orderId === orderId).map((entry) => entry.version);
        assert.deepEqual(versions, Array.from({ length: finalVersion }, (_, v) => v + 1), `client ${index}, order ${orderId}`);
      }
    }
    for (const client of clients) client.socket.disconnect();
  });

  test('Redis down: a node still answers and still tells its own clients; the lost publish is counted; Redis back: everyone resyncs', async () => {
    const local = await join(nodes[0]!, ['orders']);
    const remote = await join(nodes[1]!, ['orders']);
    const localSeen = record(local);
    const resynced = nextEvent<SyncRequiredEvent>(remote, 'sync:required', 20_000);
    const failures = async () =>
      (await nodes[0]!.server.metrics.registry.getSingleMetric('maestro_cluster_publish_failures_total')?.get())?.values[0]?.value ?? 0;
    const before = await failures();

    await redis.kill();
    const order = await serveOrder(0); // placed and moved on nodes 0, 1, 2, 0: every answer 2xx
    await until(() => localSeen.some((entry) => entry.orderId === order.id && entry.version === order.version), 10_000, "node 0's own client to see the last move");
    assert.ok((await failures()) > before, 'node 0 counted the publishes Redis did not take');

    await redis.restart();
    assert.equal((await resynced).reason, 'cluster-interrupted');
  });

  test('Redis restarts while orders move: no node fails, no request fails, clients are told to resync and events flow again', async () => {
    const clients = await Promise.all(nodes.map((api) => join(api, ['orders'])));
    const resyncs = clients.map((socket) => nextEvent<SyncRequiredEvent>(socket, 'sync:required', 20_000));

    const moving = (async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await serveOrder(i)).version);
      return statuses;
    })();
    await new Promise((resolve) => setTimeout(resolve, 150));
    await redis.restart();
    await moving; // every placement and move answered 2xx (asserted inside)

    for (const resync of resyncs) assert.equal((await resync).reason, 'cluster-interrupted');
    for (const api of nodes) assert.equal((await request(`${api.baseUrl}/api/health`)).status, 200);

    // After the outage an event made on node 0 reaches the clients of nodes 1 and 2 again.
    const seen = clients.map(record);
    const order = await serveOrder(0);
    await until(
      () => seen.every((list) => list.some((entry) => entry.orderId === order.id && entry.version === order.version)),
      15_000,
      'the order served after the restart on every node',
    );
  });
});

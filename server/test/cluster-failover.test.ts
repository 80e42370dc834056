// A node dies (SIGKILL) while orders move, behind a real load balancer (Debian's HAProxy, the
// config `npm run start:cluster` uses): its clients reconnect through HAProxy to the other nodes,
// recover or resync, and every screen then shows what GET /api/orders says.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { ORDER_EVENT_NAMES, type Order, type OrderListResponse, type OrderStatus } from '@maestro/contracts';
import { io, type Socket } from 'socket.io-client';
import { startHaproxy, type RunningHaproxy } from '../../scripts/lib/haproxy.mjs';
import { assertEmulatorsRunning, closeTestFirebase, testFirebase } from './support/firebase-test-env';
import { cleanUpOrders, createDish, orderBody } from './support/orders-fixtures';
import { freePort, skipWithoutRedis, startRedis, type TestRedis } from './support/redis';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { request } from './support/test-server';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

interface Held {
  status: OrderStatus;
  version: number;
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const ORDERS = 8;

describe('a node killed behind HAProxy while orders move', { skip: skipWithoutRedis() }, () => {
  let redis: TestRedis;
  let haproxy: RunningHaproxy;
  const nodes: ServerProcess[] = [];
  const sockets: Socket[] = [];
  let user: TestUser;
  const dishes: string[] = [];

  /** What the board knows of our orders, kept the way the SPA keeps it. */
  const screen = (lb: string) => {
    const board = new Map<string, Held>();
    let resyncs = 0;
    const resync = async (): Promise<void> => {
      resyncs++;
      const page = await request<OrderListResponse>(`${lb}/api/orders?pageSize=100`, { token: user.idToken }).catch(() => null);
      // A node going down answers an HTML error page, or nothing: the SPA tries again.
      if (page?.status !== 200) return void setTimeout(() => void resync(), 200);
      for (const order of page.body.orders) {
        // Events that came in while the list was loading may be newer (the SPA replays them).
        const held = board.get(order.id);
        if (order.createdBy === user.uid && (!held || held.version < order.version)) {
          board.set(order.id, { status: order.status, version: order.version });
        }
      }
    };
    const socket = io(lb, {
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      auth: { token: user.idToken },
    });
    sockets.push(socket);
    let connects = 0;
    let recoveries = 0;
    socket.on('connect', () => {
      connects++;
      // Reconnected with the events it missed (socket.io's connection state recovery): no resync.
      if (socket.recovered) return void recoveries++;
      socket.emit('join', { rooms: ['orders'] }, () => void resync());
    });
    socket.on('sync:required', () => void resync());
    let lastError = '';
    socket.on('connect_error', (error: Error & { data?: unknown }) => {
      lastError = `${error.message} ${JSON.stringify(error.data ?? null)}`;
    });
    socket.onAny((event: string, payload: Record<string, unknown>) => {
      if (!(ORDER_EVENT_NAMES as readonly string[]).includes(event)) return;
      const order = payload['order'] as Order | undefined;
      const id = (payload['orderId'] as string | undefined) ?? order?.id;
      if (!id || (order && order.createdBy !== user.uid)) return;
      const held = board.get(id);
      const version = payload['version'] as number;
      if (held && held.version >= version) return; // stale or repeated
      const status = (payload['newStatus'] as OrderStatus | undefined) ?? order?.status ?? held?.status;
      if (status) board.set(id, { status, version });
    });
    return { socket, board, resyncs: () => resyncs, connects: () => connects, recoveries: () => recoveries, lastError: () => lastError };
  };

  /**
   * A client that retries through the balancer as a browser would: 5xx while a node dies (12 s),
   * and "in progress" while the placement the dead node left is recovered, until the order is
   * FAILED. That takes a lease and a sweep, or, when the node died inside a transaction on the
   * saga's records, until Firestore expires that transaction and frees them (60 s, as in
   * production): 80 s at most. (`npm test` gives this file 4 minutes for it.)
   */
  const call = async <T>(method: string, path: string, body?: unknown, key?: string) => {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      const response = await request<T>(`${haproxy.url}/api${path}`, {
        method,
        token: user.idToken,
        headers: key ? { 'Idempotency-Key': key } : {},
        body: body === undefined ? undefined : JSON.stringify(body),
      }).catch(() => ({ status: 0, body: undefined as T, headers: new Headers() }));
      const text = JSON.stringify(response.body);
      const inProgress = response.status === 409 && text.includes('request_in_progress') && !text.includes('"currentStatus":"FAILED"');
      const unreachable = response.status === 0 || response.status >= 502;
      if ((unreachable && attempt < 60) || (inProgress && Date.now() - started < 80_000)) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      return response;
    }
  };
  /** What the nodes logged as errors: a 500 says why only there. */
  const serverErrors = () =>
    nodes
      .flatMap((node, i) =>
        node.logs
          .filter((entry) => Number(entry['level']) >= 50 || Number((entry['res'] as { statusCode?: number } | undefined)?.statusCode) >= 500 || 'err' in entry)
          .map((entry) => `api-${i + 1}: ${JSON.stringify(entry).slice(0, 2000)}`),
      )
      .join('\n');
  /** An order's saga record and what the nodes logged about it: why a placement stays in progress. */
  const storyOf = async (orderId: string | undefined) => {
    if (!orderId) return '';
    const saga = (await testFirebase().firestore.collection('sagas').doc(orderId).get()).data();
    const logged = nodes.flatMap((node, i) =>
      node.logs.filter((entry) => JSON.stringify(entry).includes(orderId) || /sweep|lease|recover/i.test(String(entry['msg']))).map((entry) => `api-${i + 1}: ${JSON.stringify(entry).slice(0, 600)}`),
    );
    return `\nsaga now (${new Date().toISOString()}): ${JSON.stringify(saga)}\n${logged.slice(-40).join('\n')}`;
  };
  /**
   * Places an order and takes it to SERVED; false when the kill interrupted its placement. The
   * node that recovers such a placement fails the order as `interrupted` (or, while it is still
   * undoing its steps, the replay answers "in progress" with the order FAILED): it stays FAILED on
   * every screen, and the member goes on with the next order.
   *
   * Each order has a dish of its own: a node killed inside a stock transaction leaves that dish's
   * stock locked until Firestore expires the dead transaction (60 s, as in production), so the
   * interrupted order's undo, and any order of that dish, waits for it (README, Limits).
   */
  const serveOrder = async (dish: string): Promise<boolean> => {
    const placed = await call<Order>('POST', '/orders', orderBody(dish), randomUUID());
    const refusal = JSON.stringify(placed.body);
    if (refusal.includes('"interrupted"') || (refusal.includes('request_in_progress') && refusal.includes('"currentStatus":"FAILED"'))) return false;
    if (placed.status !== 201) {
      const orderId = (placed.body as { error?: { orderId?: string } } | undefined)?.error?.orderId;
      assert.fail(`${placed.status} ${refusal}${await storyOf(orderId)}`);
    }
    for (const status of ['PREPARING', 'READY', 'SERVED'] as const) {
      const moved = await call<Order & { error?: { currentStatus?: string } }>('PATCH', `/orders/${placed.body.id}/status`, { status });
      // A retried move the dead node had already made answers 409 with the order already there.
      const there = moved.status === 409 && moved.body.error?.currentStatus === status;
      assert.ok(moved.status === 200 || there, `${status}: ${moved.status} ${JSON.stringify(moved.body)}${moved.status >= 500 ? `\n${serverErrors()}` : ''}`);
    }
    return true;
  };

  before(async () => {
    await assertEmulatorsRunning();
    redis = await startRedis();
    for (let i = 0; i < 3; i++) {
      nodes.push(
        await startServerProcess({
          MAESTRO_REDIS_URL: redis.url,
          MAESTRO_TRUST_PROXY_HOPS: '1',
          MAESTRO_RATE_LIMIT_WRITES_PER_MINUTE: '100000',
          MAESTRO_RATE_LIMIT_READS_PER_MINUTE: '100000',
          MAESTRO_HEALTH_CACHE_MS: '200',
          // A saga the killed node owned is taken over after this (30 s in production).
          MAESTRO_SAGA_LEASE_MS: '2000',
          MAESTRO_SAGA_STEP_TIMEOUT_MS: '1000',
          // 30 screens of one member: the limit is not what this test is about.
          MAESTRO_RATE_LIMIT_SOCKETS_PER_MEMBER: '1000',
        }),
      );
    }
    haproxy = await startHaproxy({
      port: await freePort(),
      statsPort: await freePort(),
      nodes: nodes.map((node, i) => ({ name: `api-${i + 1}`, port: Number(new URL(node.url).port) })),
    });
    user = await createTestUser('cluster-failover');
    for (let i = 0; i < ORDERS; i++) dishes.push(await createDish('failover-dish', { stock: 100 }));
  });

  after(async () => {
    for (const socket of sockets) socket.disconnect();
    await haproxy?.close();
    for (const node of nodes) node.killAll();
    await cleanUpOrders([user.uid]);
    await redis.stop();
    await deleteTestUsers();
    await closeTestFirebase();
  });

  test('the dead node\'s clients come back through HAProxy and every screen equals GET /api/orders', async (t) => {
    const screens = Array.from({ length: 30 }, () => screen(haproxy.url));
    await until(() => screens.every((s) => s.socket.connected && s.resyncs() > 0), 15_000, '30 screens connected');

    let served = 0;
    const moving = (async () => {
      for (const dish of dishes) if (await serveOrder(dish)) served++;
    })();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const killedAt = Date.now();
    nodes[1]!.killAll();
    await moving;
    await until(async () => (await haproxy.serverStates())['api-2'] === 'DOWN', 10_000, 'HAProxy to take the dead node out');
    t.diagnostic(`HAProxy marked the killed node DOWN within ${Date.now() - killedAt} ms of the kill`);

    const truth = await call<OrderListResponse>('GET', '/orders?pageSize=100');
    const expected = new Map(
      truth.body.orders.filter((order) => order.createdBy === user.uid).map((order) => [order.id, { status: order.status, version: order.version }]),
    );
    // One node died with at most one placement in flight: at most one order failed for it.
    assert.ok(served >= ORDERS - 1, `${served} of ${ORDERS} orders served`);
    assert.equal([...expected.values()].filter((held) => held.status === 'SERVED').length, served);
    assert.deepEqual(
      [...expected.values()].filter((held) => held.status !== 'SERVED').map((held) => held.status),
      Array(ORDERS - served).fill('FAILED'),
      'an order is neither served nor failed by the kill',
    );
    await until(
      () => screens.every((s) => s.socket.connected && [...expected].every(([id, held]) => s.board.get(id)?.version === held.version)),
      15_000,
      'every screen to catch up',
    ).catch(() => undefined); // the comparison below says which screen is behind, and how
    for (const [index, s] of screens.entries()) {
      assert.deepEqual(
        new Map([...s.board].filter(([id]) => expected.has(id))),
        expected,
        `screen ${index} (connected: ${s.socket.connected}, recovered: ${s.socket.recovered}, resyncs: ${s.resyncs()}, last connect error: ${s.lastError() || 'none'})`,
      );
    }
    const reconnected = screens.filter((s) => s.connects() > 1).length;
    const resynced = screens.filter((s) => s.resyncs() > 1).length;
    const recovered = screens.filter((s) => s.recoveries() > 0).length;
    t.diagnostic(`${reconnected} of 30 screens reconnected after the kill (${resynced} resynced, ${recovered} recovered the events they missed); all 30 match GET /api/orders`);
    assert.ok(reconnected > 0, 'the killed node had clients, and they came back');
  });
});

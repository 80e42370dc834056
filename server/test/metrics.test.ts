import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Socket } from 'socket.io-client';
import type { JoinAck } from '@maestro/contracts';
import { createApp, type MaestroServer } from '../src/app';
import { createLogger } from '../src/logger';
import { createMetrics } from '../src/metrics/metrics';
import { assertEmulatorsRunning, testFirebase } from './support/firebase-test-env';
import { cleanUpOrders, createDish, orderBody, postOrder } from './support/orders-fixtures';
import { connected, openSocket } from './support/sockets';
import { request, SPA_ORIGIN } from './support/test-server';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

// GET /metrics (prom-client) on the internal listener: the right series with the right labels
// and values after a 404, an order placed, a socket and a refused join; never on the public
// port; and route labels that do not grow with the URLs people send.

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The exposition text, one sample per series line. */
function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[key!] = value!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The value of the one series `name{labels}` (labels compared exactly), or undefined. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}) {
  const found = samples.filter(
    (sample) =>
      sample.name === name &&
      Object.keys(sample.labels).length === Object.keys(labels).length &&
      Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
  assert.ok(found.length <= 1, `${name} ${JSON.stringify(labels)} is more than one series`);
  return found[0]?.value;
}

describe('Prometheus metrics', () => {
  let server: MaestroServer;
  let baseUrl: string;
  let metricsUrl: string;
  let member: TestUser;
  const sockets: Socket[] = [];

  const scrape = async () => {
    const response = await fetch(`${metricsUrl}/metrics`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    return { text, samples: parse(text) };
  };

  before(async () => {
    await assertEmulatorsRunning();
    const firebase = testFirebase();
    server = createApp({
      config: {
        port: 0,
        host: '127.0.0.1',
        spaOrigins: [SPA_ORIGIN],
        metrics: { port: 0, host: '127.0.0.1' },
      },
      logger: createLogger('silent'),
      auth: firebase.auth,
      firestore: firebase.firestore,
      sagaRecovery: false,
      // One join a minute per member: the second is refused, and counted.
      rateLimits: { socketJoins: { points: 1, durationSeconds: 60 } },
    });
    baseUrl = await server.listen();
    metricsUrl = server.metricsUrl()!;
    member = await createTestUser('metrics');
  });

  after(async () => {
    for (const socket of sockets) socket.disconnect();
    await server?.close();
    await cleanUpOrders(member ? [member.uid] : []);
    await deleteTestUsers();
  });

  test('metrics have their own listener: the public API answers 404 on /metrics', async () => {
    assert.notEqual(new URL(metricsUrl).port, new URL(baseUrl).port);
    for (const path of ['/metrics', '/api/metrics']) {
      const response = await fetch(`${baseUrl}${path}`, {
        headers: { Authorization: `Bearer ${member.idToken}` },
      });
      assert.equal(response.status, 404, path);
      assert.doesNotMatch(await response.text(), /maestro_/);
    }
    // The metrics listener serves /metrics and nothing else.
    assert.equal((await fetch(`${metricsUrl}/api/orders`)).status, 404);
    assert.equal((await fetch(`${metricsUrl}/metrics`, { method: 'POST' })).status, 404);
  });

  test('a 404 of GET /api/orders/:id is counted under the route pattern, not the URL', async () => {
    const id = `missing-${randomUUID()}`;
    const response = await request(`${baseUrl}/api/orders/${id}`, { token: member.idToken });
    assert.equal(response.status, 404);
    const { text, samples } = await scrape();
    assert.match(
      text,
      /^maestro_http_request_duration_seconds_count\{method="GET",route="\/api\/orders\/:id",status="404"\} 1$/m,
    );
    assert.equal(
      valueOf(samples, 'maestro_http_request_duration_seconds_bucket', {
        le: '+Inf',
        method: 'GET',
        route: '/api/orders/:id',
        status: '404',
      }),
      1,
    );
    assert.ok(!text.includes(id), 'the raw id is no label');
  });

  test('an order placed: its request, its events and its saga steps', async () => {
    const dish = await createDish('metrics', { stock: 5 });
    const placed = await postOrder(baseUrl, member.idToken, orderBody(dish));
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    assert.equal(placed.body.status, 'CONFIRMED');
    // Two of a dish with one left: the stock step refuses, the payment is refunded.
    const scarce = await createDish('metrics-scarce', { stock: 1 });
    const refused = await postOrder(
      baseUrl,
      member.idToken,
      orderBody(scarce, { items: [{ menuItemId: scarce, quantity: 2 }] }),
    );
    assert.equal(refused.body.error?.code, 'out_of_stock', JSON.stringify(refused.body));

    const { samples } = await scrape();
    const count = (labels: Record<string, string>) =>
      valueOf(samples, 'maestro_http_request_duration_seconds_count', labels);
    assert.equal(count({ method: 'POST', route: '/api/orders', status: '201' }), 1);
    assert.equal(
      count({ method: 'POST', route: '/api/orders', status: String(refused.status) }),
      1,
    );
    const emitted = (event: string) =>
      valueOf(samples, 'maestro_order_events_emitted_total', { event });
    assert.equal(emitted('order:created'), 2);
    // CONFIRMED for the first, FAILED for the second.
    assert.equal(emitted('order:status-changed'), 2);
    const steps = (step: string, outcome: string) =>
      valueOf(samples, 'maestro_saga_steps_total', { step, outcome });
    assert.equal(steps('payment', 'completed'), 2);
    assert.equal(steps('inventory', 'completed'), 1);
    assert.equal(steps('inventory', 'refused'), 1);
    assert.equal(steps('payment', 'compensated'), 1);
    assert.equal(steps('delivery', 'completed'), undefined, 'a takeaway has no delivery step');
  });

  test('open sockets and refused joins', async () => {
    const socket = openSocket(baseUrl, { auth: { token: member.idToken } });
    sockets.push(socket);
    await connected(socket);
    const join = (): Promise<JoinAck> =>
      socket.timeout(5000).emitWithAck('join', { rooms: ['orders'] }) as Promise<JoinAck>;
    assert.equal((await join()).ok, true);
    const second = await join();
    assert.equal(second.ok, false);

    let { samples } = await scrape();
    assert.equal(valueOf(samples, 'maestro_sockets_open'), 1);
    assert.equal(
      valueOf(samples, 'maestro_rate_limit_refusals_total', { limit: 'socketJoins' }),
      1,
    );

    socket.disconnect();
    const deadline = Date.now() + 5000;
    do {
      await new Promise((resolve) => setTimeout(resolve, 50));
      ({ samples } = await scrape());
    } while (valueOf(samples, 'maestro_sockets_open') !== 0 && Date.now() < deadline);
    assert.equal(valueOf(samples, 'maestro_sockets_open'), 0);
  });

  test('route labels do not grow with random URLs', async () => {
    const seriesOf = (samples: Sample[]) =>
      new Set(
        samples
          .filter((sample) => sample.name === 'maestro_http_request_duration_seconds_count')
          .map((sample) => JSON.stringify(sample.labels)),
      );
    // Warm-up: one of each kind, so every series the loop can produce exists already.
    const kinds = (noise: string) => [
      request(`${baseUrl}/api/orders/${noise}`, { token: member.idToken }),
      request(`${baseUrl}/api/${noise}/${noise}`, { token: member.idToken }),
      fetch(`${baseUrl}/${noise}?q=${noise}`),
      fetch(`${baseUrl}/api/orders/${noise}`, { method: 'PURGE' }).catch(() => null),
    ];
    await Promise.all(kinds(`warm-${randomUUID()}`));
    const before = seriesOf((await scrape()).samples);

    const noise = Array.from({ length: 20 }, () => `n${randomUUID().slice(0, 8)}`);
    for (const value of noise) await Promise.all(kinds(value));
    const { text, samples } = await scrape();
    assert.deepEqual([...seriesOf(samples)].sort(), [...before].sort());
    for (const value of noise) assert.ok(!text.includes(value), `${value} leaked into a label`);
    assert.ok(
      valueOf(samples, 'maestro_http_request_duration_seconds_count', {
        method: 'GET',
        route: 'unmatched',
        status: '404',
      })! >= 40,
    );
  });

  test('default process metrics are exposed', async () => {
    const { samples } = await scrape();
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_heap_size_used_bytes',
    ])
      assert.ok(
        samples.some((sample) => sample.name === name),
        `${name} is missing`,
      );
  });
});

describe('metrics hooks', () => {
  test('a failed emit is counted apart from the emitted ones, by event', async () => {
    const metrics = createMetrics({ processMetrics: false });
    let fail = false;
    const broadcaster = metrics.countEmits({
      broadcast: () => !fail,
      publish: () => !fail,
    });
    broadcaster.publish('order:deleted', { orderId: 'o1', version: 2 });
    fail = true;
    broadcaster.publish('order:deleted', { orderId: 'o2', version: 2 });
    broadcaster.broadcast('order:updated', {});
    const samples = parse(await metrics.registry.metrics());
    assert.equal(
      valueOf(samples, 'maestro_order_events_emitted_total', { event: 'order:deleted' }),
      1,
    );
    assert.equal(
      valueOf(samples, 'maestro_order_event_emit_failures_total', { event: 'order:deleted' }),
      1,
    );
    assert.equal(
      valueOf(samples, 'maestro_order_event_emit_failures_total', { event: 'order:updated' }),
      1,
    );
    assert.ok(
      !samples.some((sample) => sample.name.startsWith('process_')),
      'no process metrics when nobody scrapes them',
    );
  });

  test('two apps in one process keep separate registries', () => {
    const a = createMetrics({ processMetrics: true });
    const b = createMetrics({ processMetrics: true });
    a.rateLimitRefused('memberWrites');
    assert.notEqual(a.registry, b.registry);
  });
});

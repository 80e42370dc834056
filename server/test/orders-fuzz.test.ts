import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ORDER_STATUSES } from '@maestro/contracts';
import { assertEmulatorsRunning, closeTestFirebase } from './support/firebase-test-env';
import { cleanUpOrders, createDish, postOrder } from './support/orders-fixtures';
import { startTestServer, type TestServer } from './support/test-server';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

// Random bodies, paths, queries and headers across every order route: whatever a client sends,
// the API answers 2xx or 4xx, never 5xx. Seeded: rerun a failure with FUZZ_SEED=<seed>.

const REQUESTS = 1200;
const CONCURRENCY = 4;
const SEED = Number(process.env['FUZZ_SEED'] ?? Math.floor(Math.random() * 2 ** 31));

/** mulberry32: small, fast, and the same sequence for the same seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}

const KEYS = [
  'type',
  'table',
  'items',
  'menuItemId',
  'quantity',
  'notes',
  'address',
  'street',
  'city',
  'postalCode',
  'instructions',
  'customerName',
  'status',
  'version',
  '__proto__',
  'constructor',
  '',
];
const WORDS = [
  '',
  ' ',
  'dine-in',
  'takeaway',
  'delivery',
  'drive-in',
  ...ORDER_STATUSES,
  'a/b',
  '..',
  '__x__',
  '%00',
  '\u0000',
  '😀',
  'x'.repeat(300),
  'null',
  '{}',
  '[]',
  '0',
  '-1',
];

/** What HTTP can carry in a header (Latin-1, no control characters). */
const HEADER_VALUES = [
  'k',
  'order-1',
  'has space',
  'x'.repeat(300),
  '%00',
  'caf\u00e9',
  '__x__',
  '"quoted"',
  String(Date.now()),
];

describe('orders API fuzz', () => {
  let api: TestServer;
  let user: TestUser;
  let dishes: string[];
  const orderIds: string[] = [];
  const itemIds: string[] = [];

  before(async () => {
    await assertEmulatorsRunning();
    // One member sending 1,200 requests in seconds is the script the rate limits stop (most would
    // answer 429 under the defaults): lift them here so every request reaches a route.
    api = await startTestServer({
      limits: { rateLimits: { memberWrites: { points: 100_000, durationSeconds: 60 } } },
    });
    user = await createTestUser('orders-fuzz');
    dishes = [
      await createDish('a', { stock: 100_000 }),
      await createDish('b', { stock: 100_000, priceMinor: 300 }),
      await createDish('off', { available: false }),
    ];
    for (let i = 0; i < 5; i++) {
      const placed = await postOrder(api.baseUrl, user.idToken, {
        type: 'takeaway',
        items: [
          { menuItemId: dishes[0], quantity: 1 },
          { menuItemId: dishes[1], quantity: 1 },
        ],
      });
      orderIds.push(placed.body.id);
      itemIds.push(...placed.body.items.map((item) => item.id));
    }
  });
  after(async () => {
    await api.close();
    await cleanUpOrders([user.uid]);
    await deleteTestUsers();
    await closeTestFirebase();
  });

  test(`${REQUESTS} random requests, zero 5xx (seed ${SEED})`, { timeout: 600_000 }, async (t) => {
    const random = prng(SEED);

    const value = (depth: number): unknown => {
      switch (random.int(depth > 2 ? 6 : 9)) {
        case 0:
          return null;
        case 1:
          return random.chance(0.5);
        case 2:
          return random.pick([0, 1, -1, 1.5, 99, 100, 1e308, -0, 2 ** 53 + 1]);
        case 3:
          return random.pick(WORDS);
        case 4:
          return random.pick(dishes);
        case 5:
          return random.pick(orderIds);
        case 6:
          return Array.from({ length: random.int(4) }, () => value(depth + 1));
        default:
          return Object.fromEntries(
            Array.from({ length: random.int(5) }, () => [random.pick(KEYS), value(depth + 1)]),
          );
      }
    };
    const line = () => ({ menuItemId: random.pick(dishes), quantity: 1 + random.int(3) });
    const validOrder = (): Record<string, unknown> =>
      random.pick([
        { type: 'takeaway', items: [line()] },
        { type: 'dine-in', table: '9', items: [line(), line()] },
        {
          type: 'delivery',
          address: { street: 's', city: 'c', postalCode: random.pick(['10115', '00000']) },
          items: [line()],
        },
      ]);
    /** A valid body with one field replaced, dropped or added: reaches past the first check. */
    const mutated = (base: Record<string, unknown>) => {
      const body: Record<string, unknown> = { ...base };
      const key = random.chance(0.7) ? random.pick(Object.keys(body)) : random.pick(KEYS);
      if (random.chance(0.3)) delete body[key];
      else body[key] = value(1);
      return body;
    };
    const body = (valid: () => Record<string, unknown>) =>
      random.chance(0.15) ? valid() : random.chance(0.6) ? mutated(valid()) : value(0);
    const id = () =>
      random.pick([
        random.pick(orderIds),
        random.pick(orderIds),
        encodeURIComponent(String(random.pick(WORDS))) || 'x',
        'nope',
      ]);
    const itemId = () =>
      random.pick([
        random.pick(itemIds),
        'nope',
        encodeURIComponent(String(random.pick(WORDS))) || 'y',
      ]);

    const requests: (() => {
      method: string;
      path: string;
      body?: unknown;
      raw?: string;
      headers?: Record<string, string>;
    })[] = [
      () => ({
        method: 'POST',
        path: '/orders',
        body: body(validOrder),
        headers: random.chance(0.3) ? { 'Idempotency-Key': random.pick(HEADER_VALUES) } : {},
      }),
      () => ({
        method: 'PUT',
        path: `/orders/${id()}`,
        body: body(() => ({ notes: 'n', customerName: 'c' })),
      }),
      () => ({
        method: 'PATCH',
        path: `/orders/${id()}/status`,
        body: body(() => ({ status: random.pick(ORDER_STATUSES) })),
      }),
      () => ({ method: 'POST', path: `/orders/${id()}/items`, body: body(line) }),
      () => ({
        method: 'PUT',
        path: `/orders/${id()}/items/${itemId()}`,
        body: body(() => ({ quantity: 1 + random.int(3) })),
      }),
      () => ({ method: 'DELETE', path: `/orders/${id()}/items/${itemId()}` }),
      () => ({
        method: 'DELETE',
        path: `/orders/${random.chance(0.1) ? random.pick(orderIds) : id()}`,
      }),
      () => ({ method: 'GET', path: `/orders/${id()}` }),
      () => ({
        method: 'GET',
        path: `/orders?${new URLSearchParams(Object.entries({ status: String(value(2)), pageSize: String(value(2)), cursor: String(value(2)) }).filter(() => random.chance(0.5))).toString()}`,
      }),
      () => ({
        method: 'POST',
        path: '/orders',
        raw: random.pick([
          '{',
          '"x"',
          '[1,',
          'null',
          '{"type":"takeaway","items":[{"menuItemId":"a","quantity":1}],}',
          '\u0000',
        ]),
      }),
    ];

    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    const worker = async () => {
      while (sent < REQUESTS) {
        sent++;
        const spec = random.pick(requests)();
        const payload =
          spec.raw ?? (spec.body === undefined ? undefined : JSON.stringify(spec.body));
        const response = await fetch(`${api.baseUrl}/api${spec.path}`, {
          method: spec.method,
          headers: {
            Authorization: `Bearer ${user.idToken}`,
            ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }),
            ...spec.headers,
          },
          body: payload,
        });
        const text = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500)
          failures.push(
            `${response.status} ${spec.method} ${spec.path} ${payload ?? ''} → ${text}`,
          );
        if (response.status === 201 && spec.path === '/orders') {
          const created = JSON.parse(text) as { id: string; items: { id: string }[] };
          orderIds.push(created.id);
          itemIds.push(...created.items.map((item) => item.id));
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    t.diagnostic(
      `seed ${SEED}; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`,
    );
    assert.deepEqual(
      failures,
      [],
      `FUZZ_SEED=${SEED} reproduces these 5xx:\n${failures.slice(0, 10).join('\n')}`,
    );
    assert.ok(sent >= 1000);
  });
});

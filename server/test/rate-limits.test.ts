import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ApiErrorBody, HealthReport, JoinAck } from '@maestro/contracts';
import type { Firestore } from 'firebase-admin/firestore';
import type { Socket } from 'socket.io-client';
import type { RateLimitConfig } from '../src/config';
import {
  assertEmulatorsRunning,
  closeTestFirebase,
  testFirebase,
} from './support/firebase-test-env';
import {
  cleanUpOrders,
  createDish,
  orderBody,
  postOrder,
  stockOf,
} from './support/orders-fixtures';
import { connected, openSocket } from './support/sockets';
import { request, SPA_ORIGIN, startTestServer, type TestServer } from './support/test-server';
import { createTestUser, deleteTestUsers, unsignedIdToken, type TestUser } from './support/test-users';

// Small limits set through the test server: a flood is a handful of requests, and nothing here
// waits for a window to pass. The defaults are exercised by every other server test.
const GENEROUS: RateLimitConfig = {
  memberWrites: { points: 1000, durationSeconds: 60 },
  memberReads: { points: 1000, durationSeconds: 60 },
  publicPerIp: { points: 1000, durationSeconds: 60 },
  authFailuresPerIp: { points: 1000, durationSeconds: 600, blockSeconds: 300 },
  socketJoins: { points: 1000, durationSeconds: 60 },
  socketsPerMember: 1000,
};

const started: TestServer[] = [];
const sockets: Socket[] = [];

async function serverWith(
  limits: Partial<RateLimitConfig>,
  options: { trustProxyHops?: number; firestore?: Firestore; healthCacheMs?: number } = {},
): Promise<TestServer> {
  const api = await startTestServer({
    firestore: options.firestore,
    limits: {
      rateLimits: { ...GENEROUS, ...limits },
      trustProxyHops: options.trustProxyHops,
      healthCacheMs: options.healthCacheMs,
    },
  });
  started.push(api);
  return api;
}

function socketOf(api: TestServer, token: string, headers: Record<string, string> = {}): Socket {
  const socket = openSocket(api.baseUrl, { auth: { token }, extraHeaders: headers });
  sockets.push(socket);
  return socket;
}

/** The connect_error data of a refused handshake. */
async function refusal(socket: Socket): Promise<{ code: string; message: string }> {
  const error = await connected(socket).then(
    () => assert.fail('the handshake went through'),
    (cause: Error & { data?: { code: string; message: string } }) => cause,
  );
  assert.ok(error.data, `refused without data: ${error.message}`);
  return error.data;
}

function assertRateLimited(
  response: { status: number; headers: Headers; body: unknown },
  maxSeconds: number,
): void {
  assert.equal(response.status, 429);
  const retryAfter = Number(response.headers.get('retry-after'));
  assert.ok(
    Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= maxSeconds,
    `Retry-After ${response.headers.get('retry-after')}`,
  );
  const body = response.body as ApiErrorBody;
  assert.equal(body.error.code, 'rate_limited');
  assert.match(body.error.message, /Wait \d+ s/);
}

describe('rate limits', () => {
  let staff: TestUser;
  let other: TestUser;
  let stranger: TestUser;

  before(async () => {
    await assertEmulatorsRunning();
    [staff, other, stranger] = await Promise.all([
      createTestUser('limits-staff'),
      createTestUser('limits-other'),
      createTestUser('limits-stranger', { member: false }),
    ]);
  });
  after(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await Promise.all(started.splice(0).map((api) => api.close()));
    await cleanUpOrders([staff.uid, other.uid]);
    await deleteTestUsers();
    await closeTestFirebase();
  });

  test('a flood of order creations by one member: the first N are placed, the rest 429 with Retry-After and nothing placed; another member is unaffected', async () => {
    const api = await serverWith({ memberWrites: { points: 3, durationSeconds: 60 } });
    const dish = await createDish('limits', { stock: 100 });
    const responses = [];
    for (let i = 0; i < 6; i++)
      responses.push(await postOrder(api.baseUrl, staff.idToken, orderBody(dish)));
    assert.deepEqual(
      responses.map((response) => response.status),
      [201, 201, 201, 429, 429, 429],
    );
    for (const response of responses.slice(3)) assertRateLimited(response, 60);
    assert.match(
      responses[3]!.body.error.message,
      /Too many changes from your account \(at most 3 a minute\)/,
    );
    assert.equal(await stockOf(dish), 97, 'a refused creation takes no stock');

    // Reads are counted apart; another member has a budget of their own.
    const list = await request(`${api.baseUrl}/api/orders`, { token: staff.idToken });
    assert.equal(list.status, 200);
    const theirs = await postOrder(api.baseUrl, other.idToken, orderBody(dish));
    assert.equal(theirs.status, 201);
  });

  test('every write method counts, whatever its outcome; reads have their own limit', async () => {
    const api = await serverWith({
      memberWrites: { points: 4, durationSeconds: 60 },
      memberReads: { points: 2, durationSeconds: 60 },
    });
    const missing = `${api.baseUrl}/api/orders/no-such-order`;
    const writes = [
      await request(missing, { method: 'PUT', token: staff.idToken, body: '{"notes":"x"}' }),
      await request(`${missing}/status`, {
        method: 'PATCH',
        token: staff.idToken,
        body: '{"status":"READY"}',
      }),
      await request(missing, { method: 'DELETE', token: staff.idToken }),
      await request(`${missing}/items`, { method: 'POST', token: staff.idToken, body: '{}' }),
      await request(missing, { method: 'DELETE', token: staff.idToken }),
    ];
    assert.deepEqual(
      writes.map((response) => response.status === 429),
      [false, false, false, false, true],
    );
    const reads = [
      await request(missing, { token: staff.idToken }),
      await request(missing, { token: staff.idToken }),
      await request(missing, { token: staff.idToken }),
    ];
    assert.deepEqual(
      reads.map((response) => response.status),
      [404, 404, 429],
    );
    assertRateLimited(reads[2]!, 60);
    assert.match(
      (reads[2]!.body as ApiErrorBody).error.message,
      /Too many requests from your account/,
    );
  });

  test('the public health route is limited per address; another address (through a trusted proxy) is not', async () => {
    const api = await serverWith(
      { publicPerIp: { points: 3, durationSeconds: 60 } },
      { trustProxyHops: 1 },
    );
    const health = (ip?: string) =>
      request<HealthReport>(`${api.baseUrl}/api/health`, {
        headers: ip ? { 'X-Forwarded-For': ip } : {},
      });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await health()).status);
    assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
    const limited = await health();
    assertRateLimited(limited, 60);
    assert.match((limited.body as unknown as ApiErrorBody).error.message, /from your address/);
    assert.equal((await health('203.0.113.7')).status, 200);
    // The SPA (another origin) can read the wait.
    const fromSpa = await request(`${api.baseUrl}/api/health`, { headers: { Origin: SPA_ORIGIN } });
    assert.equal(fromSpa.status, 429);
    assert.equal(fromSpa.headers.get('access-control-allow-origin'), SPA_ORIGIN);
    assert.match(fromSpa.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
  });

  test('without a trusted proxy, a forged X-Forwarded-For does not buy a new address', async () => {
    const api = await serverWith({ publicPerIp: { points: 2, durationSeconds: 60 } });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const response = await request(`${api.baseUrl}/api/health`, {
        headers: { 'X-Forwarded-For': `198.51.100.${i}` },
      });
      statuses.push(response.status);
    }
    assert.deepEqual(statuses, [200, 200, 429, 429]);
  });

  test('refused sign-ins block their address: a valid token from it is then refused too (no Auth call), other addresses are not', async () => {
    const api = await serverWith(
      { authFailuresPerIp: { points: 3, durationSeconds: 600, blockSeconds: 120 } },
      { trustProxyHops: 1 },
    );
    const attacker = { 'X-Forwarded-For': '192.0.2.66' };
    const me = (token: string | undefined, headers: Record<string, string> = attacker) =>
      request<ApiErrorBody>(`${api.baseUrl}/api/me`, { token, headers });

    // Refusals of every kind count: a forged token, no token, a signed-in non-member.
    const refused = [
      await me('not-a-token'),
      await me(undefined),
      await me(stranger.idToken),
      await me('still-not-a-token'),
    ];
    assert.deepEqual(
      refused.map((response) => response.status),
      [401, 401, 403, 401],
    );
    const blocked = await me(staff.idToken);
    assertRateLimited(blocked, 120);
    assert.ok(
      Number(blocked.headers.get('retry-after')) > 60,
      'blocked for the block time, not a window',
    );
    assert.match(blocked.body.error.message, /Too many refused sign-ins from your address/);
    // Socket handshakes from that address are refused the same way.
    const data = await refusal(socketOf(api, staff.idToken, attacker));
    assert.equal(data.code, 'rate_limited');

    // Everyone else carries on.
    assert.equal((await me(staff.idToken, { 'X-Forwarded-For': '192.0.2.10' })).status, 200);
    assert.ok(
      api.logs.some(
        (line) =>
          line['msg'] === 'address blocked: too many refused sign-ins' &&
          line['ip'] === '192.0.2.66',
      ),
    );
  });

  test('refused socket handshakes count against their address too', async () => {
    const api = await serverWith({
      authFailuresPerIp: { points: 2, durationSeconds: 600, blockSeconds: 120 },
    });
    for (let i = 0; i < 3; i++) {
      const data = await refusal(socketOf(api, `forged-${i}`));
      assert.equal(data.code, 'unauthenticated');
    }
    const blocked = await request<ApiErrorBody>(`${api.baseUrl}/api/me`, { token: staff.idToken });
    assertRateLimited(blocked, 120);
  });

  test("an expired token (Firebase's own, out of date) does not count against its address; a forged one does", async () => {
    const api = await serverWith({
      authFailuresPerIp: { points: 1, durationSeconds: 600, blockSeconds: 120 },
    });
    const now = Math.floor(Date.now() / 1000);
    const expired = unsignedIdToken({ sub: staff.uid, email: staff.email, auth_time: now - 7200, iat: now - 7200, exp: now - 3600 });
    // Every screen of a restaurant after a night asleep, over HTTP and on the socket.
    for (let i = 0; i < 3; i++) {
      const answer = await request<ApiErrorBody>(`${api.baseUrl}/api/me`, { token: expired });
      assert.equal(answer.status, 401);
      assert.equal(answer.body.error.code, 'token_expired');
      assert.equal((await refusal(socketOf(api, expired))).code, 'token_expired');
    }
    assert.equal((await request(`${api.baseUrl}/api/me`, { token: staff.idToken })).status, 200);
    // The limit itself still holds: two forged tokens, and the address is blocked.
    assert.equal((await refusal(socketOf(api, 'forged-1'))).code, 'unauthenticated');
    assert.equal((await refusal(socketOf(api, 'forged-2'))).code, 'unauthenticated');
    assertRateLimited(await request<ApiErrorBody>(`${api.baseUrl}/api/me`, { token: staff.idToken }), 120);
  });

  test('socket handshakes count as public requests of their address', async () => {
    const api = await serverWith({ publicPerIp: { points: 2, durationSeconds: 60 } });
    await connected(socketOf(api, staff.idToken));
    await connected(socketOf(api, staff.idToken));
    const data = await refusal(socketOf(api, staff.idToken));
    assert.equal(data.code, 'rate_limited');
    assert.match(data.message, /from your address/);
  });

  test('a join flood: past the limit a join is answered { ok: false, rate_limited } and not made; another member joins', async () => {
    const api = await serverWith({ socketJoins: { points: 3, durationSeconds: 60 } });
    const socket = await connected(socketOf(api, staff.idToken));
    const acks: JoinAck[] = [];
    for (let i = 0; i < 5; i++)
      acks.push(
        (await socket.timeout(5000).emitWithAck('join', { rooms: ['kitchen'] })) as JoinAck,
      );
    assert.deepEqual(
      acks.map((ack) => ack.ok),
      [true, true, true, false, false],
    );
    const last = acks[4]!;
    assert.ok(!last.ok);
    assert.equal(last.error.code, 'rate_limited');
    assert.match(
      last.error.message,
      /Too many room joins from your account \(at most 3 a minute\)/,
    );
    assert.ok(socket.connected, 'the socket stays open');

    const theirs = await connected(socketOf(api, other.idToken));
    const ack = (await theirs.timeout(5000).emitWithAck('join', { rooms: ['orders'] })) as JoinAck;
    assert.equal(ack.ok, true);
  });

  test('too many sockets for one member: the handshake is refused with rate_limited; closing one makes room', async () => {
    const api = await serverWith({ socketsPerMember: 2 });
    const first = await connected(socketOf(api, staff.idToken));
    await connected(socketOf(api, staff.idToken));
    const data = await refusal(socketOf(api, staff.idToken));
    assert.equal(data.code, 'rate_limited');
    assert.match(data.message, /2 live connections open already/);
    // Another member is not affected.
    await connected(socketOf(api, other.idToken));

    first.disconnect();
    // The server sees the disconnect on its own time: wait for it, then there is room again.
    while (api.server.io.sockets.sockets.size > 2)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await connected(socketOf(api, staff.idToken));
    // A refused handshake held no place: still exactly two of the member's sockets fit.
    assert.equal((await refusal(socketOf(api, staff.idToken))).code, 'rate_limited');
  });

  test('health probes share one Firestore read for the cache time', async () => {
    const real = testFirebase().firestore;
    let reads = 0;
    const counting = new Proxy(real, {
      get: (target, property, receiver) =>
        property === 'doc'
          ? (path: string) => {
              const ref = target.doc(path);
              if (path !== '_maestro/health') return ref;
              return new Proxy(ref, {
                get: (refTarget, refProperty, refReceiver) =>
                  refProperty === 'get'
                    ? () => {
                        reads++;
                        return refTarget.get();
                      }
                    : Reflect.get(refTarget, refProperty, refReceiver),
              });
            }
          : Reflect.get(target, property, receiver),
    }) as Firestore;

    // Without the cache (before): every probe reads.
    const uncached = await serverWith({}, { firestore: counting, healthCacheMs: 0 });
    for (let i = 0; i < 10; i++)
      assert.equal((await request(`${uncached.baseUrl}/api/health`)).status, 200);
    assert.equal(reads, 10);

    // With it: 50 probes, 25 of them at once, one read.
    reads = 0;
    const cached = await serverWith({}, { firestore: counting, healthCacheMs: 60_000 });
    const concurrent = await Promise.all(
      Array.from({ length: 25 }, () => request<HealthReport>(`${cached.baseUrl}/api/health`)),
    );
    for (let i = 0; i < 25; i++)
      assert.equal((await request(`${cached.baseUrl}/api/health`)).status, 200);
    assert.ok(
      concurrent.every((response) => response.status === 200 && response.body.checks.firestore.ok),
    );
    assert.equal(reads, 1);
  });
});

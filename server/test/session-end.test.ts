// A socket, a cached token and a Firestore session end when the member's session ends: at token
// expiry (unless the client hands over a fresh token in time), and when an admin disables or
// demotes the member, on every API node.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  SESSION_ENDED_EVENT,
  SESSION_REFRESH_MESSAGE,
  SESSION_REFRESH_REQUIRED_EVENT,
  type OrderCreatedEvent,
  type SessionEnded,
  type SessionRefreshAck,
  type SessionRefreshRequired,
} from '@maestro/contracts';
import type { Socket } from 'socket.io-client';
import { assertEmulatorsRunning, closeTestFirebase, testFirebase } from './support/firebase-test-env';
import { cleanUpOrders, createDish, docData, orderBody, postOrder } from './support/orders-fixtures';
import { connected, nextEvent, openSocket } from './support/sockets';
import { request, startTestServer, type TestServer } from './support/test-server';
import {
  createTestUser,
  deleteTestUsers,
  jwtClaims,
  signIn,
  unsignedIdToken,
  type TestUser,
} from './support/test-users';

/** The member's own token, re-minted to run out in `seconds` (the emulator accepts unsigned tokens). */
function shortLived(user: TestUser, seconds: number, role = 'staff'): string {
  const claims = jwtClaims(user.idToken);
  const now = Math.floor(Date.now() / 1000);
  return unsignedIdToken({ ...claims, sub: user.uid, role, iat: now, exp: now + seconds });
}

/** Revocations are whole seconds: a sign-in must come in a later second to count. */
const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));

const disconnected = (socket: Socket, timeoutMs = 5000) => nextEvent<string>(socket, 'disconnect', timeoutMs);

describe('socket sessions end with the session', () => {
  let nodeA: TestServer;
  let nodeB: TestServer;
  let admin: TestUser;
  let dish: string;
  const sockets: Socket[] = [];
  const members: TestUser[] = [];

  const open = async (node: TestServer, token: string) => {
    const socket = openSocket(node.baseUrl, { auth: { token } });
    sockets.push(socket);
    await connected(socket);
    await socket.timeout(5000).emitWithAck('join', { rooms: ['orders'] });
    return socket;
  };
  const member = async (label: string, options: { admin?: boolean } = {}) => {
    const user = await createTestUser(label, options);
    members.push(user);
    return user;
  };
  const patchMember = (uid: string, change: object) =>
    request(`${nodeA.baseUrl}/api/admin/users/${uid}`, {
      method: 'PATCH',
      token: admin.idToken,
      body: JSON.stringify(change),
    });

  before(async () => {
    await assertEmulatorsRunning();
    // Two nodes on one Firestore, as behind a load balancer; sockets are asked to refresh 2 s early.
    const sessions = { socketSessions: { refreshLeadMs: 2000 } };
    nodeA = await startTestServer({ sessions });
    nodeB = await startTestServer({ sessions });
    admin = await member('session-admin', { admin: true });
    dish = await createDish('session-dish');
  });

  after(async () => {
    for (const socket of sockets) socket.disconnect();
    await cleanUpOrders(members.map((user) => user.uid));
    await nodeA.close();
    await nodeB.close();
    await deleteTestUsers();
    await closeTestFirebase();
  });

  test('a socket given a fresh token in time stays open and misses no event', async () => {
    const user = await member('session-refresh');
    const socket = await open(nodeA, shortLived(user, 4));

    const asked = await nextEvent<SessionRefreshRequired>(socket, SESSION_REFRESH_REQUIRED_EVENT, 4000);
    assert.ok(Date.parse(asked.expiresAt) > Date.now(), 'asked before the token runs out');
    const ack = (await socket.timeout(5000).emitWithAck(SESSION_REFRESH_MESSAGE, {
      token: shortLived(user, 120),
    })) as SessionRefreshAck;
    assert.equal(ack.ok, true);

    // Past the first token's expiry: still connected, still in its room.
    const ended = nextEvent(socket, SESSION_ENDED_EVENT, 3500).then(() => 'ended', () => 'open');
    assert.equal(await ended, 'open');
    assert.equal(socket.connected, true);
    const created = nextEvent<OrderCreatedEvent>(socket, 'order:created');
    const placed = await postOrder(nodeA.baseUrl, user.idToken, orderBody(dish));
    assert.equal(placed.status, 201);
    assert.equal((await created).order.id, placed.body.id);
  });

  test('a socket that is not given a fresh token is told why and closed when the token runs out', async () => {
    const user = await member('session-expiry');
    const socket = await open(nodeA, shortLived(user, 3));
    const closed = disconnected(socket, 6000);
    const why = await nextEvent<SessionEnded>(socket, SESSION_ENDED_EVENT, 6000);
    assert.equal(why.code, 'token_expired');
    assert.match(why.message, /fresh/);
    assert.equal(await closed, 'io server disconnect');
  });

  test('a refresh with another account\'s token or an oversized one is refused and changes nothing; a refused token closes', async () => {
    const user = await member('session-swap');
    const other = await member('session-other');
    const socket = await open(nodeA, user.idToken);
    const swapped = (await socket.timeout(5000).emitWithAck(SESSION_REFRESH_MESSAGE, {
      token: other.idToken,
    })) as SessionRefreshAck;
    assert.deepEqual(swapped.ok ? null : swapped.error.code, 'forbidden');
    const empty = (await socket.timeout(5000).emitWithAck(SESSION_REFRESH_MESSAGE, { token: 'x'.repeat(9000) })) as SessionRefreshAck;
    assert.deepEqual(empty.ok ? null : empty.error.code, 'validation_failed');
    assert.equal(socket.connected, true);
    // A token Auth refuses ends the session: a socket cannot keep its old one by sending junk.
    const closed = disconnected(socket);
    const forged = (await socket.timeout(5000).emitWithAck(SESSION_REFRESH_MESSAGE, { token: 'not-a-jwt' })) as SessionRefreshAck;
    assert.deepEqual(forged.ok ? null : forged.error.code, 'unauthenticated');
    assert.equal(await closed, 'io server disconnect');
  });

  test('disabling a member closes their sockets on every node, refuses their cached token and revokes refresh', async (t) => {
    const host = process.env['FIREBASE_AUTH_EMULATOR_HOST'];
    const user = await member('session-disabled');
    const signInAnswer = (await (
      await fetch(`http://${host}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=fake-api-key`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: user.email, password: user.password, returnSecureToken: true }),
      })
    ).json()) as { idToken: string; refreshToken: string };
    const token = signInAnswer.idToken;
    const onA = await open(nodeA, token);
    const onB = await open(nodeB, token);
    // Node B has verified (and cached) the token: the cache must not keep the member in.
    assert.equal((await request(`${nodeB.baseUrl}/api/me`, { token })).status, 200);

    const endedA = nextEvent<SessionEnded>(onA, SESSION_ENDED_EVENT);
    const endedB = nextEvent<SessionEnded>(onB, SESSION_ENDED_EVENT);
    const closedB = disconnected(onB);
    const started = Date.now();
    assert.equal((await patchMember(user.uid, { disabled: true })).status, 200);

    assert.equal((await endedA).code, 'session_revoked');
    const fromB = await endedB;
    assert.equal(fromB.code, 'session_revoked');
    assert.match(fromB.message, /disabled/);
    assert.equal(await closedB, 'io server disconnect');
    const took = Date.now() - started;
    t.diagnostic(`both nodes closed the member's sockets ${took} ms after the disable was sent`);
    assert.ok(took < 5000, 'within seconds');

    for (const node of [nodeA, nodeB]) {
      const answer = await request<{ error: { code: string; message: string } }>(`${node.baseUrl}/api/me`, { token });
      assert.equal(answer.status, 401);
      assert.match(answer.body.error.message, /disabled/);
    }
    const marker = await docData(`sessionRevocations/${user.uid}`);
    assert.equal(marker?.['disabled'], true);
    // The refresh token is dead too: no silent renewal.
    const refreshed = await fetch(`http://${host}/securetoken.googleapis.com/v1/token?key=fake-api-key`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `grant_type=refresh_token&refresh_token=${encodeURIComponent(signInAnswer.refreshToken)}`,
    });
    assert.equal(refreshed.status, 400);
    // A handshake with the old token is refused.
    const again = openSocket(nodeB.baseUrl, { auth: { token } });
    sockets.push(again);
    await assert.rejects(connected(again), (error: Error & { data?: { code: string } }) => error.data?.code === 'unauthenticated');

    // Enabled again: a new sign-in works (one after the revocation's second), the old token does not.
    assert.equal((await patchMember(user.uid, { disabled: false })).status, 200);
    await nextSecond();
    const fresh = await signIn(user.email, user.password);
    assert.equal((await request(`${nodeB.baseUrl}/api/me`, { token: fresh })).status, 200);
    assert.equal((await request(`${nodeA.baseUrl}/api/me`, { token })).status, 401);
    assert.equal((await docData(`sessionRevocations/${user.uid}`))?.['disabled'], false);
  });

  test('a demoted admin loses admin at once: sockets closed, old token refused, a new sign-in is staff', async () => {
    const demoted = await member('session-demoted', { admin: true });
    const socket = await open(nodeB, demoted.idToken);
    assert.equal((await request(`${nodeB.baseUrl}/api/admin/users?pageSize=1`, { token: demoted.idToken })).status, 200);

    const ended = nextEvent<SessionEnded>(socket, SESSION_ENDED_EVENT);
    assert.equal((await patchMember(demoted.uid, { role: 'staff' })).status, 200);
    assert.equal((await ended).code, 'session_revoked');
    assert.equal((await request(`${nodeB.baseUrl}/api/admin/users?pageSize=1`, { token: demoted.idToken })).status, 401);

    await nextSecond();
    const fresh = await signIn(demoted.email, demoted.password);
    assert.equal(jwtClaims(fresh)['role'], 'staff');
    assert.equal((await request(`${nodeB.baseUrl}/api/admin/users?pageSize=1`, { token: fresh })).status, 403);
  });

  test('a promotion or a station change ends nothing', async () => {
    const cook = await member('session-cook');
    const socket = await open(nodeA, cook.idToken);
    assert.equal((await patchMember(cook.uid, { stations: ['grill'] })).status, 200);
    assert.equal((await request(`${nodeA.baseUrl}/api/me`, { token: cook.idToken })).status, 200);
    assert.equal(socket.connected, true);
    assert.equal(await docData(`sessionRevocations/${cook.uid}`), undefined);
  });

  test('the marker is what the other nodes act on: written straight to Firestore, it closes sockets', async () => {
    const user = await member('session-marker');
    const socket = await open(nodeB, user.idToken);
    const ended = nextEvent<SessionEnded>(socket, SESSION_ENDED_EVENT);
    await testFirebase()
      .firestore.collection('sessionRevocations')
      .doc(user.uid)
      .set({ validAfter: Math.floor(Date.now() / 1000) + 1, disabled: false, reason: 'demoted' });
    assert.equal((await ended).code, 'session_revoked');
  });
});

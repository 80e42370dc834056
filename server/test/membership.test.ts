// Membership is a positive claim: a Firebase account that signed itself up with the public web
// key is nobody. Every /api route but health answers 403 not_a_member; the socket refuses it.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { AdminUserSummary, ApiErrorBody, MeResponse } from '@maestro/contracts';
import type { Socket } from 'socket.io-client';
import { assertEmulatorsRunning, closeTestFirebase, testFirebase } from './support/firebase-test-env';
import { connected, nextEvent, openSocket } from './support/sockets';
import { request, startTestServer, type TestServer } from './support/test-server';
import { createTestUser, deleteTestUsers, signIn, type TestUser } from './support/test-users';

type HandshakeError = Error & { data?: { code: string; message: string } };

/** What a stranger does: the Auth sign-up endpoint with the public web key, no admin involved. */
async function signUpStranger(): Promise<{ uid: string; email: string; password: string; idToken: string }> {
  const email = `stranger-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const password = 'stranger-password';
  const host = process.env['FIREBASE_AUTH_EMULATOR_HOST'];
  const response = await fetch(`http://${host}/identitytoolkit.googleapis.com/v1/accounts:signUp?key=fake-api-key`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password, returnSecureToken: true }),
  });
  const body = (await response.json()) as { idToken: string; localId: string };
  assert.ok(body.idToken, 'the emulator lets anyone sign up, as a real project does by default');
  return { uid: body.localId, email, password, idToken: body.idToken };
}

describe('membership', () => {
  let api: TestServer;
  let admin: TestUser;
  let stranger: Awaited<ReturnType<typeof signUpStranger>>;
  const sockets: Socket[] = [];

  before(async () => {
    await assertEmulatorsRunning();
    api = await startTestServer();
    admin = await createTestUser('membership-admin', { admin: true });
    stranger = await signUpStranger();
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  after(async () => {
    await api.close();
    await testFirebase().auth.deleteUser(stranger.uid).catch(() => undefined);
    await deleteTestUsers();
    await closeTestFirebase();
  });

  const routes: [string, string, string?][] = [
    ['GET', '/api/me'],
    ['PUT', '/api/me/profile', JSON.stringify({ displayName: 'Mallory' })],
    ['GET', '/api/orders'],
    ['GET', '/api/orders/some-order'],
    ['GET', '/api/orders/some-order/history'],
    ['POST', '/api/orders', JSON.stringify({ type: 'takeaway', customerName: 'M', items: [{ menuItemId: 'espresso', quantity: 1 }] })],
    ['PATCH', '/api/orders/some-order/status', JSON.stringify({ status: 'CANCELLED' })],
    ['DELETE', '/api/orders/some-order'],
    ['GET', '/api/menu-items'],
    ['GET', '/api/admin/users'],
    ['GET', '/api/admin/activity/verify'],
    ['GET', '/api/no-such-route'],
  ];
  for (const [method, path, body] of routes) {
    test(`a signed-up stranger: ${method} ${path} → 403 not_a_member, saying to ask an admin`, async () => {
      const response = await request<ApiErrorBody>(`${api.baseUrl}${path}`, {
        method,
        token: stranger.idToken,
        body,
        headers: method === 'POST' ? { 'Idempotency-Key': `stranger-${Date.now()}` } : undefined,
      });
      assert.equal(response.status, 403);
      assert.equal(response.body.error.code, 'not_a_member');
      assert.equal(
        response.body.error.message,
        `This account (${stranger.email}) has no access to this Maestro workspace; ask an administrator to invite it.`,
      );
    });
  }

  test('the stranger placed nothing: no order names them', async () => {
    const orders = await testFirebase().firestore.collection('orders').where('createdBy', '==', stranger.uid).limit(1).get();
    assert.equal(orders.size, 0);
  });

  test('the health check stays public', async () => {
    const response = await request(`${api.baseUrl}/api/health`);
    assert.equal(response.status, 200);
  });

  test('the socket handshake refuses a stranger with code not_a_member', async () => {
    const socket = openSocket(api.baseUrl, { auth: { token: stranger.idToken } });
    sockets.push(socket);
    const error = await nextEvent<HandshakeError>(socket, 'connect_error');
    assert.equal(error.data?.code, 'not_a_member');
    assert.match(error.data?.message ?? '', /ask an administrator/);
    assert.equal(socket.connected, false);
  });

  test('a member gets in over HTTP and the socket', async () => {
    const member = await createTestUser('membership-staff');
    const me = await request<MeResponse>(`${api.baseUrl}/api/me`, { token: member.idToken });
    assert.equal(me.status, 200);
    assert.equal(me.body.role, 'staff');
    const socket = openSocket(api.baseUrl, { auth: { token: member.idToken } });
    sockets.push(socket);
    await connected(socket);
  });

  test('the team list shows the stranger with no role; an admin gives access and their next token gets in', async () => {
    const list = await request<{ users: AdminUserSummary[] }>(`${api.baseUrl}/api/admin/users?pageSize=1000`, { token: admin.idToken });
    assert.equal(list.status, 200);
    assert.equal(list.body.users.find((user) => user.uid === stranger.uid)?.role, null);

    const granted = await request<AdminUserSummary>(`${api.baseUrl}/api/admin/users/${stranger.uid}`, {
      method: 'PATCH',
      token: admin.idToken,
      body: JSON.stringify({ role: 'staff' }),
    });
    assert.equal(granted.status, 200);
    assert.equal(granted.body.role, 'staff');
    // The old token still carries no role: membership is read from the token, so it needs a new one.
    const old = await request<ApiErrorBody>(`${api.baseUrl}/api/me`, { token: stranger.idToken });
    assert.equal(old.status, 403);
    const fresh = await request<MeResponse>(`${api.baseUrl}/api/me`, { token: await signIn(stranger.email, stranger.password) });
    assert.equal(fresh.status, 200);
    assert.equal(fresh.body.role, 'staff');
  });
});

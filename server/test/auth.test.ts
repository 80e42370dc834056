import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ApiErrorBody, MeResponse } from '@maestro/contracts';
import {
  assertEmulatorsRunning,
  closeTestFirebase,
  testFirebase,
} from './support/firebase-test-env';
import { request, startTestServer, type TestServer } from './support/test-server';
import { createTestUser, deleteTestUsers, jwtClaims, unsignedIdToken } from './support/test-users';

// Emulator caveat: Auth emulator tokens are unsigned and firebase-admin skips the signature check
// in emulator mode, so a forged token with correct claims cannot be rejected here. Production
// verifies the RS256 signature against Google's keys; these tests cover everything else.

describe('HTTP authentication', () => {
  let api: TestServer;
  let me: string;

  before(async () => {
    await assertEmulatorsRunning();
    api = await startTestServer();
    me = `${api.baseUrl}/api/me`;
  });
  after(async () => {
    await api.close();
    await deleteTestUsers();
    await closeTestFirebase();
  });

  async function assertRefused(
    token: string | undefined,
    code: string,
    message: RegExp,
    headers?: Record<string, string>,
  ) {
    const response = await request<ApiErrorBody>(me, { token, headers });
    assert.equal(response.status, 401);
    assert.equal(response.body.error.code, code);
    assert.match(response.body.error.message, message);
  }

  test('a valid token reaches the route with uid, email and role', async () => {
    const user = await createTestUser('staff');
    const response = await request<MeResponse>(me, { token: user.idToken });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, {
      uid: user.uid,
      email: user.email,
      role: 'staff',
      profile: null,
    });
    assert.ok(
      api.logs.some((line) => line['msg'] === 'request completed' && line['uid'] === user.uid),
      'the request log names the caller',
    );
  });

  test('no Authorization header → 401 unauthenticated, saying to sign in', async () => {
    await assertRefused(
      undefined,
      'unauthenticated',
      /^Sign in first: .*Authorization: Bearer <token>/,
    );
  });

  test('a non-Bearer Authorization header → 401 unauthenticated', async () => {
    await assertRefused(undefined, 'unauthenticated', /^Sign in first/, {
      Authorization: 'Basic dXNlcjpwYXNz',
    });
  });

  test('a garbage token → 401 unauthenticated', async () => {
    await assertRefused('not-a-jwt', 'unauthenticated', /not valid for Maestro; sign in again/);
  });

  test('a token for another Firebase project → 401 unauthenticated', async () => {
    const user = await createTestUser('other-project');
    const foreign = unsignedIdToken(
      { sub: user.uid, email: user.email },
      'demo-some-other-project',
    );
    await assertRefused(foreign, 'unauthenticated', /not valid for Maestro/);
    const refusal = api.logs.find(
      (line) =>
        line['msg'] === 'request refused' &&
        String(line['reason']).includes('demo-some-other-project'),
    );
    assert.ok(refusal, 'the log says why: wrong audience');
  });

  test('an expired token → 401 token_expired', async () => {
    const user = await createTestUser('expired');
    const now = Math.floor(Date.now() / 1000);
    const expired = unsignedIdToken({
      sub: user.uid,
      email: user.email,
      auth_time: now - 7200,
      iat: now - 7200,
      exp: now - 3600,
    });
    await assertRefused(expired, 'token_expired', /^Your session has expired; sign in again\.$/);
  });

  test("a disabled user's token → 401 saying the account is disabled", async () => {
    const user = await createTestUser('disabled');
    await testFirebase().auth.updateUser(user.uid, { disabled: true });
    await assertRefused(user.idToken, 'unauthenticated', /account is disabled/);
  });

  test('a revoked token → 401 unauthenticated, asking for a new sign-in', async () => {
    const user = await createTestUser('revoked');
    // Revocation has one-second resolution: a token is revoked only if issued in an earlier second.
    const authTime = Number(jwtClaims(user.idToken)['auth_time']);
    const wait = (authTime + 1) * 1000 - Date.now() + 50;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await testFirebase().auth.revokeRefreshTokens(user.uid);
    await assertRefused(user.idToken, 'unauthenticated', /session was ended.*sign in again/);
  });

  test('a token of a deleted user → 401 unauthenticated', async () => {
    const user = await createTestUser('deleted');
    await testFirebase().auth.deleteUser(user.uid);
    await assertRefused(user.idToken, 'unauthenticated', /no longer exists/);
  });

  test('an unauthenticated request is refused before its body is parsed', async () => {
    const response = await request<ApiErrorBody>(`${me}/profile`, {
      method: 'PUT',
      body: '{ not json',
    });
    assert.equal(response.status, 401);
    assert.equal(response.body.error.code, 'unauthenticated');
  });

  test('the Authorization header never reaches the log', async () => {
    const user = await createTestUser('redacted');
    await request(me, { token: user.idToken });
    const logged = JSON.stringify(api.logs);
    assert.ok(!logged.includes(user.idToken), 'token not logged');
    assert.ok(logged.includes('[redacted]'));
  });
});

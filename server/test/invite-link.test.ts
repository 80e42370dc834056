// The invite link lands on the app's own set-your-password page (/welcome) with a one-time code
// that the web SDK redeems, in the Auth emulator as in production; never on Firebase's action
// handler, which in the emulator answers JSON ("missing newPassword").
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { ApiErrorBody, CreateTeamMemberResponse } from '@maestro/contracts';
import { welcomeLink } from '../src/team/welcome-link';
import { assertEmulatorsRunning, closeTestFirebase, testFirebase } from './support/firebase-test-env';
import { request, startTestServer, type TestServer } from './support/test-server';
import { createTestUser, deleteTestUsers, signIn, type TestUser } from './support/test-users';

const AUTH = `http://${process.env['FIREBASE_AUTH_EMULATOR_HOST']}/identitytoolkit.googleapis.com/v1`;

/** What the web SDK's verifyPasswordResetCode (no password) and confirmPasswordReset send. */
async function resetPassword(oobCode: string, newPassword?: string): Promise<{ status: number; email?: string; error?: string }> {
  const response = await fetch(`${AUTH}/accounts:resetPassword?key=fake-api-key`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(newPassword === undefined ? { oobCode } : { oobCode, newPassword }),
  });
  const body = (await response.json()) as { email?: string; error?: { message: string } };
  return { status: response.status, email: body.email, error: body.error?.message };
}

describe('invite link', () => {
  let api: TestServer;
  let admin: TestUser;
  const invited: string[] = [];

  async function invite(origin?: string) {
    const email = `welcome-${randomUUID().slice(0, 8)}@maestro.test`;
    const response = await request<CreateTeamMemberResponse & ApiErrorBody>(`${api.baseUrl}/api/admin/users`, {
      method: 'POST',
      token: admin.idToken,
      headers: origin ? { Origin: origin } : {},
      body: JSON.stringify({ email, displayName: 'Wren', role: 'staff' }),
    });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    invited.push(response.body.user.uid);
    return { email, link: new URL(response.body.signInLink) };
  }

  before(async () => {
    await assertEmulatorsRunning();
    api = await startTestServer();
    admin = await createTestUser('admin', { admin: true });
  });
  after(async () => {
    await api.close();
    if (invited.length > 0) await testFirebase().auth.deleteUsers(invited);
    await deleteTestUsers();
    await closeTestFirebase();
  });

  test('points at the welcome page of the app origin the admin invited from', async () => {
    const { link } = await invite('http://localhost:4200');
    assert.equal(`${link.origin}${link.pathname}`, 'http://localhost:4200/welcome');
    assert.ok(link.searchParams.get('oobCode'), 'carries the one-time code');
    assert.equal(link.searchParams.get('newPassword'), null);
  });

  test('an origin that is not the app, or none, gets the first app origin', async () => {
    assert.equal((await invite('https://evil.example')).link.origin, 'http://127.0.0.1:4200');
    assert.equal((await invite()).link.origin, 'http://127.0.0.1:4200');
  });

  test('the code names the member, sets their password once, and a used code is refused', async () => {
    const { email, link } = await invite();
    const code = link.searchParams.get('oobCode')!;
    assert.equal((await resetPassword(code)).email, email);
    assert.equal((await resetPassword(code, 'a-good-long-password')).status, 200);
    assert.ok(await signIn(email, 'a-good-long-password'), 'signs in with the chosen password');
    const again = await resetPassword(code, 'another-password');
    assert.equal(again.status, 400);
    assert.match(again.error ?? '', /INVALID_OOB_CODE/);
  });
});

describe('welcomeLink', () => {
  test("takes the code out of Firebase's hosted action link (production)", () => {
    const hosted = 'https://demo.firebaseapp.com/__/auth/action?mode=resetPassword&oobCode=AbC-12_3&apiKey=key&lang=en';
    assert.equal(welcomeLink(hosted, 'https://maestro.example.com'), 'https://maestro.example.com/welcome?oobCode=AbC-12_3');
  });

  test('refuses a link without a code rather than send a link that cannot work', () => {
    assert.throws(() => welcomeLink('https://demo.firebaseapp.com/__/auth/action?mode=resetPassword', 'https://maestro.example.com'), /without an oobCode/);
  });
});

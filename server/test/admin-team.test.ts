import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type {
  AdminUserSummary,
  ApiErrorBody,
  CreateTeamMemberResponse,
  InviteLinkResponse,
  WelcomeNotificationResponse,
} from '@maestro/contracts';
import {
  assertEmulatorsRunning,
  closeTestFirebase,
  testFirebase,
} from './support/firebase-test-env';
import { request, startTestServer, type TestServer } from './support/test-server';
import { createTestUser, deleteTestUsers, signIn, type TestUser } from './support/test-users';

describe('team onboarding routes /api/admin/users', () => {
  let api: TestServer;
  let usersUrl: string;
  let staff: TestUser;
  let admin: TestUser;
  const invited: string[] = [];

  const newEmail = () => `invitee-${randomUUID().slice(0, 8)}@maestro.test`;
  const json = (value: unknown) => JSON.stringify(value);
  async function invite(body: Record<string, unknown>) {
    const response = await request<CreateTeamMemberResponse & ApiErrorBody>(usersUrl, {
      method: 'POST',
      token: admin.idToken,
      body: json(body),
    });
    if (response.status === 201) invited.push(response.body.user.uid);
    return response;
  }

  before(async () => {
    await assertEmulatorsRunning();
    api = await startTestServer();
    usersUrl = `${api.baseUrl}/api/admin/users`;
    staff = await createTestUser('staff');
    admin = await createTestUser('admin', { admin: true });
  });
  after(async () => {
    await api.close();
    const { auth } = testFirebase();
    if (invited.length > 0) await auth.deleteUsers(invited);
    await deleteTestUsers();
    await closeTestFirebase();
  });

  test('POST creates the Auth account with role and station claims and a sign-in link', async () => {
    const email = newEmail();
    const response = await invite({ email: email.toUpperCase(), displayName: ' Ada ', role: 'admin', stations: ['grill', 'bar'] });
    assert.equal(response.status, 201);
    const { user, signInLink } = response.body;
    assert.deepEqual(user, {
      uid: user.uid,
      email,
      displayName: 'Ada',
      role: 'admin',
      disabled: false,
      stations: ['grill', 'bar'],
      invitePending: true,
    });
    assert.match(signInLink, /^http:\/\/127\.0\.0\.1:4200\/welcome\?oobCode=/);
    const record = await testFirebase().auth.getUser(user.uid);
    assert.deepEqual(record.customClaims, { role: 'admin', stations: ['grill', 'bar'] });
    assert.equal(record.passwordHash, undefined, 'no password is set; the member sets it via the link');
  });

  test('POST /:uid/invite-link sends a member who has not joined a new link; once they chose a password it is refused', async () => {
    const email = newEmail();
    const { user, signInLink: first } = (await invite({ email, displayName: 'Lou Late', role: 'staff' })).body;
    const newLink = (uid: string, token = admin.idToken) =>
      request<InviteLinkResponse & ApiErrorBody>(`${usersUrl}/${uid}/invite-link`, { method: 'POST', token, headers: { Origin: 'http://localhost:4200' } });

    const again = await newLink(user.uid);
    assert.equal(again.status, 201);
    // On the origin the admin works from, like the first link; a code of its own.
    assert.match(again.body.signInLink, /^http:\/\/localhost:4200\/welcome\?oobCode=/);
    const code = (link: string) => new URL(link).searchParams.get('oobCode');
    assert.notEqual(code(again.body.signInLink), code(first));
    assert.equal((await newLink(user.uid, staff.idToken)).status, 403);
    // Logged in the admin's name, without the link.
    const logged = await testFirebase().firestore.collection('activity').where('subject.id', '==', user.uid).where('action', '==', 'TEAM_INVITE_LINK_SENT').get();
    assert.equal(logged.size, 1);
    assert.equal(logged.docs[0]!.get('actorUid'), admin.uid);
    assert.doesNotMatch(JSON.stringify(logged.docs[0]!.data()), /oobCode/);

    // The member chooses a password with the new link: joined, so no more links.
    assert.equal((await redeem(code(again.body.signInLink)!, 'lou-password-1')).email, email);
    assert.equal(await signIn(email, 'lou-password-1').then(() => 'signed in'), 'signed in');
    const list = await request<{ users: AdminUserSummary[] }>(usersUrl, { token: admin.idToken });
    assert.equal(list.body.users.find((each) => each.uid === user.uid)?.invitePending, undefined);
    const joined = await newLink(user.uid);
    assert.equal(joined.status, 409);
    assert.equal(joined.body.error.code, 'already_joined');
    assert.equal(joined.body.error.message, 'Lou Late has chosen a password already, so an invite link would change nothing; they sign in with it.');
  });

  test('POST /:uid/invite-link for a disabled member → 409 member_disabled; an unknown id → 404', async () => {
    const { user } = (await invite({ email: newEmail(), displayName: 'Dee Off', role: 'staff' })).body;
    await testFirebase().auth.updateUser(user.uid, { disabled: true });
    const disabled = await request<ApiErrorBody>(`${usersUrl}/${user.uid}/invite-link`, { method: 'POST', token: admin.idToken });
    assert.equal(disabled.status, 409);
    assert.equal(disabled.body.error.code, 'member_disabled');
    assert.match(disabled.body.error.message, /^Dee Off is disabled/);
    const unknown = await request<ApiErrorBody>(`${usersUrl}/no-such-uid/invite-link`, { method: 'POST', token: admin.idToken });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'not_found');
  });

  test('POST with an email that already has an account → 409 email_taken, nothing created', async () => {
    const before = (await testFirebase().auth.listUsers(1000)).users.length;
    const response = await invite({ email: staff.email, displayName: 'Twin', role: 'staff' });
    assert.equal(response.status, 409);
    assert.equal(response.body.error.code, 'email_taken');
    assert.equal(response.body.error.message, `${staff.email} already has a Maestro account.`);
    assert.equal((await testFirebase().auth.listUsers(1000)).users.length, before);
  });

  test('POST as staff → 403; without a token → 401', async () => {
    const body = json({ email: newEmail(), displayName: 'X', role: 'staff' });
    const asStaff = await request<ApiErrorBody>(usersUrl, { method: 'POST', token: staff.idToken, body });
    assert.equal(asStaff.status, 403);
    assert.match(asStaff.body.error.message, /administrator/);
    const anonymous = await request<ApiErrorBody>(usersUrl, { method: 'POST', body });
    assert.equal(anonymous.status, 401);
  });

  test('POST with a bad body → 400 naming each field', async () => {
    const response = await invite({ email: 'not-an-email', displayName: '', role: 'chef', stations: ['oven'], extra: 1 });
    assert.equal(response.status, 400);
    assert.equal(response.body.error.code, 'validation_failed');
    assert.deepEqual(response.body.error.details, [
      { path: 'email', message: 'email must be an email address like ada@example.com' },
      { path: 'displayName', message: 'displayName must not be empty' },
      { path: 'role', message: "role must be 'staff' or 'admin'" },
      { path: 'stations.0', message: 'each station must be one of grill, fry, cold, pastry, bar' },
      { path: '(root)', message: 'unknown field(s): extra' },
    ]);
    const twice = await invite({ email: newEmail(), displayName: 'X', role: 'staff', stations: ['bar', 'bar'] });
    assert.equal(twice.status, 400);
    assert.match(twice.body.error.message, /stations: stations lists a station twice/);
    const notObject = await request<ApiErrorBody>(usersUrl, { method: 'POST', token: admin.idToken, body: '[1]' });
    assert.equal(notObject.status, 400);
  });

  test('PATCH changes role and stations (claims) and disables with token revocation', async () => {
    const created = await invite({ email: newEmail(), displayName: 'Bo', role: 'staff' });
    const uid = created.body.user.uid;
    const promoted = await request<AdminUserSummary>(`${usersUrl}/${uid}`, {
      method: 'PATCH',
      token: admin.idToken,
      body: json({ role: 'admin', stations: ['cold'] }),
    });
    assert.equal(promoted.status, 200);
    assert.equal(promoted.body.role, 'admin');
    assert.deepEqual(promoted.body.stations, ['cold']);
    assert.deepEqual((await testFirebase().auth.getUser(uid)).customClaims, { role: 'admin', stations: ['cold'] });

    const disabled = await request<AdminUserSummary>(`${usersUrl}/${uid}`, {
      method: 'PATCH',
      token: admin.idToken,
      body: json({ disabled: true }),
    });
    assert.equal(disabled.status, 200);
    assert.equal(disabled.body.disabled, true);
    const record = await testFirebase().auth.getUser(uid);
    assert.equal(record.disabled, true);
    assert.ok(record.tokensValidAfterTime, 'refresh tokens were revoked');
    assert.deepEqual(record.customClaims, { role: 'admin', stations: ['cold'] }, 'disabling keeps the role');
  });

  test('PATCH a staff member signed in: their next token carries the new role', async () => {
    const member = await createTestUser('promotee');
    await request(`${usersUrl}/${member.uid}`, { method: 'PATCH', token: admin.idToken, body: json({ role: 'admin' }) });
    const token = await signIn(member.email, member.password);
    const me = await request<{ role: string }>(`${api.baseUrl}/api/me`, { token });
    assert.equal(me.body.role, 'admin');
  });

  test('PATCH refuses demoting or disabling yourself, and an empty or unknown change', async () => {
    for (const change of [{ role: 'staff' }, { disabled: true }]) {
      const response = await request<ApiErrorBody>(`${usersUrl}/${admin.uid}`, {
        method: 'PATCH',
        token: admin.idToken,
        body: json(change),
      });
      assert.equal(response.status, 409);
      assert.equal(response.body.error.code, 'self_protected');
      assert.match(response.body.error.message, /cannot demote or disable your own account/);
    }
    assert.deepEqual((await testFirebase().auth.getUser(admin.uid)).customClaims, { role: 'admin' });
    const empty = await request<ApiErrorBody>(`${usersUrl}/${staff.uid}`, { method: 'PATCH', token: admin.idToken, body: '{}' });
    assert.equal(empty.status, 400);
    assert.match(empty.body.error.message, /at least one of role, disabled, stations/);
    const unknown = await request<ApiErrorBody>(`${usersUrl}/no-such-uid`, {
      method: 'PATCH',
      token: admin.idToken,
      body: json({ role: 'admin' }),
    });
    assert.equal(unknown.status, 404);
  });

  test('DELETE removes a created account; refuses yourself; 404 when gone; 403 for staff', async () => {
    const created = await invite({ email: newEmail(), displayName: 'Cy', role: 'staff' });
    const url = `${usersUrl}/${created.body.user.uid}`;
    assert.equal((await request(url, { method: 'DELETE', token: staff.idToken })).status, 403);
    assert.equal((await request(url, { method: 'DELETE', token: admin.idToken })).status, 204);
    await assert.rejects(testFirebase().auth.getUser(created.body.user.uid), { code: 'auth/user-not-found' });
    assert.equal((await request(url, { method: 'DELETE', token: admin.idToken })).status, 404);
    const self = await request<ApiErrorBody>(`${usersUrl}/${admin.uid}`, { method: 'DELETE', token: admin.idToken });
    assert.equal(self.status, 409);
    assert.equal(self.body.error.code, 'self_protected');
  });

  test('profile and welcome notification are written and undone', async () => {
    const { firestore } = testFirebase();
    const created = await invite({ email: newEmail(), displayName: 'Di', role: 'staff', stations: ['fry'] });
    const uid = created.body.user.uid;
    const profile = await request(`${usersUrl}/${uid}/profile`, {
      method: 'PUT',
      token: admin.idToken,
      body: json({ displayName: 'Di', role: 'staff', stations: ['fry'] }),
    });
    assert.equal(profile.status, 200);
    const stored = (await firestore.doc(`users/${uid}`).get()).data();
    assert.equal(stored?.['displayName'], 'Di');
    assert.deepEqual(stored?.['stations'], ['fry']);

    const note = await request<WelcomeNotificationResponse>(`${usersUrl}/${uid}/notifications`, {
      method: 'POST',
      token: admin.idToken,
    });
    assert.equal(note.status, 201);
    const noteDoc = await firestore.doc(`notifications/${note.body.id}`).get();
    assert.equal(noteDoc.get('uid'), uid);
    assert.equal(noteDoc.get('kind'), 'welcome');

    // Another member's uid cannot delete it.
    await request(`${usersUrl}/${staff.uid}/notifications/${note.body.id}`, { method: 'DELETE', token: admin.idToken });
    assert.ok((await firestore.doc(`notifications/${note.body.id}`).get()).exists);
    assert.equal((await request(`${usersUrl}/${uid}/notifications/${note.body.id}`, { method: 'DELETE', token: admin.idToken })).status, 204);
    assert.equal((await firestore.doc(`notifications/${note.body.id}`).get()).exists, false);
    assert.equal((await request(`${usersUrl}/${uid}/profile`, { method: 'DELETE', token: admin.idToken })).status, 204);
    assert.equal((await firestore.doc(`users/${uid}`).get()).exists, false);

    const badProfile = await request<ApiErrorBody>(`${usersUrl}/no-such-uid/profile`, {
      method: 'PUT',
      token: admin.idToken,
      body: json({ displayName: 'X', role: 'staff', stations: [] }),
    });
    assert.equal(badProfile.status, 404);
  });

  test('POST /:uid/onboarded appends the onboarding entry once, in the admin\'s name', async () => {
    const created = await invite({ email: newEmail(), displayName: 'Eve', role: 'staff', stations: ['bar'] });
    const uid = created.body.user.uid;
    const url = `${usersUrl}/${uid}/onboarded`;
    const first = await request<{ id: string }>(url, { method: 'POST', token: admin.idToken, body: json({ correlationId: 'corr-onboard' }) });
    assert.equal(first.status, 201);
    assert.equal(first.body.id, `onboarded-${uid}`);
    const ref = testFirebase().firestore.doc(`activity/onboarded-${uid}`);
    const stored = (await ref.get()).data();
    assert.equal(stored?.['actorUid'], admin.uid);
    assert.equal(stored?.['actorEmail'], admin.email);
    assert.equal(stored?.['action'], 'TEAM_MEMBER_ONBOARDED');
    assert.deepEqual(stored?.['subject'], { type: 'user', id: uid });
    assert.deepEqual(stored?.['changes']['stations'], { from: null, to: ['bar'] });
    assert.equal(stored?.['correlationId'], 'corr-onboard');
    const writtenAt = (await ref.get()).updateTime?.toMillis();

    const again = await request(url, { method: 'POST', token: admin.idToken, body: json({ correlationId: 'corr-onboard' }) });
    assert.equal(again.status, 200, 'a retry finds the entry there');
    assert.equal((await ref.get()).updateTime?.toMillis(), writtenAt, 'and writes nothing');

    const asStaff = await request<ApiErrorBody>(url, { method: 'POST', token: staff.idToken, body: json({ correlationId: 'x' }) });
    assert.equal(asStaff.status, 403);
    const unknown = await request<ApiErrorBody>(`${usersUrl}/no-such-uid/onboarded`, { method: 'POST', token: admin.idToken, body: json({ correlationId: 'x' }) });
    assert.equal(unknown.status, 404);
    const bad = await request<ApiErrorBody>(url, { method: 'POST', token: admin.idToken, body: json({ correlationId: '../../x', extra: 1 }) });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'validation_failed');
  });
});

/** What the welcome page does with a link's code: choose the password (the Auth emulator's REST API). */
async function redeem(oobCode: string, newPassword: string): Promise<{ email: string }> {
  const host = process.env['FIREBASE_AUTH_EMULATOR_HOST'] ?? '127.0.0.1:9099';
  const response = await fetch(`http://${host}/identitytoolkit.googleapis.com/v1/accounts:resetPassword?key=demo-api-key`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ oobCode, newPassword }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()) as { email: string };
}

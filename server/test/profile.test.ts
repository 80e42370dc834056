import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ApiErrorBody, MeResponse, StoredProfile } from '@maestro/contracts';
import { Timestamp } from 'firebase-admin/firestore';
import {
  assertEmulatorsRunning,
  closeTestFirebase,
  testFirebase,
} from './support/firebase-test-env';
import { request, startTestServer, type TestServer } from './support/test-server';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

describe('GET /api/me and PUT /api/me/profile', () => {
  let api: TestServer;
  let user: TestUser;
  let profileUrl: string;
  const profileDoc = () => testFirebase().firestore.collection('users').doc(user.uid);

  before(async () => {
    await assertEmulatorsRunning();
    api = await startTestServer();
    user = await createTestUser('profile');
    profileUrl = `${api.baseUrl}/api/me/profile`;
  });
  after(async () => {
    await api.close();
    await profileDoc().delete();
    await deleteTestUsers();
    await closeTestFirebase();
  });

  const put = (body: string) =>
    request<StoredProfile & ApiErrorBody>(profileUrl, { method: 'PUT', token: user.idToken, body });

  test('a valid displayName is trimmed, saved with a server timestamp (merged), and returned', async () => {
    await profileDoc().set({ kitchenStation: 'grill' });
    const before = Date.now();
    const response = await put(JSON.stringify({ displayName: '  Ada Lovelace  ' }));
    assert.equal(response.status, 200);
    assert.equal(response.body.displayName, 'Ada Lovelace');

    const stored = (await profileDoc().get()).data();
    assert.equal(stored?.['displayName'], 'Ada Lovelace');
    assert.equal(stored?.['kitchenStation'], 'grill', 'merge keeps fields the route does not own');
    assert.ok(stored?.['updatedAt'] instanceof Timestamp);
    const updatedAt = (stored['updatedAt'] as Timestamp).toDate();
    assert.equal(response.body.updatedAt, updatedAt.toISOString());
    assert.ok(updatedAt.getTime() >= before - 5000, 'updatedAt is the write time');
  });

  test('GET /api/me returns the stored profile', async () => {
    const response = await request<MeResponse>(`${api.baseUrl}/api/me`, { token: user.idToken });
    assert.equal(response.status, 200);
    assert.equal(response.body.uid, user.uid);
    assert.equal(response.body.role, 'staff');
    assert.equal(response.body.profile?.displayName, 'Ada Lovelace');
    assert.match(response.body.profile?.updatedAt ?? '', /^\d{4}-\d\d-\d\dT/);
  });

  const invalid: [string, unknown, RegExp][] = [
    ['blank after trimming', { displayName: '   ' }, /must not be empty/],
    ['longer than 80 characters', { displayName: 'x'.repeat(81) }, /at most 80 characters/],
    ['not text', { displayName: 42 }, /must be text/],
    ['missing', {}, /must be text/],
  ];
  for (const [what, body, message] of invalid) {
    test(`a displayName ${what} → 400 validation_failed with details, nothing written`, async () => {
      const response = await put(JSON.stringify(body));
      assert.equal(response.status, 400);
      assert.equal(response.body.error.code, 'validation_failed');
      assert.match(response.body.error.message, /profile is not valid/);
      assert.equal(response.body.error.details?.length, 1);
      assert.equal(response.body.error.details?.[0]?.path, 'displayName');
      assert.match(response.body.error.details?.[0]?.message ?? '', message);
      assert.equal((await profileDoc().get()).data()?.['displayName'], 'Ada Lovelace');
    });
  }

  test('an unknown field → 400 validation_failed naming it', async () => {
    const response = await put(JSON.stringify({ displayName: 'Ada', role: 'admin' }));
    assert.equal(response.status, 400);
    assert.equal(response.body.error.code, 'validation_failed');
    assert.match(response.body.error.details?.[0]?.message ?? '', /not role/);
  });

  test('a JSON body that is not an object → 400 (bad_request for a bare string, validation_failed for an array)', async () => {
    const response = await put('"Ada"');
    // body-parser's strict mode refuses a top-level string as malformed JSON.
    assert.equal(response.status, 400);
    assert.equal(response.body.error.code, 'bad_request');
    const array = await put('[]');
    assert.equal(array.status, 400);
    assert.equal(array.body.error.code, 'validation_failed');
    assert.equal(array.body.error.details?.[0]?.path, '(root)');
  });

  test('malformed JSON → 400 bad_request, not 500', async () => {
    const response = await put('{"displayName": "Ada",');
    assert.equal(response.status, 400);
    assert.equal(response.body.error.code, 'bad_request');
    assert.match(response.body.error.message, /not valid JSON/);
  });

  test('a body over the limit → 413 payload_too_large', async () => {
    const response = await put(JSON.stringify({ displayName: 'x'.repeat(200_000) }));
    assert.equal(response.status, 413);
    assert.equal(response.body.error.code, 'payload_too_large');
    assert.match(response.body.error.message, /too large/);
  });
});

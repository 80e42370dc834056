import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AdminUserList, ApiErrorBody } from '@maestro/contracts';
import {
  assertEmulatorsRunning,
  closeTestFirebase,
  testFirebase,
} from './support/firebase-test-env';
import { request, startTestServer, type TestServer } from './support/test-server';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

describe('GET /api/admin/users', () => {
  let api: TestServer;
  let usersUrl: string;
  let staff: TestUser;
  let admin: TestUser;

  before(async () => {
    await assertEmulatorsRunning();
    api = await startTestServer();
    usersUrl = `${api.baseUrl}/api/admin/users`;
    staff = await createTestUser('staff');
    admin = await createTestUser('admin', { admin: true });
  });
  after(async () => {
    await api.close();
    await deleteTestUsers();
    await closeTestFirebase();
  });

  test('staff → 403 forbidden', async () => {
    const response = await request<ApiErrorBody>(usersUrl, { token: staff.idToken });
    assert.equal(response.status, 403);
    assert.equal(response.body.error.code, 'forbidden');
    assert.match(response.body.error.message, /administrator/);
  });

  test('staff on an unknown admin path → 403, not a map of admin routes', async () => {
    const response = await request<ApiErrorBody>(`${api.baseUrl}/api/admin/nothing`, {
      token: staff.idToken,
    });
    assert.equal(response.status, 403);
  });

  test('admin → 200 listing users with role and disabled flag', async () => {
    await testFirebase().auth.updateUser(staff.uid, { disabled: true });
    const response = await request<AdminUserList>(usersUrl, { token: admin.idToken });
    assert.equal(response.status, 200);
    const byUid = new Map(response.body.users.map((user) => [user.uid, user]));
    assert.deepEqual(byUid.get(admin.uid), {
      uid: admin.uid,
      email: admin.email,
      displayName: 'admin',
      role: 'admin',
      disabled: false,
    });
    assert.deepEqual(byUid.get(staff.uid), {
      uid: staff.uid,
      email: staff.email,
      displayName: 'staff',
      role: 'staff',
      disabled: true,
    });
  });

  test('pages with pageSize and nextPageToken', async () => {
    const first = await request<AdminUserList>(`${usersUrl}?pageSize=1`, { token: admin.idToken });
    assert.equal(first.status, 200);
    assert.equal(first.body.users.length, 1);
    assert.ok(first.body.nextPageToken);
    const second = await request<AdminUserList>(
      `${usersUrl}?pageSize=1&pageToken=${encodeURIComponent(first.body.nextPageToken)}`,
      {
        token: admin.idToken,
      },
    );
    assert.equal(second.status, 200);
    assert.notEqual(second.body.users[0]?.uid, first.body.users[0]?.uid);
  });

  test('a bad pageSize → 400 validation_failed', async () => {
    const response = await request<ApiErrorBody>(`${usersUrl}?pageSize=5000`, {
      token: admin.idToken,
    });
    assert.equal(response.status, 400);
    assert.equal(response.body.error.code, 'validation_failed');
    assert.deepEqual(response.body.error.details, [
      { path: 'pageSize', message: 'pageSize must be at most 1000' },
    ]);
  });
});

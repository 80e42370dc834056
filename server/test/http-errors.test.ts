import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ApiErrorBody } from '@maestro/contracts';
import { INTERNAL_ERROR_MESSAGE } from '../src/http/api-error';
import {
  assertEmulatorsRunning,
  closeTestFirebase,
  testFirebase,
} from './support/firebase-test-env';
import { request, startTestServer, type TestServer } from './support/test-server';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

describe('errors are JSON', () => {
  let api: TestServer;
  let user: TestUser;

  before(async () => {
    await assertEmulatorsRunning();
    api = await startTestServer();
    user = await createTestUser('errors');
  });
  after(async () => {
    await api.close();
    await deleteTestUsers();
    await closeTestFirebase();
  });

  test('an unknown /api route → 404 not_found naming it', async () => {
    const response = await request<ApiErrorBody>(`${api.baseUrl}/api/nope?x=1`, {
      token: user.idToken,
    });
    assert.equal(response.status, 404);
    assert.match(response.headers.get('content-type') ?? '', /application\/json/);
    assert.deepEqual(response.body, {
      error: {
        code: 'not_found',
        message: 'There is no API route GET /api/nope. Check the method and path.',
      },
    });
  });

  test('a wrong method on a known path → 404 not_found', async () => {
    const response = await request<ApiErrorBody>(`${api.baseUrl}/api/me`, {
      method: 'DELETE',
      token: user.idToken,
    });
    assert.equal(response.status, 404);
    assert.equal(response.body.error.code, 'not_found');
  });

  test('a path outside /api → 404 JSON too', async () => {
    const response = await request<ApiErrorBody>(`${api.baseUrl}/index.html`);
    assert.equal(response.status, 404);
    assert.equal(response.body.error.code, 'not_found');
  });

  test('responses carry helmet headers and a request id', async () => {
    const response = await request(`${api.baseUrl}/api/health`, {
      headers: { 'X-Request-Id': 'trace-123' },
    });
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('x-powered-by'), null);
    assert.equal(response.headers.get('x-request-id'), 'trace-123');
  });

  describe('an unexpected failure', () => {
    let broken: TestServer;

    before(async () => {
      // Injected failure: the real Firestore client, except that reading a collection throws.
      const real = testFirebase().firestore;
      const failing = new Proxy(real, {
        get: (target, property, receiver) =>
          property === 'collection'
            ? () => {
                throw new Error('injected failure: Firestore is on fire');
              }
            : Reflect.get(target, property, receiver),
      });
      broken = await startTestServer({ firestore: failing });
    });
    after(() => broken.close());

    test('→ 500 internal with a generic message; the details go to the log only', async () => {
      const response = await request<ApiErrorBody>(`${broken.baseUrl}/api/me`, {
        token: user.idToken,
      });
      assert.equal(response.status, 500);
      assert.deepEqual(response.body, {
        error: { code: 'internal', message: INTERNAL_ERROR_MESSAGE },
      });
      const requestId = response.headers.get('x-request-id');
      assert.ok(requestId);
      const logged = broken.logs.find(
        (line) => (line['req'] as { id?: string } | undefined)?.id === requestId && line['err'],
      );
      assert.equal(logged?.['level'], 50, 'logged at error level');
      assert.match(
        String((logged?.['err'] as { message?: string } | undefined)?.message),
        /Firestore is on fire/,
      );
    });
  });
});

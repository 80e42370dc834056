import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import express from 'express';
import type { ApiErrorBody } from '@maestro/contracts';
import { INTERNAL_ERROR_MESSAGE } from '../src/http/api-error';
import { errorHandler } from '../src/http/error-handler';
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

// Firestore's gRPC failures, injected (the emulator gives up on a held lock only after its own
// timeout, under load: server/test/cluster-failover.test.ts met it when a node was killed).
describe('a database failure is a 503 with words, not a bug report', () => {
  let server: Server;
  let baseUrl = '';
  let thrown: unknown;

  before(async () => {
    const app = express();
    app.get('/api/throws', () => {
      throw thrown;
    });
    app.use(errorHandler);
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  const grpcError = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });

  test('contention (ABORTED once the transaction retries are spent): busy, nothing made, come back in a second', async () => {
    thrown = grpcError(10, 'Transaction lock timeout.');
    const response = await request<ApiErrorBody>(`${baseUrl}/api/throws`);
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('retry-after'), '1');
    assert.equal(response.body.error.code, 'unavailable');
    assert.match(response.body.error.message, /was not made\. Try again in a moment/);
  });

  test('unreachable or too slow (UNAVAILABLE, DEADLINE_EXCEEDED): 503 saying the change may have landed, with no invitation to retry blindly', async () => {
    for (const code of [14, 4]) {
      thrown = grpcError(code, 'no connection');
      const response = await request<ApiErrorBody>(`${baseUrl}/api/throws`);
      assert.equal(response.status, 503);
      assert.equal(response.headers.get('retry-after'), null);
      assert.match(response.body.error.message, /may or may not have been saved\. Reload to check/);
    }
  });

  test('anything else with a numeric code stays a 500 with the generic words (details only in the log)', async () => {
    thrown = Object.assign(new Error('boom'), { code: 10 }); // a `code`, but not gRPC's shape
    const response = await request<ApiErrorBody>(`${baseUrl}/api/throws`);
    assert.equal(response.status, 500);
    assert.equal(response.body.error.message, INTERNAL_ERROR_MESSAGE);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { HealthReport } from '@maestro/contracts';
import { assertEmulatorsRunning, closeTestFirebase } from './support/firebase-test-env';
import { startHangingGrpcEndpoint } from './support/hanging-grpc-endpoint';
import { startServerProcess } from './support/server-process';
import { request, startTestServer } from './support/test-server';

describe('GET /api/health', () => {
  before(assertEmulatorsRunning);
  after(closeTestFirebase);

  test('200 ok with a Firestore check and its latency, no sign-in needed', async () => {
    const api = await startTestServer();
    try {
      const response = await request<HealthReport>(`${api.baseUrl}/api/health`);
      assert.equal(response.status, 200);
      assert.equal(response.body.status, 'ok');
      assert.equal(response.body.checks.firestore.ok, true);
      assert.equal(typeof response.body.checks.firestore.latencyMs, 'number');
      assert.equal(response.body.checks.firestore.error, undefined);
      assert.ok(response.body.uptimeSeconds >= 0);
      assert.equal(response.headers.get('cache-control'), 'no-store');
    } finally {
      await api.close();
    }
  });

  // In a child process: the Firestore client keeps retrying the hung read long after the
  // probe gave up, and only killing its process ends that promptly.
  test('503 degraded within 2 s when Firestore hangs', { timeout: 30_000 }, async () => {
    const hangingFirestore = await startHangingGrpcEndpoint();
    const server = await startServerProcess({ FIRESTORE_EMULATOR_HOST: hangingFirestore.host });
    try {
      const started = Date.now();
      const response = await request<HealthReport>(`${server.url}/api/health`);
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 1900 && elapsed < 4000, `answered after ${elapsed} ms`);
      assert.equal(response.status, 503);
      assert.equal(response.body.status, 'degraded');
      assert.equal(response.body.checks.firestore.ok, false);
      assert.equal(response.body.checks.firestore.error, 'Firestore did not answer within 2000 ms');
      assert.ok(response.body.checks.firestore.latencyMs >= 1900);
    } finally {
      server.killAll();
      await server.exited;
      await hangingFirestore.close();
    }
  });
});

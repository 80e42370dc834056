import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { closeTestFirebase } from './support/firebase-test-env';
import { SPA_ORIGIN, startTestServer, type TestServer } from './support/test-server';

describe('CORS', () => {
  let api: TestServer;

  before(async () => {
    api = await startTestServer();
  });
  after(async () => {
    await api.close();
    await closeTestFirebase();
  });

  const preflight = (origin: string) =>
    fetch(`${api.baseUrl}/api/me/profile`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });

  test('a preflight from the SPA origin is allowed, without needing a token', async () => {
    const response = await preflight(SPA_ORIGIN);
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), SPA_ORIGIN);
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /PUT/);
    assert.match(response.headers.get('access-control-allow-headers') ?? '', /Authorization/);
  });

  test('a preflight may ask for the Idempotency-Key header (POST /api/orders)', async () => {
    const response = await fetch(`${api.baseUrl}/api/orders`, {
      method: 'OPTIONS',
      headers: {
        Origin: SPA_ORIGIN,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,idempotency-key',
      },
    });
    assert.equal(response.status, 204);
    assert.match(response.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);
  });

  test('a preflight from another origin gets no Access-Control-Allow-Origin', async () => {
    const response = await preflight('http://evil.test');
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });

  test('a simple request from the SPA origin is allowed', async () => {
    const response = await fetch(`${api.baseUrl}/api/health`, {
      headers: { Origin: 'http://localhost:4200' },
    });
    await response.arrayBuffer();
    assert.equal(response.headers.get('access-control-allow-origin'), 'http://localhost:4200');
  });
});

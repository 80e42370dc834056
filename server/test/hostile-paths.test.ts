// Every route that takes an id, fed the ids an attacker or a broken client sends: malformed
// percent-escapes, overlong UTF-8, NUL, 6,000 characters, prototype names. Always a 4xx JSON
// answer with a code, never a 5xx.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ApiErrorBody } from '@maestro/contracts';
import { assertEmulatorsRunning, closeTestFirebase } from './support/firebase-test-env';
import { request, startTestServer, type TestServer } from './support/test-server';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

/** Already percent-encoded as they travel: the router decodes them. */
const HOSTILE_IDS = [
  '%ZZ',
  '%',
  '%E0%A4%A',
  '%C0%AF',
  '%F0%80%80%AF',
  '%00',
  'a%00b',
  '%ED%A0%80',
  'x'.repeat(6000),
  '__proto__',
  'constructor',
  '..%2F..%2Fadmin',
];

const ORDER_ROUTES: [string, (id: string) => string, string?][] = [
  ['GET', (id) => `/api/orders/${id}`],
  ['PUT', (id) => `/api/orders/${id}`, '{"notes":"x","version":1}'],
  ['DELETE', (id) => `/api/orders/${id}`],
  ['PATCH', (id) => `/api/orders/${id}/status`, '{"status":"CANCELLED"}'],
  ['GET', (id) => `/api/orders/${id}/history`],
  ['POST', (id) => `/api/orders/${id}/items`, '{"menuItemId":"espresso","quantity":1}'],
  ['PUT', (id) => `/api/orders/o1/items/${id}`, '{"quantity":2}'],
  ['DELETE', (id) => `/api/orders/${id}/items/${id}`],
];

const ADMIN_ROUTES: [string, (id: string) => string, string?][] = [
  ['PATCH', (id) => `/api/admin/users/${id}`, '{"role":"staff"}'],
  ['DELETE', (id) => `/api/admin/users/${id}`],
  ['PUT', (id) => `/api/admin/users/${id}/profile`, '{"displayName":"X","role":"staff","stations":[]}'],
  ['DELETE', (id) => `/api/admin/users/${id}/profile`],
  ['POST', (id) => `/api/admin/users/${id}/notifications`],
  ['DELETE', (id) => `/api/admin/users/u1/notifications/${id}`],
  ['POST', (id) => `/api/admin/users/${id}/onboarded`, '{"correlationId":"c1"}'],
];

describe('hostile ids in paths', () => {
  let api: TestServer;
  let staff: TestUser;
  let admin: TestUser;

  before(async () => {
    await assertEmulatorsRunning();
    api = await startTestServer();
    staff = await createTestUser('hostile-staff');
    admin = await createTestUser('hostile-admin', { admin: true });
  });
  after(async () => {
    await api.close();
    await deleteTestUsers();
    await closeTestFirebase();
  });

  async function answers(routes: typeof ORDER_ROUTES, token: string): Promise<string[]> {
    const problems: string[] = [];
    for (const [method, path, body] of routes) {
      for (const id of HOSTILE_IDS) {
        const url = `${api.baseUrl}${path(id)}`;
        const response = await request<ApiErrorBody>(url, {
          method,
          token,
          body,
          headers: { 'Idempotency-Key': 'hostile-1' },
        }).catch((error: unknown) => ({ status: 0, body: { error: { code: String(error), message: '' } } }) as never);
        const code = (response.body as ApiErrorBody | undefined)?.error?.code;
        // A delete of something that is not there may answer 204 (deletes are idempotent).
        const refusedWithoutCode = response.status >= 400 && !code;
        if (response.status >= 500 || response.status === 0 || refusedWithoutCode || (response.status < 400 && method !== 'DELETE')) {
          problems.push(`${method} ${path(id).slice(0, 60)} → ${response.status} ${code ?? '(no code)'}`);
        }
      }
    }
    return problems;
  }

  test('every order route answers 4xx with a code, never 5xx', async () => {
    assert.deepEqual(await answers(ORDER_ROUTES, staff.idToken), []);
  });

  test('every admin team route answers 4xx with a code (or 204 for a delete of nothing), never 5xx', async () => {
    assert.deepEqual(await answers(ADMIN_ROUTES, admin.idToken), []);
  });

  test('a malformed escape is named as such, with a way to fix it', async () => {
    const response = await request<ApiErrorBody>(`${api.baseUrl}/api/orders/%ZZ`, { token: staff.idToken });
    assert.equal(response.status, 400);
    assert.equal(response.body.error.code, 'bad_request');
    assert.match(response.body.error.message, /malformed percent-escape.*encodeURIComponent/);
  });
});

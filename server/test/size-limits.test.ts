import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  DELIVERY_ADDRESS_MAX,
  ORDER_CUSTOMER_NAME_MAX,
  ORDER_ITEM_NOTES_MAX,
  ORDER_ITEMS_MAX,
  ORDER_NOTES_MAX,
  ORDER_QUANTITY_MAX,
  type ApiErrorBody,
  type JoinAck,
} from '@maestro/contracts';
import type { Socket } from 'socket.io-client';
import { JSON_BODY_LIMIT_BYTES, SOCKET_MESSAGE_LIMIT_BYTES } from '../src/limits/size-limits';
import { assertEmulatorsRunning, closeTestFirebase } from './support/firebase-test-env';
import { connected, nextEvent, openSocket } from './support/sockets';
import { request, startTestServer, type TestServer } from './support/test-server';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

// 3 bytes in UTF-8 and one character to the API's length checks: the widest text a person types.
const wide = (length: number) => '界'.repeat(length);

/** The largest order create a client can send that the API accepts as valid: every cap at its maximum. */
function largestOrder() {
  return {
    type: 'delivery',
    address: {
      street: wide(DELIVERY_ADDRESS_MAX.street),
      city: wide(DELIVERY_ADDRESS_MAX.city),
      postalCode: wide(DELIVERY_ADDRESS_MAX.postalCode),
      instructions: wide(DELIVERY_ADDRESS_MAX.instructions),
    },
    customerName: wide(ORDER_CUSTOMER_NAME_MAX),
    notes: wide(ORDER_NOTES_MAX),
    items: Array.from({ length: ORDER_ITEMS_MAX }, (_, i) => ({
      // Document ids are at most 128 characters.
      menuItemId: `no-such-dish-${i}-`.padEnd(128, 'x'),
      quantity: ORDER_QUANTITY_MAX,
      notes: wide(ORDER_ITEM_NOTES_MAX),
    })),
  };
}

describe('size limits', () => {
  let api: TestServer;
  let user: TestUser;
  const sockets: Socket[] = [];

  before(async () => {
    await assertEmulatorsRunning();
    api = await startTestServer();
    user = await createTestUser('size-limits');
  });
  after(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await api.close();
    await deleteTestUsers();
    await closeTestFirebase();
  });

  const post = (body: string) =>
    request<ApiErrorBody>(`${api.baseUrl}/api/orders`, {
      method: 'POST',
      token: user.idToken,
      headers: { 'Idempotency-Key': `size-${Math.random()}` },
      body,
    });

  test('the largest real body (an order with every cap at its maximum, in 3-byte characters) fits', async () => {
    const body = JSON.stringify(largestOrder());
    const bytes = Buffer.byteLength(body);
    assert.ok(
      bytes < JSON_BODY_LIMIT_BYTES,
      `${bytes} bytes do not fit in ${JSON_BODY_LIMIT_BYTES}`,
    );
    const response = await post(body);
    // Read and validated: the dishes do not exist, which is the only thing wrong with it.
    assert.notEqual(response.status, 413);
    assert.ok(response.status < 500, `${response.status} ${JSON.stringify(response.body)}`);
    assert.notEqual(response.body.error.code, 'validation_failed', JSON.stringify(response.body));
  });

  test('a body over the limit → 413 payload_too_large, unread', async () => {
    const order = { ...largestOrder(), notes: '' };
    const padding = JSON_BODY_LIMIT_BYTES - Buffer.byteLength(JSON.stringify(order)) + 1;
    const body = JSON.stringify({ ...order, notes: 'x'.repeat(padding) });
    assert.ok(Buffer.byteLength(body) > JSON_BODY_LIMIT_BYTES);
    const response = await post(body);
    assert.equal(response.status, 413);
    assert.equal(response.body.error.code, 'payload_too_large');
  });

  test('a socket message the size of a token refresh (8 kB token) goes through', async () => {
    const socket = openSocket(api.baseUrl, { auth: { token: user.idToken } });
    sockets.push(socket);
    await connected(socket);
    const ack = (await socket
      .timeout(5000)
      .emitWithAck('join', { rooms: ['kitchen'], token: 'x'.repeat(8192) })) as JoinAck;
    assert.equal(ack.ok, true);
    assert.ok(socket.connected);
  });

  for (const transport of ['websocket', 'polling'] as const) {
    test(`an oversize socket message drops the connection (${transport})`, async () => {
      const socket = openSocket(api.baseUrl, {
        auth: { token: user.idToken },
        transports: [transport],
      });
      sockets.push(socket);
      await connected(socket);
      const id = socket.id!;
      const dropped = nextEvent<string>(socket, 'disconnect');
      socket.emit('join', { rooms: ['kitchen'], padding: 'x'.repeat(SOCKET_MESSAGE_LIMIT_BYTES) });
      assert.match(await dropped, /transport (close|error)/);
      // The server forgot it too.
      while (api.server.io.sockets.sockets.has(id))
        await new Promise((resolve) => setTimeout(resolve, 20));
    });
  }
});

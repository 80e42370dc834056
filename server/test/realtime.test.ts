import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { JoinAck } from '@maestro/contracts';
import type { Socket } from 'socket.io-client';
import { assertEmulatorsRunning, closeTestFirebase } from './support/firebase-test-env';
import { connected, nextEvent, openSocket } from './support/sockets';
import { SPA_ORIGIN, startTestServer, type TestServer } from './support/test-server';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

type HandshakeError = Error & { data?: { code: string; message: string } };

describe('realtime (socket.io)', () => {
  let api: TestServer;
  let user: TestUser;
  const sockets: Socket[] = [];
  const open = (options: Parameters<typeof openSocket>[1] = {}) => {
    const socket = openSocket(api.baseUrl, options);
    sockets.push(socket);
    return socket;
  };

  before(async () => {
    await assertEmulatorsRunning();
    api = await startTestServer();
    user = await createTestUser('realtime');
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  after(async () => {
    await api.close();
    await deleteTestUsers();
    await closeTestFirebase();
  });

  test('no token → connect_error with code unauthenticated', async () => {
    const error = await nextEvent<HandshakeError>(open(), 'connect_error');
    assert.equal(error.data?.code, 'unauthenticated');
    assert.match(error.data?.message ?? '', /^Sign in first/);
    assert.equal(error.message, error.data?.message);
  });

  test('a bad token → connect_error with code unauthenticated', async () => {
    const error = await nextEvent<HandshakeError>(
      open({ auth: { token: 'garbage' } }),
      'connect_error',
    );
    assert.equal(error.data?.code, 'unauthenticated');
    assert.match(error.data?.message ?? '', /not valid for Maestro/);
  });

  test('a browser origin that is not the SPA is refused', async () => {
    const socket = open({
      auth: { token: user.idToken },
      extraHeaders: { Origin: 'http://evil.test' },
    });
    await assert.rejects(connected(socket));
    assert.equal(socket.connected, false);
  });

  test('a valid token connects; join acks the allowed rooms and refuses others', async () => {
    const socket = await connected(open({ auth: { token: user.idToken } }));
    const joined = (await socket
      .timeout(5000)
      .emitWithAck('join', { rooms: ['kitchen', 'orders'] })) as JoinAck;
    assert.deepEqual(joined, { ok: true, rooms: ['kitchen', 'orders'] });

    const refused = (await socket
      .timeout(5000)
      .emitWithAck('join', { rooms: ['nope'] })) as JoinAck;
    assert.equal(refused.ok, false);
    assert.equal(refused.ok === false && refused.error.code, 'validation_failed');
    assert.match(refused.ok === false ? refused.error.message : '', /kitchen, orders/);

    const garbage = (await socket.timeout(5000).emitWithAck('join', 'kitchen')) as JoinAck;
    assert.equal(garbage.ok, false);
    assert.ok(socket.connected, 'bad input does not cost the connection');
  });

  test('a broadcast to both rooms reaches a client in both exactly once', async () => {
    const both = await connected(open({ auth: { token: user.idToken } }));
    const kitchenOnly = await connected(open({ auth: { token: user.idToken } }));
    const outsider = await connected(open({ auth: { token: user.idToken } }));
    await both.timeout(5000).emitWithAck('join', { rooms: ['kitchen', 'orders'] });
    await kitchenOnly.timeout(5000).emitWithAck('join', { rooms: ['kitchen'] });

    const received = new Map<Socket, unknown[]>([
      [both, []],
      [kitchenOnly, []],
      [outsider, []],
    ]);
    for (const [socket, list] of received)
      socket.on('test:order-changed', (payload: unknown) => list.push(payload));

    assert.equal(api.server.broadcaster.broadcast('test:order-changed', { orderId: 'o-1' }), true);
    // Events to one socket arrive in order: once the marker is in, any duplicate would be too.
    const markers = [both, kitchenOnly, outsider].map((socket) => nextEvent(socket, 'test:marker'));
    api.server.io.emit('test:marker');
    await Promise.all(markers);

    assert.deepEqual(received.get(both), [{ orderId: 'o-1' }]);
    assert.deepEqual(received.get(kitchenOnly), [{ orderId: 'o-1' }]);
    assert.deepEqual(received.get(outsider), []);
  });

  test('an emit that throws is logged, not thrown', () => {
    // socket.io throws on reserved event names: a real failing emit.
    assert.equal(api.server.broadcaster.broadcast('connect', {}), false);
    const logged = api.logs.find((line) => line['msg'] === 'realtime broadcast failed');
    assert.equal(logged?.['event'], 'connect');
    assert.match(
      String((logged?.['err'] as { message?: string } | undefined)?.message),
      /reserved event name/,
    );
  });

  test('the socket.io CORS answer names the SPA origin only', async () => {
    const polling = (origin: string) =>
      fetch(`${api.baseUrl}/socket.io/?EIO=4&transport=polling`, { headers: { Origin: origin } });
    const allowed = await polling(SPA_ORIGIN);
    await allowed.arrayBuffer();
    assert.equal(allowed.headers.get('access-control-allow-origin'), SPA_ORIGIN);
    const evil = await polling('http://evil.test');
    await evil.arrayBuffer();
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
    assert.notEqual(evil.status, 200);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertEmulatorsRunning, closeTestFirebase } from './support/firebase-test-env';
import { startServerProcess } from './support/server-process';
import { connected, nextEvent, openSocket } from './support/sockets';
import { createTestUser, deleteTestUsers } from './support/test-users';

describe('graceful shutdown of server/src/main.ts', () => {
  before(assertEmulatorsRunning);
  after(async () => {
    await deleteTestUsers();
    await closeTestFirebase();
  });

  test(
    'SIGTERM with a socket and a keep-alive connection open → closes and exits 0 promptly',
    { timeout: 30_000 },
    async () => {
      const server = await startServerProcess({ SHUTDOWN_GRACE_MS: '8000' });
      try {
        assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
        const health = await fetch(`${server.url}/api/health`); // leaves an idle keep-alive connection
        assert.equal(health.status, 200);
        await health.arrayBuffer();
        const user = await createTestUser('shutdown');
        const socket = await connected(openSocket(server.url, { auth: { token: user.idToken } }));
        const disconnected = nextEvent(socket, 'disconnect');

        const signalled = Date.now();
        server.child.kill('SIGTERM');
        const [code, signal] = await server.exited;
        const elapsed = Date.now() - signalled;
        assert.equal(signal, null);
        assert.equal(code, 0);
        assert.ok(elapsed < 5000, `exited in ${elapsed} ms`);
        await disconnected;
        assert.ok(server.logs.some((line) => line['msg'] === 'shut down cleanly'));
      } finally {
        server.killAll();
      }
    },
  );
});

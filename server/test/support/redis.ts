import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A real Redis for a test: Debian's redis-server as a child process on a free loopback port with
// its own data folder. `npm test` also runs one Redis for the whole run (MAESTRO_TEST_REDIS_URL);
// a test that stops or restarts Redis starts its own here instead.

export const REDIS_INSTALL = 'apt-get install -y --no-install-recommends redis-server';

export interface TestRedis {
  /** redis://127.0.0.1:<port> */
  url: string;
  port: number;
  /** SIGKILLs the server (a crash) and waits for its exit; the data folder stays for restart(). */
  kill(): Promise<void>;
  /** Kills the server and removes its data folder: call it in `after`. */
  stop(): Promise<void>;
  /**
   * Kills the server (SIGKILL) and starts it again on the same port and folder; resolves once it
   * answers. Streams survive only with `appendonly: true`.
   */
  restart(): Promise<void>;
}

/** Whether Debian's redis-server is installed. */
export function hasRedis(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * For `describe(name, { skip: skipWithoutRedis() }, ...)`: false when redis-server is installed.
 * Without it a local run skips with a reason, but CI (CI=1, set by .ci/run) does not skip: the
 * tests run and fail in startRedis() with the command to install it, so a CI machine without
 * Redis never passes by testing less.
 */
export function skipWithoutRedis(): string | false {
  if (hasRedis()) return false;
  if (process.env['CI']) return false;
  return `redis-server is not installed (${REDIS_INSTALL})`;
}

/** Starts a redis-server of its own; `appendonly: true` keeps its data (streams) across restart(). */
export async function startRedis(options: { appendonly?: boolean } = {}): Promise<TestRedis> {
  if (!hasRedis()) {
    throw new Error(
      `These tests need Debian's redis-server, which is not installed: ${REDIS_INSTALL}` +
        (process.env['CI'] ? ' (.ci/run installs it on CI machines)' : ''),
    );
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'maestro-test-redis-'));
  const args = [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', dir,
    '--save', '',
    '--appendonly', options.appendonly ? 'yes' : 'no',
  ];
  let child: ChildProcess | undefined;
  // A test process that ends without stop() (a failed `before`) must not leave a Redis behind.
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  const launch = async () => {
    const started = spawn('redis-server', args, { cwd: dir, stdio: 'ignore' });
    child = started;
    const deadline = Date.now() + 10_000;
    while (!(await answersPing(port))) {
      if (started.exitCode !== null || Date.now() > deadline) {
        started.kill('SIGKILL');
        throw new Error(`redis-server did not start on port ${port}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = once(running, 'exit');
    running.kill('SIGKILL');
    await exited;
  };

  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill,
    async stop() {
      await kill();
      process.removeListener('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
    async restart() {
      await kill();
      await launch();
    },
  };
}

/** A port nothing listens on right now (loopback). */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    socket.setTimeout(1_000, () => socket.destroy());
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) socket.end();
    });
    socket.once('close', () => resolve(reply.startsWith('+PONG')));
    socket.once('error', () => undefined);
  });
}

// What the local product is made of, and small helpers the start and test scripts share.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PROJECT_ID = 'demo-maestro';
export const PORTS = { firestore: 8080, auth: 9099, api: 3001, spa: 4200 };
export const EMULATOR_ENV = {
  GCLOUD_PROJECT: PROJECT_ID,
  FIRESTORE_EMULATOR_HOST: `127.0.0.1:${PORTS.firestore}`,
  FIREBASE_AUTH_EMULATOR_HOST: `127.0.0.1:${PORTS.auth}`,
  // firebase-admin would otherwise probe for a cloud metadata server that is not there.
  METADATA_SERVER_DETECTION: 'none',
};

const require = createRequire(import.meta.url);
export const BIN = {
  firebase: require.resolve('firebase-tools/lib/bin/firebase.js'),
  ng: require.resolve('@angular/cli/bin/ng.js'),
};

/** Resolves true when something already listens on 127.0.0.1:port. */
export function portInUse(port) {
  return new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(true))
      .once('listening', () => server.close(() => resolve(false)))
      .listen(port, '127.0.0.1');
  });
}

export async function busyPorts() {
  const busy = [];
  for (const [name, port] of Object.entries(PORTS)) if (await portInUse(port)) busy.push(`${port} (${name})`);
  return busy;
}

/** Polls a URL until it answers below 500, the deadline passes, or `abort()` says stop. */
export async function waitForUrl(url, { timeoutMs = 120_000, abort = () => null } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const reason = abort();
    if (reason) throw new Error(reason);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s`);
}

// A detached child is in its own process group, so Ctrl-C (or CI stopping us) does not reach it:
// pass those signals on before exiting.
const detachedGroups = new Set();
let forwarding = false;
function forwardSignalsToDetached() {
  if (forwarding) return;
  forwarding = true;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      for (const child of detachedGroups) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      process.exit(130);
    });
  }
}

/**
 * Runs a command to completion with inherited output; resolves with its exit code.
 * With `timeoutMs`, a command still running after that long is killed with everything it started
 * (its own process group) and resolves 124: a hung suite must fail, never stall CI.
 */
/** `teeTo`: a file that also receives the command's output (printed as usual). */
export function run(command, args, { timeoutMs, teeTo, ...options } = {}) {
  return new Promise((resolve) => {
    const stdio = teeTo ? ['inherit', 'pipe', 'pipe'] : 'inherit';
    const child = spawn(command, args, { stdio, cwd: ROOT, detached: timeoutMs !== undefined, ...options });
    if (teeTo) tee(child, teeTo);
    if (timeoutMs !== undefined) {
      forwardSignalsToDetached();
      detachedGroups.add(child);
    }
    let timedOut = false;
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            console.error(`\n${[command, ...args].join(' ').slice(0, 160)}\n  still running after ${Math.round(timeoutMs / 1000)} s: killed.`);
            try {
              process.kill(-child.pid, 'SIGKILL');
            } catch {
              // already gone
            }
          }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      detachedGroups.delete(child);
      resolve(timedOut ? 124 : (code ?? (signal ? 1 : 0)));
    });
    child.on('error', () => resolve(127));
  });
}

function tee(child, file) {
  const copy = createWriteStream(file, { flags: 'a' });
  child.stdout.on('data', (chunk) => (process.stdout.write(chunk), copy.write(chunk)));
  child.stderr.on('data', (chunk) => (process.stderr.write(chunk), copy.write(chunk)));
  child.on('close', () => copy.end());
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address();
        server.close(() => resolve(port));
      });
  });
}

/** Whether a program is on the PATH (e.g. Debian's redis-server or haproxy). */
export function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** The line to run when Debian's redis-server or haproxy is missing. */
export const APT_INSTALL = 'sudo apt-get install -y --no-install-recommends redis-server haproxy';

/** Resolves true once a Redis server answers PING on 127.0.0.1:port. */
export function redisAnswers(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    socket.setTimeout(1_000, () => socket.destroy());
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk;
      if (reply.includes('\r\n')) socket.end();
    });
    socket.once('close', () => resolve(reply.startsWith('+PONG')));
    socket.once('error', () => undefined);
  });
}

/**
 * Starts Debian's redis-server as a child: loopback only, its own port (a free one unless given)
 * and its own temporary data folder, nothing saved (`--save '' --appendonly no`) unless
 * `appendonly`. Resolves once it answers PING with { url, port, dir, child, stop() }; stop() kills
 * it and removes the folder (synchronous, so an 'exit' handler may call it).
 */
export async function startRedis({ port, appendonly = false, stdio = 'ignore' } = {}) {
  if (!hasCommand('redis-server')) throw new Error(`redis-server is not installed: ${APT_INSTALL}`);
  port ??= await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'maestro-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', appendonly ? 'yes' : 'no'];
  const child = spawn('redis-server', args, { cwd: dir, stdio });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (!(await redisAnswers(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      stop();
      throw new Error(`redis-server did not start on port ${port} (is the port taken?)`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url: `redis://127.0.0.1:${port}`, port, dir, child, stop };
}

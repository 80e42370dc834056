// What the local product is made of, and small helpers the start and test scripts share.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
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
export function run(command, args, { timeoutMs, ...options } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', cwd: ROOT, detached: timeoutMs !== undefined, ...options });
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

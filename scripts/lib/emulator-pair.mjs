// A Firebase emulator pair (Auth + Firestore) of a suite's own: its own demo project, every port
// free, a firebase.json and working folder in a temporary directory (so its firebase-debug.log and
// firestore-debug.log never mix with those of the pair on 8080/9099). npm test gives the server
// suite one, so it can run while Karma and the journeys wipe demo-maestro.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { offlineFirestoreEmulatorEnv } from '../firestore-emulator-offline.mjs';
import { BIN, ROOT, freePort } from './local-stack.mjs';

// What `firebase emulators:exec` puts in a command's environment: a pair started beside another
// run must not inherit that run's values (firebase-admin reads FIREBASE_CONFIG, for one).
const EMULATOR_VARIABLES = [
  'GCLOUD_PROJECT',
  'FIREBASE_CONFIG',
  'FIRESTORE_EMULATOR_HOST',
  'FIREBASE_FIRESTORE_EMULATOR_ADDRESS',
  'FIREBASE_AUTH_EMULATOR_HOST',
  'FIREBASE_EMULATOR_HUB',
];

/**
 * The `emulators` block of a firebase.json: Auth and Firestore on 127.0.0.1 with every other port
 * they open given too (hub, logging, Firestore's websocket), so two runs never collide; no UI.
 */
export function emulatorsOnPorts({ firestore, auth, hub, logging, websocket }) {
  const host = '127.0.0.1';
  return {
    auth: { host, port: auth },
    firestore: { host, port: firestore, websocketPort: websocket },
    hub: { host, port: hub },
    logging: { host, port: logging },
    ui: { enabled: false },
    singleProjectMode: true,
  };
}

/** The process ids below `pid` (children first seen in /proc; empty where there is no /proc). */
function descendants(pid) {
  let entries;
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const children = new Map();
  for (const entry of entries) {
    try {
      // /proc/<pid>/stat: "pid (name) state ppid …"; the name may hold spaces, so cut after ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // ended while we looked
    }
  }
  const found = [];
  const visit = (parent) => {
    for (const child of children.get(parent) ?? []) {
      found.push(child);
      visit(child);
    }
  };
  visit(pid);
  return found;
}

/** SIGKILLs a process group, or the process alone when it leads none. */
function killGroup(pid) {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // no such group / already gone
    }
  }
}

/**
 * Resolves once firebase-tools says every emulator is ready. Its word, not an answer on the port:
 * a port taken by someone else answers too, while firebase-tools gives up on it and exits.
 */
async function whenReady(logFile, exitCode, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!readFileSync(logFile, 'utf8').includes('All emulators ready')) {
    if (exitCode() !== null) throw new Error(`they exited (${exitCode()})`);
    if (Date.now() > deadline) throw new Error(`they were not ready within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * firebase-tools names a project's running hub in a file of the temp folder and removes it when it
 * stops; killed, it cannot. Remove it when it still names our hub (another run may have replaced it).
 */
function removeHubLocator(projectId, hubPort) {
  const locator = join(tmpdir(), `hub-${projectId}.json`);
  try {
    const { origins = [] } = JSON.parse(readFileSync(locator, 'utf8'));
    if (origins.some((origin) => new URL(origin).port === String(hubPort))) rmSync(locator, { force: true });
  } catch {
    // none, or not one we can read: leave it
  }
}

const tail = (text, lines) => text.trimEnd().split('\n').slice(-lines).join('\n');

/**
 * Starts `firebase emulators:start --only auth,firestore` for `projectId` on free ports (or the
 * `ports` given: firestore, auth, hub, logging, websocket) and resolves once both answer, with:
 * - `env`: what a suite needs to use them (the variables emulators:exec sets),
 * - `stop()`: ends them (Ctrl-C, as in a terminal; SIGKILL after `graceMs`) and removes the folder,
 * - `kill()`: synchronous, for 'exit' handlers.
 * Rejects, with the end of the emulators' output, when they exit or are not ready within
 * `timeoutMs` (a start takes ~15 s here idle, 76 s was seen at load 10 on 2 cores and 90 s was
 * once not enough); nothing is left running then.
 */
export async function startEmulatorPair({ projectId, ports = {}, timeoutMs = 180_000, graceMs = 10_000 }) {
  const dir = mkdtempSync(join(tmpdir(), `maestro-${projectId}-`));
  const pick = async (name) => ports[name] ?? (await freePort());
  const [firestore, auth, hub, logging, websocket] = await Promise.all(['firestore', 'auth', 'hub', 'logging', 'websocket'].map(pick));
  const host = '127.0.0.1';
  const config = join(dir, 'firebase.json');
  writeFileSync(
    config,
    JSON.stringify({
      firestore: { rules: join(ROOT, 'firestore.rules'), indexes: join(ROOT, 'firestore.indexes.json') },
      emulators: emulatorsOnPorts({ firestore, auth, hub, logging, websocket }),
    }),
  );
  const logFile = join(dir, 'emulators.log');
  const logFd = openSync(logFile, 'w');
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !EMULATOR_VARIABLES.includes(name)));
  // Detached: a group of its own, which the Ctrl-C of a terminal does not reach; we stop it.
  const child = spawn(
    process.execPath,
    [BIN.firebase, 'emulators:start', '--only', 'auth,firestore', '--project', projectId, '--config', config],
    { cwd: dir, detached: true, stdio: ['ignore', logFd, logFd], env: { ...inherited, NO_UPDATE_NOTIFIER: '1', ...offlineFirestoreEmulatorEnv() } },
  );
  closeSync(logFd);
  let exitCode = null;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve((exitCode = code ?? signal))));

  // firebase-tools starts the Firestore emulator (Java) detached too, in a group of its own:
  // killing firebase-tools' group alone would leave it running. Take every descendant's group.
  let removed = false;
  const kill = () => {
    // Once firebase-tools has exited (and was reaped) its pid may belong to someone else.
    if (exitCode === null) {
      for (const pid of [...descendants(child.pid), child.pid]) killGroup(pid);
      removeHubLocator(projectId, hub);
    }
    if (!removed) rmSync(dir, { recursive: true, force: true });
    removed = true;
  };
  process.on('exit', kill);
  const stop = async () => {
    if (exitCode === null) {
      child.kill('SIGINT');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
    }
    kill();
    process.off('exit', kill);
  };

  try {
    await whenReady(logFile, () => exitCode, timeoutMs);
  } catch (error) {
    const output = tail(readFileSync(logFile, 'utf8'), 30);
    await stop();
    throw new Error(
      `The Firebase emulators of ${projectId} (Firestore ${host}:${firestore}, Auth ${host}:${auth}) did not start: ` +
        `${error.message}.\nThe end of their output:\n${output}`,
      { cause: error },
    );
  }
  const env = {
    GCLOUD_PROJECT: projectId,
    FIREBASE_CONFIG: JSON.stringify({ projectId }),
    FIRESTORE_EMULATOR_HOST: `${host}:${firestore}`,
    FIREBASE_FIRESTORE_EMULATOR_ADDRESS: `${host}:${firestore}`,
    FIREBASE_AUTH_EMULATOR_HOST: `${host}:${auth}`,
    FIREBASE_EMULATOR_HUB: `${host}:${hub}`,
    METADATA_SERVER_DETECTION: 'none',
  };
  return { projectId, ports: { firestore, auth, hub }, env, stop, kill };
}

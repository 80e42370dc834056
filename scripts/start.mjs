// `npm start`: the whole product locally — emulators, demo data, API, SPA — in one terminal.
// Ctrl-C stops everything in reverse order; the emulators save their data to .emulator-data/
// so the next start continues where you left off (`npm run reset-data` starts from scratch).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import pretty from 'pino-pretty';
import { offlineFirestoreEmulatorEnv } from './firestore-emulator-offline.mjs';
import { BIN, EMULATOR_ENV, PORTS, PROJECT_ID, ROOT, busyPorts, run, waitForUrl } from './lib/local-stack.mjs';

const DATA_DIR = join(ROOT, '.emulator-data');
const COLOURS = { firebase: 33, api: 36, spa: 35 };
const children = [];
let stopping = false;

function prefixLines(name, stream, target) {
  let partial = '';
  stream.on('data', (chunk) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop();
    for (const line of lines) target.write(`\x1b[${COLOURS[name]}m${name.padEnd(8)}\x1b[0m ${line}\n`);
  });
}

function start(name, args, env, { prettyLogs = false } = {}) {
  // Detached: each child gets its own process group, so Ctrl-C reaches only us and we stop
  // them in order (the emulators must outlive the API to export their data).
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, detached: true });
  if (prettyLogs) {
    // The API logs JSON lines; show them one readable line each.
    const readable = new PassThrough();
    const options = { colorize: true, singleLine: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname,service' };
    child.stdout.pipe(pretty({ ...options, destination: readable }));
    prefixLines(name, readable, process.stdout);
  } else {
    prefixLines(name, child.stdout, process.stdout);
  }
  prefixLines(name, child.stderr, process.stderr);
  child.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  child.exited.then((code) => {
    if (!stopping) {
      console.error(`\n${name} stopped unexpectedly (exit code ${code}); stopping the rest.`);
      void stopAll(1);
    }
  });
  child.label = name;
  children.push(child);
  return child;
}

async function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping Maestro…');
  for (const child of [...children].reverse()) {
    if (child.exitCode !== null) continue;
    // firebase-tools exports its data on SIGINT; the API and the dev server shut down on SIGTERM.
    const signal = child.label === 'firebase' ? 'SIGINT' : 'SIGTERM';
    try {
      process.kill(-child.pid, signal);
    } catch {
      continue;
    }
    const timer = setTimeout(() => process.kill(-child.pid, 'SIGKILL'), 20_000);
    await child.exited;
    clearTimeout(timer);
  }
  console.log('Stopped.');
  process.exit(exitCode);
}

async function main() {
  const busy = await busyPorts();
  if (busy.length) {
    console.error(`Cannot start: port ${busy.join(', ')} already in use. Is Maestro (or npm test) already running?`);
    process.exit(1);
  }
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  const firebaseArgs = [BIN.firebase, 'emulators:start', '--only', 'auth,firestore', '--project', PROJECT_ID];
  if (existsSync(DATA_DIR)) firebaseArgs.push('--import', DATA_DIR);
  firebaseArgs.push('--export-on-exit', DATA_DIR);
  const firebase = start('firebase', firebaseArgs, { NO_UPDATE_NOTIFIER: '1', ...offlineFirestoreEmulatorEnv() });
  const firebaseGone = () => (firebase.exitCode !== null ? 'the Firebase emulators failed to start (see above)' : null);
  await waitForUrl(`http://127.0.0.1:${PORTS.firestore}/`, { abort: firebaseGone });
  await waitForUrl(`http://127.0.0.1:${PORTS.auth}/`, { abort: firebaseGone });

  const seedExit = await run(process.execPath, ['--import', 'tsx', 'scripts/seed/seed.ts'], {
    env: { ...process.env, ...EMULATOR_ENV },
  });
  if (seedExit !== 0) {
    console.error('Seeding the demo data failed (see above).');
    return stopAll(1);
  }

  const api = start('api', ['--import', 'tsx', 'server/src/main.ts'], { ...EMULATOR_ENV, PORT: String(PORTS.api) }, { prettyLogs: true });
  const spa = start('spa', [BIN.ng, 'serve', '--host', '127.0.0.1', '--port', String(PORTS.spa)], { NG_CLI_ANALYTICS: 'false' });
  await waitForUrl(`http://127.0.0.1:${PORTS.api}/api/health`, { abort: () => (api.exitCode !== null ? 'the API failed to start' : null) });
  await waitForUrl(`http://127.0.0.1:${PORTS.spa}/`, { abort: () => (spa.exitCode !== null ? 'the SPA failed to build' : null) });

  console.log(`
  \x1b[1mMaestro is running\x1b[0m

    App        http://127.0.0.1:${PORTS.spa}/
    API        http://127.0.0.1:${PORTS.api}/api/health
    Emulators  Firestore 127.0.0.1:${PORTS.firestore} · Auth 127.0.0.1:${PORTS.auth} (project ${PROJECT_ID})

    Sign in as  admin@maestro.test / maestro-admin   (admin)
                staff@maestro.test / maestro-staff   (staff)

  Press Ctrl-C to stop everything.
`);
}

main().catch((error) => {
  console.error(`Maestro could not start: ${error.message}`);
  void stopAll(1);
});

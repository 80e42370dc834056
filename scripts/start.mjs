// `npm start`: the whole product locally — emulators, demo data, API, SPA — in one terminal.
// Ctrl-C stops everything in reverse order; the emulators save their data to .emulator-data/
// so the next start continues where you left off (`npm run reset-data` starts from scratch).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { offlineFirestoreEmulatorEnv } from './firestore-emulator-offline.mjs';
import { BIN, EMULATOR_ENV, PORTS, PROJECT_ID, ROOT, busyPorts, run, waitForUrl } from './lib/local-stack.mjs';
import { createSupervisor } from './lib/supervisor.mjs';

const DATA_DIR = join(ROOT, '.emulator-data');
const { start, stopAll } = createSupervisor({ colours: { firebase: 33, api: 36, spa: 35 } });

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
  // firebase-tools exports its data on SIGINT; the API and the dev server shut down on SIGTERM.
  const firebase = start('firebase', firebaseArgs, { NO_UPDATE_NOTIFIER: '1', ...offlineFirestoreEmulatorEnv() }, { stopSignal: 'SIGINT' });
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

// `npm start`: the whole product locally — emulators, demo data, API, SPA — in one terminal.
// Ctrl-C stops everything in reverse order; the emulators' data is saved to .emulator-data/ every
// few minutes and at exit, so the next start continues where you left off (`npm run reset-data`
// starts from scratch). A save that fails is said loudly and makes the exit code non-zero.
import { join } from 'node:path';
import { BIN, EMULATOR_ENV, PORTS, PROJECT_ID, ROOT, busyPorts, run, waitForUrl } from './lib/local-stack.mjs';
import { startSavedEmulators } from './lib/saved-emulators.mjs';
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

  await startSavedEmulators({ start, dataDir: DATA_DIR, projectId: PROJECT_ID, ports: PORTS });

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

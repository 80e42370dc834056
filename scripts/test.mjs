// `npm test`: every suite, inside one run of the Firebase emulators (the server and rules suites
// start pairs of their own beside them: scripts/test-suites.mjs).
// `npm test -- karma e2e` runs only the named suites (lint, karma, server, rules, e2e).
import { offlineFirestoreEmulatorEnv } from './firestore-emulator-offline.mjs';
import { BIN, PROJECT_ID, busyPorts, run } from './lib/local-stack.mjs';

const busy = await busyPorts();
if (busy.length) {
  console.error(`Cannot run the tests: port ${busy.join(', ')} already in use. Stop \`npm start\` first.`);
  process.exit(1);
}
const suites = process.argv.slice(2).join(' ');
const code = await run(
  process.execPath,
  [BIN.firebase, 'emulators:exec', '--only', 'auth,firestore', '--project', PROJECT_ID, `node scripts/test-suites.mjs ${suites}`],
  { env: { ...process.env, NO_UPDATE_NOTIFIER: '1', ...offlineFirestoreEmulatorEnv() } },
);
process.exit(code);

// Runs the project's firebase-tools with the offline emulator jar and quiet defaults.
// Usage: node scripts/firebase.mjs <firebase args...>
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { offlineFirestoreEmulatorEnv } from './firestore-emulator-offline.mjs';

const require = createRequire(import.meta.url);
const cli = require.resolve('firebase-tools/lib/bin/firebase.js');
const child = spawn(process.execPath, [cli, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, NO_UPDATE_NOTIFIER: '1', ...offlineFirestoreEmulatorEnv() },
});
// Ctrl-C reaches the child through the terminal's process group; wait for it to finish cleanly.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

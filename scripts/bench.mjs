// `npm run bench`: every bench/*.bench.mts in name order, inside one run of the Firebase emulators,
// after seeding the demo users. `npm run bench -- batch` runs only the files whose name contains
// "batch". Every benchmark runs even when an earlier one failed; a summary comes last.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { offlineFirestoreEmulatorEnv } from './firestore-emulator-offline.mjs';
import { BIN, EMULATOR_ENV, PORTS, ROOT, portInUse, run } from './lib/local-stack.mjs';

const INSIDE = '--inside-emulators';
/**
 * The benches' own project, not the tests' and `npm start`'s demo-maestro: the emulators started
 * here run it (so API-key sign-ins, which the Auth emulator puts in its default project, land in
 * it too), and the seed and every bench get it as GCLOUD_PROJECT. Benches that write a lot use a
 * project of their own per run on top (order-board*, activity-*), wiped at the end.
 */
const BENCH_PROJECT_ID = 'demo-maestro-bench';
const tsx = (...args) => [process.execPath, ['--import', 'tsx', ...args]];

function benchFiles(filters) {
  const all = readdirSync(join(ROOT, 'bench'))
    .filter((file) => file.endsWith('.bench.mts'))
    .sort();
  return filters.length ? all.filter((file) => filters.some((f) => file.includes(f))) : all;
}

/** The emulators are up: seed, then run each benchmark and report. */
async function runBenchmarks(filters) {
  const env = { ...process.env, ...EMULATOR_ENV, GCLOUD_PROJECT: BENCH_PROJECT_ID };
  const [seedCommand, seedArgs] = tsx('scripts/seed/seed.ts');
  if ((await run(seedCommand, seedArgs, { env })) !== 0) return 1;
  const results = [];
  for (const file of benchFiles(filters)) {
    console.log(`\n\x1b[1m━━ ${file} ━━\x1b[0m`);
    const started = Date.now();
    const [command, args] = tsx(`bench/${file}`);
    const code = await run(command, args, { env });
    results.push({ file, ok: code === 0, seconds: (Date.now() - started) / 1000 });
  }
  console.log('\n\x1b[1mSummary\x1b[0m');
  for (const { file, ok, seconds } of results) {
    console.log(
      `  ${ok ? '\x1b[32mdone\x1b[0m' : '\x1b[31mFAIL\x1b[0m'}  ${file.padEnd(32)} ${seconds.toFixed(1).padStart(6)} s`,
    );
  }
  return results.every((r) => r.ok) ? 0 : 1;
}

const args = process.argv.slice(2);
if (args[0] === INSIDE) process.exit(await runBenchmarks(args.slice(1)));

// The filters travel inside a shell command: plain words only.
if (args.some((f) => !/^[\w.-]+$/.test(f))) {
  console.error('Name benchmarks by plain words (letters, digits, ".", "-", "_").');
  process.exit(2);
}
const files = benchFiles(args);
if (!files.length) {
  console.error(
    `No benchmark matches ${args.join(', ')}. Benchmarks: ${benchFiles([]).join(', ')}.`,
  );
  process.exit(2);
}
const busy = [];
for (const name of ['firestore', 'auth'])
  if (await portInUse(PORTS[name])) busy.push(`${PORTS[name]} (${name})`);
if (busy.length) {
  console.error(
    `Cannot run the benchmarks: port ${busy.join(', ')} already in use. Stop \`npm start\` first.`,
  );
  process.exit(1);
}
const code = await run(
  process.execPath,
  [
    BIN.firebase,
    'emulators:exec',
    '--only',
    'auth,firestore',
    '--project',
    BENCH_PROJECT_ID,
    `node scripts/bench.mjs ${INSIDE} ${args.join(' ')}`,
  ],
  { env: { ...process.env, NO_UPDATE_NOTIFIER: '1', ...offlineFirestoreEmulatorEnv() } },
);
process.exit(code);

// npm run mutation [-- server core saga]: StrykerJS over the logic the contracts rest on (see the
// README, Tests → Mutation testing). Not part of npm test. Each part is one Stryker run; at the
// end a table of scores per file, also written to reports/mutation/summary.md.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const PARTS = {
  contracts: { config: 'mutation/stryker.contracts.config.mjs', report: 'reports/mutation/contracts.json' },
  server: { config: 'mutation/stryker.server.config.mjs', report: 'reports/mutation/server.json' },
  core: {
    config: 'mutation/stryker.core.config.mjs',
    report: 'reports/mutation/core.json',
    // The Jasmine runner imports the .ts specs in its own process.
    env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import tsx`.trim() },
  },
  saga: { config: 'mutation/stryker.saga.config.mjs', report: 'reports/mutation/saga.json', emulators: true },
};

const EMULATORS = {
  GCLOUD_PROJECT: 'demo-maestro',
  FIRESTORE_EMULATOR_HOST: '127.0.0.1:8080',
  FIREBASE_AUTH_EMULATOR_HOST: '127.0.0.1:9099',
  METADATA_SERVER_DETECTION: 'none',
};

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in PARTS));
if (unknown.length) {
  console.error(`Unknown part ${unknown.join(', ')}: choose from ${Object.keys(PARTS).join(', ')}.`);
  process.exit(2);
}
const parts = asked.length ? asked : Object.keys(PARTS);

const env = { ...EMULATORS, ...process.env };
if (parts.some((name) => PARTS[name].emulators)) await assertEmulatorsUp();

const timings = [];
for (const name of parts) {
  const started = Date.now();
  const code = await run('npx', ['stryker', 'run', PARTS[name].config], { ...env, ...PARTS[name].env });
  timings.push(`${name} ${minutes(Date.now() - started)}`);
  if (code !== 0) {
    console.error(`Stryker's ${name} run ended with exit code ${code}.`);
    process.exit(code ?? 1);
  }
}

const summary = scoreTable(parts.map((name) => PARTS[name].report));
mkdirSync('reports/mutation', { recursive: true });
writeFileSync('reports/mutation/summary.md', `${summary}\n`);
console.log(`\n${summary}\n\nTook ${timings.join(', ')}. HTML reports: reports/mutation/*.html`);

async function assertEmulatorsUp() {
  for (const host of [env.FIRESTORE_EMULATOR_HOST, env.FIREBASE_AUTH_EMULATOR_HOST]) {
    try {
      await fetch(`http://${host}/`, { signal: globalThis.AbortSignal.timeout(2000) });
    } catch {
      console.error(
        `The saga part runs the API against the Firebase emulators, and none answers at ${host}.\n` +
          'Start them first (npm run emulators, or npm start), or run only the other parts: npm run mutation -- contracts server core',
      );
      process.exit(1);
    }
  }
}

function run(command, args, childEnv) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: childEnv });
    child.on('exit', (code) => resolve(code));
  });
}

/** Score per file as Stryker counts it: (killed + timeout) / (killed + timeout + survived + no coverage). */
function scoreTable(reports) {
  const rows = ['| file | score | killed | survived | no coverage |', '| --- | ---: | ---: | ---: | ---: |'];
  for (const report of reports) {
    const { files } = JSON.parse(readFileSync(report, 'utf8'));
    for (const [file, { mutants }] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
      const count = (...statuses) => mutants.filter((m) => statuses.includes(m.status)).length;
      const detected = count('Killed', 'Timeout');
      const survived = count('Survived');
      const uncovered = count('NoCoverage');
      const total = detected + survived + uncovered;
      const score = total ? ((100 * detected) / total).toFixed(1) : '—';
      rows.push(`| \`${file}\` | ${score} % | ${detected} | ${survived} | ${uncovered} |`);
    }
  }
  return rows.join('\n');
}

function minutes(ms) {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

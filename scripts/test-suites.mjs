// Runs the test suites one after another (the emulators are already up) and prints a summary.
// Every suite runs even when an earlier one failed, so one run shows everything that is wrong.
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulatorPair } from './lib/emulator-pair.mjs';
import { SLOW_SPEC_PREFIX, SLOW_SPEC_SECONDS } from './lib/karma-slow-specs.cjs';
import { APT_INSTALL, EMULATOR_ENV, hasCommand, run, startRedis } from './lib/local-stack.mjs';

/** Node 20's test runner does not expand globs: list a folder's *.test.ts ourselves. */
const testFiles = (...dirs) =>
  dirs.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.test.ts')).map((f) => `${dir}/${f}`));

const tsx = (...args) => [process.execPath, ['--import', 'tsx', ...args]];
// node:test: a test that hangs fails after 2 minutes; a file whose handles stay open still exits.
const nodeTest = (files, minutes = 2) => tsx('--test', '--test-reporter=spec', `--test-timeout=${minutes * 60_000}`, '--test-force-exit', ...files);
// Files that may legitimately wait out Firestore's 60 s expiry of a killed node's transaction
// (its locks hold that node's saga and stock records until then): 4 minutes each.
const WAIT_FOR_DEAD_TRANSACTIONS = ['server/test/cluster-failover.test.ts'];
const serverFiles = testFiles('server/test', 'test/seed', 'test/scripts').filter((f) => !WAIT_FOR_DEAD_TRANSACTIONS.includes(f));
const SUITES = {
  lint: [
    [process.execPath, ['node_modules/eslint/bin/eslint.js', '.', '--max-warnings=0']],
    [process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'server/tsconfig.json']],
  ],
  // The Karma specs sign in to the Auth emulator as the demo users, so seed first. The specs and
  // the journeys share demo-maestro (the Auth emulator signs users in to the project it was started
  // with): each starts from the demo data alone (`--fresh`), not from what ran before it.
  // karma-with-api.mjs starts an API of its own for the orders data specs and stops it after.
  karma: [tsx('scripts/seed/seed.ts', '--fresh'), [process.execPath, ['scripts/karma-with-api.mjs']]],
  // The builds first: test/scripts' shells tests serve the bench build and the initial-bundle tests
  // read a production one; a build inside a file counted against that file's 2 minutes.
  server: [
    tsx('bench/order-board/build-spa.mts'),
    tsx('test/scripts/support/production-build.ts'),
    nodeTest(serverFiles),
    nodeTest(WAIT_FOR_DEAD_TRANSACTIONS, 4),
  ],
  rules: [nodeTest(testFiles('test/rules'))],
  e2e: [tsx('scripts/seed/seed.ts', '--fresh'), [process.execPath, ['node_modules/@playwright/test/cli.js', 'test']]],
};

// Minutes a suite may take before it is killed (several times what it takes here), so a hang
// fails the run with a message instead of stalling CI.
// The server suite took 9 min beside other engineers' runs (8 in CI when it ran alone); beside
// Karma and the journeys it is off the run's critical path, so its budget only catches a hang.
const BUDGET_MINUTES = { lint: 5, karma: 15, server: 20, rules: 5, e2e: 20 };

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(name in SUITES));
if (unknown.length) {
  console.error(`Unknown suite ${unknown.join(', ')}. Suites: ${Object.keys(SUITES).join(', ')}.`);
  process.exit(2);
}
const names = requested.length ? requested : Object.keys(SUITES);

// What this run starts beside its suites (Redis, the server suite's emulators) is stopped by
// 'exit' handlers, which also run after Ctrl-C: run()'s own handler, which kills the running suite,
// exits on SIGINT and SIGTERM; ours, deferred so it never pre-empts that one, covers the gaps
// (before any suite runs, say, while the emulators start).
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => setTimeout(() => process.exit(130), 0));

// One Redis for the whole run, like the emulators: its own free port and temporary folder,
// nothing saved; the suites find it in MAESTRO_TEST_REDIS_URL. Tests that must kill or restart
// Redis start their own (server/test/support/redis.ts). Killed however the run ends.
const redisEnv = {};
if (hasCommand('redis-server')) {
  const redis = await startRedis();
  process.on('exit', () => redis.stop());
  redisEnv.MAESTRO_TEST_REDIS_URL = redis.url;
  console.log(`Redis for this run: ${redis.url}`);
} else {
  const where = process.env.CI ? 'CI needs it: the tests that use Redis will fail' : 'the tests that use Redis will be skipped';
  console.warn(`\x1b[33mredis-server is not installed (${APT_INSTALL}); ${where}.\x1b[0m`);
}

// The server suite signs its test users in through the Auth emulator's REST API, which signs them
// in to the project the emulator was started with: demo-maestro, which Karma and the journeys
// wipe. So it gets an emulator pair of its own (free ports, this project) and runs beside them.
// The rules suite needs only projects of its own (demo-maestro-*-rules), but hammers its Firestore
// emulator for minutes: on the one Karma uses, Karma's emulator specs timed out meanwhile (twice in
// six clean-clone runs, and the browser then stopped answering). It gets a pair of its own too.
const OWN_EMULATORS = { server: 'demo-maestro-server', rules: 'demo-maestro-rules' };

// Lint reads only files, the rules suite and the server suite their own emulators, so they run
// beside the suites that share demo-maestro (which
// must take turns: Karma and the journeys start from a fresh seed). Their output is kept in a
// file and printed when they end.
const BESIDE = new Set(['lint', 'rules', 'server']);
const logDir = mkdtempSync(join(tmpdir(), 'maestro-test-'));

/** The suite's own emulator pair (started, announced on `out`), or null when it shares demo-maestro. */
async function ownEmulators(name, out) {
  if (!(name in OWN_EMULATORS)) return null;
  const pair = await startEmulatorPair({ projectId: OWN_EMULATORS[name] });
  const { firestore, auth } = pair.ports;
  writeSync(out, `Emulators of the ${name} suite: project ${pair.projectId}, Firestore 127.0.0.1:${firestore}, Auth 127.0.0.1:${auth}\n`);
  return pair;
}

const logOf = (name) => join(logDir, `${name}.log`);
/** What a suite's commands get beside the emulators' and Redis's addresses. */
const SUITE_ENV = { server: { MAESTRO_TEST_PRODUCTION_BUILD: join(logDir, 'production-build') } };
// The logs stay for reading after the run; the build (megabytes) does not.
process.on('exit', () => rmSync(SUITE_ENV.server.MAESTRO_TEST_PRODUCTION_BUILD, { recursive: true, force: true }));

async function runSuite(name, stdio) {
  const started = Date.now();
  const out = typeof stdio?.[1] === 'number' ? stdio[1] : 1;
  let pair;
  try {
    pair = await ownEmulators(name, out);
  } catch (error) {
    writeSync(out, `\x1b[31m${error.message}\x1b[0m\n`);
    return { name, ok: false, seconds: (Date.now() - started) / 1000 };
  }
  let failedAt = ''; // 'setup' or 'test' once a step has failed
  for (const [command, args] of SUITES[name]) {
    // A failed setup step (a build, a seed) stops the suite; failed test files do not stop the next ones.
    const testStep = args.includes('--test');
    if (failedAt && !(testStep && failedAt === 'test')) break;
    const left = BUDGET_MINUTES[name] * 60_000 - (Date.now() - started);
    const code = await run(command, args, {
      env: { ...process.env, ...EMULATOR_ENV, ...pair?.env, ...redisEnv, ...SUITE_ENV[name], NG_CLI_ANALYTICS: 'false' },
      timeoutMs: Math.max(left, 1_000),
      ...(stdio ? { stdio } : { teeTo: logOf(name) }),
    });
    if (code !== 0) failedAt ||= testStep ? 'test' : 'setup';
  }
  await pair?.stop();
  return { name, ok: !failedAt, seconds: (Date.now() - started) / 1000 };
}

async function runBeside(name) {
  const file = logOf(name);
  const fd = openSync(file, 'w');
  const result = await runSuite(name, ['ignore', fd, fd]).finally(() => closeSync(fd));
  // Written at once: a long log still queued on a pipe is cut off by process.exit.
  writeSync(1, `\n\x1b[1m━━ ${name} (ran beside the others) ━━\x1b[0m\n${readFileSync(file, 'utf8')}`);
  return result;
}

const besides = names.length > 1 ? names.filter((name) => BESIDE.has(name)) : [];
const besideResults = Promise.all(besides.map(runBeside));
const results = [];
for (const name of names.filter((n) => !besides.includes(n))) {
  console.log(`\n\x1b[1m━━ ${name} ━━\x1b[0m`);
  results.push(await runSuite(name));
}
results.push(...(await besideResults));
results.sort((a, b) => names.indexOf(a.name) - names.indexOf(b.name));

await new Promise((resolve) => setTimeout(resolve, 500)); // the last suite's output still on its way to its log
for (const { name } of results.filter((r) => !r.ok)) printFailures(name);
if (names.includes('karma')) printSlowSpecs();

console.log('\n\x1b[1mSummary\x1b[0m');
for (const { name, ok, seconds } of results) {
  console.log(`  ${ok ? '\x1b[32mpass\x1b[0m' : '\x1b[31mFAIL\x1b[0m'}  ${name.padEnd(8)} ${seconds.toFixed(1).padStart(6)} s`);
}
process.exit(results.every((r) => r.ok) ? 0 : 1);

/**
 * The failed tests of a suite, repeated just above the summary with the first lines of why: a
 * long run's log is often read from its end (CI shows only its tail), where the suites' own
 * failure reports have scrolled away.
 */
function printFailures(name) {
  const lines = logLines(name);
  if (!lines) return;
  const failed = failureReports(name, lines);
  console.log(`\n\x1b[31m${name}: ${failed.length ? 'failed' : 'failed (no test named: see its output above)'}\x1b[0m`);
  let printed = 0;
  for (const { heading, why } of failed) {
    if (printed > 150) {
      console.log('  … and more: see the suite\'s output above');
      break;
    }
    console.log(`  ${heading.slice(0, 300)}`);
    for (const line of why) console.log(`      ${line.slice(0, 400)}`);
    printed += 1 + why.length;
  }
}

/** Karma's slow specs (scripts/lib/karma-slow-specs.cjs), passed or not: a stall CI survived shows here. */
function printSlowSpecs() {
  const slow = (logLines('karma') ?? []).filter((line) => line.startsWith(SLOW_SPEC_PREFIX));
  if (!slow.length) return;
  console.log(`\n\x1b[33mkarma: specs that took over ${SLOW_SPEC_SECONDS} s\x1b[0m`);
  for (const line of slow) console.log(`  ${line.slice(SLOW_SPEC_PREFIX.length + 1).slice(0, 300)}`);
}

/** A suite's log as lines without colours, or null when it wrote none. */
function logLines(name) {
  try {
    // eslint-disable-next-line no-control-regex
    return readFileSync(logOf(name), 'utf8').replace(/\x1b\[[0-9;]*m/g, '').split(/\r?\n|\r/);
  } catch {
    return null;
  }
}

/** Each failed test's heading line, and the lines of its report that say why (no stack frames). */
function failureReports(name, lines) {
  const isFrame = (line) => /^\s*at\s/.test(line) || /^\s*<Jasmine>$/.test(line);
  // How each runner marks a failed test, and how many lines of its report to keep.
  const { heading, keep, from } = {
    karma: { heading: /\bFAILED\s*$/, keep: 4 }, // "Chrome Headless … <suite> <spec> FAILED", then tab-indented lines
    // node:test's spec reporter repeats every failure, with its error, after "✖ failing tests:".
    server: { heading: /^\s*✖ /, keep: 12, from: /^\s*✖ failing tests:/ },
    rules: { heading: /^\s*✖ /, keep: 12, from: /^\s*✖ failing tests:/ },
    e2e: { heading: /^\s*\d+\) \[/, keep: 12 }, // Playwright's list reporter's failure headings
    lint: { heading: /\berror\b/, keep: 0 },
  }[name];
  // With no such summary (a run cut short), the whole log.
  const start = from ? lines.findLastIndex((line) => from.test(line)) + 1 : 0;
  const reports = [];
  const seen = new Set();
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    if (!heading.test(line) || /Executed \d+ of/.test(line) || (from && from.test(line))) continue;
    const key = line.trim();
    if (seen.has(key)) continue;
    seen.add(key);
    const why = [];
    for (let j = i + 1; j < lines.length && why.length < keep; j++) {
      if (heading.test(lines[j]) || /^\s*test at /.test(lines[j]) || (name === 'karma' && !/^\s/.test(lines[j]))) break;
      if (!isFrame(lines[j]) && lines[j].trim()) why.push(lines[j].trim());
    }
    reports.push({ heading: key, why });
  }
  return reports.slice(0, 40);
}

// `npm run test:karma` (and the karma step of `npm test`): `ng test` with a real Orders API beside it,
// for the specs of the orders data layer (src/app/orders/data/*.api.spec.ts). The API runs against
// the emulators (already up) under e2e/api-supervisor.mjs, so a spec can restart it, on free ports
// of its own, with CORS for Karma's page and rate limits no spec run reaches; it is stopped however
// `ng test` ends. Arguments go to `ng test` (`npm run test:karma -- --include='src/app/orders/**'`).
import { spawn } from 'node:child_process';
import { BIN, EMULATOR_ENV, PORTS, ROOT, freePort, waitForUrl } from './lib/local-stack.mjs';

async function emulatorsAnswer() {
  const answers = (url) => fetch(url).then(() => true, () => false);
  return (await answers(`http://127.0.0.1:${PORTS.firestore}/`)) && (await answers(`http://127.0.0.1:${PORTS.auth}/`));
}

if (!(await emulatorsAnswer())) {
  console.error(
    `The Karma specs need the Firebase emulators on ${PORTS.firestore} and ${PORTS.auth}: run \`npm test -- karma\` ` +
      '(it starts them), or `npm run emulators` in another terminal and seed them (`npm run seed`).',
  );
  process.exit(1);
}

const [apiPort, controlPort, karmaPort] = [await freePort(), await freePort(), await freePort()];
const karmaOrigins = [`http://localhost:${karmaPort}`, `http://127.0.0.1:${karmaPort}`];
const apiUrl = `http://127.0.0.1:${apiPort}`;
const apiEnv = {
  ...process.env,
  ...EMULATOR_ENV,
  PORT: String(apiPort),
  MAESTRO_API_CONTROL_PORT: String(controlPort),
  MAESTRO_SPA_ORIGINS: karmaOrigins.join(','),
  LOG_LEVEL: 'error',
  // Every spec signs in from 127.0.0.1, and some on purpose with a refused account: the defaults
  // would block the address part-way through. The limits themselves have their server tests.
  MAESTRO_RATE_LIMIT_WRITES_PER_MINUTE: '100000',
  MAESTRO_RATE_LIMIT_READS_PER_MINUTE: '100000',
  MAESTRO_RATE_LIMIT_PUBLIC_PER_MINUTE: '100000',
  MAESTRO_RATE_LIMIT_AUTH_FAILURES_PER_10_MINUTES: '100000',
  MAESTRO_RATE_LIMIT_JOINS_PER_MINUTE: '100000',
  MAESTRO_RATE_LIMIT_SOCKETS_PER_MEMBER: '1000',
};

// Not detached: it stays in our process group, so whoever kills the group (npm test's budget,
// Ctrl-C in a terminal) takes the API with it.
const supervisor = spawn(process.execPath, ['e2e/api-supervisor.mjs'], { cwd: ROOT, env: apiEnv, stdio: 'inherit' });
let supervisorExited = false;
supervisor.once('exit', () => (supervisorExited = true));
const stopApi = () => {
  if (!supervisorExited) supervisor.kill('SIGTERM');
};
let ngTest = null;
process.on('exit', () => {
  stopApi();
  // Interrupted while Karma waits for a silent browser, ng test outlived a Ctrl-C: end it too.
  if (ngTest && ngTest.exitCode === null) ngTest.kill('SIGTERM');
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));

let code;
try {
  await waitForUrl(`${apiUrl}/api/health`, {
    timeoutMs: 90_000,
    abort: () => (supervisorExited ? 'The Orders API for the Karma specs exited before it answered.' : null),
  });
  console.log(`Orders API for the Karma specs: ${apiUrl} (Karma on port ${karmaPort})`);
  ngTest = spawn(process.execPath, [BIN.ng, 'test', '--watch=false', ...process.argv.slice(2)], {
    cwd: ROOT,
    stdio: 'inherit',
    env: {
      ...process.env,
      NG_CLI_ANALYTICS: 'false',
      // karma.conf.js hands these to the specs (src/testing/karma-api.ts).
      MAESTRO_KARMA_PORT: String(karmaPort),
      MAESTRO_KARMA_API_URL: apiUrl,
      MAESTRO_KARMA_API_CONTROL_URL: `http://127.0.0.1:${controlPort}`,
    },
  });
  code = await new Promise((resolve) => {
    ngTest.once('exit', (exitCode) => resolve(exitCode ?? 1));
    ngTest.once('error', () => resolve(127));
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  code = 1;
}

stopApi();
// The next suite may want the address: wait until the API has let go of it (its graceful shutdown).
await waitForApiGone().catch(() => console.warn(`The Karma specs' API on ${apiUrl} took long to stop.`));
process.exit(code);

async function waitForApiGone() {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const answers = await fetch(`${apiUrl}/api/health`).then(() => true, () => false);
    if (!answers) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('still answering');
}

import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { assertEmulatorsRunning } from './support/firebase-test-env';
import { cleanUpOrders, createDish, orderBody, postOrder } from './support/orders-fixtures';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

// What an operator does (README, "Running in production"): build the server, install its
// production dependencies in a folder of their own, run it with plain `node`. Then it must
// answer: health 200, an order placed with a real member token, metrics, a clean SIGTERM.

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);
// `npm test` runs us under npm, which names its own CLI; otherwise the one on PATH.
const npm = process.env['npm_execpath']
  ? { command: process.execPath, args: [process.env['npm_execpath']] }
  : { command: 'npm', args: [] };

describe('production artifact', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  let member: TestUser | undefined;
  const logs: Record<string, unknown>[] = [];

  before(async () => {
    await assertEmulatorsRunning();
    dir = mkdtempSync(join(tmpdir(), 'maestro-artifact-'));
  });

  after(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (member) await cleanUpOrders([member.uid]);
    await deleteTestUsers();
    rmSync(dir, { recursive: true, force: true });
  });

  test('builds: one JavaScript file, the package.json and lock of its production dependencies', async (t) => {
    await run(process.execPath, ['scripts/build-server.mjs', '--out', dir], { cwd: ROOT });
    const artifact = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    for (const name of ['express', 'firebase-admin', 'socket.io', 'prom-client'])
      assert.match(artifact.dependencies[name] ?? '', /^\d+\.\d+\.\d+/, `${name} pinned`);
    for (const name of Object.keys(artifact.dependencies))
      assert.ok(root.dependencies[name], `${name} is a dependency of the root package.json`);
    assert.ok(!('tsx' in artifact.dependencies) && !('typescript' in artifact.dependencies));
    const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; dev?: boolean }>;
    };
    assert.equal(lock.packages['node_modules/express']?.version, artifact.dependencies['express']);
    assert.ok(!lock.packages['node_modules/tsx'] && !lock.packages['node_modules/typescript']);
    const bundle = readFileSync(join(dir, 'main.js'), 'utf8');
    // contracts/ is inside the bundle, not required from a package that does not exist.
    assert.ok(!bundle.includes('@maestro/contracts'), 'the path alias is resolved at build time');
    t.diagnostic(`main.js ${(bundle.length / 1024).toFixed(0)} kB`);
  });

  test('installs its production dependencies only', { timeout: 300_000 }, async (t) => {
    const started = Date.now();
    await run(
      npm.command,
      [...npm.args, 'ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'],
      { cwd: dir, env: { ...process.env, NO_UPDATE_NOTIFIER: '1' }, maxBuffer: 16 * 1024 * 1024 },
    );
    const seconds = (Date.now() - started) / 1000;
    const installed = readdirSync(join(dir, 'node_modules'));
    for (const devOnly of ['tsx', 'typescript', 'esbuild', '@angular', 'karma', '@playwright'])
      assert.ok(!installed.includes(devOnly), `${devOnly} is not installed`);
    const { stdout } = await run(
      npm.command,
      [...npm.args, 'ls', '--all', '--parseable', '--omit=dev'],
      { cwd: dir, maxBuffer: 16 * 1024 * 1024 },
    );
    const packages = stdout.trim().split('\n').length - 1;
    t.diagnostic(`npm ci --omit=dev: ${seconds.toFixed(1)} s, ${packages} packages`);
  });

  test('runs with plain node: health 200, an order placed, metrics, a clean SIGTERM', async () => {
    assert.ok(existsSync(join(dir, 'node_modules', 'express')), 'installed by the test before');
    // Only what an operator sets: no NODE_OPTIONS, no tsx loader, nothing inherited.
    child = spawn(process.execPath, ['--enable-source-maps', 'main.js'], {
      cwd: dir,
      env: {
        PATH: process.env['PATH'],
        NODE_ENV: 'production',
        GCLOUD_PROJECT: process.env['GCLOUD_PROJECT'] ?? 'demo-maestro',
        FIRESTORE_EMULATOR_HOST: process.env['FIRESTORE_EMULATOR_HOST'],
        FIREBASE_AUTH_EMULATOR_HOST: process.env['FIREBASE_AUTH_EMULATOR_HOST'],
        METADATA_SERVER_DETECTION: 'none',
        PORT: '0',
        MAESTRO_METRICS_PORT: '0',
        // Seals on demand only: no timer sealing other test files' entries meanwhile.
        MAESTRO_ACTIVITY_SEAL_INTERVAL_MS: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    const { url, metricsUrl } = await new Promise<{ url: string; metricsUrl: string }>(
      (resolve, reject) => {
        let metrics: string | undefined;
        createInterface({ input: child!.stdout! }).on('line', (line) => {
          const entry = JSON.parse(line) as Record<string, unknown>;
          logs.push(entry);
          if (typeof entry['metricsUrl'] === 'string') metrics = entry['metricsUrl'];
          if (typeof entry['url'] === 'string' && metrics)
            resolve({ url: entry['url'], metricsUrl: metrics });
        });
        void exited.then(([code]) =>
          reject(new Error(`exited (${code}) before listening: ${stderr}`)),
        );
        setTimeout(() => reject(new Error('no URL logged within 20 s')), 20_000).unref();
      },
    );

    const health = await fetch(`${url}/api/health`);
    assert.equal(health.status, 200, await health.text());

    member = await createTestUser('artifact');
    const dish = await createDish('artifact');
    const placed = await postOrder(url, member.idToken, orderBody(dish));
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    assert.equal(placed.body.status, 'CONFIRMED');

    const metrics = await (await fetch(metricsUrl)).text();
    assert.match(
      metrics,
      /^maestro_http_request_duration_seconds_count\{method="POST",route="\/api\/orders",status="201"\} 1$/m,
    );
    assert.match(metrics, /^maestro_saga_steps_total\{step="payment",outcome="completed"\} 1$/m);
    assert.equal((await fetch(`${url}/metrics`)).status, 404);

    child.kill('SIGTERM');
    const [code, signal] = await exited;
    assert.deepEqual({ code, signal }, { code: 0, signal: null }, stderr);
    assert.ok(logs.some((entry) => entry['msg'] === 'shut down cleanly'));
    assert.equal(stderr, '', 'nothing on stderr');
  });
});

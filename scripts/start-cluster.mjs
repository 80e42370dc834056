// `npm run start:cluster`: the product as a cluster on this machine — the emulators and demo data
// (as `npm start`), a Redis, three API nodes on it and Debian's HAProxy in front of them on the
// port the SPA calls (3001), then the SPA. Ctrl-C stops all of it in reverse order.
// Emulators that already run on 8080/9099 are reused (and left running at the end).
// Options: --nodes N (3), --lb-port (3001), --spa-port (4200), --redis-port (6390), --stats-port (8404).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { renderHaproxyConfig, serverStates } from './lib/haproxy.mjs';
import { APT_INSTALL, BIN, EMULATOR_ENV, PORTS, PROJECT_ID, ROOT, hasCommand, portInUse, redisAnswers, run, waitForUrl } from './lib/local-stack.mjs';
import { startSavedEmulators } from './lib/saved-emulators.mjs';
import { createSupervisor } from './lib/supervisor.mjs';

const DATA_DIR = join(ROOT, '.emulator-data');
// A node that dies is started again after this long (as a process manager would), so you can
// watch HAProxy take it out and put it back; one that dies this soon after its start is broken.
const RESTART_DELAY_MS = 5_000;
const BROKEN_WITHIN_MS = 15_000;

const { values: options } = parseArgs({
  options: {
    nodes: { type: 'string', default: '3' },
    'lb-port': { type: 'string', default: String(PORTS.api) },
    'spa-port': { type: 'string', default: String(PORTS.spa) },
    'redis-port': { type: 'string', default: '6390' },
    'stats-port': { type: 'string', default: '8404' },
    'first-node-port': { type: 'string', default: '3011' },
  },
});
const LB_PORT = Number(options['lb-port']);
const SPA_PORT = Number(options['spa-port']);
const REDIS_PORT = Number(options['redis-port']);
const STATS_PORT = Number(options['stats-port']);
const NODES = Array.from({ length: Number(options.nodes) }, (_, i) => ({ name: `api-${i + 1}`, port: Number(options['first-node-port']) + i }));

const runDir = mkdtempSync(join(tmpdir(), 'maestro-cluster-'));
const colours = { firebase: 33, redis: 31, haproxy: 32, spa: 35 };
NODES.forEach((node, i) => (colours[node.name] = [36, 34, 96, 94, 36][i % 5]));
const { start, stopAll, isStopping } = createSupervisor({
  colours,
  onStopped: () => rmSync(runDir, { recursive: true, force: true }),
});

function fail(message) {
  console.error(`\x1b[31m${message}\x1b[0m`);
  rmSync(runDir, { recursive: true, force: true });
  process.exit(1);
}

/** Emulators already answering on both ports are reused; one without the other is an error. */
async function emulatorsRunning() {
  const answers = async (port) => (await portInUse(port)) && (await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false));
  const [firestore, auth] = [await answers(PORTS.firestore), await answers(PORTS.auth)];
  if (firestore !== auth) {
    fail(`Only one of the emulators answers (Firestore ${PORTS.firestore}: ${firestore}, Auth ${PORTS.auth}: ${auth}). Stop it, or start both.`);
  }
  return firestore && auth;
}

function startNode(node) {
  const env = {
    ...EMULATOR_ENV,
    PORT: String(node.port),
    MAESTRO_REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}`,
    // HAProxy adds X-Forwarded-For: believe one proxy, so per-address limits see the browser's address.
    MAESTRO_TRUST_PROXY_HOPS: '1',
    MAESTRO_SPA_ORIGINS: `http://127.0.0.1:${SPA_PORT},http://localhost:${SPA_PORT}`,
    // Here HAProxy's health checks (60 a minute per node, counted per node) and every browser's
    // socket handshakes share one address, 127.0.0.1: room for a few tabs reloading at will.
    MAESTRO_RATE_LIMIT_PUBLIC_PER_MINUTE: process.env.MAESTRO_RATE_LIMIT_PUBLIC_PER_MINUTE ?? '3000',
  };
  const child = start(node.name, ['--import', 'tsx', 'server/src/main.ts'], env, {
    prettyLogs: true,
    // HAProxy's health checks (every second per node) would drown everything else.
    dropLine: (entry) => entry.req?.url === '/api/health' && entry.res?.statusCode === 200,
    onUnexpectedExit: (code, exited) => {
      if (Date.now() - exited.startedAt < BROKEN_WITHIN_MS) {
        console.error(`\n${node.name} stopped ${code} right after its start; stopping the rest.`);
        return void stopAll(1);
      }
      console.error(`\n\x1b[1m${node.name} stopped (${code}).\x1b[0m HAProxy takes it out after 2 failed health checks (~2 s); its sockets reconnect to the other nodes. Restarting it in ${RESTART_DELAY_MS / 1000} s.`);
      setTimeout(() => {
        if (isStopping()) return;
        startNode(node);
        console.log(`${node.name} restarted: pid ${node.child.pid}`);
      }, RESTART_DELAY_MS);
    },
  });
  node.child = child;
  return child;
}

async function main() {
  for (const tool of ['haproxy', 'redis-server']) {
    if (!hasCommand(tool)) fail(`${tool} is not installed. Install Debian's (it does not start by itself):\n  ${APT_INSTALL}`);
  }
  const reuseEmulators = await emulatorsRunning();
  const ours = [
    ['HAProxy', LB_PORT],
    ['HAProxy stats', STATS_PORT],
    ['SPA', SPA_PORT],
    ['Redis', REDIS_PORT],
    ...NODES.map((node) => [node.name, node.port]),
    ...(reuseEmulators ? [] : [['Firestore emulator', PORTS.firestore], ['Auth emulator', PORTS.auth]]),
  ];
  const busy = [];
  for (const [what, port] of ours) if (await portInUse(port)) busy.push(`${port} (${what})`);
  if (busy.length) fail(`Cannot start the cluster: port ${busy.join(', ')} already in use. Is Maestro (npm start, npm test) running?`);
  if (LB_PORT !== PORTS.api) {
    console.warn(`\x1b[33mThe SPA's development build calls the API at http://127.0.0.1:${PORTS.api} (src/environments/environment.development.ts): with HAProxy on ${LB_PORT} the SPA will not reach the cluster.\x1b[0m`);
  }

  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  if (reuseEmulators) {
    console.log(`Emulators already running on ${PORTS.firestore} and ${PORTS.auth}: reusing them (they keep running after Ctrl-C).`);
  } else {
    await startSavedEmulators({ start, dataDir: DATA_DIR, projectId: PROJECT_ID, ports: PORTS });
  }

  const seedExit = await run(process.execPath, ['--import', 'tsx', 'scripts/seed/seed.ts'], { env: { ...process.env, ...EMULATOR_ENV } });
  if (seedExit !== 0) {
    console.error('Seeding the demo data failed (see above).');
    return stopAll(1);
  }

  // Redis: its own folder, nothing saved (a restart of the cluster starts with empty streams).
  const redisDir = join(runDir, 'redis');
  mkdirSync(redisDir);
  const redis = start('redis', ['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--dir', redisDir, '--save', '', '--appendonly', 'no'], {}, { command: 'redis-server' });
  const deadline = Date.now() + 10_000;
  while (!(await redisAnswers(REDIS_PORT))) {
    if (redis.exitCode !== null || Date.now() > deadline) throw new Error('Redis did not start (see above)');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  for (const node of NODES) startNode(node);
  for (const node of NODES) {
    await waitForUrl(`http://127.0.0.1:${node.port}/api/health`, { abort: () => (node.child.exitCode !== null ? `${node.name} failed to start` : null) });
  }

  const haproxyConfig = join(runDir, 'haproxy.cfg');
  writeFileSync(haproxyConfig, renderHaproxyConfig({ port: LB_PORT, statsPort: STATS_PORT, nodes: NODES, runtimeDir: runDir }));
  const checked = await run('haproxy', ['-c', '-q', '-f', haproxyConfig]);
  if (checked !== 0) throw new Error(`HAProxy refused ${haproxyConfig} (see above)`);
  const haproxy = start('haproxy', ['-db', '-f', haproxyConfig], {}, { command: 'haproxy' });
  const statsUrl = `http://127.0.0.1:${STATS_PORT}/`;
  await waitForUrl(statsUrl, { timeoutMs: 10_000, abort: () => (haproxy.exitCode !== null ? 'HAProxy failed to start (see above)' : null) });
  // rise 2: a node is in once two checks a second apart passed.
  const upDeadline = Date.now() + 15_000;
  while (Object.values(await serverStates(statsUrl)).some((state) => state !== 'UP') && Date.now() < upDeadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  const spa = start('spa', [BIN.ng, 'serve', '--host', '127.0.0.1', '--port', String(SPA_PORT)], { NG_CLI_ANALYTICS: 'false' });
  await waitForUrl(`http://127.0.0.1:${SPA_PORT}/`, { abort: () => (spa.exitCode !== null ? 'the SPA failed to build' : null) });

  const states = await serverStates(statsUrl);
  const nodeLines = NODES.map((node) => `${node.name}  http://127.0.0.1:${node.port}/api/health  pid ${node.child.pid}  ${states[node.name] ?? '?'}`);
  console.log(`
  \x1b[1mMaestro is running as a cluster\x1b[0m

    App        http://127.0.0.1:${SPA_PORT}/   (calls the API through HAProxy)
    HAProxy    http://127.0.0.1:${LB_PORT}   round robin, WebSocket, health GET /api/health every 1 s (fall 2, rise 2)
    Stats      ${statsUrl}   (HAProxy's page: node states, sessions; drain or maint a node)
    Nodes      ${nodeLines.join('\n               ')}
    Redis      redis://127.0.0.1:${REDIS_PORT}   (socket.io adapter, rate limits; nothing saved)
    Emulators  Firestore 127.0.0.1:${PORTS.firestore} · Auth 127.0.0.1:${PORTS.auth} (project ${PROJECT_ID})${reuseEmulators ? ' — reused, left running' : ''}

    Sign in as  admin@maestro.test / maestro-admin   (admin)
                staff@maestro.test / maestro-staff   (staff)

    Failover:  kill -9 <a node's pid>  → HAProxy marks it DOWN in ~2 s, its browsers reconnect to
               another node; it is restarted ${RESTART_DELAY_MS / 1000} s later and back UP after 2 good checks.

  Press Ctrl-C to stop everything.
`);
}

main().catch((error) => {
  console.error(`The cluster could not start: ${error.message}`);
  void stopAll(1);
});

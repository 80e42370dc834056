// Debian's HAProxy in front of API nodes: the config is rendered from
// scripts/cluster/haproxy.cfg.template into a temporary folder and HAProxy runs as a child in
// the foreground. Used by `npm run start:cluster` (scripts/start-cluster.mjs) and e2e/cluster.spec.ts.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APT_INSTALL, ROOT, hasCommand } from './local-stack.mjs';

export const HAPROXY_TEMPLATE = join(ROOT, 'scripts', 'cluster', 'haproxy.cfg.template');

/**
 * The config text: `port` for the clients, `statsPort` for the stats page, `nodes` as
 * [{ name, port }] on 127.0.0.1. `logLevel` 'notice' logs only servers going down or up,
 * 'info' every request too.
 */
export function renderHaproxyConfig({ port, statsPort, nodes, runtimeDir, logLevel = 'notice' }) {
  const values = {
    PORT: String(port),
    STATS_PORT: String(statsPort),
    RUNTIME_DIR: runtimeDir,
    LOG_LEVEL: logLevel,
    HEALTH_HOST: `127.0.0.1:${port}`,
    SERVERS: nodes.map((node) => `    server ${node.name} 127.0.0.1:${node.port} cookie ${node.name}`).join('\n'),
  };
  return readFileSync(HAPROXY_TEMPLATE, 'utf8').replace(/\{\{([A-Z_]+)\}\}/g, (whole, name) => {
    if (!(name in values)) throw new Error(`${HAPROXY_TEMPLATE}: unknown placeholder ${whole}`);
    return values[name];
  });
}

/**
 * Checks and starts HAProxy; resolves once its frontend and stats page answer. `stop()` is
 * synchronous (SIGKILL and remove the folder) so an 'exit' handler may call it; `close()` asks
 * HAProxy to stop (SIGTERM) and waits.
 */
export async function startHaproxy({ port, statsPort, nodes, logLevel, stdio = ['ignore', 'pipe', 'pipe'] }) {
  if (!hasCommand('haproxy')) throw new Error(`haproxy is not installed: ${APT_INSTALL}`);
  const dir = mkdtempSync(join(tmpdir(), 'maestro-haproxy-'));
  const configPath = join(dir, 'haproxy.cfg');
  writeFileSync(configPath, renderHaproxyConfig({ port, statsPort, nodes, runtimeDir: dir, logLevel }));
  const check = spawnSync('haproxy', ['-c', '-q', '-f', configPath], { encoding: 'utf8' });
  if (check.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`HAProxy refused its config:\n${check.stdout}${check.stderr}`);
  }
  // -db: stay in the foreground, log to stdout; one process we own. Not detached: in our process
  // group, so a test runner that kills the group (timeout, Ctrl-C) takes HAProxy with it.
  const child = spawn('haproxy', ['-db', '-f', configPath], { cwd: dir, stdio });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  let output = '';
  for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const statsUrl = `http://127.0.0.1:${statsPort}/`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      stop();
      throw new Error(`HAProxy exited at start (code ${child.exitCode}); is port ${port} or ${statsPort} taken?\n${output}`);
    }
    const up = await fetch(statsUrl).then((response) => response.ok, () => false);
    if (up) break;
    if (Date.now() > deadline) {
      stop();
      throw new Error('HAProxy did not answer within 10 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, dir, configPath, url: `http://127.0.0.1:${port}`, statsUrl, exited, stop, close, serverStates: () => serverStates(statsUrl) };
}

/** Each API node's state as HAProxy sees it now: { 'api-1': 'UP', 'api-2': 'DOWN', ... }. */
export async function serverStates(statsUrl) {
  const csv = await (await fetch(`${statsUrl};csv;norefresh`)).text();
  const [header, ...rows] = csv.trim().split('\n');
  const columns = header.replace(/^# /, '').split(',');
  const at = (row, name) => row.split(',')[columns.indexOf(name)];
  const states = {};
  for (const row of rows) {
    if (at(row, 'pxname') === 'api_nodes' && !['FRONTEND', 'BACKEND'].includes(at(row, 'svname'))) {
      states[at(row, 'svname')] = at(row, 'status');
    }
  }
  return states;
}

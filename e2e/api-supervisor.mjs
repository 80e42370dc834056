// The e2e's API, run as a child so a journey can stop and restart it mid-test (the API is on
// 127.0.0.1:3001 for the SPA; this control endpoint is on 127.0.0.1:3091, loopback only).
// The Karma run (scripts/karma-with-api.mjs) uses it too, on ports of its own: PORT and
// MAESTRO_API_CONTROL_PORT; its specs call the control routes from the browser, so an origin the
// API allows (MAESTRO_SPA_ORIGINS) may read the answers.
//   POST /stop?signal=SIGKILL|SIGTERM   stops the API (a crash, or a graceful shutdown)
//   POST /start                         starts it again; answers once /api/health does
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';

const API_HEALTH = `http://127.0.0.1:${process.env.PORT ?? '3001'}/api/health`;
const CONTROL_PORT = Number(process.env.MAESTRO_API_CONTROL_PORT ?? 3091);
const ALLOWED_ORIGINS = (process.env.MAESTRO_SPA_ORIGINS ?? '').split(',').map((origin) => origin.trim());

let api = null;

function startApi() {
  api = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { stdio: 'inherit', env: process.env });
  const child = api;
  child.on('exit', () => {
    if (api === child) api = null;
  });
}

async function waitFor(check, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const healthy = () => fetch(API_HEALTH).then((response) => response.ok, () => false);

async function stopApi(signal) {
  const child = api;
  if (!child) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
  // The port must be free before a start can bind it again.
  await waitFor(async () => !(await healthy()), 'the API to stop answering');
}

const control = createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', `http://127.0.0.1:${CONTROL_PORT}`);
  const origin = request.headers.origin;
  if (origin && ALLOWED_ORIGINS.includes(origin)) response.setHeader('Access-Control-Allow-Origin', origin);
  try {
    if (request.method === 'POST' && url.pathname === '/stop') {
      const signal = url.searchParams.get('signal') === 'SIGTERM' ? 'SIGTERM' : 'SIGKILL';
      await stopApi(signal);
    } else if (request.method === 'POST' && url.pathname === '/start') {
      if (!api) startApi();
      await waitFor(healthy, 'the API to answer /api/health');
    } else {
      response.writeHead(404).end('unknown control route');
      return;
    }
    response.writeHead(204).end();
  } catch (error) {
    response.writeHead(500).end(String(error));
  }
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    api?.kill('SIGTERM');
    control.close();
    process.exit(0);
  });
}

control.listen(CONTROL_PORT, '127.0.0.1', startApi);

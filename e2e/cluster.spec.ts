import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { MenuItem, Order } from '../contracts/orders';
import { hasRedis, startRedis, type TestRedis } from '../server/test/support/redis';
import { boardColumn, orderNumber, staffToken } from './orders-api';
import { STAFF, signIn } from './support';

// Two browsers whose sockets are on different API nodes see each other's moves live: the cluster
// of `npm run start:cluster` in miniature — a Redis, two API nodes on it (MAESTRO_REDIS_URL) and
// Debian's HAProxy in front (the same template, scripts/cluster/haproxy.cfg.template), all
// started here beside the single API that playwright.config.ts runs on 3001 for the other specs.
//
// Which node a browser lands on: the SPA's API URL is compiled in (environment.development.ts,
// http://127.0.0.1:3001), with no runtime override, so this spec rewrites that URL in the SPA's
// scripts as the browser loads them to HAProxy's. Each browser then carries HAProxy's own
// persistence cookie (MAESTRO_NODE, opt-in in the template) naming its node: browser A's socket and
// requests go to api-1, B's to api-2. HAProxy tags every answer with the node that served it
// (X-Maestro-Node), the WebSocket handshake's 101 included, and the spec reads those headers
// (Chromium's DevTools protocol) to prove where each socket and each move really went.
// A move made by A is handled by api-1 and can reach B's socket on api-2 only through Redis.

const NODES = ['api-1', 'api-2'] as const;
type NodeName = (typeof NODES)[number];
const SPA_API_URL = 'http://127.0.0.1:3001';
const run = `clu${Date.now().toString(36)}`;

// Without HAProxy or Redis: skipped locally, failed on CI (.ci/run installs both and sets CI=1).
const missing = [hasRedis() ? null : 'redis-server', hasCommand('haproxy') ? null : 'haproxy'].filter(Boolean);
test.skip(missing.length > 0 && !process.env['CI'], `${missing.join(' and ')} not installed (apt-get install -y --no-install-recommends redis-server haproxy)`);

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

interface Haproxy {
  url: string;
  statsUrl: string;
  close(): Promise<void>;
  serverStates(): Promise<Record<string, string>>;
}

interface ClusterBrowser {
  context: BrowserContext;
  page: Page;
  /** The node named by X-Maestro-Node on each WebSocket handshake (101) of this page, in order. */
  socketNodes: string[];
}

test.describe('a cluster behind HAProxy', () => {
  test.describe.configure({ timeout: 90_000 });
  let redis: TestRedis | undefined;
  const nodes: ChildProcess[] = [];
  let haproxy: Haproxy | undefined;
  let token: string;
  let order: Order;

  const lbApi = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${haproxy!.url}/api${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        ...(method === 'POST' ? { 'Idempotency-Key': crypto.randomUUID() } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as T;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    if (missing.length) throw new Error(`${missing.join(' and ')} not installed: apt-get install -y --no-install-recommends redis-server haproxy`);
    const { freePort } = await import('../scripts/lib/local-stack.mjs');
    const { startHaproxy } = await import('../scripts/lib/haproxy.mjs');
    redis = await startRedis();
    const ports = [await freePort(), await freePort()];
    mkdirSync('test-results', { recursive: true });
    for (const [i, port] of ports.entries()) {
      // Logs to a file, not to this worker's pipes: a node whose stdout breaks (the worker killed by
      // Ctrl-C) was seen spinning at full CPU and ignoring SIGTERM. test-results/cluster-api-N.log
      const log = openSync(`test-results/cluster-${NODES[i]}.log`, 'w');
      nodes.push(
        spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
          env: {
            ...process.env,
            PORT: String(port),
            LOG_LEVEL: 'warn',
            MAESTRO_REDIS_URL: redis.url,
            MAESTRO_TRUST_PROXY_HOPS: '1',
          },
          // In the test runner's process group: a suite killed on timeout or Ctrl-C takes them along.
          stdio: ['ignore', log, log],
        }),
      );
      closeSync(log);
    }
    for (const port of ports) await waitForHealth(`http://127.0.0.1:${port}/api/health`);
    haproxy = await startHaproxy({
      port: await freePort(),
      statsPort: await freePort(),
      nodes: NODES.map((name, i) => ({ name, port: ports[i] })),
      stdio: 'ignore',
    });
    await expect.poll(() => haproxy!.serverStates(), { timeout: 15_000 }).toEqual({ 'api-1': 'UP', 'api-2': 'UP' });

    token = await staffToken();
    const { menuItems } = await lbApi<{ menuItems: MenuItem[] }>('GET', '/menu-items');
    const dish = menuItems.find((item) => item.available && item.stock > 20);
    expect(dish, 'a seeded dish in stock').toBeTruthy();
    order = await lbApi<Order>('POST', '/orders', { type: 'takeaway', customerName: `${run} Grace`, items: [{ menuItemId: dish!.id, quantity: 1 }] });
    expect(order.status).toBe('CONFIRMED');
  });

  test.afterAll(async () => {
    if (order && haproxy) await lbApi('PATCH', `/orders/${order.id}/status`, { status: 'CANCELLED' }).catch(() => undefined);
    await haproxy?.close();
    await Promise.all(nodes.map(stopNode));
    await redis?.stop();
  });

  /** A browser on the board whose socket and API calls HAProxy sends to `node`. */
  async function openBoard(browser: Browser, node: NodeName): Promise<ClusterBrowser> {
    const lb = haproxy!.url;
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    // The SPA's compiled-in API URL → HAProxy.
    await context.route(/^http:\/\/127\.0\.0\.1:4200\/.*\.m?js(\?.*)?$/, async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replaceAll(SPA_API_URL, lb);
      await route.fulfill({ response, body });
    });
    // HAProxy's persistence cookie. The WebSocket handshake sends the browser's cookie itself;
    // the SPA's cross-origin API calls go without credentials, so it is added to them here.
    await context.addCookies([{ name: 'MAESTRO_NODE', value: node, domain: '127.0.0.1', path: '/' }]);
    await context.route(`${lb}/api/**`, (route) =>
      route.continue({ headers: { ...route.request().headers(), cookie: `MAESTRO_NODE=${node}` } }),
    );
    const page = await context.newPage();
    const socketNodes: string[] = [];
    const devtools = await context.newCDPSession(page);
    // Only the API's sockets (the dev server has a WebSocket of its own, for live reload).
    const apiSockets = new Set<string>();
    devtools.on('Network.webSocketCreated', ({ requestId, url }) => {
      if (url.startsWith(lb.replace(/^http/, 'ws'))) apiSockets.add(requestId);
    });
    devtools.on('Network.webSocketHandshakeResponseReceived', ({ requestId, response }) => {
      if (!apiSockets.has(requestId) || response.status !== 101) return;
      const served = Object.entries(response.headers).find(([name]) => name.toLowerCase() === 'x-maestro-node')?.[1];
      socketNodes.push(String(served));
    });
    await devtools.send('Network.enable');
    await signIn(page, STAFF, '/orders');
    await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible({ timeout: 15_000 });
    await page.getByLabel('Search orders').fill(run);
    return { context, page, socketNodes };
  }

  const card = (page: Page) => page.getByRole('article', { name: new RegExp(`^${orderNumber(order)},`, 'i') });

  /** Clicks a move on the card and returns the node that handled it (HAProxy's header). */
  async function move(page: Page, button: RegExp): Promise<string | undefined> {
    const answer = page.waitForResponse((response) => response.url().endsWith(`/orders/${order.id}/status`) && response.request().method() === 'PATCH');
    await card(page).getByRole('button', { name: button }).click();
    const response = await answer;
    expect(response.status()).toBe(200);
    return response.headers()['x-maestro-node'];
  }

  test('two browsers on different nodes see each other\'s moves live', async ({ browser }) => {
    const a = await openBoard(browser, 'api-1');
    const b = await openBoard(browser, 'api-2');
    try {
      // Each socket is where HAProxy says, and they are on different nodes.
      expect(a.socketNodes).toEqual(['api-1']);
      expect(b.socketNodes).toEqual(['api-2']);
      for (const { page } of [a, b]) await expect(boardColumn(page, 'New').getByRole('article').filter({ hasText: run })).toBeVisible();

      // A starts it on api-1: B's board (socket on api-2) follows without a reload.
      expect(await move(a.page, /^Start/)).toBe('api-1');
      await expect(boardColumn(b.page, 'Preparing').getByRole('article').filter({ hasText: run })).toBeVisible({ timeout: 5_000 });

      // B marks it ready on api-2: A's board (socket on api-1) follows.
      expect(await move(b.page, /^Ready/)).toBe('api-2');
      await expect(boardColumn(a.page, 'Ready').getByRole('article').filter({ hasText: run })).toBeVisible({ timeout: 5_000 });

      // No page reloaded or reconnected meanwhile: one socket each, still where it was.
      expect(a.socketNodes).toEqual(['api-1']);
      expect(b.socketNodes).toEqual(['api-2']);
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });
});

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (await fetch(url).then((response) => response.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within 30 s`);
}

async function stopNode(node: ChildProcess): Promise<void> {
  if (node.exitCode !== null || node.signalCode !== null) return;
  const exited = new Promise((resolve) => node.once('exit', resolve));
  node.kill('SIGTERM');
  const timer = setTimeout(() => node.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

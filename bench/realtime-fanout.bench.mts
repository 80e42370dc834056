// Realtime fan-out: N socket.io clients (100, 500, 1,000) on loopback, each in `kitchen` and
// `orders`, receive order status changes made through the API at a steady rate (READY ⇄ PREPARING,
// the recall move). Latency is from sending the PATCH to each client's receipt; next to it, in the
// same run, a bare socket.io server (same options, no auth, no Firestore) broadcasting the same
// payload on an HTTP request: what the API's own work (token check, transaction, activity entry)
// adds. The API and the bare server run as child processes; the clients run here.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';

const SIZES = (process.env['BENCH_CLIENTS'] ?? '100,500,1000').split(',').map(Number);
const RATE = Number(process.env['BENCH_RATE'] ?? 10); // status changes per second
const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 40);
const ORDERS = 4; // changes rotate over these, so no two PATCHes touch one order at once

// ----- the bare baseline server (this file, started with --bare) -----

if (process.argv.includes('--bare')) {
  const http = createServer((req, res) => {
    // POST /emit?seq=N: broadcast a payload shaped like order:status-changed.
    const seq = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('seq'));
    io.to('kitchen').to('orders').emit('order:status-changed', {
      orderId: 'bare',
      previousStatus: 'PREPARING',
      newStatus: 'READY',
      updatedAt: new Date().toISOString(),
      version: seq,
      failure: null,
    });
    res.end('{}');
  });
  const io = new Server(http, {
    connectionStateRecovery: { maxDisconnectionDuration: 120_000, skipMiddlewares: false },
  });
  io.on('connection', (socket) =>
    socket.on('join', async (request: { rooms: string[] }, ack: (a: unknown) => void) => {
      await socket.join(request.rooms);
      ack({ ok: true, rooms: request.rooms });
    }),
  );
  http.listen(0, '127.0.0.1', () =>
    console.log(
      JSON.stringify({ url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` }),
    ),
  );
} else {
  await main();
}

async function main(): Promise<void> {
  const { startServerProcess } = await import('../server/test/support/server-process.ts');
  const fixtures = await import('../server/test/support/orders-fixtures.ts');
  const { closeTestFirebase } = await import('../server/test/support/firebase-test-env.ts');
  const { createTestUser, deleteTestUsers } = await import('../server/test/support/test-users.ts');

  // A user of its own: cleaning up removes exactly the orders this run placed.
  const { uid, idToken: token } = await createTestUser('bench-fanout');
  const dish = await fixtures.createDish('fanout', { stock: 1_000_000 });
  // Up to 1,000 sockets of one member from one address, each joining: lift the rate limits.
  const api = await startServerProcess({
    MAESTRO_RATE_LIMIT_SOCKETS_PER_MEMBER: '100000',
    MAESTRO_RATE_LIMIT_JOINS_PER_MINUTE: '1000000',
    MAESTRO_RATE_LIMIT_PUBLIC_PER_MINUTE: '1000000',
    MAESTRO_RATE_LIMIT_WRITES_PER_MINUTE: '1000000',
  });
  const bare = await startBare();
  const orderIds: string[] = [];
  try {
    for (let i = 0; i < ORDERS; i++) {
      const placed = await fixtures.postOrder(api.url, token, {
        type: 'takeaway',
        items: [{ menuItemId: dish, quantity: 1 }],
      });
      await patch(api.url, token, placed.body.id, 'PREPARING');
      orderIds.push(placed.body.id);
    }
    const rows = [];
    for (const clients of SIZES) {
      const viaApi = await measure(api.url, clients, { token }, (seq) => {
        const id = orderIds[seq % ORDERS]!;
        const status = Math.floor(seq / ORDERS) % 2 === 0 ? 'READY' : 'PREPARING';
        return patch(api.url, token, id, status).then((body) => `${id}:${body.version}`);
      });
      const viaBare = await measure(bare.url, clients, {}, async (seq) => {
        await (await fetch(`${bare.url}/emit?seq=${seq}`, { method: 'POST' })).text();
        return `bare:${seq}`;
      });
      rows.push({ clients, viaApi, viaBare });
    }
    print(rows);
  } finally {
    api.killAll();
    bare.child.kill('SIGKILL');
    await fixtures.cleanUpOrders([uid]);
    await deleteTestUsers();
    await closeTestFirebase();
  }
}

interface Result {
  p50: number;
  p95: number;
  p99: number;
  perSecond: number;
  delivered: number;
  expected: number;
}

/** Connects the clients, sends EVENTS changes at RATE per second, returns latency and throughput. */
async function measure(
  url: string,
  clients: number,
  auth: Record<string, string>,
  send: (seq: number) => Promise<string>,
): Promise<Result> {
  const sockets: Socket[] = [];
  for (let i = 0; i < clients; i += 50) {
    const batch = Array.from({ length: Math.min(50, clients - i) }, async () => {
      const socket = connect(url, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        auth,
      });
      await once(socket, 'connect');
      await socket.timeout(10_000).emitWithAck('join', { rooms: ['kitchen', 'orders'] });
      return socket;
    });
    sockets.push(...(await Promise.all(batch)));
  }
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let lastDelivery = 0;
  const pending = new Map<string, number[]>(); // arrived before the sender knew its key
  for (const socket of sockets) {
    socket.on('order:status-changed', (payload: { orderId: string; version: number }) => {
      const now = performance.now();
      const key = `${payload.orderId}:${payload.version}`;
      const at = sentAt.get(key);
      if (at === undefined) pending.set(key, [...(pending.get(key) ?? []), now]);
      else latencies.push(now - at);
      lastDelivery = now;
    });
  }
  // Steady rate: one change every 1000/RATE ms; each call's key is known once its response is.
  const started = performance.now();
  const calls: Promise<void>[] = [];
  const chains = new Map<number, Promise<void>>();
  for (let seq = 0; seq < EVENTS; seq++) {
    const due = started + (seq * 1000) / RATE;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    const t0 = performance.now();
    const lane = seq % ORDERS;
    const call = (chains.get(lane) ?? Promise.resolve()).then(async () => {
      const key = await send(seq);
      sentAt.set(key, t0);
      for (const at of pending.get(key) ?? []) latencies.push(at - t0);
      pending.delete(key);
    });
    chains.set(lane, call);
    calls.push(call);
  }
  await Promise.all(calls);
  const expected = EVENTS * clients;
  const deadline = performance.now() + 30_000;
  while (latencies.length < expected && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  for (const socket of sockets) socket.disconnect();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    perSecond: latencies.length / ((lastDelivery - started) / 1000),
    delivered: latencies.length,
    expected,
  };
}

async function patch(
  url: string,
  token: string,
  orderId: string,
  status: string,
): Promise<{ version: number }> {
  const response = await fetch(`${url}/api/orders/${orderId}/status`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ status }),
  });
  const body = (await response.json()) as { version: number };
  if (response.status !== 200)
    throw new Error(`PATCH ${status}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

async function startBare(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL(import.meta.url).pathname, '--bare'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve) =>
    createInterface({ input: child.stdout! }).once('line', (line) =>
      resolve((JSON.parse(line) as { url: string }).url),
    ),
  );
  return { url, child };
}

function print(rows: { clients: number; viaApi: Result; viaBare: Result }[]): void {
  const ms = (n: number) => n.toFixed(1);
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(
    `\nRealtime fan-out: ${EVENTS} status changes at ${RATE}/s to N clients in both rooms (latency in ms, lower is better)\n`,
  );
  console.log(
    '| clients | API p50 / p95 / p99 | bare socket.io p50 / p95 / p99 | API deliveries/s | bare deliveries/s | p50 ratio (API / bare) |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const { clients, viaApi: a, viaBare: b } of rows) {
    const lost =
      a.delivered < a.expected || b.delivered < b.expected
        ? ` (delivered ${a.delivered}/${a.expected}, ${b.delivered}/${b.expected})`
        : '';
    console.log(
      `| ${fmt(clients)} | ${ms(a.p50)} / ${ms(a.p95)} / ${ms(a.p99)} | ${ms(b.p50)} / ${ms(b.p95)} / ${ms(b.p99)} | ${fmt(a.perSecond)} | ${fmt(b.perSecond)} | ${(a.p50 / b.p50).toFixed(1)}×${lost} |`,
    );
  }
}

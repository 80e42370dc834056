// One API node in memory against three API nodes on one Redis behind HAProxy, in the same run
// (issue 15, "Figures"). Every piece is a real process: the API nodes are server/src/main.ts
// under tsx (server/test/support/server-process.ts), Redis is Debian's redis-server
// (support/redis.ts), the balancer is Debian's HAProxy with the config `npm run start:cluster`
// uses (scripts/lib/haproxy.mjs). The clients and the load run here.
//
// 1. Fan-out: 1,000 socket.io clients (WebSocket) in `orders`: in memory all on the one node; in
//    the cluster connected through HAProxy, so round robin spreads them over the three nodes.
//    Status moves (PREPARING ⇄ READY) are sent at a steady rate (latency) and then as fast as 8
//    orders in flight allow (deliveries/s). Latency runs from the event's own `updatedAt` (the
//    server's clock when it took the request, before the Firestore transaction; same machine, same
//    clock) to each client's receipt; "from send" is from just before the PATCH left this process.
//    Both include the Firestore transaction, so "spread" isolates the fan-out itself: each receipt
//    minus the same event's first receipt at any client. Moves go straight to the one node, or
//    through HAProxy to any cluster node, so in the cluster two clients in three get an event made
//    on another node (through the Redis stream).
// 2. Placement: orders/s through the full saga with 8 in flight: the one node, one cluster node
//    through HAProxy (pinned by the MAESTRO_NODE cookie: what Redis and the balancer cost), and
//    all three through HAProxy.
// Rounds alternate between the set-ups, so drift (the emulator filling up) hits both alike.
// This machine has 2 cores shared by the emulators, the nodes, Redis, HAProxy and the clients:
// three nodes cannot be faster here, so the figure is the cluster's overhead.
import { loadavg } from 'node:os';
import type { Order, OrderStatus, OrderStatusChangedEvent } from '@maestro/contracts';
import type { Socket } from 'socket.io-client';
// @ts-expect-error -- a plain .mjs helper shared with the scripts (no type declarations)
import { startHaproxy } from '../scripts/lib/haproxy.mjs';
import { closeTestFirebase } from '../server/test/support/firebase-test-env.ts';
import { cleanUpOrders, createDish, postOrder } from '../server/test/support/orders-fixtures.ts';
import { freePort, startRedis, type TestRedis } from '../server/test/support/redis.ts';
import { startServerProcess, type ServerProcess } from '../server/test/support/server-process.ts';
import { connected, openSocket } from '../server/test/support/sockets.ts';
import { request } from '../server/test/support/test-server.ts';
import { createTestUser, deleteTestUsers } from '../server/test/support/test-users.ts';

const CLIENTS = Number(process.env['BENCH_CLIENTS'] ?? 1000);
const RATE = Number(process.env['BENCH_RATE'] ?? 10); // steady status moves per second
const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 30); // steady moves per round
const BURST = Number(process.env['BENCH_BURST'] ?? 48); // moves per burst round
// Many short rounds, alternating set-ups: the machine is shared (2 cores, one emulator), so its
// load drifts; a ratio taken within each round (then the median) is the robust figure.
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const PLACEMENTS = Number(process.env['BENCH_ORDERS'] ?? 24); // orders per placement cell per round
const IN_FLIGHT = 8;
const STEADY_LANES = 4; // steady moves rotate over these orders, one move per order at a time
const NODES = 3;

// One member floods every limit from one address (127.0.0.1, also behind HAProxy): lift them.
const GENEROUS = {
  MAESTRO_RATE_LIMIT_WRITES_PER_MINUTE: '1000000',
  MAESTRO_RATE_LIMIT_READS_PER_MINUTE: '1000000',
  MAESTRO_RATE_LIMIT_PUBLIC_PER_MINUTE: '1000000',
  MAESTRO_RATE_LIMIT_JOINS_PER_MINUTE: '1000000',
  MAESTRO_RATE_LIMIT_SOCKETS_PER_MEMBER: '100000',
  // No sealing of the activity log mid-measurement (it is not what this measures).
  MAESTRO_ACTIVITY_SEAL_INTERVAL_MS: '0',
};

interface Haproxy {
  url: string;
  statsUrl: string;
  stop(): void;
  close(): Promise<void>;
}

// ----- processes: started here, all killed on the way out (error, Ctrl-C or normal end) -----

const nodes: ServerProcess[] = [];
let redis: TestRedis | undefined;
let haproxy: Haproxy | undefined;
const sockets: Socket[] = [];
let stopping = false;

function killChildren(): void {
  for (const socket of sockets) socket.disconnect();
  haproxy?.stop();
  for (const node of nodes) node.killAll();
  void redis?.kill();
}
process.once('exit', killChildren);
// Ctrl-C: the processes go at once; the run then fails and its `finally` removes the data it made.
// A second Ctrl-C leaves without that.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(130);
    stopping = true;
    console.error(`${signal}: processes stopped; removing this run's data (again to skip)`);
    killChildren();
    process.exitCode = 130;
  });
}

const wall = () => performance.timeOrigin + performance.now();
const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 0.5);
const benchStarted = Date.now();
// The load average too: other work on the machine moves every figure here.
const phase = (what: string) =>
  console.log(
    `[${((Date.now() - benchStarted) / 1000).toFixed(0).padStart(3)} s, load ${loadavg()[0]!.toFixed(1)}] ${what}`,
  );
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/** Current sessions per API node as HAProxy counts them (open WebSockets included). */
async function sessionsPerNode(statsUrl: string): Promise<Record<string, number>> {
  const csv = await (await fetch(`${statsUrl};csv;norefresh`)).text();
  const [header = '', ...rows] = csv.trim().split('\n');
  const columns = header.replace(/^# /, '').split(',');
  const result: Record<string, number> = {};
  for (const row of rows) {
    const cells = row.split(',');
    const name = cells[columns.indexOf('svname')] ?? '';
    if (cells[columns.indexOf('pxname')] === 'api_nodes' && name.startsWith('api-'))
      result[name] = Number(cells[columns.indexOf('scur')]);
  }
  return result;
}

// ----- fan-out -----

interface Arrival {
  key: string; // orderId:version
  at: number; // wall clock, ms
  serverAt: number; // the payload's updatedAt
}

interface FanoutTarget {
  name: string;
  /** Where the moves are sent (the node, or HAProxy). */
  url: string;
  /** Set while a round measures; every client of this set-up appends to it. */
  arrivals: Arrival[] | null;
}

interface RoundSample {
  fromServer: number[];
  /** Arrival minus the same event's first arrival at any client: the fan-out's own spread. */
  spread: number[];
  fromSend: number[];
  patchMs: number[];
  delivered: number;
  expected: number;
  seconds: number; // first send to last arrival
}

/** Opens `count` clients to `url`, 50 handshakes at a time, each joined to `orders`. */
async function connectClients(
  target: FanoutTarget,
  connectUrl: string,
  count: number,
  token: string,
  watched: Set<string>,
): Promise<void> {
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, async () => {
      const socket = openSocket(connectUrl, { auth: { token } });
      sockets.push(socket);
      await connected(socket);
      const ack = (await socket.timeout(10_000).emitWithAck('join', { rooms: ['orders'] })) as {
        ok: boolean;
      };
      if (!ack.ok) throw new Error(`join refused: ${JSON.stringify(ack)}`);
      socket.on('order:status-changed', (payload: OrderStatusChangedEvent) => {
        const at = wall();
        if (!target.arrivals || !watched.has(payload.orderId)) return;
        target.arrivals.push({
          key: `${payload.orderId}:${payload.version}`,
          at,
          serverAt: Date.parse(payload.updatedAt),
        });
      });
    });
    await Promise.all(batch);
  }
}

/**
 * One round: `events` moves, either at RATE per second over STEADY_LANES orders, or (`burst`) as
 * fast as one move per order at a time over all `orders` allows. Waits for every delivery.
 */
async function fanoutRound(
  target: FanoutTarget,
  move: (url: string, orderId: string) => Promise<Order>,
  orders: string[],
  events: number,
  burst: boolean,
): Promise<RoundSample> {
  const arrivals: Arrival[] = [];
  const sentAt = new Map<string, number>();
  const patchMs: number[] = [];
  const send = async (orderId: string) => {
    const t0 = wall();
    const order = await move(target.url, orderId);
    patchMs.push(wall() - t0);
    sentAt.set(`${orderId}:${order.version}`, t0);
  };
  target.arrivals = arrivals;
  const started = wall();
  if (burst) {
    let next = 0;
    await Promise.all(
      orders.map(async (orderId) => {
        while (next < events) {
          next++;
          await send(orderId);
        }
      }),
    );
  } else {
    const lanes = new Map<number, Promise<void>>();
    for (let seq = 0; seq < events; seq++) {
      await sleep(Math.max(0, started + (seq * 1000) / RATE - wall()));
      const lane = seq % STEADY_LANES;
      lanes.set(lane, (lanes.get(lane) ?? Promise.resolve()).then(() => send(orders[lane]!)));
    }
    await Promise.all(lanes.values());
  }
  const expected = events * CLIENTS;
  const deadline = wall() + 30_000;
  while (arrivals.length < expected && wall() < deadline) await sleep(20);
  await sleep(200); // time for a duplicate to show up
  target.arrivals = null;
  const fromSend = arrivals.map((a) => a.at - (sentAt.get(a.key) ?? NaN)).filter(Number.isFinite);
  const first = new Map<string, number>();
  for (const a of arrivals) first.set(a.key, Math.min(first.get(a.key) ?? Infinity, a.at));
  return {
    fromServer: arrivals.map((a) => a.at - a.serverAt),
    spread: arrivals.map((a) => a.at - first.get(a.key)!),
    fromSend,
    patchMs,
    delivered: arrivals.length,
    expected,
    seconds: (Math.max(...arrivals.map((a) => a.at)) - started) / 1000,
  };
}

interface FanoutResult {
  p50: number;
  p95: number;
  p99: number;
  sendP50: number;
  patchP50: number;
  spreadP50: number;
  spreadP99: number;
  roundP50s: number[];
  steadyPerSecond: number;
  burstPerSecond: number;
  burstP50: number;
  delivered: number;
  expected: number;
}

function summarize(steady: RoundSample[], bursts: RoundSample[]): FanoutResult {
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const server = sorted(steady.flatMap((r) => r.fromServer));
  const all = [...steady, ...bursts];
  const spread = sorted(steady.flatMap((r) => r.spread));
  const rate = (rounds: RoundSample[]) =>
    rounds.reduce((sum, r) => sum + r.delivered, 0) / rounds.reduce((sum, r) => sum + r.seconds, 0);
  return {
    p50: percentile(server, 0.5),
    p95: percentile(server, 0.95),
    p99: percentile(server, 0.99),
    sendP50: percentile(sorted(steady.flatMap((r) => r.fromSend)), 0.5),
    patchP50: percentile(sorted(steady.flatMap((r) => r.patchMs)), 0.5),
    spreadP50: percentile(spread, 0.5),
    spreadP99: percentile(spread, 0.99),
    roundP50s: steady.map((r) => percentile(sorted(r.fromServer), 0.5)),
    steadyPerSecond: rate(steady),
    burstPerSecond: rate(bursts),
    burstP50: percentile(sorted(bursts.flatMap((r) => r.fromServer)), 0.5),
    delivered: all.reduce((sum, r) => sum + r.delivered, 0),
    expected: all.reduce((sum, r) => sum + r.expected, 0),
  };
}

// ----- placement -----

interface PlacementCell {
  name: string;
  /** A member per set-up: cleaning up runs per member, in parallel. */
  token: string;
  url: string;
  headers: Record<string, string>;
  seconds: number;
  placed: number;
  latencies: number[];
  roundRates: number[];
  servedBy: Map<string, number>;
  /** Placements refused (e.g. a saga step timing out on a loaded machine), by status and code. */
  failures: Map<string, number>;
}

/** `count` orders, IN_FLIGHT at a time (order-saga.bench.mts's pattern), into `cell`. */
async function placeOrders(
  cell: PlacementCell,
  count: number,
  concurrency: number,
  dish: string,
  record: boolean,
): Promise<void> {
  let next = 0;
  const started = performance.now();
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        const t0 = performance.now();
        const response = await postOrder(
          cell.url,
          cell.token,
          { type: 'takeaway', items: [{ menuItemId: dish, quantity: 1 }] },
          cell.headers,
        );
        if (response.status !== 201) {
          // Counted and reported, not measured: the rate is of orders placed.
          const code = `${response.status} ${(response.body as { error?: { code?: string } }).error?.code ?? ''}`;
          cell.failures.set(code, (cell.failures.get(code) ?? 0) + 1);
          continue;
        }
        latencies.push(performance.now() - t0);
        const node = response.headers.get('x-maestro-node') ?? 'direct';
        if (record) cell.servedBy.set(node, (cell.servedBy.get(node) ?? 0) + 1);
      }
    }),
  );
  if (!record) return;
  const seconds = (performance.now() - started) / 1000;
  cell.seconds += seconds;
  cell.placed += latencies.length;
  cell.latencies.push(...latencies);
  cell.roundRates.push(latencies.length / seconds);
}

// ----- the run -----

// Members of their own (one moves orders and opens the clients, one per placement set-up):
// cleaning up removes exactly the orders this run placed, a member's at a time, in parallel.
const users = await Promise.all(
  ['bench-cluster', 'bench-cluster-a', 'bench-cluster-b', 'bench-cluster-c'].map((label) =>
    createTestUser(label),
  ),
);
const token = users[0]!.idToken;
const dish = await createDish('cluster', { stock: 10_000_000 });
try {
  redis = await startRedis();
  const starting = [
    startServerProcess({ ...GENEROUS }),
    ...Array.from({ length: NODES }, () =>
      startServerProcess({
        ...GENEROUS,
        MAESTRO_REDIS_URL: redis!.url,
        MAESTRO_TRUST_PROXY_HOPS: '1',
      }),
    ),
  ];
  // Keep every process that did start, so the finally block kills it even if another failed.
  const started = await Promise.allSettled(starting);
  for (const outcome of started) if (outcome.status === 'fulfilled') nodes.push(outcome.value);
  const failed = started.find((outcome) => outcome.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  const [single, ...cluster] = nodes as [ServerProcess, ...ServerProcess[]];
  haproxy = (await startHaproxy({
    port: await freePort(),
    statsPort: await freePort(),
    nodes: cluster.map((node, i) => ({ name: `api-${i + 1}`, port: Number(new URL(node.url).port) })),
  })) as Haproxy;
  const lb = haproxy.url;
  // HAProxy's checks put the nodes in after 2 good ones (they start UP, but make sure).
  await sleep(2_500);
  phase(
    `started: single node ${single.url}; cluster ${cluster.map((n) => n.url).join(', ')} on ${redis.url}, HAProxy ${lb}`,
  );

  // 1. Placement (before any client is connected: no order:created fan-out in its way).
  const cell = (
    name: string,
    member: number,
    url: string,
    headers: Record<string, string> = {},
  ): PlacementCell => ({
    name,
    token: users[member]!.idToken,
    url,
    headers,
    seconds: 0,
    placed: 0,
    latencies: [],
    roundRates: [],
    servedBy: new Map(),
    failures: new Map(),
  });
  const cells = [
    cell('one node, in memory', 1, single.url),
    cell('one cluster node via HAProxy (pinned)', 2, lb, { Cookie: 'MAESTRO_NODE=api-1' }),
    cell('three nodes via HAProxy', 3, lb),
  ];
  for (const c of cells) await placeOrders(c, 16, IN_FLIGHT, dish, false); // warm-up
  for (let round = 0; round < ROUNDS; round++)
    for (const c of round % 2 ? [...cells].reverse() : cells)
      await placeOrders(c, PLACEMENTS, IN_FLIGHT, dish, true);
  phase('placement measured');

  // 2. Fan-out: the orders that move, then both sets of clients (kept open for every round).
  const moveOrders: string[] = [];
  const status = new Map<string, OrderStatus>();
  const move = async (url: string, orderId: string): Promise<Order> => {
    const to: OrderStatus = status.get(orderId) === 'PREPARING' ? 'READY' : 'PREPARING';
    const response = await request<Order>(`${url}/api/orders/${orderId}/status`, {
      method: 'PATCH',
      token,
      body: JSON.stringify({ status: to }),
    });
    if (response.status !== 200)
      throw new Error(`PATCH ${to}: ${response.status} ${JSON.stringify(response.body)}`);
    status.set(orderId, to);
    return response.body;
  };
  for (let i = 0; i < IN_FLIGHT; i++) {
    const placed = await postOrder(single.url, token, {
      type: 'takeaway',
      items: [{ menuItemId: dish, quantity: 1 }],
    });
    if (placed.status !== 201) throw new Error(`place: ${placed.status}`);
    moveOrders.push(placed.body.id);
    status.set(placed.body.id, 'CONFIRMED');
    await move(single.url, placed.body.id); // → PREPARING
  }
  const watched = new Set(moveOrders);
  const inMemory: FanoutTarget = { name: 'one node, in memory', url: single.url, arrivals: null };
  const onRedis: FanoutTarget = { name: 'three nodes on Redis via HAProxy', url: lb, arrivals: null };
  let connectStarted = Date.now();
  await connectClients(inMemory, single.url, CLIENTS, token, watched);
  const connectSingle = (Date.now() - connectStarted) / 1000;
  connectStarted = Date.now();
  await connectClients(onRedis, lb, CLIENTS, token, watched);
  const connectCluster = (Date.now() - connectStarted) / 1000;
  const spread = await sessionsPerNode(haproxy.statsUrl);
  phase(
    `${CLIENTS} clients connected in ${connectSingle.toFixed(1)} s (one node) and ${connectCluster.toFixed(1)} s (via HAProxy; open per node: ${JSON.stringify(spread)})`,
  );

  const targets = [inMemory, onRedis];
  for (const target of targets) await fanoutRound(target, move, moveOrders, 10, false); // warm-up
  const steady = new Map<FanoutTarget, RoundSample[]>(targets.map((t) => [t, []]));
  const bursts = new Map<FanoutTarget, RoundSample[]>(targets.map((t) => [t, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const target of round % 2 ? [...targets].reverse() : targets) {
      steady.get(target)!.push(await fanoutRound(target, move, moveOrders, EVENTS, false));
      bursts.get(target)!.push(await fanoutRound(target, move, moveOrders, BURST, true));
    }
  }
  const results = targets.map((t) => ({ target: t, ...summarize(steady.get(t)!, bursts.get(t)!) }));
  phase('fan-out measured');
  // Within each round, Redis path / in memory; the median over the rounds.
  const roundMedian = (of: (sample: RoundSample) => number) =>
    median(steady.get(onRedis)!.map((r, i) => of(r) / of(steady.get(inMemory)![i]!)));
  const pairedP50 = roundMedian((r) => median(r.fromServer));
  const pairedSpread = roundMedian((r) => median(r.spread));

  // ----- report -----
  const ms = (n: number) => n.toFixed(1);
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(
    `\nFan-out: ${fmt(CLIENTS)} clients in \`orders\`; ${ROUNDS} rounds of ${EVENTS} moves at ${RATE}/s (latency, ms) and ${BURST} moves with ${IN_FLIGHT} orders in flight (deliveries/s)\n`,
  );
  console.log(
    '| set-up | p50 / p95 / p99 from updatedAt | p50 per round | p50 from send | PATCH p50 | spread after first arrival p50 / p99 | deliveries/s steady | deliveries/s burst (p50) | delivered |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    console.log(
      `| ${r.target.name} | ${ms(r.p50)} / ${ms(r.p95)} / ${ms(r.p99)} | ${r.roundP50s.map(ms).join(', ')} | ${ms(r.sendP50)} | ${ms(r.patchP50)} | ${ms(r.spreadP50)} / ${ms(r.spreadP99)} | ${fmt(r.steadyPerSecond)} | ${fmt(r.burstPerSecond)} (${ms(r.burstP50)}) | ${fmt(r.delivered)}/${fmt(r.expected)} |`,
    );
  }
  const [a, b] = results as [(typeof results)[0], (typeof results)[0]];
  console.log(
    `\nRedis path / in memory (goal: p50 ≤ 2×):` +
      `\n  p50 from updatedAt ${(b.p50 / a.p50).toFixed(2)}× pooled, ${pairedP50.toFixed(2)}× median of the rounds' ratios; p95 ${(b.p95 / a.p95).toFixed(2)}×, p99 ${(b.p99 / a.p99).toFixed(2)}×` +
      `\n  p50 from send ${(b.sendP50 / a.sendP50).toFixed(2)}×; spread p50 ${(b.spreadP50 / a.spreadP50).toFixed(2)}× pooled, ${pairedSpread.toFixed(2)}× rounds' median; burst deliveries/s ${(b.burstPerSecond / a.burstPerSecond).toFixed(2)}×`,
  );

  console.log(
    `\nPlacement: ${ROUNDS} rounds of ${PLACEMENTS} takeaway orders per set-up, ${IN_FLIGHT} in flight (orders/s, higher is better)\n`,
  );
  console.log('| set-up | orders/s | per round | p50 ms | answered by | refused |');
  console.log('| --- | ---: | ---: | ---: | --- | --- |');
  for (const c of cells) {
    const sorted = [...c.latencies].sort((x, y) => x - y);
    const by = [...c.servedBy].map(([node, n]) => `${node} ${n}`).join(', ');
    const refused = [...c.failures].map(([code, n]) => `${n}× ${code}`).join(', ') || 'none';
    console.log(
      `| ${c.name} | ${(c.placed / c.seconds).toFixed(1)} | ${c.roundRates.map((r) => r.toFixed(1)).join(', ')} | ${ms(percentile(sorted, 0.5))} | ${by} | ${refused} |`,
    );
  }
  const rate = (c: PlacementCell) => c.placed / c.seconds;
  const pairedRate = (x: PlacementCell, y: PlacementCell) =>
    median(x.roundRates.map((r, i) => r / y.roundRates[i]!)).toFixed(2);
  const [one, pinned, three] = cells as [PlacementCell, PlacementCell, PlacementCell];
  console.log(
    `\nThree nodes / one node in memory: ${(rate(three) / rate(one)).toFixed(2)}× overall, ${pairedRate(three, one)}× median of the rounds' ratios; three / one pinned cluster node: ${(rate(three) / rate(pinned)).toFixed(2)}× overall, ${pairedRate(three, pinned)}× rounds' median`,
  );
} finally {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await haproxy?.close();
  haproxy = undefined;
  for (const node of nodes.splice(0)) {
    node.killAll();
    await node.exited;
  }
  await redis?.stop();
  redis = undefined;
  phase('processes stopped');
  await Promise.all(users.map((user) => cleanUpOrders([user.uid])));
  await deleteTestUsers();
  await closeTestFirebase();
  phase('orders, dish and user removed');
}

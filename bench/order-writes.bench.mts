// Placing orders, moving them and a burst on one dish: the API as it is against the API before
// issue 16 (its commit checked out beside it, bench/support/baseline.mts), same process, same
// emulator, phases alternated. Also counts Firestore calls per placement and per move.
import { Firestore, Query, Transaction, DocumentReference, WriteBatch } from 'firebase-admin/firestore';
import { createApp } from '../server/src/app.ts';
import { createLogger } from '../server/src/logger.ts';
import { closeTestFirebase, testFirebase } from '../server/test/support/firebase-test-env.ts';
import { cleanUpOrders, createDish, postOrder, stockOf } from '../server/test/support/orders-fixtures.ts';
import { request } from '../server/test/support/test-server.ts';
import { createTestUser, deleteTestUsers } from '../server/test/support/test-users.ts';
import { importBaseline } from './support/baseline.mts';
import { measure, type Measured } from './support/measure.mts';

/** The last commit before issue 16's changes to placement, moves and stock. */
const BASELINE = 'cacdd806ba6043aac09534e22bff954de0a19ccb';
const PLACEMENTS = Number(process.env['BENCH_ORDERS'] ?? 120);
const MOVES = Number(process.env['BENCH_MOVES'] ?? 240);
const CONCURRENCY = 8;
const HOT = [
  { orders: 400, stock: 100 },
  { orders: 1000, stock: 1000 },
];

// ---- Firestore calls, counted by wrapping the client's methods (both APIs use this client) ----
const calls = new Map<string, number>();
function count(proto: object, method: string, label: string) {
  const target = proto as Record<string, (...args: unknown[]) => unknown>;
  const original = target[method]!;
  target[method] = function (this: unknown, ...args: unknown[]) {
    calls.set(label, (calls.get(label) ?? 0) + 1);
    return original.apply(this, args);
  };
}
count(Firestore.prototype, 'runTransaction', 'transactions');
count(Transaction.prototype, 'get', 'reads');
count(Transaction.prototype, 'getAll', 'reads');
count(DocumentReference.prototype, 'get', 'reads');
count(Query.prototype, 'get', 'reads');
count(WriteBatch.prototype, 'commit', 'batches');
const snapshotCalls = () => Object.fromEntries(calls);

// ---- the two APIs ----
type CreateApp = typeof createApp;
const firebase = testFirebase();
const { createApp: createBaselineApp } = await importBaseline<{ createApp: CreateApp }>(BASELINE, 'server/src/app.ts');
const deps = {
  config: { port: 0, host: '127.0.0.1', spaOrigins: ['http://127.0.0.1:4200'] },
  logger: createLogger('silent'),
  auth: firebase.auth,
  firestore: firebase.firestore,
  sagaRecovery: false,
  rateLimits: { memberWrites: { points: 10_000_000, durationSeconds: 60 } },
};
const apis = {
  baseline: createBaselineApp(deps),
  current: createApp(deps),
};
const urls = { baseline: await apis.baseline.listen(), current: await apis.current.listen() };
type Which = keyof typeof urls;
const { uid, idToken: token } = await createTestUser('bench-writes');

const place = async (which: Which, dish: string) => {
  const answer = await postOrder(urls[which], token, { type: 'takeaway', items: [{ menuItemId: dish, quantity: 1 }] });
  if (answer.status !== 201) throw new Error(`${which}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.id;
};
const move = async (which: Which, orderId: string, status: string) => {
  const answer = await request(`${urls[which]}/api/orders/${orderId}/status`, { method: 'PATCH', token, body: JSON.stringify({ status }) });
  if (answer.status !== 200) throw new Error(`${which}: ${answer.status} ${JSON.stringify(answer.body)}`);
};

/** Firestore calls of one operation, averaged over `n`. */
async function callsPer(n: number, work: () => Promise<void>): Promise<string> {
  const before = snapshotCalls();
  for (let i = 0; i < n; i++) await work();
  const after = snapshotCalls();
  const per = (label: string) => ((after[label] ?? 0) - (before[label] ?? 0)) / n;
  return `${per('transactions')} tx, ${per('reads')} reads, ${per('batches')} batches`;
}

try {
  const dish = await createDish('bench-writes', { stock: 10_000_000 });
  // Warm-up: connections, JIT, both paths.
  for (const which of ['baseline', 'current'] as const) await measure(10, 2, () => place(which, dish).then(() => undefined));

  const placement: Record<Which, Measured[]> = { baseline: [], current: [] };
  const moves: Record<Which, Measured[]> = { baseline: [], current: [] };
  const callCounts: Record<Which, { placement: string; move: string }> = { baseline: { placement: '', move: '' }, current: { placement: '', move: '' } };
  for (const which of ['baseline', 'current'] as const) {
    let last = '';
    callCounts[which].placement = await callsPer(5, async () => void (last = await place(which, dish)));
    await move(which, last, 'PREPARING');
    let moves = 0;
    callCounts[which].move = await callsPer(6, async () => move(which, last, moves++ % 2 === 0 ? 'READY' : 'PREPARING'));
  }
  // Alternated rounds, so drift on a shared machine hits both alike.
  for (let round = 0; round < 2; round++) {
    for (const which of ['baseline', 'current'] as const) {
      placement[which].push(await measure(PLACEMENTS / 2, CONCURRENCY, () => place(which, dish).then(() => undefined)));
      // Moves on orders of their own: PREPARING ↔ READY, one order per worker at a time.
      const orders = await Promise.all(Array.from({ length: CONCURRENCY * 2 }, () => place(which, dish)));
      await Promise.all(orders.map((id) => move(which, id, 'PREPARING')));
      const state = new Map(orders.map((id) => [id, 'PREPARING']));
      moves[which].push(
        await measure(MOVES / 2, CONCURRENCY, async (i) => {
          const id = orders[i % orders.length]!;
          const to = state.get(id) === 'PREPARING' ? 'READY' : 'PREPARING';
          state.set(id, to);
          await move(which, id, to);
        }),
      );
    }
  }

  // A burst on one dish: every order at once.
  const hot: { which: Which; orders: number; stock: number; placed: number; refused: number; other: string[]; stockLeft: number; p50: number; p99: number; seconds: number }[] = [];
  for (const { orders, stock } of HOT) {
    for (const which of ['baseline', 'current'] as const) {
      const hotDish = await createDish(`hot-${which}-${orders}`, { stock });
      const latencies: number[] = [];
      const started = performance.now();
      const answers = await Promise.all(
        Array.from({ length: orders }, async () => {
          const t0 = performance.now();
          const answer = await postOrder(urls[which], token, { type: 'takeaway', items: [{ menuItemId: hotDish, quantity: 1 }] });
          latencies.push(performance.now() - t0);
          return answer;
        }),
      );
      latencies.sort((a, b) => a - b);
      hot.push({
        which,
        orders,
        stock,
        placed: answers.filter((a) => a.status === 201).length,
        refused: answers.filter((a) => a.status === 409 && a.body.error?.code === 'out_of_stock').length,
        other: [...new Set(answers.filter((a) => a.status !== 201 && !(a.status === 409 && a.body.error?.code === 'out_of_stock')).map((a) => `${a.status} ${a.body.error?.code}`))],
        stockLeft: await stockOf(hotDish),
        p50: latencies[Math.floor(latencies.length / 2)]!,
        p99: latencies[Math.floor(latencies.length * 0.99)]!,
        seconds: (performance.now() - started) / 1000,
      });
    }
  }

  const best = (runs: Measured[]) => runs.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  const f = (n: number) => n.toFixed(1);
  console.log(`\nWrites, concurrency ${CONCURRENCY} (best of 2 alternated rounds; baseline = ${BASELINE.slice(0, 8)}, before issue 16)\n`);
  console.log('| what | baseline | now | ratio (now / baseline) |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const [label, runs] of [['placements/s (takeaway)', placement], ['status moves/s', moves]] as const) {
    const [b, c] = [best(runs.baseline), best(runs.current)];
    console.log(`| ${label} | ${f(b.perSecond)} (p50 ${f(b.p50)} ms) | ${f(c.perSecond)} (p50 ${f(c.p50)} ms) | ${(c.perSecond / b.perSecond).toFixed(2)}× |`);
  }
  console.log(`| Firestore calls per placement | ${callCounts.baseline.placement} | ${callCounts.current.placement} | |`);
  console.log(`| Firestore calls per move | ${callCounts.baseline.move} | ${callCounts.current.move} | |`);
  console.log('\nA burst on one dish: every order at once\n');
  console.log('| orders / stock | path | placed | 409 out_of_stock | other answers | stock left | p50 ms | p99 ms | burst s |');
  console.log('| --- | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |');
  for (const h of hot) {
    console.log(`| ${h.orders} / ${h.stock} | ${h.which} | ${h.placed} | ${h.refused} | ${h.other.join(', ') || 'none'} | ${h.stockLeft} | ${h.p50.toFixed(0)} | ${h.p99.toFixed(0)} | ${h.seconds.toFixed(1)} |`);
  }
} finally {
  await apis.current.close();
  await apis.baseline.close();
  await cleanUpOrders([uid]);
  await deleteTestUsers();
  await closeTestFirebase();
}

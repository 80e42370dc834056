// Orders placed per second through POST /api/orders and the full fulfillment saga (menu check,
// payment, stock, and the courier for delivery orders: ~8 Firestore transactions each), next to
// a plain single-document create of an order-shaped document through firebase-admin in the same
// run: what the saga's guarantees (atomic steps, persisted progress, activity log) cost.
// The API runs in this process, on loopback, against the emulators.
import { randomUUID } from 'node:crypto';
import { createApp } from '../server/src/app.ts';
import { createLogger } from '../server/src/logger.ts';
import { closeTestFirebase, testFirebase } from '../server/test/support/firebase-test-env.ts';
import {
  cleanUpOrders,
  createDish,
  deliveryTo,
  postOrder,
} from '../server/test/support/orders-fixtures.ts';
import { createTestUser, deleteTestUsers } from '../server/test/support/test-users.ts';
import { measure } from './support/measure.mts';

const ORDERS = Number(process.env['BENCH_ORDERS'] ?? 120);
const CONCURRENCY = [1, 8];

const firebase = testFirebase();
// A user of its own: cleaning up removes exactly the orders this run placed.
const { uid, idToken: token } = await createTestUser('bench-saga');
const dish = await createDish('saga', { stock: 10_000_000 });
const server = createApp({
  config: { port: 0, host: '127.0.0.1', spaOrigins: ['http://127.0.0.1:4200'] },
  logger: createLogger('silent'),
  auth: firebase.auth,
  firestore: firebase.firestore,
  sagaRecovery: false,
  // One member placing orders as fast as the API goes: the flood the rate limits exist to stop.
  rateLimits: { memberWrites: { points: 1_000_000, durationSeconds: 60 } },
});
const url = await server.listen();
const scratch = firebase.firestore.collection(`_bench-${randomUUID().slice(0, 8)}`);

const place = (body: object) => async () => {
  const response = await postOrder(url, token, body);
  if (response.status !== 201)
    throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
};
const takeaway = place({ type: 'takeaway', items: [{ menuItemId: dish, quantity: 1 }] });
const delivery = place({ ...deliveryTo(), items: [{ menuItemId: dish, quantity: 1 }] });
const plain = async () => {
  await scratch
    .doc()
    .create({ type: 'takeaway', status: 'CONFIRMED', totalMinor: 1650, createdAt: new Date() });
};

try {
  await measure(10, 2, takeaway); // warm-up: connections, JIT
  const rows = [];
  for (const concurrency of CONCURRENCY) {
    rows.push({
      concurrency,
      takeaway: await measure(ORDERS, concurrency, takeaway),
      delivery: await measure(ORDERS, concurrency, delivery),
      plain: await measure(ORDERS, concurrency, plain),
    });
  }
  const fmt = (n: number) => n.toFixed(1);
  console.log(
    `\nOrder placement: ${ORDERS} orders per cell (orders/s, higher is better; p50 latency in ms)\n`,
  );
  console.log(
    '| concurrency | saga, takeaway (3 steps) | saga, delivery (4 steps) | plain single-doc create | ratio (plain / saga delivery) |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: |');
  for (const { concurrency, takeaway: t, delivery: d, plain: p } of rows) {
    console.log(
      `| ${concurrency} | ${fmt(t.perSecond)}/s (p50 ${fmt(t.p50)}) | ${fmt(d.perSecond)}/s (p50 ${fmt(d.p50)}) | ${fmt(p.perSecond)}/s (p50 ${fmt(p.p50)}) | ${(p.perSecond / d.perSecond).toFixed(1)}× |`,
    );
  }
} finally {
  await server.close();
  await firebase.firestore.recursiveDelete(scratch);
  await cleanUpOrders([uid]);
  await deleteTestUsers();
  await closeTestFirebase();
}

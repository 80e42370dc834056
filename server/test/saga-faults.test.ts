import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Order, OrderErrorBody } from '@maestro/contracts';
import { createApp } from '../src/app';
import { createLogger } from '../src/logger';
import {
  assertEmulatorsRunning,
  closeTestFirebase,
  testFirebase,
} from './support/firebase-test-env';
import {
  activityOf,
  cleanUpOrders,
  createDish,
  deliveryTo,
  docData,
  postOrder,
  stockOf,
} from './support/orders-fixtures';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { startTestServer, type TestServer } from './support/test-server';
import { createTestUser, deleteTestUsers, type TestUser } from './support/test-users';

// The fault matrix: each saga step × error, timeout, crash (with a restart). Whatever happens,
// stock is conserved (what left the shelf is held by a confirmed order) and no failed order keeps
// an authorized payment or a booked courier.

type Body = Order & OrderErrorBody;
const STEPS = ['payment', 'inventory', 'delivery'] as const;
const SAGA_ENV = { MAESTRO_SAGA_STEP_TIMEOUT_MS: '300', MAESTRO_SAGA_LEASE_MS: '1000' };

describe('fulfillment saga under injected faults', () => {
  let user: TestUser;
  let dish: string;
  const initialStock = 100;
  /** Every order the matrix placed, with how many units a CONFIRMED one holds. */
  const placed: { id: string; units: number }[] = [];

  before(async () => {
    await assertEmulatorsRunning();
    user = await createTestUser('saga-faults');
    dish = await createDish('dish', { stock: initialStock });
  });
  after(async () => {
    await cleanUpOrders([user.uid]);
    await deleteTestUsers();
    await closeTestFirebase();
  });

  const orderOf = (units: number) => ({
    ...deliveryTo(),
    items: [{ menuItemId: dish, quantity: units }],
  });

  async function assertUndone(orderId: string) {
    const payment = (await docData(`payments/${orderId}`))?.['status'];
    assert.ok(
      payment === undefined || ['refunded', 'voided', 'declined'].includes(String(payment)),
      `payment ${payment}`,
    );
    const delivery = (await docData(`deliveries/${orderId}`))?.['status'];
    assert.ok(
      delivery === undefined || ['cancelled', 'voided', 'refused'].includes(String(delivery)),
      `delivery ${delivery}`,
    );
    const reservation = (await docData(`inventoryReservations/${orderId}`))?.['status'];
    assert.ok(
      reservation === undefined || reservation === 'released',
      `reservation ${reservation}`,
    );
    assert.equal((await docData(`sagas/${orderId}`))?.['status'], 'compensated');
  }

  describe('error and timeout (in process)', () => {
    let api: TestServer;
    before(async () => {
      api = await startTestServer({
        saga: { stepTimeoutMs: 300, leaseMs: 2000, faultInjection: true },
      });
    });
    after(() => api.close());

    test('an undo that keeps failing leaves the saga compensating; the recovery sweep finishes it', async () => {
      const before = await stockOf(dish);
      const key = `stuck-undo-${Date.now()}`;
      const response = await postOrder(api.baseUrl, user.idToken, orderOf(2), {
        'X-Maestro-Faults': 'delivery=error, inventory-undo=error',
        'Idempotency-Key': key,
      });
      assert.equal(response.status, 503);
      const id = response.body.error.orderId!;
      // A retry while the undo is stuck must not claim "nothing stays charged" yet.
      const early = await postOrder(api.baseUrl, user.idToken, orderOf(2), { 'Idempotency-Key': key });
      assert.equal(early.status, 409);
      assert.equal(early.body.error.code, 'request_in_progress');
      assert.match(early.body.error.message, /still being undone/);
      placed.push({ id, units: 2 });
      const stuck = await docData(`sagas/${id}`);
      assert.equal(stuck?.['status'], 'compensating');
      const steps = stuck?.['steps'] as Record<
        string,
        { compensation: Record<string, unknown> | null }
      >;
      assert.equal(steps['delivery']?.compensation?.['status'], 'done', 'the last step was undone');
      assert.equal(steps['inventory']?.compensation?.['status'], 'failed');
      assert.equal(steps['inventory']?.compensation?.['attempts'], 3);
      assert.equal(
        steps['payment']?.compensation,
        null,
        'undo stops at the first failure, in order',
      );
      assert.equal(await stockOf(dish), before - 2, 'still held');

      // Once the lease runs out, the sweep (without the injected fault) completes the undo.
      while ((await docData(`sagas/${id}`))?.['status'] !== 'compensated')
        await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(await stockOf(dish), before);
      await assertUndone(id);
      const settled = await postOrder(api.baseUrl, user.idToken, orderOf(2), { 'Idempotency-Key': key });
      assert.equal(settled.status, 503);
      assert.equal(settled.body.error.code, 'delivery_unavailable');
      const bySystem = (await activityOf(id)).filter((e) => e['actorUid'] === 'system');
      assert.deepEqual(
        bySystem.map((e) => e['action']),
        ['ORDER_INVENTORY_RESTORED', 'ORDER_PAYMENT_REFUNDED'],
      );
    });

    for (const step of STEPS) {
      for (const kind of ['error', 'timeout'] as const) {
        test(`${step} × ${kind} → 503 ${step}_unavailable, FAILED, everything undone`, async () => {
          const before = await stockOf(dish);
          const response = await postOrder(api.baseUrl, user.idToken, orderOf(2), {
            'X-Maestro-Faults': `${step}=${kind}`,
          });
          assert.equal(response.status, 503, JSON.stringify(response.body));
          assert.equal(response.body.error.code, `${step}_unavailable`);
          assert.match(
            response.body.error.message,
            kind === 'timeout' ? /did not answer in time/ : /failed/,
          );
          const id = response.body.error.orderId!;
          placed.push({ id, units: 2 });
          assert.equal(await stockOf(dish), before);
          await assertUndone(id);
          const saga = (await docData(`sagas/${id}`))?.['steps'] as Record<
            string,
            { status: string }
          >;
          assert.equal(saga[step]?.status, kind === 'timeout' ? 'timed_out' : 'failed');
          // A timed-out step did its work (its answer was lost): the undo must have found it.
          if (kind === 'timeout' && step === 'payment')
            assert.equal((await docData(`payments/${id}`))?.['status'], 'refunded');
          if (kind === 'timeout' && step === 'delivery')
            assert.equal((await docData(`deliveries/${id}`))?.['status'], 'cancelled');
        });
      }
    }
  });

  test('fault injection refuses to start outside test mode', () => {
    const nodeEnv = process.env['NODE_ENV'];
    process.env['NODE_ENV'] = 'production';
    try {
      assert.throws(
        () =>
          createApp({
            config: { port: 0, host: '127.0.0.1', spaOrigins: ['http://127.0.0.1:4200'] },
            logger: createLogger('silent'),
            auth: testFirebase().auth,
            firestore: testFirebase().firestore,
            saga: { faultInjection: true },
          }),
        /runs only with NODE_ENV=test/,
      );
    } finally {
      process.env['NODE_ENV'] = nodeEnv;
    }
  });

  describe('crash, then restart (child processes)', () => {
    // Each server crashes on one step; the next one (its restart) recovers the saga it left.
    let server: ServerProcess | undefined;
    after(() => server?.killAll());

    const restart = async () => {
      server = await startServerProcess({
        NODE_ENV: 'test',
        MAESTRO_FAULT_INJECTION: '1',
        ...SAGA_ENV,
      });
      return server;
    };

    /** The client retries with its Idempotency-Key until the recovered outcome is known. */
    async function retryUntilSettled(url: string, key: string, units: number) {
      for (;;) {
        const response = await postOrder(url, user.idToken, orderOf(units), {
          'Idempotency-Key': key,
        });
        if (response.body?.error?.code !== 'request_in_progress') return response;
        assert.equal(response.headers.get('retry-after'), '1');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }

    for (const point of [...STEPS, 'confirm'] as const) {
      test(
        `${point} × crash → the restarted API ${point === 'confirm' ? 'completes' : 'compensates'} the saga`,
        { timeout: 60_000 },
        async () => {
          const crashing = await restart();
          const key = `crash-${point}-${Date.now()}`;
          const before = await stockOf(dish);
          await assert.rejects(
            postOrder(crashing.url, user.idToken, orderOf(3), {
              'Idempotency-Key': key,
              'X-Maestro-Faults': `${point}=crash`,
            }),
            'the connection drops with the process',
          );
          const [code] = await crashing.exited;
          assert.equal(code, 1);
          assert.ok(
            crashing.logs.some(
              (line) => line['msg'] === 'injected crash: exiting' && line['point'] === point,
            ),
          );

          const restarted = await restart();
          const response = await retryUntilSettled(restarted.url, key, 3);
          assert.equal(response.headers.get('idempotent-replayed'), 'true');
          if (point === 'confirm') {
            assert.equal(response.status, 201);
            assert.equal(response.body.status, 'CONFIRMED');
            placed.push({ id: response.body.id, units: 3 });
            assert.equal(await stockOf(dish), before - 3);
            assert.equal((await docData(`payments/${response.body.id}`))?.['status'], 'authorized');
            assert.equal((await docData(`sagas/${response.body.id}`))?.['status'], 'completed');
            const confirmedBy = (await activityOf(response.body.id)).find(
              (e) => e['action'] === 'ORDER_STATUS_CHANGED',
            );
            assert.equal(confirmedBy?.['actorUid'], 'system');
          } else {
            assert.equal(response.status, 503);
            assert.equal(response.body.error.code, 'interrupted');
            const id = response.body.error.orderId!;
            placed.push({ id, units: 3 });
            const order = await request(`${restarted.url}/api/orders/${id}`);
            assert.equal(order.failure?.step, point);
            assert.equal(await stockOf(dish), before);
            await assertUndone(id);
            // The crashed step had done its work before the crash: its undo found it.
            const undone = (await activityOf(id))
              .filter((e) => e['actorUid'] === 'system')
              .map((e) => e['action']);
            const expected = {
              payment: ['ORDER_PAYMENT_REFUNDED'],
              inventory: ['ORDER_INVENTORY_RESTORED', 'ORDER_PAYMENT_REFUNDED'],
              delivery: [
                'ORDER_DELIVERY_CANCELLED',
                'ORDER_INVENTORY_RESTORED',
                'ORDER_PAYMENT_REFUNDED',
              ],
            }[point];
            assert.deepEqual(
              undone.filter((a) => a !== 'ORDER_STATUS_CHANGED'),
              expected,
            );
          }
          restarted.child.kill('SIGTERM');
          await restarted.exited;
          server = undefined;
        },
      );
    }

    async function request(url: string) {
      const response = await fetch(url, { headers: { Authorization: `Bearer ${user.idToken}` } });
      return (await response.json()) as Body;
    }
  });

  test('stock is conserved and no failed order holds a payment or a courier', async () => {
    let held = 0;
    for (const { id, units } of placed) {
      const order = await docData(`orders/${id}`);
      if (order?.['status'] === 'CONFIRMED') held += units;
      else {
        assert.equal(order?.['status'], 'FAILED');
        await assertUndone(id);
      }
    }
    assert.equal(placed.length, 11);
    assert.equal(await stockOf(dish), initialStock - held);
  });
});

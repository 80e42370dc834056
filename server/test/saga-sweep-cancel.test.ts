// The recovery sweep, and cancelling or deleting an order, against the emulator without the
// HTTP API (saga-harness.ts): which sagas the sweep claims and finishes, that one failure does not
// stop it, that it stops when asked; a cancellation or deletion taking a completed saga over to
// undo it, and leaving a running one to its owner.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ApiError } from '../src/http/api-error';
import { cancelOrder, compensateOrLeave, deleteOrder } from '../src/orders/saga/cancellation';
import type { FulfillmentSaga } from '../src/orders/saga/fulfillment-saga';
import { sagaRecovery } from '../src/orders/saga/recovery';
import { sleep } from '../src/orders/saga/timing';
import type { SagaDoc } from '../src/orders/saga/saga-doc';
import { assertEmulatorsRunning } from './support/firebase-test-env';
import { ME, OTHER_NODE, STAFF, closeSagaDb, harness, historyOf, linesOf, orderOf, placed, sagaOf, setOrderStatus } from './support/saga-harness';

before(assertEmulatorsRunning);
after(closeSagaDb);

const expired = new Date(Date.now() - 60_000);
const errorsLogged = (logs: Record<string, unknown>[]) => logs.filter((line) => Number(line['level']) >= 50);

// The sweep's query sees every saga of this process's project: these tests come first and
// settle every saga they leave expired.
describe('the recovery sweep', () => {
  test('finishes the unfinished sagas whose lease ran out, whoever owned them, and adds what else it settled', async () => {
    const h = harness();
    const lostConfirmation = await placed({ steps: { payment: 'done', inventory: 'done' }, leaseUntil: expired, owner: OTHER_NODE });
    const undoing = await placed({ status: 'compensating', steps: { payment: 'done' }, leaseUntil: expired });
    const stillOwned = await placed({ leaseUntil: new Date(Date.now() + 60_000), owner: OTHER_NODE });
    const settled = await placed({ status: 'completed', steps: { payment: 'done', inventory: 'done' }, leaseUntil: expired, owner: OTHER_NODE });
    const recovery = sagaRecovery(h.ctx, h.saga, () => Promise.resolve(5));

    const sweep = recovery.sweep();
    assert.equal(recovery.sweep(), sweep, 'never two sweeps at once');
    assert.equal(await sweep, 2 + 5);
    assert.equal((await orderOf(lostConfirmation.orderId))?.status, 'CONFIRMED');
    assert.equal((await sagaOf(lostConfirmation.orderId)).owner, ME);
    assert.equal((await sagaOf(undoing.orderId)).status, 'compensated');
    assert.deepEqual([(await sagaOf(stillOwned.orderId)).owner, (await sagaOf(stillOwned.orderId)).status], [OTHER_NODE, 'running']);
    assert.equal((await sagaOf(settled.orderId)).owner, OTHER_NODE);
    assert.equal((await sagaOf(settled.orderId)).status, 'completed');
    assert.deepEqual(h.calls, ['payment-undo']);
    assert.equal(await recovery.sweep(), 5, 'nothing left to recover');
    assert.deepEqual(errorsLogged(h.logs), []);
  });

  test('a saga claimed meanwhile by another node is skipped, without an error', async () => {
    const h = harness();
    // The query runs an hour ahead, the claim on time: the lease found expired is not, for the claim.
    let calls = 0;
    h.ctx.now = () => new Date(Date.now() + (++calls === 1 ? 3_600_000 : 0));
    const saga = await placed({ leaseUntil: new Date(Date.now() + 60_000), owner: OTHER_NODE });
    assert.equal(await sagaRecovery(h.ctx, h.saga).sweep(), 0);
    assert.equal((await sagaOf(saga.orderId)).owner, OTHER_NODE);
    assert.deepEqual(errorsLogged(h.logs), []);
  });

  test('one saga that cannot be finished is logged and left for the next sweep; the others are finished', async () => {
    const h = harness();
    const [bad, good] = [await placed({ leaseUntil: expired }), await placed({ leaseUntil: new Date(expired.getTime() + 1) })];
    const finished: string[] = [];
    const saga = {
      recover: (doc: SagaDoc) =>
        doc.orderId === bad.orderId ? Promise.reject(new Error('contention')) : Promise.resolve(void finished.push(doc.orderId)),
    } as unknown as FulfillmentSaga;
    assert.equal(await sagaRecovery(h.ctx, saga).sweep(), 1);
    assert.deepEqual(finished, [good.orderId]);
    assert.deepEqual(errorsLogged(h.logs).map((line) => line['orderId']), [bad.orderId]);
    await h.saga.recover(await sagaOf(bad.orderId));
  });

  test('a sweep that cannot query is logged and counts nothing', async () => {
    const h = harness();
    h.ctx.now = () => new Date(Number.NaN);
    assert.equal(await sagaRecovery(h.ctx, h.saga).sweep(), 0);
    assert.equal(errorsLogged(h.logs).length, 1);
  });

  test('stops between sagas when asked, and settles nothing else', async () => {
    const h = harness();
    const sagas = [await placed({ leaseUntil: expired }), await placed({ leaseUntil: new Date(expired.getTime() + 1) })];
    const finished: string[] = [];
    let alsoSwept = false;
    const stopsAfterOne = {
      recover: async (doc: SagaDoc) => {
        finished.push(doc.orderId);
        void recovery.stop();
      },
    } as unknown as FulfillmentSaga;
    const recovery = sagaRecovery(h.ctx, stopsAfterOne, async () => {
      alsoSwept = true;
      return 1;
    });
    assert.equal(await recovery.sweep(), 1);
    assert.deepEqual(finished, [sagas[0]!.orderId]);
    assert.equal(alsoSwept, false);
    for (const saga of sagas) await h.saga.recover(await sagaOf(saga.orderId));
  });

  test('started, it sweeps while this node holds the job lease, and not while another does', async () => {
    const h = harness();
    const saga = await placed({ steps: { payment: 'done', inventory: 'done' }, leaseUntil: expired });
    // The sweep's timers do not hold the process open: this holds it while the test waits.
    const open = setInterval(() => undefined, 1_000);
    try {
      const acquired = (mine: boolean) => {
        let calls = 0;
        let secondCall: () => void = () => undefined;
        const second = new Promise<void>((resolve) => (secondCall = resolve));
        const acquire = () => {
          if (++calls === 2) secondCall();
          return Promise.resolve(mine);
        };
        return { lease: { acquire }, second, calls: () => calls };
      };
      const notMine = acquired(false);
      const idle = sagaRecovery(h.ctx, h.saga, undefined, notMine.lease);
      idle.start(1);
      await notMine.second;
      await idle.stop();
      assert.equal((await orderOf(saga.orderId))?.status, 'PENDING');
      const callsAtStop = notMine.calls();
      await sleep(50);
      assert.equal(notMine.calls(), callsAtStop, 'stopped: no more ticks');

      const mine = acquired(true);
      const active = sagaRecovery(h.ctx, h.saga, undefined, mine.lease);
      active.start(1);
      await mine.second;
      await active.stop();
      assert.equal((await orderOf(saga.orderId))?.status, 'CONFIRMED');
    } finally {
      clearInterval(open);
    }
  });
});

describe('cancelling an order', () => {
  test('a confirmed one: CANCELLED, the board told, its completed saga taken over and undone', async () => {
    const h = harness();
    const saga = await placed();
    assert.equal((await h.saga.run(saga)).kind, 'confirmed');
    const order = await cancelOrder(h.ctx, h.saga, saga.orderId, STAFF);
    assert.deepEqual([order.status, order.version], ['CANCELLED', 3]);
    assert.deepEqual(
      h.told.slice(1).map(({ previousStatus, newStatus, version, failure }) => ({ previousStatus, newStatus, version, failure })),
      [{ previousStatus: 'CONFIRMED', newStatus: 'CANCELLED', version: 3, failure: null }],
    );
    assert.equal(h.told[1]?.updatedAt, order.updatedAt);
    const stored = await sagaOf(saga.orderId);
    assert.deepEqual([stored.status, stored.outcome, stored.owner], ['compensated', 'cancelled', ME]);
    assert.deepEqual(h.calls, ['payment', 'inventory', 'inventory-undo', 'payment-undo']);
    const cancelled = await orderOf(saga.orderId);
    assert.deepEqual([cancelled?.status, cancelled?.version, cancelled?.updatedBy], ['CANCELLED', 3, STAFF.uid]);
    const moves = (await historyOf(saga.orderId)).filter((entry) => entry.action === 'ORDER_STATUS_CHANGED');
    assert.deepEqual(moves.at(-1)?.changes, { status: { from: 'CONFIRMED', to: 'CANCELLED' }, version: { from: 2, to: 3 } });
  });

  test('one being placed: its running saga is left to undo itself', async () => {
    const h = harness();
    const saga = await placed();
    await cancelOrder(h.ctx, h.saga, saga.orderId, STAFF);
    assert.equal((await sagaOf(saga.orderId)).status, 'running');
    assert.deepEqual(h.calls, []);
  });

  test('a final one cannot be cancelled (409), and nothing changes', async () => {
    const h = harness();
    const saga = await placed({ status: 'compensated' });
    await setOrderStatus(saga.orderId, 'FAILED');
    await assert.rejects(cancelOrder(h.ctx, h.saga, saga.orderId, STAFF), (error: unknown) => error instanceof ApiError && error.status === 409);
    assert.equal((await orderOf(saga.orderId))?.status, 'FAILED');
    assert.deepEqual(h.told, []);
  });

  test('an undo interrupted by an error answers all the same, and says so in the log', async () => {
    const h = harness();
    await compensateOrLeave(h.ctx, { compensate: () => Promise.reject(new Error('contention')) }, 'o-1', STAFF);
    assert.deepEqual(errorsLogged(h.logs).map((line) => line['orderId']), ['o-1']);
  });
});

describe('deleting an order', () => {
  test('an active one: gone, the board told, its completed saga undone', async () => {
    const h = harness();
    const saga = await placed();
    await h.saga.run(saga);
    assert.deepEqual(await deleteOrder(h.ctx, h.saga, saga.orderId, { ...STAFF, admin: false }), { orderId: saga.orderId, version: 3 });
    assert.equal(await orderOf(saga.orderId), undefined);
    assert.deepEqual(await linesOf(saga.orderId), []);
    assert.deepEqual(h.deleted, [[saga.orderId, 3]]);
    assert.deepEqual(h.calls.slice(2), ['inventory-undo', 'payment-undo']);
    assert.equal((await sagaOf(saga.orderId)).outcome, 'cancelled');
    const deleted = (await historyOf(saga.orderId)).find((entry) => entry.action === 'ORDER_DELETED');
    assert.deepEqual(deleted?.changes['version'], { from: 2, to: 3 });
    assert.deepEqual(deleted?.changes['items'], { from: [{ menuItemId: 'soup', quantity: 2 }], to: null });
    assert.equal(deleted?.actor, STAFF.uid);
  });

  test('a served one: refused to staff (403, kept), deleted by an admin without undoing the sale', async () => {
    const h = harness();
    const saga = await placed({ status: 'completed', steps: { payment: 'done', inventory: 'done' } });
    await setOrderStatus(saga.orderId, 'SERVED');
    await assert.rejects(deleteOrder(h.ctx, h.saga, saga.orderId, { ...STAFF, admin: false }), (error: unknown) => error instanceof ApiError && error.status === 403);
    assert.equal((await orderOf(saga.orderId))?.status, 'SERVED');
    await deleteOrder(h.ctx, h.saga, saga.orderId, { ...STAFF, admin: true });
    assert.equal(await orderOf(saga.orderId), undefined);
    assert.deepEqual(h.calls, []);
    assert.equal((await sagaOf(saga.orderId)).status, 'completed');
  });
});

// The recovery sweep against the emulator without the HTTP API (saga-harness.ts): which sagas it
// claims and finishes, that one failure does not stop it, that it stops when asked, that it runs
// only while this node holds the job lease.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FulfillmentSaga } from '../src/orders/saga/fulfillment-saga';
import { sagaRecovery } from '../src/orders/saga/recovery';
import { sleep } from '../src/orders/saga/timing';
import type { SagaDoc } from '../src/orders/saga/saga-doc';
import { assertEmulatorsRunning } from './support/firebase-test-env';
import { ME, OTHER_NODE, closeSagaDb, harness, orderOf, placed, sagaOf } from './support/saga-harness';

before(assertEmulatorsRunning);
after(closeSagaDb);

const expired = new Date(Date.now() - 60_000);
const errorsLogged = (logs: Record<string, unknown>[]) => logs.filter((line) => Number(line['level']) >= 50);

// The sweep's query sees every saga of this process's project (one per test file): each test
// settles every saga it leaves expired.
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

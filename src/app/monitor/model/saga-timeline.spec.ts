import { MIN_BAR_PCT, sagaTimeline } from './saga-timeline';
import { T0, at, failedSagaFixture, stepFixture } from './saga-fixtures';

describe('sagaTimeline', () => {
  const lane = (geometry: ReturnType<typeof sagaTimeline>, step: string) => geometry.lanes.find((l) => l.step === step)!;

  it('scales the axis to the saga: from its start to its last finish, compensations included', () => {
    const g = sagaTimeline(failedSagaFixture(), at(99_999));
    expect(g.origin).toEqual(T0);
    expect(g.totalMs).toBe(1000); // the refund ends at +1000 ms; "now" does not count for a settled saga
  });

  it('places each step from its start to its finish, coloured by its outcome', () => {
    const g = sagaTimeline(failedSagaFixture(), at(5000));
    expect(lane(g, 'menu').bars).toEqual([jasmine.objectContaining({ kind: 'step', status: 'done', offsetPct: 0, widthPct: 10, durationMs: 100 })]);
    expect(lane(g, 'inventory').bars).toEqual([
      jasmine.objectContaining({ kind: 'step', status: 'refused', label: 'refused', offsetPct: 40, widthPct: 20, startMs: 400, durationMs: 200 }),
    ]);
  });

  it('puts the compensation in the same lane after the failure, labelled with its result', () => {
    const payment = lane(sagaTimeline(failedSagaFixture(), at(5000)), 'payment');
    expect(payment.bars.map((b) => [b.kind, b.label, b.offsetPct, b.widthPct])).toEqual([
      ['step', 'done', 10, 30],
      ['compensation', 'refunded', 60, 40],
    ]);
    // After the inventory step failed (it ended at 60 %).
    expect(payment.bars[1].offsetPct).toBeGreaterThanOrEqual(60);
  });

  it('names a failed compensation as such', () => {
    const saga = failedSagaFixture();
    saga.steps[1] = { ...saga.steps[1], compensation: { ...saga.steps[1].compensation!, status: 'failed', result: null, error: 'gateway down' } };
    const bar = lane(sagaTimeline(saga, at(0)), 'payment').bars[1];
    expect([bar.status, bar.label]).toEqual(['compensation-failed', 'compensation failed']);
  });

  it('keeps a zero-duration step visible, and inside the axis when it is the last thing', () => {
    const saga = failedSagaFixture({
      status: 'completed',
      outcome: 'confirmed',
      failure: null,
      steps: [
        stepFixture('menu', { status: 'done', startedAt: at(0), finishedAt: at(0), durationMs: 0 }),
        stepFixture('payment', { status: 'done', startedAt: at(0), finishedAt: at(200), durationMs: 200 }),
        stepFixture('inventory', { status: 'done', startedAt: at(200), finishedAt: at(200), durationMs: 0 }),
      ],
    });
    const g = sagaTimeline(saga, at(0));
    expect(lane(g, 'menu').bars[0].widthPct).toBe(MIN_BAR_PCT);
    const last = lane(g, 'inventory').bars[0];
    expect(last.widthPct).toBe(MIN_BAR_PCT);
    expect(last.offsetPct + last.widthPct).toBeCloseTo(100, 6);
  });

  it('draws no bar for a step that never started', () => {
    const delivery = lane(sagaTimeline(failedSagaFixture(), at(0)), 'delivery');
    expect(delivery.status).toBe('skipped');
    expect(delivery.bars).toEqual([]);
  });

  it('extends a running step to now while the saga runs, and the axis with it', () => {
    const saga = failedSagaFixture({
      status: 'running',
      outcome: null,
      failure: null,
      steps: [
        stepFixture('menu', { status: 'done', startedAt: at(0), finishedAt: at(100), durationMs: 100 }),
        stepFixture('payment', { status: 'running', startedAt: at(100) }),
      ],
    });
    const g = sagaTimeline(saga, at(500));
    expect(g.totalMs).toBe(500);
    expect(lane(g, 'payment').bars[0]).toEqual(jasmine.objectContaining({ open: true, offsetPct: 20, widthPct: 80, durationMs: 400 }));
    // A moment later it has grown.
    expect(lane(sagaTimeline(saga, at(1100)), 'payment').bars[0].durationMs).toBe(1000);
  });

  it('does not grow a step a crash left "running" once the saga settled: it ends where its compensation began', () => {
    const saga = failedSagaFixture();
    saga.steps[1] = { ...saga.steps[1], status: 'running', finishedAt: null, durationMs: null };
    const payment = lane(sagaTimeline(saga, at(60_000)), 'payment');
    expect(payment.bars[0]).toEqual(jasmine.objectContaining({ open: false, offsetPct: 10, widthPct: 50 }));
  });
});

import { sagaFromDoc } from './saga-from-doc';
import { T0, at } from './saga-fixtures';

const ts = (date: Date) => ({ toDate: () => date });

describe('sagaFromDoc', () => {
  it('turns the stored timestamps into dates and lists the steps in the saga order', () => {
    const saga = sagaFromDoc('o1', {
      orderId: 'o1',
      correlationId: 'corr-1',
      status: 'compensated',
      outcome: 'failed',
      stepOrder: ['menu', 'payment'],
      steps: {
        payment: {
          status: 'failed',
          startedAt: ts(at(10)),
          finishedAt: ts(at(30)),
          durationMs: 20,
          error: 'declined',
          compensation: { status: 'done', result: 'voided', error: null, attempts: 2, startedAt: ts(at(40)), finishedAt: ts(at(45)), durationMs: 5 },
        },
        menu: { status: 'done', startedAt: ts(at(0)), finishedAt: ts(at(10)), durationMs: 10, error: null, compensation: null },
      },
      failure: { code: 'payment_declined', message: 'Card declined.', step: 'payment' },
      createdAt: ts(T0),
      updatedAt: ts(at(45)),
    });
    expect(saga.steps.map((s) => s.step)).toEqual(['menu', 'payment']);
    expect(saga.steps[1].startedAt).toEqual(at(10));
    expect(saga.steps[1].compensation).toEqual(jasmine.objectContaining({ result: 'voided', attempts: 2, startedAt: at(40), durationMs: 5 }));
    expect(saga.correlationId).toBe('corr-1');
  });

  it('gives a step outside the saga order (delivery of a dine-in order) its lane after the others', () => {
    const saga = sagaFromDoc('o3', {
      status: 'completed',
      stepOrder: ['menu', 'payment', 'inventory'],
      steps: { delivery: { status: 'skipped' }, menu: { status: 'done' }, payment: { status: 'done' }, inventory: { status: 'done' } },
    });
    expect(saga.steps.map((s) => [s.step, s.status])).toEqual([
      ['menu', 'done'],
      ['payment', 'done'],
      ['inventory', 'done'],
      ['delivery', 'skipped'],
    ]);
  });

  it('reads a partial document: missing steps are pending, the id stands in for orderId', () => {
    const saga = sagaFromDoc('o2', { status: 'running' });
    expect(saga.orderId).toBe('o2');
    expect(saga.steps.map((s) => [s.step, s.status])).toEqual([
      ['menu', 'pending'],
      ['payment', 'pending'],
      ['inventory', 'pending'],
      ['delivery', 'pending'],
    ]);
  });
});

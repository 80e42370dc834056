import type { SagaStep, SagaView } from './saga';

/** A saga starting at T0, steps given as ms offsets from it: specs read like a timeline. */
export const T0 = new Date('2026-03-01T18:00:00.000Z');
export const at = (ms: number) => new Date(T0.getTime() + ms);

export function stepFixture(step: SagaStep['step'], overrides: Partial<SagaStep> = {}): SagaStep {
  return { step, status: 'pending', startedAt: null, finishedAt: null, durationMs: null, error: null, compensation: null, ...overrides };
}

/** Menu done, payment authorized then refunded, inventory refused (out of stock), delivery skipped. */
export function failedSagaFixture(overrides: Partial<SagaView> = {}): SagaView {
  return {
    orderId: 'o1abcdef',
    correlationId: 'corr-1',
    status: 'compensated',
    outcome: 'failed',
    failure: { code: 'out_of_stock', message: 'Burger is out of stock.', step: 'inventory' },
    createdAt: T0,
    updatedAt: at(1000),
    steps: [
      stepFixture('menu', { status: 'done', startedAt: at(0), finishedAt: at(100), durationMs: 100 }),
      stepFixture('payment', {
        status: 'done',
        startedAt: at(100),
        finishedAt: at(400),
        durationMs: 300,
        compensation: { status: 'done', result: 'refunded', error: null, attempts: 1, startedAt: at(600), finishedAt: at(1000), durationMs: 400 },
      }),
      stepFixture('inventory', { status: 'refused', startedAt: at(400), finishedAt: at(600), durationMs: 200, error: 'Burger is out of stock.' }),
      stepFixture('delivery', { status: 'skipped' }),
    ],
    ...overrides,
  };
}

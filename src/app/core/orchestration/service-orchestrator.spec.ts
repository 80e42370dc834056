import { HttpErrorResponse } from '@angular/common/http';
import { ApiRequestError } from '../http/api-error-message';
import {
  backoffDelay,
  type OrchestratorLogger,
  type ServiceOrchestratorConfig,
} from './service-orchestrator.config';
import type { OrchestratorEventMap } from './service-orchestrator.events';
import { createServiceOrchestrator, ServiceOrchestrator, type Operation } from './service-orchestrator';
import { FakeTime, flush } from '../../../testing/fake-time';

function setup(config: Partial<ServiceOrchestratorConfig> = {}, random = 0.5) {
  const time = new FakeTime();
  const logger = jasmine.createSpyObj<OrchestratorLogger>('logger', ['debug', 'warn', 'error']);
  const orchestrator = new ServiceOrchestrator(config, {
    clock: time.clock,
    sleep: time.sleep,
    random: () => random,
    logger,
  });
  return { time, logger, orchestrator };
}

/** An operation that fails with the given errors in turn, then returns `value`; it notes when each attempt started. */
function scripted<T>(time: FakeTime, errors: unknown[], value: T) {
  const startedAt: number[] = [];
  const signals: AbortSignal[] = [];
  const operation: Operation<T> = async (signal) => {
    startedAt.push(time.now);
    signals.push(signal);
    const error = errors[startedAt.length - 1];
    if (error !== undefined) throw error;
    return value;
  };
  return {
    operation,
    startedAt,
    signals,
    gaps: () => startedAt.slice(1).map((t, i) => t - startedAt[i]),
  };
}

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);
const unavailable = () => new HttpErrorResponse({ status: 503 });

describe('ServiceOrchestrator', () => {
  describe('retries', () => {
    it('retries a 503 with waits of retryDelay × 2^(retry−1) and returns the value once a retry works', async () => {
      const { time, orchestrator } = setup({ retryDelay: 200 });
      const call = scripted(time, [unavailable(), unavailable()], 'order-42');

      const result = await time.settle(orchestrator.execute('orders', call.operation));

      expect(result.success).toBeTrue();
      expect(result.data).toBe('order-42');
      expect(result.details?.attempts).toBe(3);
      expect(call.gaps()).toEqual([200, 400]);
      expect(result.duration).toBe(600);
    });

    it('spreads each wait by the injected random, within ±20 %', async () => {
      const low = setup({ retryDelay: 200, retryAttempts: 3 }, 0);
      const lowCall = scripted(
        low.time,
        [unavailable(), unavailable(), unavailable(), unavailable()],
        'never',
      );
      await low.time.settle(low.orchestrator.execute('orders', lowCall.operation));
      expect(lowCall.gaps()).toEqual([160, 320, 640]);

      const high = setup({ retryDelay: 200, retryAttempts: 3 }, 0.75);
      const highCall = scripted(
        high.time,
        [unavailable(), unavailable(), unavailable(), unavailable()],
        'never',
      );
      await high.time.settle(high.orchestrator.execute('orders', highCall.operation));
      expect(highCall.gaps()).toEqual([220, 440, 880]);
    });

    it('gives up after retryAttempts retries with the last error, still marked retryable', async () => {
      const { time, orchestrator } = setup({ retryAttempts: 2 });
      const last = new ApiRequestError(
        503,
        'unavailable',
        'The Maestro API is restarting. Try again in a moment.',
      );
      const call = scripted(time, [unavailable(), unavailable(), last], 'never');

      const result = await time.settle(orchestrator.execute('orders', call.operation));

      expect(result.success).toBeFalse();
      expect(call.startedAt.length).toBe(3);
      expect(result.details?.attempts).toBe(3);
      expect(result.error).toEqual({
        message: last.message,
        code: 'unavailable',
        retryable: true,
        cause: last,
      });
      expect(result.serviceErrors).toEqual({ orders: result.error! });
    });

    it('fails fast, after one attempt, on a request the server refused', async () => {
      for (const status of [400, 401, 403, 404, 409, 422]) {
        const { time, orchestrator } = setup();
        const refused = new ApiRequestError(status, 'bad_request', `Refused with ${status}.`);
        const call = scripted(time, [refused], 'never');

        const result = await time.settle(orchestrator.execute('orders', call.operation));

        expect(call.startedAt.length).withContext(`HTTP ${status}`).toBe(1);
        expect(result.error?.retryable).withContext(`HTTP ${status}`).toBeFalse();
        expect(result.duration).withContext(`HTTP ${status}`).toBe(0);
      }
    });

    it('retries network failures (fetch TypeError, status 0) and Firestore unavailable', async () => {
      const { time, orchestrator } = setup();
      const errors = [
        new TypeError('Failed to fetch'),
        new HttpErrorResponse({ status: 0 }),
        { name: 'FirebaseError', code: 'unavailable', message: 'Firestore is offline.' },
      ];
      const call = scripted(time, errors, 'saved');

      const result = await time.settle(orchestrator.execute('firestore', call.operation));

      expect(result.success).toBeTrue();
      expect(call.startedAt.length).toBe(4);
    });

    it('waits at least the retryAfterMs a 429 asks for', async () => {
      const { time, orchestrator } = setup({ retryDelay: 200 });
      const call = scripted(
        time,
        [{ status: 429, retryAfterMs: 1500, message: 'Slow down.' }],
        'ok',
      );

      const result = await time.settle(orchestrator.execute('orders', call.operation));

      expect(result.success).toBeTrue();
      expect(call.gaps()).toEqual([1500]);
    });

    it('stops retrying when the server asks for a longer wait than maxRetryDelay', async () => {
      const { time, orchestrator } = setup({ maxRetryDelay: 5_000 });
      const call = scripted(
        time,
        [{ status: 429, retryAfterMs: 60_000, message: 'Slow down.' }],
        'ok',
      );

      const result = await time.settle(orchestrator.execute('orders', call.operation));

      expect(call.startedAt.length).toBe(1);
      expect(result.error?.retryable).toBeTrue();
    });

    it('caps the backoff at maxRetryDelay', async () => {
      const { time, orchestrator } = setup({
        retryDelay: 1_000,
        retryAttempts: 4,
        maxRetryDelay: 3_000,
      });
      const call = scripted(
        time,
        [unavailable(), unavailable(), unavailable(), unavailable()],
        'ok',
      );

      await time.settle(orchestrator.execute('orders', call.operation));

      expect(call.gaps()).toEqual([1_000, 2_000, 3_000, 3_000]);
    });

    it('lets one call choose its own retry count and classifier (e.g. a write that must not repeat)', async () => {
      const { time, orchestrator } = setup({ retryAttempts: 3 });

      const once = scripted(time, [unavailable()], 'ok');
      const noRetry = await time.settle(
        orchestrator.execute('orders', once.operation, { retryAttempts: 0 }),
      );
      expect(noRetry.success).toBeFalse();
      expect(once.startedAt.length).toBe(1);

      const custom = scripted(time, [new Error('optimistic lock lost')], 'ok');
      const retried = await time.settle(
        orchestrator.execute('orders', custom.operation, {
          retryable: (e) => (e as Error).message.includes('lock'),
        }),
      );
      expect(retried.success).toBeTrue();
      expect(custom.startedAt.length).toBe(2);
    });

    it('turns a synchronous throw or a throwing classifier into a failed result, never a rejection', async () => {
      const { time, orchestrator } = setup();
      const throwsAtOnce = (() => {
        throw new Error('bad input');
      }) as unknown as Operation<string>;

      const thrown = await time.settle(orchestrator.execute('orders', throwsAtOnce));
      expect(thrown.error?.message).toBe('bad input');

      const badClassifier = await time.settle(
        orchestrator.execute('orders', () => Promise.reject(new Error('x')), {
          retryable: () => {
            throw new Error('classifier bug');
          },
        }),
      );
      expect(badClassifier.success).toBeFalse();
      expect(badClassifier.details?.attempts).toBe(1);
      expect(badClassifier.error?.retryable).toBe(false);
    });
  });

  describe('backoffDelay', () => {
    it('doubles per retry and applies jitter symmetrically around the base', () => {
      expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, 200, 0.5))).toEqual([
        200, 400, 800, 1600,
      ]);
      expect(backoffDelay(2, 200, 0)).toBe(320);
      expect(backoffDelay(2, 200, 1)).toBe(480);
    });
  });

  describe('timeouts', () => {
    it('ends an attempt that never settles after `timeout`, aborts its signal, and retries', async () => {
      const { time, orchestrator } = setup({ timeout: 1_000, retryAttempts: 1, retryDelay: 200 });
      const signals: AbortSignal[] = [];
      const hang: Operation<string> = (signal) => {
        signals.push(signal);
        return never();
      };

      const result = await time.settle(orchestrator.execute('orders', hang));

      expect(result.success).toBeFalse();
      expect(result.error?.code).toBe('timeout');
      expect(result.error?.retryable).toBeTrue();
      expect(result.error?.message).toContain('orders did not answer within 1 s');
      expect(result.details?.attempts).toBe(2);
      expect(result.duration).toBe(1_000 + 200 + 1_000);
      expect(signals.map((signal) => signal.aborted)).toEqual([true, true]);
    });

    it('uses a per-call timeout when given', async () => {
      const { time, orchestrator } = setup({ timeout: 10_000, retryAttempts: 0 });

      const result = await time.settle(
        orchestrator.execute('orders', () => never(), { timeout: 250 }),
      );

      expect(result.duration).toBe(250);
      expect(result.error?.code).toBe('timeout');
      expect(result.error?.message).toContain('orders did not answer within 250 ms');
    });

    it('cancels the timeout timer and leaves the signal alone once the operation succeeds', async () => {
      const { time, orchestrator } = setup({ timeout: 1_000 });
      const call = scripted(time, [], 'ok');

      await time.settle(orchestrator.execute('orders', call.operation));

      expect(time.pendingTimers).toBe(0);
      expect(call.signals[0].aborted).toBeFalse();
    });
  });

  describe('metrics', () => {
    it('starts at availability 1, no calls, and counts uptime from registration', async () => {
      const { time, orchestrator } = setup();
      orchestrator.registerService('orders');
      await time.advance(5_000);

      expect(orchestrator.getMetrics('orders')).toEqual({
        service: 'orders',
        total: 0,
        successful: 0,
        failed: 0,
        retries: 0,
        averageDuration: 0,
        availability: 1,
        uptime: 5_000,
        healthy: true,
        circuit: 'closed',
        shortCircuited: 0,
        circuitOpened: 0,
      });
      expect(orchestrator.getMetrics('unknown')).toBeUndefined();
    });

    it('counts calls, retries, average duration and availability per service and overall', async () => {
      const { time, orchestrator } = setup({ retryDelay: 100, retryAttempts: 1 });
      const slow =
        (ms: number): Operation<string> =>
        (signal) =>
          time.sleep(ms, signal).then(() => 'ok');
      await time.settle(orchestrator.execute('orders', slow(30)));
      await time.settle(orchestrator.execute('orders', slow(50)));
      // Fails twice: 0 ms + a 100 ms wait + 0 ms.
      await time.settle(
        orchestrator.execute(
          'orders',
          scripted(time, [unavailable(), unavailable()], 'x').operation,
        ),
      );
      await time.settle(orchestrator.execute('firestore', slow(10)));

      const orders = orchestrator.getMetrics('orders')!;
      expect(orders.total).toBe(3);
      expect(orders.successful).toBe(2);
      expect(orders.failed).toBe(1);
      expect(orders.retries).toBe(1);
      expect(orders.averageDuration).toBe((30 + 50 + 100) / 3);
      expect(orders.availability).toBe(2 / 3);
      expect(orders.lastError).toEqual({
        message: jasmine.any(String),
        code: 'http_503',
        at: time.now - 10,
      });

      const { overall, services } = orchestrator.getMetrics();
      expect(Object.keys(services).sort()).toEqual(['firestore', 'orders']);
      expect(overall.total).toBe(4);
      expect(overall.successful).toBe(3);
      expect(overall.retries).toBe(1);
      expect(overall.averageDuration).toBe((30 + 50 + 100 + 10) / 4);
      expect(overall.availability).toBe(3 / 4);
      expect(overall.uptime).toBe(30 + 50 + 100 + 10);
    });

    it('counts nothing when metrics are off', async () => {
      const { time, orchestrator } = setup({ enableMetrics: false });
      await time.settle(
        orchestrator.execute('orders', scripted(time, [unavailable()], 'ok').operation),
      );
      await time.settle(orchestrator.execute('orders', () => Promise.reject(unavailable()), { retryAttempts: 0 }));

      expect(orchestrator.getMetrics('orders')).toEqual(
        jasmine.objectContaining({ total: 0, failed: 0, retries: 0, availability: 1, averageDuration: 0 }),
      );
      expect(orchestrator.getMetrics('orders')?.lastError).toBeUndefined();
    });
  });

  describe('health', () => {
    function healthEvents(orchestrator: ServiceOrchestrator) {
      const events: OrchestratorEventMap['service_health_change'][] = [];
      orchestrator.addEventListener('service_health_change', (event) => events.push(event));
      return events;
    }

    it('turns unhealthy after `unhealthyAfter` failed calls in a row and healthy on the next success, one event per flip', async () => {
      // No circuit here (it would refuse the calls after the second failure): see 'circuit breaker'.
      const { time, orchestrator } = setup({ retryAttempts: 0, unhealthyAfter: 2, circuitCoolOff: 0 });
      const events = healthEvents(orchestrator);
      const failing = () => Promise.reject(unavailable());

      await time.settle(orchestrator.execute('orders', failing));
      expect(events).toEqual([]);
      await time.settle(orchestrator.execute('orders', failing));
      expect(orchestrator.getMetrics('orders')?.healthy).toBeFalse();
      await time.settle(orchestrator.execute('orders', failing));
      await time.settle(orchestrator.execute('orders', async () => 'ok'));
      await time.settle(orchestrator.execute('orders', async () => 'ok'));

      expect(events.map(({ healthy, reason }) => ({ healthy, reason }))).toEqual([
        { healthy: false, reason: 'operation_failures' },
        { healthy: true, reason: 'operation_success' },
      ]);
      expect(events[0].error?.code).toBe('http_503');
      expect(orchestrator.getMetrics('orders')?.healthy).toBeTrue();
    });

    it('does not hold refused requests (4xx) against a service: it answered', async () => {
      const { time, orchestrator } = setup({ unhealthyAfter: 1 });
      const events = healthEvents(orchestrator);

      await time.settle(
        orchestrator.execute('orders', () =>
          Promise.reject(new HttpErrorResponse({ status: 404 })),
        ),
      );

      expect(events).toEqual([]);
      expect(orchestrator.getMetrics('orders')?.healthy).toBeTrue();
    });

    it('reports each checked service with latency and error, and fires one event per flip', async () => {
      const { time, orchestrator } = setup({ timeout: 2_000 });
      let ordersUp = false;
      orchestrator.registerService('orders', {
        healthCheck: async (signal) => {
          await time.sleep(40, signal);
          if (!ordersUp)
            throw new HttpErrorResponse({ status: 503, statusText: 'Service Unavailable' });
        },
      });
      orchestrator.registerService('firestore', { healthCheck: () => never() });
      orchestrator.registerService('no-probe');
      const events = healthEvents(orchestrator);
      const checkedAt = time.now;

      const first = (await time.settle(orchestrator.performHealthCheck())).services;

      expect(Object.keys(first).sort()).toEqual(['firestore', 'orders']);
      expect(first['orders']).toEqual({
        healthy: false,
        latencyMs: 40,
        checkedAt: checkedAt + 40,
        error: jasmine.objectContaining({ code: 'http_503', retryable: true }),
      });
      expect(first['firestore'].healthy).toBeFalse();
      expect(first['firestore'].latencyMs).toBe(2_000);
      expect(first['firestore'].error?.code).toBe('timeout');

      await time.settle(orchestrator.performHealthCheck());
      ordersUp = true;
      const third = (await time.settle(orchestrator.performHealthCheck())).services;

      expect(third['orders'].healthy).toBeTrue();
      expect(third['orders'].error).toBeUndefined();
      expect(events.map(({ service, healthy }) => `${service}:${healthy}`).sort()).toEqual([
        'firestore:false',
        'orders:false',
        'orders:true',
      ]);
    });
  });

  describe('events', () => {
    it('tells listeners when a call starts and how it ended', async () => {
      const { time, orchestrator } = setup({ retryAttempts: 1, retryDelay: 100 });
      const seen: string[] = [];
      let completed: OrchestratorEventMap['operation_complete'] | undefined;
      let failed: OrchestratorEventMap['operation_error'] | undefined;
      orchestrator.addEventListener('operation_start', (e) => seen.push(`start ${e.operationId}`));
      orchestrator.addEventListener('operation_complete', (e) => (completed = e));
      orchestrator.addEventListener('operation_error', (e) => (failed = e));

      await time.settle(
        orchestrator.execute('orders', scripted(time, [unavailable()], 'ok').operation),
      );
      await time.settle(
        orchestrator.execute('orders', () =>
          Promise.reject(new HttpErrorResponse({ status: 404 })),
        ),
      );

      expect(seen).toEqual(['start orders-1', 'start orders-2']);
      expect(completed).toEqual(
        jasmine.objectContaining({
          service: 'orders',
          operationId: 'orders-1',
          attempts: 2,
          duration: 100,
        }),
      );
      expect(failed).toEqual(jasmine.objectContaining({ operationId: 'orders-2', attempts: 1 }));
      expect(failed?.error.code).toBe('http_404');
    });

    it('stops calling a listener once it unsubscribed', async () => {
      const { time, orchestrator } = setup();
      const listener = jasmine.createSpy('listener');
      const unsubscribe = orchestrator.addEventListener('operation_complete', listener);

      await time.settle(orchestrator.execute('orders', async () => 1));
      unsubscribe();
      await time.settle(orchestrator.execute('orders', async () => 2));

      expect(listener).toHaveBeenCalledTimes(1);
    });

    it('isolates a throwing listener: the call succeeds, later listeners still run, the bug is logged', async () => {
      const { time, orchestrator, logger } = setup();
      const after = jasmine.createSpy('after');
      orchestrator.addEventListener('operation_complete', () => {
        throw new Error('monitor bug');
      });
      orchestrator.addEventListener('operation_complete', after);

      const result = await time.settle(orchestrator.execute('orders', async () => 'ok'));

      expect(result.success).toBeTrue();
      expect(after).toHaveBeenCalledTimes(1);
      expect(logger.error).toHaveBeenCalledWith(
        jasmine.stringContaining('operation_complete'),
        jasmine.any(Error),
      );
    });
  });

  describe('dispose', () => {
    it('ends an in-flight call with a disposed failure and aborts its signal', async () => {
      const { time, orchestrator } = setup();
      let signal: AbortSignal | undefined;
      const pending = orchestrator.execute('orders', (s) => {
        signal = s;
        return never();
      });
      await time.advance(100);

      orchestrator.dispose();
      const result = await pending;

      expect(result.success).toBeFalse();
      expect(result.error?.code).toBe('disposed');
      expect(result.error?.message).toContain('cancelled');
      expect(result.error?.retryable).toBe(false);
      expect(result.duration).toBe(100);
      expect(result.serviceErrors).toEqual({ orders: result.error! });
      expect(signal?.aborted).toBeTrue();
      // What a fetch given this signal rejects with: it says why the call stopped.
      expect(signal?.reason).toEqual(jasmine.objectContaining({ code: 'disposed', message: 'The orchestrator was shut down.' }));
      expect(time.pendingTimers).toBe(0);
    });

    it('cancels a pending retry wait: no further attempt, even when the time comes', async () => {
      const { time, orchestrator } = setup({ retryDelay: 200 });
      const call = scripted(time, [unavailable(), unavailable()], 'ok');
      const pending = orchestrator.execute('orders', call.operation);
      await time.advance(100);

      orchestrator.dispose();
      const result = await pending;
      await time.advance(10_000);

      expect(result.error?.code).toBe('disposed');
      expect(result.details?.attempts).toBe(1);
      expect(call.startedAt.length).toBe(1);
      expect(time.pendingTimers).toBe(0);
    });

    it('answers later calls with a failed result at once, without running them', async () => {
      const { orchestrator } = setup();
      const operation = jasmine.createSpy('operation').and.resolveTo('ok');
      orchestrator.dispose();

      const result = await orchestrator.execute('orders', operation);

      expect(result.success).toBeFalse();
      expect(result.error?.code).toBe('disposed');
      expect(operation).not.toHaveBeenCalled();
      expect((await orchestrator.performHealthCheck()).services).toEqual({});
    });

    it('drops every listener', async () => {
      const { orchestrator } = setup();
      const listener = jasmine.createSpy('listener');
      orchestrator.addEventListener('operation_start', listener);
      orchestrator.addEventListener('operation_error', listener);

      orchestrator.dispose();
      await orchestrator.execute('orders', async () => 'ok');

      expect(listener).not.toHaveBeenCalled();
    });
  });

  describe('circuit breaker', () => {
    const down = () => Promise.reject(unavailable());

    it('stops calling a service that failed `unhealthyAfter` calls in a row, answers at once, then tries one call after the cool-off', async () => {
      const { time, orchestrator } = setup({ retryAttempts: 0, unhealthyAfter: 3, circuitCoolOff: 10_000 });
      const circuit: string[] = [];
      orchestrator.addEventListener('circuit_state_change', ({ from, to }) => circuit.push(`${from}→${to}`));
      for (let i = 0; i < 3; i++) await time.settle(orchestrator.execute('orders', down));

      const operation = jasmine.createSpy('operation').and.resolveTo('order-42');
      await time.advance(4_000);
      const refused = await time.settle(orchestrator.execute('orders', operation));

      expect(operation).not.toHaveBeenCalled();
      expect(refused.success).toBeFalse();
      expect(refused.error).toEqual(jasmine.objectContaining({ code: 'circuit_open', retryable: true }));
      expect(refused.error?.message).toBe('orders is not answering, so Maestro is not calling it for now. It will try again in 6 s.');
      expect(refused.duration).toBe(0);
      expect(orchestrator.getMetrics('orders')).toEqual(jasmine.objectContaining({ circuit: 'open', shortCircuited: 1, circuitOpened: 1, total: 3 }));

      await time.advance(6_000);
      const trial = await time.settle(orchestrator.execute('orders', operation));

      expect(trial.data).toBe('order-42');
      expect(operation).toHaveBeenCalledTimes(1);
      expect(circuit).toEqual(['closed→open', 'open→half_open', 'half_open→closed']);
      expect(orchestrator.getMetrics('orders')?.circuit).toBe('closed');
    });

    it('makes the trial a single attempt and opens again for a full cool-off when it fails', async () => {
      const { time, orchestrator } = setup({ retryAttempts: 3, retryDelay: 100, unhealthyAfter: 1, circuitCoolOff: 5_000 });
      await time.settle(orchestrator.execute('orders', down));
      await time.advance(5_000);

      const trial = scripted(time, [unavailable(), unavailable()], 'late');
      const result = await time.settle(orchestrator.execute('orders', trial.operation));

      expect(trial.startedAt.length).toBe(1);
      expect(result.error?.code).toBe('http_503');
      const soon = await time.settle(orchestrator.execute('orders', trial.operation));
      expect(soon.error?.message).toContain('try again in 5 s');
      expect(trial.startedAt.length).toBe(1);
    });

    it('lets a single trial through while others wait for its outcome', async () => {
      const { time, orchestrator } = setup({ retryAttempts: 0, unhealthyAfter: 1, circuitCoolOff: 1_000 });
      await time.settle(orchestrator.execute('orders', down));
      await time.advance(1_000);

      let answer!: (value: string) => void;
      const slow = orchestrator.execute('orders', () => new Promise<string>((resolve) => (answer = resolve)), { timeout: 0 });
      const other = await time.settle(orchestrator.execute('orders', async () => 'other'));

      expect(other.error?.message).toBe('orders is not answering; Maestro is checking whether it is back. Try again in a moment.');
      answer('back');
      expect((await time.settle(slow)).data).toBe('back');
      expect((await time.settle(orchestrator.execute('orders', async () => 'after'))).data).toBe('after');
    });

    it('counts refusals (4xx) and 429s as answers: a busy or strict service is not down', async () => {
      const { time, orchestrator } = setup({ retryAttempts: 0, unhealthyAfter: 1, circuitCoolOff: 10_000 });
      await time.settle(orchestrator.execute('orders', () => Promise.reject(new HttpErrorResponse({ status: 409 }))));
      await time.settle(orchestrator.execute('orders', () => Promise.reject(new HttpErrorResponse({ status: 429 }))));
      expect(orchestrator.getMetrics('orders')?.circuit).toBe('closed');
    });

    it('closes on a successful health check even during the cool-off: the check is the probe', async () => {
      const { time, orchestrator } = setup({ retryAttempts: 0, unhealthyAfter: 1, circuitCoolOff: 60_000 });
      let up = false;
      orchestrator.registerService('orders', { healthCheck: async () => { if (!up) throw unavailable(); } });
      await time.settle(orchestrator.execute('orders', down));
      expect(orchestrator.getMetrics('orders')?.circuit).toBe('open');

      up = true;
      await time.settle(orchestrator.performHealthCheck());

      expect(orchestrator.getMetrics('orders')?.circuit).toBe('closed');
      expect((await time.settle(orchestrator.execute('orders', async () => 'ok'))).data).toBe('ok');
    });
  });

  describe('health checks on an interval', () => {
    it('checks every `healthCheckInterval` ms while a service has a check, and stops on dispose()', async () => {
      const { time, orchestrator } = setup({ healthCheckInterval: 30_000 });
      const check = jasmine.createSpy('check').and.resolveTo(undefined);
      const rounds: number[] = [];
      orchestrator.addEventListener('health_check_complete', ({ at }) => rounds.push(at));
      const start = time.now;
      orchestrator.registerService('orders', { healthCheck: check });

      await time.advance(29_999);
      expect(check).not.toHaveBeenCalled();
      await time.advance(1);
      await time.advance(30_000);
      expect(check).toHaveBeenCalledTimes(2);
      expect(rounds).toEqual([start + 30_000, start + 60_000]);
      expect(orchestrator.lastHealthCheck?.overall).toBe('healthy');

      orchestrator.dispose();
      await time.advance(120_000);
      expect(check).toHaveBeenCalledTimes(2);
      expect(time.pendingTimers).toBe(0);
    });

    it('stops when no service has a check any more, and starts again when one registers', async () => {
      const { time, orchestrator } = setup({ healthCheckInterval: 1_000 });
      const check = jasmine.createSpy('check').and.resolveTo(undefined);
      orchestrator.registerService('orders', { healthCheck: check });
      await time.advance(1_000);
      orchestrator.registerService('orders');
      await time.advance(5_000);
      expect(check).toHaveBeenCalledTimes(1);
      expect(time.pendingTimers).toBe(0);

      orchestrator.registerService('orders', { healthCheck: check });
      await time.advance(1_000);
      expect(check).toHaveBeenCalledTimes(2);
    });

    it('never checks on its own when the interval is 0', async () => {
      const { time, orchestrator } = setup({ healthCheckInterval: 0 });
      const check = jasmine.createSpy('check').and.resolveTo(undefined);
      orchestrator.registerService('orders', { healthCheck: check });
      await time.advance(600_000);
      expect(check).not.toHaveBeenCalled();
    });
  });

  describe('overall health', () => {
    it('is healthy when every service is, degraded when some are not, unhealthy when none is', async () => {
      const { time, orchestrator } = setup({ timeout: 1_000 });
      const up = { orders: true, firestore: true };
      orchestrator.registerService('orders', { healthCheck: async () => { if (!up.orders) throw unavailable(); } });
      orchestrator.registerService('firestore', { healthCheck: async () => { if (!up.firestore) throw unavailable(); }, healthCheckTimeout: 200 });

      expect((await time.settle(orchestrator.performHealthCheck())).overall).toBe('healthy');
      up.orders = false;
      const degraded = await time.settle(orchestrator.performHealthCheck());
      expect(degraded.overall).toBe('degraded');
      expect(degraded.services['orders'].healthy).toBeFalse();
      up.firestore = false;
      expect((await time.settle(orchestrator.performHealthCheck())).overall).toBe('unhealthy');
    });

    it('gives each check its own timeout when it has one', async () => {
      const { time, orchestrator } = setup({ timeout: 10_000 });
      orchestrator.registerService('firestore', { healthCheck: () => never(), healthCheckTimeout: 200 });
      const health = await time.settle(orchestrator.performHealthCheck());
      expect(health.services['firestore']).toEqual(jasmine.objectContaining({ healthy: false, latencyMs: 200 }));
    });

    it('runs at most batchSize checks at once when batching is on', async () => {
      const { time, orchestrator } = setup({ enableBatching: true, batchSize: 2 });
      let running = 0;
      let most = 0;
      for (const name of ['a', 'b', 'c', 'd', 'e']) {
        orchestrator.registerService(name, {
          healthCheck: async (signal) => {
            most = Math.max(most, ++running);
            await time.sleep(10, signal);
            running--;
          },
        });
      }
      const health = await time.settle(orchestrator.performHealthCheck());
      expect(Object.keys(health.services).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
      expect(most).toBe(2);
    });
  });

  describe('executeAll', () => {
    /** Operations that stay open until the spec finishes them, so concurrency can be counted. */
    function gated(count: number) {
      const open = new Map<number, () => void>();
      let peak = 0;
      const operations = Array.from({ length: count }, (_, index) => ({
        service: 'orders',
        operation: () =>
          new Promise<number>((resolve) => {
            open.set(index, () => resolve(index));
            peak = Math.max(peak, open.size);
          }),
      }));
      const finish = (index: number) => {
        open.get(index)?.();
        open.delete(index);
      };
      return { operations, running: () => [...open.keys()], finish, peak: () => peak };
    }

    it('runs at most batchSize operations at once and keeps the results in input order', async () => {
      const { orchestrator } = setup({ enableBatching: true, batchSize: 2 });
      const gate = gated(5);
      const all = orchestrator.executeAll(gate.operations);
      await flush();
      expect(gate.running()).toEqual([0, 1]);

      // The second finishes first: its slot goes to the next operation at once.
      gate.finish(1);
      await flush();
      expect(gate.running()).toEqual([0, 2]);
      while (gate.running().length > 0) {
        gate.finish(gate.running()[0]);
        await flush();
      }

      const results = await all;
      expect(gate.peak()).toBe(2);
      expect(results.map((result) => result.data)).toEqual([0, 1, 2, 3, 4]);
    });

    it('runs everything at once when batching is off', async () => {
      const { orchestrator } = setup({ enableBatching: false, batchSize: 2 });
      const gate = gated(5);
      const all = orchestrator.executeAll(gate.operations);
      await flush();

      expect(gate.running().length).toBe(5);
      gate.running().forEach(gate.finish);
      expect((await all).every((result) => result.success)).toBeTrue();
    });
  });

  describe('edges a caller relies on', () => {
    const down = () => Promise.reject(unavailable());

    it('sets no timer when the timeout is 0 or Infinity', async () => {
      for (const timeout of [0, Infinity]) {
        const { time, orchestrator } = setup({ timeout });
        const pending = orchestrator.execute('orders', () => never());
        await time.advance(0);
        expect(time.pendingTimers).withContext(`timeout ${timeout}`).toBe(0);
        orchestrator.dispose();
        expect((await pending).error?.code).withContext(`timeout ${timeout}`).toBe('disposed');
      }
    });

    it('retries when the server asks for exactly maxRetryDelay', async () => {
      const { time, orchestrator } = setup({ maxRetryDelay: 5_000 });
      const call = scripted(time, [{ status: 429, retryAfterMs: 5_000, message: 'Slow down.' }], 'ok');

      const result = await time.settle(orchestrator.execute('orders', call.operation));

      expect(result.data).toBe('ok');
      expect(call.gaps()).toEqual([5_000]);
    });

    it('tells listeners and the metrics about a refused call (circuit open)', async () => {
      const { time, orchestrator } = setup({ retryAttempts: 0, unhealthyAfter: 1, circuitCoolOff: 10_000 });
      const errors: OrchestratorEventMap['operation_error'][] = [];
      await time.settle(orchestrator.execute('orders', down));
      orchestrator.addEventListener('operation_error', (event) => errors.push(event));

      const refused = await time.settle(orchestrator.execute('orders', down));

      expect(refused.serviceErrors).toEqual({ orders: refused.error! });
      expect(errors).toEqual([
        { type: 'operation_error', service: 'orders', operationId: 'orders-2', attempts: 0, duration: 0, error: refused.error!, at: time.now },
      ]);
      expect(orchestrator.getMetrics('orders')?.lastError).toEqual({ message: refused.error!.message, code: 'circuit_open', at: time.now });
    });

    it('keeps no lastError of a refused call when metrics are off', async () => {
      const { time, orchestrator } = setup({ retryAttempts: 0, unhealthyAfter: 1, circuitCoolOff: 10_000, enableMetrics: false });
      await time.settle(orchestrator.execute('orders', down));
      await time.settle(orchestrator.execute('orders', down));
      expect(orchestrator.getMetrics('orders')?.lastError).toBeUndefined();
    });

    it('sums refused calls over every service', async () => {
      const { time, orchestrator } = setup({ retryAttempts: 0, unhealthyAfter: 1, circuitCoolOff: 10_000 });
      for (const service of ['orders', 'firestore']) await time.settle(orchestrator.execute(service, down));
      for (const service of ['orders', 'firestore', 'firestore']) await time.settle(orchestrator.execute(service, down));
      expect(orchestrator.getMetrics().overall.shortCircuited).toBe(3);
    });

    it("opens the circuit on failed health checks and shows the last check in the service's metrics", async () => {
      const { time, orchestrator } = setup({ unhealthyAfter: 1, circuitCoolOff: 10_000 });
      let up = false;
      const reasons: string[] = [];
      orchestrator.addEventListener('service_health_change', ({ healthy, reason }) => reasons.push(`${healthy}:${reason}`));
      orchestrator.registerService('orders', { healthCheck: async () => { if (!up) throw unavailable(); } });

      const failed = await time.settle(orchestrator.performHealthCheck());
      expect(orchestrator.getMetrics('orders')?.circuit).toBe('open');
      expect(orchestrator.getMetrics('orders')?.lastCheck).toEqual(failed.services['orders']);

      up = true;
      const passed = await time.settle(orchestrator.performHealthCheck());
      expect(orchestrator.getMetrics('orders')?.lastCheck).toEqual({ healthy: true, latencyMs: 0, checkedAt: passed.checkedAt });
      expect(reasons).toEqual(['false:health_check', 'true:health_check']);
    });

    it('answers a health check after dispose() without running any check', async () => {
      const { time, orchestrator } = setup();
      const check = jasmine.createSpy('check').and.resolveTo(undefined);
      orchestrator.registerService('orders', { healthCheck: check });
      orchestrator.dispose();
      orchestrator.dispose();

      expect(await orchestrator.performHealthCheck()).toEqual({ overall: 'healthy', services: {}, checkedAt: time.now });
      expect(check).not.toHaveBeenCalled();
    });

    it('ends a running health check on dispose() without holding it against the service', async () => {
      const { time, orchestrator } = setup({ enableBatching: true, batchSize: 1 });
      const signals: AbortSignal[] = [];
      const check = (signal: AbortSignal) => {
        signals.push(signal);
        return never<void>();
      };
      orchestrator.registerService('orders', { healthCheck: check });
      orchestrator.registerService('firestore', { healthCheck: check });
      const pending = orchestrator.performHealthCheck();
      await time.advance(50);

      orchestrator.dispose();
      const health = await pending;

      expect(health.services['orders']).toEqual({
        healthy: false,
        latencyMs: 50,
        checkedAt: time.now,
        error: jasmine.objectContaining({ code: 'disposed', retryable: false }),
      });
      // The check still queued behind it is not started.
      expect(signals.map((signal) => signal.aborted)).toEqual([true]);
      expect(health.services['firestore']).toEqual({
        healthy: false,
        latencyMs: 0,
        checkedAt: time.now,
        error: jasmine.objectContaining({ code: 'disposed', retryable: false }),
      });
      expect(orchestrator.getMetrics('orders')).toEqual(jasmine.objectContaining({ healthy: true, circuit: 'closed' }));
      expect(orchestrator.lastHealthCheck).withContext('a round ended by dispose() is not the latest health').toBeUndefined();
    });

    it('counts nothing against a service when its call shuts the orchestrator down and then fails', async () => {
      const { time, orchestrator } = setup({ retryAttempts: 0 });
      const result = await time.settle(orchestrator.execute('orders', () => {
        orchestrator.dispose();
        throw unavailable();
      }));
      expect(result.error?.code).toBe('disposed');
      expect(orchestrator.getMetrics('orders')).toEqual(jasmine.objectContaining({ failed: 0, healthy: true }));
    });

    it('holds nothing against a service when its health check shuts the orchestrator down and then fails', async () => {
      const { time, orchestrator } = setup({ unhealthyAfter: 1 });
      orchestrator.registerService('orders', { healthCheck: () => {
        orchestrator.dispose();
        throw unavailable();
      } });
      const health = await time.settle(orchestrator.performHealthCheck());
      expect(health.services['orders'].error?.code).toBe('disposed');
      expect(orchestrator.getMetrics('orders')).toEqual(jasmine.objectContaining({ healthy: true, circuit: 'closed' }));
    });

    it('stops the interval on a round that throws (a runtime bug), logs it, and starts again only when a check registers', async () => {
      const time = new FakeTime();
      const logger = jasmine.createSpyObj<OrchestratorLogger>('logger', ['debug', 'warn', 'error']);
      let broken = false;
      const clock = { now: () => { if (broken) throw new Error('clock bug'); return time.now; } };
      const orchestrator = new ServiceOrchestrator({ healthCheckInterval: 1_000 }, { clock, sleep: time.sleep, logger });
      const check = jasmine.createSpy('check').and.resolveTo(undefined);
      orchestrator.registerService('orders', { healthCheck: check });

      broken = true;
      await time.advance(1_000);
      broken = false;
      expect(logger.error).toHaveBeenCalledWith(jasmine.stringContaining('health checks stopped'), jasmine.any(Error));
      orchestrator.registerService('firestore');
      await time.advance(5_000);
      expect(check).not.toHaveBeenCalled();

      orchestrator.registerService('orders', { healthCheck: check });
      await time.advance(1_000);
      expect(check).toHaveBeenCalledTimes(1);
      orchestrator.dispose();
    });

    it('leaves the signal of a finished call alone when dispose() comes later', async () => {
      const { time, orchestrator } = setup();
      const call = scripted(time, [], 'ok');
      await time.settle(orchestrator.execute('orders', call.operation));
      orchestrator.dispose();
      expect(call.signals[0].aborted).toBeFalse();
    });

    it('resolves with an internal failure when its own runtime throws (a bug), never a rejection', async () => {
      const { time, logger, orchestrator } = setup();
      const broken = new ServiceOrchestrator({}, {
        clock: time.clock,
        sleep: time.sleep,
        random: () => {
          throw new Error('random bug');
        },
        logger,
      });

      const result = await time.settle(broken.execute('orders', down));

      expect(result).toEqual({
        success: false,
        error: { message: 'Something went wrong. Try again.', code: 'internal', retryable: false, cause: jasmine.any(Error) },
        duration: 0,
        details: { service: 'orders', operationId: 'orders-1', attempts: 1 },
      });
      orchestrator.dispose();
    });

    it('writes debug lines only with enableLogging', async () => {
      for (const enableLogging of [true, false]) {
        const { time, logger, orchestrator } = setup({ enableLogging });
        await time.settle(orchestrator.execute('orders', async () => 'ok'));
        expect(logger.debug.calls.count() > 0).withContext(`enableLogging ${enableLogging}`).toBe(enableLogging);
      }
    });

    it('runs one interval of checks however many services register, and checks while any has a check', async () => {
      const { time, orchestrator } = setup({ healthCheckInterval: 1_000 });
      const check = jasmine.createSpy('check').and.resolveTo(undefined);
      orchestrator.registerService('orders', { healthCheck: check });
      orchestrator.registerService('firestore', { healthCheck: check });
      orchestrator.registerService('firestore');
      orchestrator.registerService('orders', { healthCheck: check });

      await time.advance(3_000);

      expect(check).toHaveBeenCalledTimes(3);
      orchestrator.dispose();
    });

    it('keeps checking on the interval when a check throws', async () => {
      const { time, orchestrator } = setup({ healthCheckInterval: 1_000 });
      const check = jasmine.createSpy('check').and.throwError('probe bug');
      orchestrator.registerService('orders', { healthCheck: check });

      await time.advance(2_000);

      expect(check).toHaveBeenCalledTimes(2);
      expect(orchestrator.lastHealthCheck?.overall).toBe('unhealthy');
      orchestrator.dispose();
    });

    it('is what createServiceOrchestrator makes, with the config given', async () => {
      const time = new FakeTime();
      const orchestrator = createServiceOrchestrator({ retryAttempts: 0 }, { clock: time.clock, sleep: time.sleep });
      const call = scripted(time, [unavailable()], 'ok');
      const result = await time.settle(orchestrator.execute('orders', call.operation));
      expect(result.error?.code).toBe('http_503');
      expect(call.startedAt.length).toBe(1);
    });
  });
});

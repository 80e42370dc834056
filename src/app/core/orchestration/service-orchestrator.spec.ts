import { HttpErrorResponse } from '@angular/common/http';
import { ApiRequestError } from '../http/api-error-message';
import {
  backoffDelay,
  type OrchestratorLogger,
  type ServiceOrchestratorConfig,
  type Sleep,
} from './service-orchestrator.config';
import type { OrchestratorEventMap } from './service-orchestrator.events';
import { ServiceOrchestrator, type Operation } from './service-orchestrator';

/**
 * Virtual time: `now` only moves when a spec lets it, and each sleep waits for the
 * virtual clock to reach its end. `settle` runs the clock like an event loop until the
 * promise is done, so a spec reads as a story without real timers.
 */
class FakeTime {
  now = 1_000_000;
  private readonly timers: { until: number; wake: () => void }[] = [];

  readonly clock = { now: () => this.now };

  readonly sleep: Sleep = (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const timer = { until: this.now + ms, wake: () => resolve() };
      this.timers.push(timer);
      signal.addEventListener('abort', () => this.cancel(timer), { once: true });
    });

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves the clock forward by `ms`, waking every sleep that ends on the way, in order. */
  async advance(ms: number): Promise<void> {
    const target = this.now + ms;
    for (let next = this.earliest(); next && next.until <= target; next = this.earliest()) {
      this.now = next.until;
      this.cancel(next);
      await flush();
    }
    this.now = target;
    await flush();
  }

  /** Lets virtual time run until `promise` settles; fails if it waits on nothing the clock can end. */
  async settle<T>(promise: Promise<T>): Promise<T> {
    let settled = false;
    void promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (;;) {
      await flush();
      if (settled) return promise;
      const next = this.earliest();
      if (!next) throw new Error('Stuck: the promise waits on something no timer will end.');
      await this.advance(next.until - this.now);
    }
  }

  private earliest() {
    return [...this.timers].sort((a, b) => a.until - b.until)[0];
  }

  private cancel(timer: { until: number; wake: () => void }): void {
    const index = this.timers.indexOf(timer);
    if (index !== -1) this.timers.splice(index, 1);
    timer.wake();
  }
}

/** Drains pending promise callbacks (the orchestrator's chains are a few links deep). */
async function flush(): Promise<void> {
  for (let i = 0; i < 50; i++) await Promise.resolve();
}

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

      expect(orchestrator.getMetrics('orders')).toEqual(
        jasmine.objectContaining({ total: 0, retries: 0, availability: 1, averageDuration: 0 }),
      );
    });
  });

  describe('health', () => {
    function healthEvents(orchestrator: ServiceOrchestrator) {
      const events: OrchestratorEventMap['service_health_change'][] = [];
      orchestrator.addEventListener('service_health_change', (event) => events.push(event));
      return events;
    }

    it('turns unhealthy after `unhealthyAfter` failed calls in a row and healthy on the next success, one event per flip', async () => {
      const { time, orchestrator } = setup({ retryAttempts: 0, unhealthyAfter: 2 });
      const events = healthEvents(orchestrator);
      const failing = () => Promise.reject(unavailable());

      await time.settle(orchestrator.execute('orders', failing));
      expect(events).toEqual([]);
      await time.settle(orchestrator.execute('orders', failing));
      await time.settle(orchestrator.execute('orders', failing));
      expect(orchestrator.getMetrics('orders')?.healthy).toBeFalse();
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

      const first = await time.settle(orchestrator.performHealthCheck());

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
      const third = await time.settle(orchestrator.performHealthCheck());

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
      expect(signal?.aborted).toBeTrue();
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
      expect(await orchestrator.performHealthCheck()).toEqual({});
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
});

import { consoleLogger, systemClock, timerSleep } from './service-orchestrator.config';
import { ServiceOrchestrator } from './service-orchestrator';
import { flush } from '../../../testing/fake-time';

/** Whether `promise` has settled by now (after pending callbacks ran). */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await flush();
  return done;
}

// The runtime an app gets without injecting one: real timers, the real clock, the console.
describe('the default runtime', () => {
  beforeEach(() => jasmine.clock().install());
  afterEach(() => jasmine.clock().uninstall());

  it('timerSleep resolves after `ms` and drops its abort listener', async () => {
    const controller = new AbortController();
    const remove = spyOn(controller.signal, 'removeEventListener').and.callThrough();
    const sleep = timerSleep(100, controller.signal);

    jasmine.clock().tick(99);
    expect(await settled(sleep)).toBeFalse();
    jasmine.clock().tick(1);
    expect(await settled(sleep)).toBeTrue();
    expect(remove).toHaveBeenCalledOnceWith('abort', jasmine.any(Function));
  });

  it('timerSleep resolves as soon as its signal aborts, or at once when it already has', async () => {
    const controller = new AbortController();
    const sleep = timerSleep(10_000, controller.signal);
    controller.abort();
    expect(await settled(sleep)).toBeTrue();

    expect(await settled(timerSleep(10_000, controller.signal))).toBeTrue();
  });

  it('systemClock tells the time of day', () => {
    jasmine.clock().mockDate(new Date('2026-12-07T08:00:00Z'));
    expect(systemClock.now()).toBe(Date.parse('2026-12-07T08:00:00Z'));
  });

  it('consoleLogger writes each level to the console, named, with its context or nothing', () => {
    for (const level of ['debug', 'warn', 'error'] as const) {
      const write = spyOn(console, level);
      consoleLogger[level]('orders-1 started', { attempt: 1 });
      consoleLogger[level]('orders-2 started');
      expect(write.calls.allArgs()).toEqual([
        ['[ServiceOrchestrator] orders-1 started', { attempt: 1 }],
        ['[ServiceOrchestrator] orders-2 started', ''],
      ]);
    }
  });

  it('an orchestrator without a runtime waits its backoff on real timers, silently, all calls at once', async () => {
    spyOn(Math, 'random').and.returnValue(0.5);
    const debug = spyOn(console, 'debug');
    const orchestrator = new ServiceOrchestrator({ retryDelay: 1_000, batchSize: 2 });
    let attempts = 0;
    const call = orchestrator.execute('orders', async () => {
      if (++attempts === 1) throw new TypeError('Failed to fetch');
      return 'ok';
    });

    await flush();
    jasmine.clock().tick(999);
    await flush();
    expect(attempts).toBe(1);
    jasmine.clock().tick(1);
    expect((await call).data).toBe('ok');

    // Batching is off by default: three calls (more than batchSize) all start at once.
    let started = 0;
    void orchestrator.executeAll(Array.from({ length: 3 }, () => ({ service: 'orders', operation: () => (started++, new Promise<void>(() => undefined)) })));
    await flush();
    expect(started).toBe(3);
    expect(debug).not.toHaveBeenCalled();
    orchestrator.dispose();
  });
});

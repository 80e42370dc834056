import type { Sleep } from '../app/core/orchestration/service-orchestrator.config';

/**
 * Virtual time: `now` only moves when a spec lets it, and each sleep waits for the
 * virtual clock to reach its end. `settle` runs the clock like an event loop until the
 * promise is done, so a spec reads as a story without real timers.
 */
export class FakeTime {
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
export async function flush(): Promise<void> {
  for (let i = 0; i < 50; i++) await Promise.resolve();
}


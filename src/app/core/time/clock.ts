import { InjectionToken } from '@angular/core';

/** Time and ids as dependencies: tests, benchmarks and replays control them. */
export interface Clock {
  /** Wall-clock time. */
  now(): Date;
  /** A monotonic reading in milliseconds, for durations. */
  monotonicMs(): number;
}

export const CLOCK = new InjectionToken<Clock>('CLOCK', {
  providedIn: 'root',
  factory: () => ({ now: () => new Date(), monotonicMs: () => performance.now() }),
});

export const ID_GENERATOR = new InjectionToken<() => string>('ID_GENERATOR', {
  providedIn: 'root',
  factory: () => () => crypto.randomUUID(),
});

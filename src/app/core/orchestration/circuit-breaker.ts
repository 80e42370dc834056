/**
 * closed: calls go through. open: the service failed `failureThreshold` attempts in a row, so
 * calls are refused at once for `coolOffMs` instead of piling onto a service that is down.
 * half_open: the cool-off is over; one trial call goes through (the others are still refused)
 * and its outcome closes the circuit or opens it for another cool-off.
 */
export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerConfig {
  /** Consecutive transient failures (timeouts, 5xx, no network) that open the circuit. */
  readonly failureThreshold: number;
  /** How long an open circuit refuses calls before letting a trial through, in ms. 0 = never opens. */
  readonly coolOffMs: number;
}

export type Admission =
  | { readonly admitted: true; readonly trial: boolean }
  | { readonly admitted: false; readonly retryInMs: number };

export interface CircuitTransition {
  readonly from: CircuitState;
  readonly to: CircuitState;
}

/** Pure state: time comes in as `now`, so a spec moves it by hand. */
export class CircuitBreaker {
  private current: CircuitState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;
  /** Calls refused while open or while a trial ran. */
  shortCircuited = 0;
  /** Times the circuit opened. */
  opened = 0;

  constructor(private readonly config: CircuitBreakerConfig) {}

  get state(): CircuitState {
    return this.current;
  }

  /** Whether a call may go through now; the transition open → half_open, if it happens. */
  admit(now: number): { admission: Admission; transition?: CircuitTransition } {
    if (this.current === 'closed') return { admission: { admitted: true, trial: false } };
    if (this.current === 'open') {
      const retryInMs = this.openedAt + this.config.coolOffMs - now;
      if (retryInMs > 0) return this.refuse(retryInMs);
      this.trialInFlight = true;
      return { admission: { admitted: true, trial: true }, transition: this.move('half_open') };
    }
    if (this.trialInFlight) return this.refuse(0);
    this.trialInFlight = true;
    return { admission: { admitted: true, trial: true } };
  }

  /** The service answered (a success, or a refusal that proves it is up). */
  recordAnswer(): CircuitTransition | undefined {
    this.failures = 0;
    this.trialInFlight = false;
    return this.current === 'closed' ? undefined : this.move('closed');
  }

  /** A transient failure: it counts towards opening, and a failed trial opens again. */
  recordFailure(now: number): CircuitTransition | undefined {
    this.failures++;
    this.trialInFlight = false;
    const opens =
      this.config.coolOffMs > 0 &&
      (this.current === 'half_open' || (this.current === 'closed' && this.failures >= this.config.failureThreshold));
    if (!opens) return undefined;
    this.openedAt = now;
    this.opened++;
    return this.move('open');
  }

  /** A trial that ended without telling anything (cancelled): let the next call try. */
  releaseTrial(): void {
    this.trialInFlight = false;
  }

  private refuse(retryInMs: number): { admission: Admission } {
    this.shortCircuited++;
    return { admission: { admitted: false, retryInMs: Math.max(0, retryInMs) } };
  }

  private move(to: CircuitState): CircuitTransition {
    const transition = { from: this.current, to };
    this.current = to;
    return transition;
  }
}

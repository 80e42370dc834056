import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { CLOCK } from '../../../core/time/clock';

/**
 * One clock for the whole kitchen screen, read once a second: every ticket's timer, its colour
 * and the "new" glow move together, and no ticket runs a timer of its own. Time comes from CLOCK,
 * so specs set the time and call `tick()`.
 */
@Injectable()
export class KitchenTicker {
  private readonly clock = inject(CLOCK);
  private readonly nowMs = signal(this.clock.now().getTime());
  /** Epoch milliseconds at the last tick. */
  readonly now = this.nowMs.asReadonly();

  constructor() {
    const timer = setInterval(() => this.tick(), 1000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  tick(): void {
    this.nowMs.set(this.clock.now().getTime());
  }
}

import { Injectable, signal } from '@angular/core';

/**
 * Orders that finished since the app started, as the reports feature heard of them on the
 * EventBus: an open sales report reads again when this moves.
 */
@Injectable({ providedIn: 'root' })
export class SalesLive {
  private readonly count = signal(0);
  private readonly last = signal<string | null>(null);
  /** Goes up by one with each order that finished (served, delivered, cancelled or failed). */
  readonly finishedOrders = this.count.asReadonly();
  /** ISO 8601: when the latest of them finished. */
  readonly lastFinishedAt = this.last.asReadonly();

  orderFinished(finishedAt: string): void {
    this.count.update((n) => n + 1);
    if (!this.last() || finishedAt > this.last()!) this.last.set(finishedAt);
  }
}

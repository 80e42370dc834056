import { DestroyRef, Injectable, inject, signal } from '@angular/core';

/**
 * Screens of other features that need the orders socket open though no order screen is (e.g. the
 * sales report following orders as they finish). In core, so they ask without importing orders;
 * the orders feature keeps the socket open while `wanted()` is above 0.
 */
@Injectable({ providedIn: 'root' })
export class RealtimeDemand {
  private readonly wanting = signal(0);
  readonly wanted = this.wanting.asReadonly();

  /** Keeps the socket open while the calling screen lives. */
  want(destroyRef = inject(DestroyRef)): void {
    this.wanting.update((n) => n + 1);
    destroyRef.onDestroy(() => this.wanting.update((n) => n - 1));
  }
}

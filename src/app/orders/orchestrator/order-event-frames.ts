import { Injectable, inject, type OnDestroy } from '@angular/core';
import { Store, type Action } from '@ngrx/store';
import { OrdersRealtimeBatchActions, type RealtimeOrderAction } from '../state/orders.actions';

/** A hidden tab draws no frames; its events still reach the store (browsers run it about once a second). */
export const FRAME_FALLBACK_MS = 100;

/**
 * The socket's order events reach the store once per animation frame, as one action: at 100 events
 * a second every event used to copy the 5,000-order state and recompute the board, several per
 * frame (issue 21). Nothing is lost or reordered: every other orders action goes through
 * `dispatch` here, which applies the events held first, so the store sees everything in the order
 * it happened, and a frame's events are applied as they would be one by one (realtime-batch.ts).
 */
@Injectable({ providedIn: 'root' })
export class OrderEventFrames implements OnDestroy {
  private readonly store = inject(Store);
  private held: RealtimeOrderAction[] = [];
  private frame: number | null = null;
  private fallback: ReturnType<typeof setTimeout> | null = null;

  received(event: RealtimeOrderAction): void {
    this.held.push(event);
    if (this.frame !== null) return;
    this.frame = requestAnimationFrame(() => this.flush());
    this.fallback = setTimeout(() => this.flush(), FRAME_FALLBACK_MS);
  }

  /** Applies the events held; call before reading the orders state for a decision. */
  flush(): void {
    this.unschedule();
    const events = this.held;
    if (!events.length) return;
    this.held = [];
    this.store.dispatch(events.length === 1 ? events[0]! : OrdersRealtimeBatchActions.eventsArrived({ events }));
  }

  /** Any other orders action: after the events that arrived before it. */
  dispatch(action: Action): void {
    this.flush();
    this.store.dispatch(action);
  }

  /** The app (or a spec's TestBed) is going: no frame may reach a store that is gone. */
  ngOnDestroy(): void {
    this.unschedule();
    this.held = [];
  }

  private unschedule(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    if (this.fallback !== null) clearTimeout(this.fallback);
    this.frame = this.fallback = null;
  }
}

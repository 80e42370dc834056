import { Injectable, signal } from '@angular/core';

export type RealtimeState = 'not-opened' | 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface RealtimeStatusReport {
  state: RealtimeState;
  /** ISO 8601 of the last change; null before the socket was ever opened. */
  since: string | null;
}

/**
 * The app's realtime socket as one place can tell it: the feature that owns the socket reports,
 * the monitor reads. Lives in core so neither feature imports the other.
 */
@Injectable({ providedIn: 'root' })
export class RealtimeStatus {
  private readonly current = signal<RealtimeStatusReport>({ state: 'not-opened', since: null });
  readonly report = this.current.asReadonly();

  changed(state: Exclude<RealtimeState, 'not-opened'>, since: Date): void {
    this.current.set({ state, since: since.toISOString() });
  }
}

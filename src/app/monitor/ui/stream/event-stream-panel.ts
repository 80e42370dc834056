import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { EventBus } from '../../../core/events/event-bus';
import { CLOCK } from '../../../core/time/clock';
import { cleared, emptyStream, filtered, knownTypes, paused, ratesByType, received, resumed } from '../../model/event-stream';

/** How often the rates move on when nothing arrives (they fall as events age out). */
const RATE_TICK_MS = 1000;

/** The EventBus live while the monitor is open: the last 200 events, rates per type, pause and filter. */
@Component({
  selector: 'app-event-stream-panel',
  imports: [DatePipe, DecimalPipe, RouterLink, MatButtonModule, MatIconModule],
  templateUrl: './event-stream-panel.html',
  styleUrl: './event-stream-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EventStreamPanel {
  private readonly clock = inject(CLOCK);
  private readonly state = signal(emptyStream);
  private readonly now = signal(this.clock.now().getTime());

  protected readonly typeFilter = signal('');
  protected readonly paused = computed(() => this.state().paused);
  protected readonly heldCount = computed(() => this.state().held.length);
  protected readonly events = computed(() => filtered(this.state().shown, this.typeFilter()));
  protected readonly types = computed(() => knownTypes(this.state()));
  protected readonly rates = computed(() => ratesByType(this.state(), this.now()));

  constructor() {
    // Subscribing is what makes the bus feed `events$` at all (it skips it when nobody listens).
    inject(EventBus)
      .events$.pipe(takeUntilDestroyed())
      .subscribe((event) => {
        const receivedAt = this.clock.now().getTime();
        this.now.set(receivedAt);
        this.state.update((s) =>
          received(s, { id: event.id, type: event.type, correlationId: event.correlationId, occurredAt: event.occurredAt, receivedAt }),
        );
      });
    const timer = setInterval(() => this.now.set(this.clock.now().getTime()), RATE_TICK_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected togglePause(): void {
    this.state.update((s) => (s.paused ? resumed(s) : paused(s)));
  }

  protected clear(): void {
    this.state.update(cleared);
  }

  protected chooseType(type: string): void {
    this.typeFilter.set(type);
  }
}

import { Injectable } from '@angular/core';
import { Observable, Subject } from 'rxjs';
import type { DomainEvent, EventType } from '@maestro/contracts';

/**
 * The in-app event bus: synchronous, in memory, ordered per type.
 *
 * Dispatch is by type: one Subject per event type, so an emit reaches only the subscribers of
 * that type instead of running every subscriber's filter (see bench/event-bus.bench.mts).
 * A subscriber that throws does not stop delivery: RxJS catches the error inside that
 * subscriber and reports it (see `reportBusErrorsTo`), the others and later events still arrive.
 */
@Injectable({ providedIn: 'root' })
export class EventBus {
  private readonly byType = new Map<EventType, Subject<DomainEvent>>();
  private readonly all = new Subject<DomainEvent>();

  /** Every event, for the monitor. */
  readonly events$: Observable<DomainEvent> = this.all.asObservable();

  emit<K extends EventType>(event: DomainEvent<K>): void {
    this.byType.get(event.type)?.next(event as DomainEvent);
    if (this.all.observed) this.all.next(event as DomainEvent); // the monitor is usually closed
  }

  on<K extends EventType>(type: K): Observable<DomainEvent<K>> {
    let subject = this.byType.get(type);
    if (!subject) {
      subject = new Subject<DomainEvent>();
      this.byType.set(type, subject);
    }
    return subject.asObservable() as Observable<DomainEvent<K>>;
  }

  /** Whether anything listens to a type: lets the monitor and the specs see leaks. */
  hasSubscribers(type: EventType): boolean {
    return this.byType.get(type)?.observed ?? false;
  }
}

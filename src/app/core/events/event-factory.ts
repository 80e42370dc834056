import { Injectable, inject } from '@angular/core';
import {
  createEventFactory,
  type Actor,
  type DomainEvent,
  type EventCatalog,
  type EventType,
} from '@maestro/contracts';
import { Session } from '../auth/session';
import { CLOCK, ID_GENERATOR } from '../time/clock';

/** Makes event envelopes in the name of the signed-in user, with the injected clock and ids. */
@Injectable({ providedIn: 'root' })
export class EventFactory {
  private readonly session = inject(Session);
  private readonly clock = inject(CLOCK);
  private readonly events = createEventFactory({ now: () => this.clock.now(), newId: inject(ID_GENERATOR) });

  /** A new event; it starts a workflow unless `correlationId` says which one it belongs to. */
  create<K extends EventType>(type: K, payload: EventCatalog[K], correlationId?: string): DomainEvent<K> {
    return this.events.create(type, payload, { actor: this.actor(), correlationId });
  }

  /** An event caused by another (same workflow, same actor). */
  follow<K extends EventType>(cause: DomainEvent, type: K, payload: EventCatalog[K]): DomainEvent<K> {
    return this.events.follow(cause, type, payload);
  }

  private actor(): Actor {
    const user = this.session.user();
    return user ? { kind: 'user', uid: user.uid, email: user.email } : { kind: 'system', name: 'maestro-spa' };
  }
}

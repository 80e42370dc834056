import {
  EnvironmentInjector,
  computed,
  createEnvironmentInjector,
  inject,
  makeEnvironmentProviders,
  signal,
  type EnvironmentProviders,
  type Type,
} from '@angular/core';
import { FAILURE_EVENTS, toFailureCause, type DomainEvent, type EventType, type HandledEventType } from '@maestro/contracts';
import { Subject, type Observable, type Subscription } from 'rxjs';
import { EventBus } from '../events/event-bus';
import { EventFactory } from '../events/event-factory';
import { LOGGER, type Logger } from '../logging/logger';
import type { BaseOrchestratorService, OrchestratorCounters } from './base-orchestrator';
import { ORCHESTRATOR_GROUPS, type ManagedOrchestrator } from './orchestrator-manager';

/** An orchestrator whose code arrives with the first event it handles. */
export interface LazyOrchestrator {
  /** Shown in the monitor before the code has loaded: the class's own `name`. */
  readonly name: string;
  /** Every type its `listen()` subscribes to: those sent before the code arrives are held for it. */
  readonly events: readonly EventType[];
  readonly load: () => Promise<Type<BaseOrchestratorService>>;
}

/**
 * Registers orchestrators that listen from app start, as provideOrchestrators does, but whose code
 * (and what it imports) stays out of the initial bundle: a stand-in subscribes to their events at
 * bootstrap, loads the class on the first one, and hands it every event held meanwhile, in order.
 */
export function provideLazyOrchestrators(...orchestrators: LazyOrchestrator[]): EnvironmentProviders {
  return makeEnvironmentProviders([
    {
      provide: ORCHESTRATOR_GROUPS,
      multi: true,
      useFactory: () => {
        const parts = { bus: inject(EventBus), injector: inject(EnvironmentInjector), events: inject(EventFactory), log: inject(LOGGER) };
        return orchestrators.map((orchestrator) => new LazyOrchestratorStandIn(orchestrator, parts));
      },
    },
  ]);
}

const NOTHING_HANDLED: OrchestratorCounters = { handled: 0, failed: 0, lastError: null, averageHandlingMs: 0 };

interface Parts {
  bus: EventBus;
  injector: EnvironmentInjector;
  events: EventFactory;
  log: Logger;
}

export class LazyOrchestratorStandIn implements ManagedOrchestrator {
  readonly name: string;
  readonly #loaded = signal<BaseOrchestratorService | null>(null);
  readonly #running = signal(false);
  readonly running = this.#running.asReadonly();
  /** The loaded orchestrator's own counters; nothing handled before it has loaded. */
  readonly counters = computed(() => this.#loaded()?.counters() ?? NOTHING_HANDLED);

  #held: DomainEvent[] = [];
  /** Once the code has loaded, events go straight to it through these. */
  #handedOver = false;
  readonly #feeds = new Map<EventType, Subject<DomainEvent>>();
  #loading?: Promise<void>;
  #subscriptions: Subscription[] = [];

  constructor(
    /** Its registration (what to load, which events to hold). */
    readonly orchestrator: LazyOrchestrator,
    private readonly parts: Parts,
  ) {
    this.name = orchestrator.name;
  }

  start(): void {
    if (this.#running()) return;
    this.#running.set(true);
    for (const type of this.orchestrator.events) {
      this.#subscriptions.push(this.parts.bus.on(type).subscribe((event) => this.#receive(event)));
    }
    this.#loaded()?.start();
  }

  destroy(): void {
    if (!this.#running()) return;
    for (const subscription of this.#subscriptions) subscription.unsubscribe();
    this.#subscriptions = [];
    this.#held = [];
    this.#loaded()?.destroy();
    this.#running.set(false);
  }

  #receive(event: DomainEvent): void {
    if (this.#handedOver) {
      this.#feed(event.type).next(event);
      return;
    }
    this.#held.push(event);
    if (this.#loading === undefined) this.#loading = this.#load();
  }

  #feed(type: EventType): Subject<DomainEvent> {
    let feed = this.#feeds.get(type);
    if (!feed) this.#feeds.set(type, (feed = new Subject<DomainEvent>()));
    return feed;
  }

  async #load(): Promise<void> {
    let type: Type<BaseOrchestratorService>;
    try {
      type = await this.orchestrator.load();
    } catch (error) {
      this.#failHeld(error);
      return;
    }
    if (!this.#running()) {
      this.#loading = undefined; // destroyed meanwhile: the next start loads again
      return;
    }
    const asked = new Set<EventType>();
    const bus = new HeldEventBus(this.parts.bus, asked, (t) => (this.orchestrator.events.includes(t) ? this.#feed(t) : null));
    const injector = createEnvironmentInjector([{ provide: EventBus, useValue: bus }, type], this.parts.injector, this.name);
    const loaded = injector.get(type);
    loaded.start();
    this.#loaded.set(loaded);
    // Events its handlers emit while the held ones run are held too, so all arrive in order.
    while (this.#held.length) {
      const event = this.#held.shift()!;
      this.#feed(event.type).next(event);
    }
    this.#handedOver = true;
    const unnamed = [...asked].filter((t) => !this.orchestrator.events.includes(t));
    if (unnamed.length) {
      this.parts.log.error(`${this.name} listens to ${unnamed.join(', ')}, which its provideLazyOrchestrators entry does not name: one sent before its code loads is lost`);
    }
  }

  /** The code did not arrive (offline): each held request fails as its handler's failure would. */
  #failHeld(error: unknown): void {
    this.#loading = undefined; // the next event tries again
    const held = this.#held.splice(0);
    this.parts.log.error(`${this.name}: its code could not be loaded`, { error });
    for (const event of held) {
      if (!(event.type in FAILURE_EVENTS)) continue;
      const failed = event as DomainEvent<HandledEventType>;
      const cause = toFailureCause(error);
      this.parts.bus.emit(this.parts.events.follow(failed, FAILURE_EVENTS[failed.type], { cause, failedEvent: failed } as never));
    }
  }
}

/** The bus as the loaded orchestrator sees it: its own events through the stand-in's feeds. */
class HeldEventBus extends EventBus {
  override readonly events$: Observable<DomainEvent>;

  constructor(
    private readonly bus: EventBus,
    private readonly asked: Set<EventType>,
    private readonly feedOf: (type: EventType) => Subject<DomainEvent> | null,
  ) {
    super();
    this.events$ = bus.events$;
  }

  override emit<K extends EventType>(event: DomainEvent<K>): void {
    this.bus.emit(event);
  }

  override on<K extends EventType>(type: K): Observable<DomainEvent<K>> {
    this.asked.add(type);
    return (this.feedOf(type)?.asObservable() as Observable<DomainEvent<K>> | undefined) ?? this.bus.on(type);
  }

  override hasSubscribers(type: EventType): boolean {
    return this.bus.hasSubscribers(type) || (this.feedOf(type)?.observed ?? false);
  }
}

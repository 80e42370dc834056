import { inject, signal } from '@angular/core';
import {
  FAILURE_EVENTS,
  toFailureCause,
  type DomainEvent,
  type EventType,
  type HandledEventType,
} from '@maestro/contracts';
import {
  EMPTY,
  Observable,
  Subject,
  catchError,
  concatMap,
  defer,
  exhaustMap,
  from,
  ignoreElements,
  isObservable,
  mergeMap,
  of,
  switchMap,
  takeUntil,
  tap,
  type ObservableInput,
  type OperatorFunction,
} from 'rxjs';
import { EventBus } from '../events/event-bus';
import { EventFactory } from '../events/event-factory';
import { LOGGER } from '../logging/logger';
import { isExpectedRefusal } from './expected-refusal';
import { CLOCK } from '../time/clock';

/**
 * How a handler treats an event that arrives while the previous one is still being handled.
 * - concat (default): queue it; ordered, no races.
 * - merge: run alongside (independent work, e.g. one per document).
 * - switch: abandon the previous one (only the latest matters, e.g. a search).
 * - exhaust: ignore it (e.g. a double-clicked submit).
 */
export type Concurrency = 'concat' | 'merge' | 'switch' | 'exhaust';

export interface OrchestratorCounters {
  handled: number;
  failed: number;
  lastError: { message: string; eventType: EventType; at: string } | null;
  averageHandlingMs: number;
}

/** What a handler may return: nothing, a promise, or an observable (its completion ends the work). */
export type HandlerResult = void | ObservableInput<unknown>;

const FLATTEN: Record<Concurrency, <T>(work: (event: T) => Observable<unknown>) => OperatorFunction<T, unknown>> = {
  concat: (work) => concatMap(work),
  merge: (work) => mergeMap(work),
  switch: (work) => switchMap(work),
  exhaust: (work) => exhaustMap(work),
};

const INITIAL_COUNTERS: OrchestratorCounters = { handled: 0, failed: 0, lastError: null, averageHandlingMs: 0 };

/**
 * An orchestrator reacts to events on the EventBus and runs the work they ask for.
 * Subclasses call `handleEvent(type)` in `listen()` and do the work in `eventCallback(event)`.
 * Each event's work is isolated: an error is caught inside the inner observable, counted,
 * logged and emitted as the matching *_FAILED event, and the subscription lives on.
 */
// Its own state uses #private fields: subclasses may name their methods freely (record, clock…).
export abstract class BaseOrchestratorService {
  /** Shown in the admin monitor. */
  abstract readonly name: string;

  protected destroy$ = new Subject<void>();
  protected readonly bus = inject(EventBus);
  protected readonly events = inject(EventFactory);
  readonly #clock = inject(CLOCK);
  readonly #logger = inject(LOGGER);

  readonly #runningState = signal(false);
  readonly #countersState = signal<OrchestratorCounters>(INITIAL_COUNTERS);
  #totalHandlingMs = 0;

  readonly running = this.#runningState.asReadonly();
  readonly counters = this.#countersState.asReadonly();

  /** Subscribes to the events this orchestrator handles (calls `handleEvent`). */
  protected abstract listen(): void;

  /** The work for one event. */
  protected abstract eventCallback(event: DomainEvent<HandledEventType>): HandlerResult;

  /** Starts listening; calling it again while running does nothing. */
  start(): void {
    if (this.#runningState()) return;
    this.#runningState.set(true);
    this.listen();
  }

  /** Ends every subscription: no handler runs for events emitted afterwards. */
  destroy(): void {
    if (!this.#runningState()) return;
    this.destroy$.next();
    this.destroy$.complete();
    this.destroy$ = new Subject<void>(); // so the manager can start it again
    this.#runningState.set(false);
  }

  protected handleEvent<K extends HandledEventType>(
    type: K,
    options: { concurrency?: Concurrency; handler?: (event: DomainEvent<K>) => HandlerResult } = {},
  ): void {
    const handler = options.handler ?? ((event: DomainEvent<K>) => this.eventCallback(event));
    const flatten = FLATTEN[options.concurrency ?? 'concat'];
    this.bus
      .on(type)
      .pipe(
        flatten((event: DomainEvent<K>) => this.#isolated(event, handler)),
        takeUntil(this.destroy$),
      )
      .subscribe();
  }

  /** One event's work: never errors outward, always counted. */
  #isolated<K extends HandledEventType>(
    event: DomainEvent<K>,
    handler: (event: DomainEvent<K>) => HandlerResult,
  ): Observable<never> {
    return defer(() => {
      const started = this.#clock.monotonicMs();
      // The inner defer turns a handler that throws synchronously into an error notification
      // that catchError below can see.
      return defer(() => toObservable(handler(event))).pipe(
        ignoreElements(),
        tap({ complete: () => this.#record(started, null, event) }),
        catchError((error: unknown) => {
          this.#record(started, error, event);
          // A refusal the user is told about (a lost race, a rule) is no bug: keep the console for those.
          const line = `${this.name}: handling ${event.type} failed`;
          if (isExpectedRefusal(error)) this.#logger.debug(line, { error, event });
          else this.#logger.error(line, { error, event });
          // FailureEventsMatch (contracts) proves each failure payload is FailedPayload<K>;
          // TypeScript cannot follow that through the indexed type here, hence the cast.
          const failure = this.events.follow(event, FAILURE_EVENTS[event.type], {
            cause: toFailureCause(error),
            failedEvent: event,
          } as never);
          this.bus.emit(failure);
          return EMPTY;
        }),
      );
    });
  }

  #record(startedMs: number, error: unknown, event: DomainEvent): void {
    const durationMs = this.#clock.monotonicMs() - startedMs;
    this.#totalHandlingMs += durationMs;
    this.#countersState.update((counters) => {
      const handled = counters.handled + 1;
      return {
        handled,
        failed: counters.failed + (error === null ? 0 : 1),
        lastError:
          error === null
            ? counters.lastError
            : { message: toFailureCause(error).message, eventType: event.type, at: this.#clock.now().toISOString() },
        averageHandlingMs: this.#totalHandlingMs / handled,
      };
    });
  }
}

function toObservable(result: HandlerResult): Observable<unknown> {
  if (result === undefined || result === null) return of(undefined);
  return isObservable(result) ? result : from(result);
}

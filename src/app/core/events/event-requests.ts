import { Injectable, inject } from '@angular/core';
import {
  FAILURE_EVENTS,
  type DomainEvent,
  type EventCatalog,
  type EventType,
  type FailureCause,
  type HandledEventType,
} from '@maestro/contracts';
import { catchError, filter, firstValueFrom, map, merge, of, timeout } from 'rxjs';
import { EventBus } from './event-bus';
import { EventFactory } from './event-factory';

/** A backstop: batches time out after 30 s and then answer with a failure themselves. */
export const ANSWER_TIMEOUT_MS = 45_000;

export type RequestOutcome<S extends EventType> =
  | { ok: true; event: DomainEvent<S> }
  | { ok: false; message: string; cause: FailureCause };

export interface RequestOptions {
  /** Join an existing workflow (an import, a saga) instead of starting one. */
  correlationId?: string;
  timeoutMs?: number;
  /** Called with the request just before it is emitted (e.g. to keep its id for a cancel). */
  onSent?: (request: DomainEvent) => void;
}

/**
 * What a screen uses to ask an orchestrator for something: emits the `_REQUESTED` event and
 * resolves with the answer to *that* request (its success event, or its `_FAILED` as advice).
 * Never leaves a form waiting: no listener → an answer at once; no answer → a timeout message.
 */
@Injectable({ providedIn: 'root' })
export class EventRequests {
  private readonly bus = inject(EventBus);
  private readonly events = inject(EventFactory);

  send<R extends HandledEventType, S extends EventType>(
    type: R,
    payload: EventCatalog[R],
    answeredBy: S,
    options: RequestOptions = {},
  ): Promise<RequestOutcome<S>> {
    if (!this.bus.hasSubscribers(type)) {
      const message = 'This cannot be done right now. Reload the page and try again.';
      return Promise.resolve({ ok: false, message, cause: { message, code: 'no-handler' } });
    }
    const request = this.events.create(type, payload, options.correlationId);
    const failureType = FAILURE_EVENTS[type] as EventType;
    const outcome = firstValueFrom(
      merge(
        this.bus.on(answeredBy).pipe(
          filter((e) => e.causationId === request.id),
          map((event): RequestOutcome<S> => ({ ok: true, event })),
        ),
        this.bus.on(failureType).pipe(
          filter((e) => (e.payload as { failedEvent?: DomainEvent }).failedEvent?.id === request.id),
          map((e): RequestOutcome<S> => {
            const cause = (e.payload as { cause: FailureCause }).cause;
            return { ok: false, cause, message: friendlyMessage(cause) };
          }),
        ),
      ).pipe(
        timeout(options.timeoutMs ?? ANSWER_TIMEOUT_MS),
        catchError(() => {
          const message = 'No answer from the database. Check your connection; the change may still appear.';
          return of<RequestOutcome<S>>({ ok: false, message, cause: { message, code: 'deadline-exceeded' } });
        }),
      ),
    );
    options.onSent?.(request);
    this.bus.emit(request);
    return outcome;
  }
}

/** Firestore's codes in words a user can act on; our own validation messages pass through. */
export function friendlyMessage(cause: FailureCause): string {
  switch (cause.code) {
    case 'permission-denied':
      return 'You are not allowed to make this change. Sign in again, or ask an admin.';
    case 'unavailable':
      return 'Cannot reach the database. Check your connection and try again.';
    case 'not-found':
      return cause.message || 'It no longer exists: someone may have deleted it.';
    default:
      return cause.message;
  }
}

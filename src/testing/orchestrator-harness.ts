// For specs only: an orchestrator running in TestBed against the emulators, signed in as a demo
// user, with helpers to send a request and await its answer or read what was written.
import { computed, signal, type Type, type WritableSignal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FAILURE_EVENTS, type DomainEvent, type EventCatalog, type EventType, type HandledEventType } from '@maestro/contracts';
import { deleteApp, type FirebaseApp } from 'firebase/app';
import { doc, getDocFromServer, type DocumentSnapshot, type Firestore } from 'firebase/firestore';
import { firstValueFrom, filter, merge } from 'rxjs';
import { environment } from '../environments/environment.development';
import { Session, type SessionUser } from '../app/core/auth/session';
import { APP_ENVIRONMENT } from '../app/core/config/app-environment';
import { EventBus } from '../app/core/events/event-bus';
import { EventFactory } from '../app/core/events/event-factory';
import { FIREBASE_APP } from '../app/core/firebase/firebase';
import { FirestoreLoader } from '../app/core/firebase/firestore-loader';
import { LOGGER } from '../app/core/logging/logger';
import type { BaseOrchestratorService } from '../app/core/orchestration/base-orchestrator';
import { createEmulatorApp, signInAsDemo, type DemoEmail } from './emulator-app';

export interface OrchestratorHarness<O> {
  orchestrator: O;
  bus: EventBus;
  db: Firestore;
  user: { uid: string; email: string };
  /** Whom events are made in the name of (set it to pretend to be someone else). */
  sessionUser: WritableSignal<SessionUser | null>;
  /** Emits a request; resolves with the first answer that names it (success or `_FAILED`). */
  send<R extends HandledEventType, S extends EventType>(
    type: R,
    payload: EventCatalog[R],
    answeredBy: S,
  ): Promise<{ request: DomainEvent<R>; answer: DomainEvent<S> | DomainEvent }>;
  read(path: string): Promise<DocumentSnapshot>;
  stop(): Promise<void>;
}

export async function startOrchestrator<O extends BaseOrchestratorService>(
  type: Type<O>,
  as: DemoEmail = 'staff@maestro.test',
): Promise<OrchestratorHarness<O>> {
  const { app, auth } = createEmulatorApp(type.name);
  const signedIn = await signInAsDemo(auth, as);
  const user = { uid: signedIn.uid, email: signedIn.email! };
  const sessionUser = signal<SessionUser | null>({ ...user, displayName: 'Spec', role: as.startsWith('admin') ? 'admin' : 'staff' });
  TestBed.configureTestingModule({
    providers: [
      { provide: FIREBASE_APP, useValue: app as FirebaseApp },
      { provide: APP_ENVIRONMENT, useValue: environment },
      { provide: Session, useValue: { user: sessionUser, isAdmin: computed(() => sessionUser()?.role === 'admin') } },
      { provide: LOGGER, useValue: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } },
    ],
  });
  const bus = TestBed.inject(EventBus);
  const orchestrator = TestBed.inject(type);
  orchestrator.start();
  const db = await TestBed.inject(FirestoreLoader).firestore();
  return {
    orchestrator,
    bus,
    db,
    user,
    sessionUser,
    async send(requestType, payload, answeredBy) {
      const request = TestBed.inject(EventFactory).create(requestType, payload);
      const failure: EventType = FAILURE_EVENTS[requestType];
      const answer = firstValueFrom(
        merge(
          bus.on(answeredBy).pipe(filter((e) => e.causationId === request.id)),
          bus.on(failure).pipe(filter((e) => (e.payload as { failedEvent?: DomainEvent }).failedEvent?.id === request.id)),
        ),
      );
      bus.emit(request);
      return { request, answer: await answer };
    },
    read: (path) => getDocFromServer(doc(db, path)),
    async stop() {
      orchestrator.destroy();
      TestBed.resetTestingModule();
      await deleteApp(app);
    },
  };
}

/** Narrows an answer to a failure, or fails the spec with what came instead. */
export function failureOf(answer: DomainEvent): { message: string; code?: string } {
  if (!answer.type.endsWith('_FAILED')) throw new Error(`expected a failure, got ${answer.type}`);
  return (answer.payload as { cause: { message: string; code?: string } }).cause;
}

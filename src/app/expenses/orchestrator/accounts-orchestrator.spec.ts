import { signal, type WritableSignal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { AccountDraft, DomainEvent, EventType } from '@maestro/contracts';
import { deleteApp, type FirebaseApp } from 'firebase/app';
import { doc, getDocFromServer } from 'firebase/firestore';
import { firstValueFrom } from 'rxjs';
import { environment } from '../../../environments/environment.development';
import { Session, type SessionUser } from '../../core/auth/session';
import { APP_ENVIRONMENT } from '../../core/config/app-environment';
import { EventBus } from '../../core/events/event-bus';
import { EventFactory } from '../../core/events/event-factory';
import { FIREBASE_APP } from '../../core/firebase/firebase';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { LOGGER } from '../../core/logging/logger';
import { createEmulatorApp, signInAsDemo } from '../../../testing/emulator-app';
import { AccountsOrchestrator } from './accounts-orchestrator';

// The reference flow, against the real Firestore and Auth emulators and the real rules.
describe('AccountsOrchestrator (emulator)', () => {
  let app: FirebaseApp;
  let bus: EventBus;
  let orchestrator: AccountsOrchestrator;
  let actingUser: { uid: string; email: string };
  let sessionUser: WritableSignal<SessionUser | null>;

  const draft = (overrides: Partial<AccountDraft> = {}): AccountDraft => ({
    name: '  Petty cash  ',
    type: 'cash',
    currency: 'USD',
    openingBalanceMinor: 5_000,
    ...overrides,
  });

  beforeEach(async () => {
    const created = createEmulatorApp('accounts-spec');
    app = created.app;
    const user = await signInAsDemo(created.auth, 'staff@maestro.test');
    actingUser = { uid: user.uid, email: user.email! };
    // Whom the events are made in the name of; one spec pretends to be someone else.
    sessionUser = signal<SessionUser | null>({ ...actingUser, displayName: 'Sam', role: 'staff' });
    TestBed.configureTestingModule({
      providers: [
        { provide: FIREBASE_APP, useValue: app },
        { provide: APP_ENVIRONMENT, useValue: environment },
        { provide: Session, useValue: { user: sessionUser } },
        { provide: LOGGER, useValue: { debug: () => undefined, warn: () => undefined, error: () => undefined } },
      ],
    });
    bus = TestBed.inject(EventBus);
    orchestrator = TestBed.inject(AccountsOrchestrator);
    orchestrator.start();
  });

  afterEach(async () => {
    orchestrator.destroy();
    TestBed.resetTestingModule();
    await deleteApp(app);
  });

  const next = <K extends EventType>(type: K) => firstValueFrom(bus.on(type));
  const read = async (path: string) => getDocFromServer(doc(await TestBed.inject(FirestoreLoader).firestore(), path));
  const accountCount = async () => ((await read('metadata/counters')).get('accounts') as number | undefined) ?? 0;

  function request(account: AccountDraft): DomainEvent<'ACCOUNT_CREATION_REQUESTED'> {
    const event = TestBed.inject(EventFactory).create('ACCOUNT_CREATION_REQUESTED', { account });
    bus.emit(event);
    return event;
  }

  it('writes the account, its activity entry and the counter together, then says ACCOUNT_CREATED', async () => {
    const countBefore = await accountCount();
    const created = next('ACCOUNT_CREATED');
    const event = request(draft());
    const done = await created;

    expect(done.payload.accountId).toBe(event.id);
    expect(done.correlationId).toBe(event.correlationId);
    const account = await read(`accounts/${event.id}`);
    expect(account.data()).toEqual(
      jasmine.objectContaining({ name: 'Petty cash', type: 'cash', currency: 'USD', openingBalanceMinor: 5_000, archived: false, createdBy: actingUser.uid }),
    );
    const entry = await read(`activity/${event.id}`);
    expect(entry.get('actorUid')).toBe(actingUser.uid);
    expect(entry.get('action')).toBe('ACCOUNT_CREATED');
    expect(entry.get('subject')).toEqual({ type: 'account', id: event.id });
    expect(entry.get('changes.name')).toEqual({ from: null, to: 'Petty cash' });
    expect(await accountCount()).toBe(countBefore + 1);
    expect(orchestrator.counters().handled).toBe(1);
  });

  it('refuses an invalid draft with every problem named, and writes nothing', async () => {
    const failed = next('ACCOUNT_CREATION_FAILED');
    const event = request(draft({ name: ' ', currency: 'usd', openingBalanceMinor: 12.5 }));
    const failure = await failed;

    expect(failure.payload.failedEvent.id).toBe(event.id);
    expect(failure.payload.cause.code).toBe('invalid-argument');
    expect(failure.payload.cause.message).toContain('Give the account a name.');
    expect(failure.payload.cause.message).toContain('three-letter currency code');
    expect(failure.payload.cause.message).toContain('whole number of cents');
    expect((await read(`accounts/${event.id}`)).exists()).toBeFalse();
  });

  it('leaves nothing behind when the real rules refuse the batch (the actor is not the signed-in user)', async () => {
    const countBefore = await accountCount();
    sessionUser.set({ uid: 'someone-else', email: 'x@maestro.test', displayName: 'X', role: 'staff' });
    const failed = next('ACCOUNT_CREATION_FAILED');
    const event = request(draft());
    const failure = await failed;

    expect(failure.payload.cause.code).toBe('permission-denied');
    expect((await read(`accounts/${event.id}`)).exists()).toBeFalse();
    expect((await read(`activity/${event.id}`)).exists()).toBeFalse();
    expect(await accountCount()).toBe(countBefore);
  });
});

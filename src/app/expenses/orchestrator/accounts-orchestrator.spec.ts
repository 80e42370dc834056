import { signal, type WritableSignal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { OPENING_BALANCE_ADMIN_ONLY, type AccountDraft, type AccountPatch, type AccountType, type DomainEvent, type EventType } from '@maestro/contracts';
import { deleteApp, type FirebaseApp } from 'firebase/app';
import { doc, getDocFromServer, updateDoc, writeBatch } from 'firebase/firestore';
import { firstValueFrom } from 'rxjs';
import { environment } from '../../../environments/environment.development';
import { Session, type SessionUser } from '../../core/auth/session';
import { APP_ENVIRONMENT } from '../../core/config/app-environment';
import { EventBus } from '../../core/events/event-bus';
import { EventFactory } from '../../core/events/event-factory';
import { FIREBASE_APP } from '../../core/firebase/firebase';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { LOGGER } from '../../core/logging/logger';
import { BatchOperationService } from '../../core/persistence/batch-operation-service';
import type { BatchWrite } from '../../core/persistence/batch-write';
import { createEmulatorApp, ownerFirestore, signInAsDemo } from '../../../testing/emulator-app';
import { failureOf, startOrchestrator, type OrchestratorHarness } from '../../../testing/orchestrator-harness';
import { AccountsOrchestrator } from './accounts-orchestrator';

// The reference flow, against the real Firestore and Auth emulators and the real rules.
describe('AccountsOrchestrator (emulator)', () => {
  let app: FirebaseApp;
  let bus: EventBus;
  let orchestrator: AccountsOrchestrator;
  let actingUser: { uid: string; email: string };
  let sessionUser: WritableSignal<SessionUser | null>;
  // Names are unique per currency: each run (and each spec) its own.
  let name: string;

  const draft = (overrides: Partial<AccountDraft> = {}): AccountDraft => ({
    name: `  ${name}  `,
    type: 'cash',
    currency: 'USD',
    openingBalanceMinor: 5_000,
    ...overrides,
  });

  beforeEach(async () => {
    name = `Petty cash ${Math.random().toString(36).slice(2, 8)}`;
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
        { provide: Session, useValue: { user: sessionUser, isAdmin: () => false } },
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
      jasmine.objectContaining({ name, type: 'cash', currency: 'USD', openingBalanceMinor: 5_000, archived: false, createdBy: actingUser.uid }),
    );
    const entry = await read(`activity/${event.id}`);
    expect(entry.get('actorUid')).toBe(actingUser.uid);
    expect(entry.get('action')).toBe('ACCOUNT_CREATED');
    expect(entry.get('subject')).toEqual({ type: 'account', id: event.id });
    expect(entry.get('changes.name')).toEqual({ from: null, to: name });
    expect(await accountCount()).toBe(countBefore + 1);
    expect(orchestrator.counters().handled).toBe(1);
    expect(account.get('auditId')).withContext('the account names its entry').toBe(event.id);
    expect(account.get('createdAt')).toEqual(entry.get('at'));
    // Archived, so the account does not crowd the pages of whoever uses the emulator next.
    await updateDoc(doc(ownerFirestore(), `accounts/${event.id}`), { archived: true });
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

describe('AccountsOrchestrator updates (emulator)', () => {
  let h: OrchestratorHarness<AccountsOrchestrator>;
  let commits: BatchWrite[][];
  const run = Math.random().toString(36).slice(2, 8);
  const id = (name: string) => `acc-upd-${run}-${name}`;
  const fixtures = ['rename', 'archive', 'opening', 'opening-staff', 'refuse', 'same'];

  // Fixtures as stored (rules off): a client could not write them without their activity entries.
  beforeAll(async () => {
    const batch = writeBatch(ownerFirestore());
    for (const name of fixtures) {
      batch.set(doc(ownerFirestore(), `accounts/${id(name)}`), {
        name: `Spec ${name} ${run}`, type: 'cash', currency: 'USD', openingBalanceMinor: 5_000, archived: false, createdBy: 'demo-staff',
      });
    }
    await batch.commit();
  });

  // The fixtures stay archived, so they do not crowd the accounts page of whoever uses the emulator.
  afterAll(async () => {
    const batch = writeBatch(ownerFirestore());
    for (const name of fixtures) batch.update(doc(ownerFirestore(), `accounts/${id(name)}`), { archived: true });
    await batch.commit();
  });

  async function start(as: 'staff@maestro.test' | 'admin@maestro.test'): Promise<void> {
    h = await startOrchestrator(AccountsOrchestrator, as);
    commits = [];
    const batch = TestBed.inject(BatchOperationService);
    const commit = batch.commit.bind(batch);
    spyOn(batch, 'commit').and.callFake((writes, options) => {
      commits.push([...writes]);
      return commit(writes, options);
    });
  }
  beforeEach(() => start('staff@maestro.test'));
  afterEach(() => h.stop());

  const update = (accountId: string, patch: AccountPatch) => h.send('ACCOUNT_UPDATE_REQUESTED', { accountId, patch }, 'ACCOUNT_UPDATED');
  const touchesLedger = () => commits.some((writes) => writes.some((write) => write.path === 'metadata/ledger'));

  it('renames and retypes in one batch with an activity entry of old → new, and no ledger bump', async () => {
    const { request, answer } = await update(id('rename'), { name: `  Till 2 ${run}  `, type: 'bank' });

    expect(answer.type).toBe('ACCOUNT_UPDATED');
    const changes = { name: { from: `Spec rename ${run}`, to: `Till 2 ${run}` }, type: { from: 'cash', to: 'bank' } };
    expect((answer as DomainEvent<'ACCOUNT_UPDATED'>).payload).toEqual({ accountId: id('rename'), changes });
    const account = (await h.read(`accounts/${id('rename')}`)).data();
    expect(account).toEqual(
      jasmine.objectContaining({ name: `Till 2 ${run}`, type: 'bank', currency: 'USD', openingBalanceMinor: 5_000, updatedBy: h.user.uid, auditId: request.id }),
    );
    const entry = await h.read(`activity/${request.id}`);
    expect(entry.get('action')).toBe('ACCOUNT_UPDATED');
    expect(entry.get('subject')).toEqual({ type: 'account', id: id('rename') });
    expect(entry.get('changes')).toEqual(changes);
    expect(commits.length).toBe(1);
    expect(touchesLedger()).toBeFalse();
    expect((await h.read(`accountNames/USD:till 2 ${run}`)).get('accountId')).withContext('the new name is claimed').toBe(id('rename'));
  });

  it('archives and unarchives in the order asked (an Undo right after the archive wins)', async () => {
    const archived = update(id('archive'), { archived: true });
    const restored = update(id('archive'), { archived: false });
    const [first, second] = await Promise.all([archived, restored]);

    expect((await h.read(`activity/${first.request.id}`)).get('changes')).toEqual({ archived: { from: false, to: true } });
    expect((await h.read(`activity/${second.request.id}`)).get('changes')).toEqual({ archived: { from: true, to: false } });
    expect((await h.read(`accounts/${id('archive')}`)).get('archived')).toBeFalse();
  });

  it('leaves the opening balance to admins: staff are told so and nothing is written', async () => {
    const { request, answer } = await update(id('opening-staff'), { openingBalanceMinor: 9_999 });

    expect(failureOf(answer)).toEqual({ code: 'permission-denied', message: OPENING_BALANCE_ADMIN_ONLY });
    expect((await h.read(`accounts/${id('opening-staff')}`)).get('openingBalanceMinor')).toBe(5_000);
    expect((await h.read(`activity/${request.id}`)).exists()).toBeFalse();
    expect(commits).toEqual([]);
  });

  it('changes the opening balance (an admin) with the ledger bump in the same batch', async () => {
    await h.stop();
    await start('admin@maestro.test');
    const { request, answer } = await update(id('opening'), { openingBalanceMinor: 7_500 });

    expect(answer.type).toBe('ACCOUNT_UPDATED');
    expect((await h.read(`accounts/${id('opening')}`)).get('openingBalanceMinor')).toBe(7_500);
    expect((await h.read(`activity/${request.id}`)).get('changes')).toEqual({ openingBalanceMinor: { from: 5_000, to: 7_500 } });
    expect(commits.length).toBe(1);
    expect(commits[0]!.map((write) => write.path)).toEqual([`accounts/${id('opening')}`, `activity/${request.id}`, 'metadata/ledger']);
  });

  it('says clearly when the account does not exist, and writes nothing', async () => {
    const { request, answer } = await update(`missing-${run}`, { name: 'Ghost' });

    expect(failureOf(answer)).toEqual({ code: 'not-found', message: jasmine.stringMatching(/no longer exists/) });
    expect((await h.read(`accounts/missing-${run}`)).exists()).toBeFalse();
    expect((await h.read(`activity/${request.id}`)).exists()).toBeFalse();
  });

  it('refuses a currency change, unknown fields and an invalid patch, and leaves the account as it was', async () => {
    const cases: [AccountPatch, RegExp][] = [
      [{ name: 'New', currency: 'EUR' } as AccountPatch, /currency cannot change/],
      [{ createdBy: 'someone' } as AccountPatch, /cannot be changed on an account: createdBy/],
      [{ name: '   ' }, /Give the account a name/],
      [{ openingBalanceMinor: 10.5 }, /whole number of cents/],
      [{ type: 'safe' as AccountType }, /Choose cash, bank or card/],
    ];
    for (const [patch, message] of cases) {
      const { request, answer } = await update(id('refuse'), patch);
      const failure = failureOf(answer);
      expect(failure.code).withContext(JSON.stringify(patch)).toBe('invalid-argument');
      expect(failure.message).withContext(JSON.stringify(patch)).toMatch(message);
      expect((await h.read(`activity/${request.id}`)).exists()).toBeFalse();
    }
    expect((await h.read(`accounts/${id('refuse')}`)).data()).toEqual(
      jasmine.objectContaining({ name: `Spec refuse ${run}`, type: 'cash', currency: 'USD', openingBalanceMinor: 5_000 }),
    );
    expect(commits).toEqual([]);
  });

  it('answers a patch that changes nothing without writing or logging', async () => {
    const { request, answer } = await update(id('same'), { name: `Spec same ${run}`, openingBalanceMinor: 5_000 });

    expect((answer as DomainEvent<'ACCOUNT_UPDATED'>).payload.changes).toEqual({});
    expect(commits).toEqual([]);
    expect((await h.read(`activity/${request.id}`)).exists()).toBeFalse();
  });
});

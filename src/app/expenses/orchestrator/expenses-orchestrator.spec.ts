import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { isoDate, latestAllowedDate, recordOwnerOnly, toExpenseDoc, type DomainEvent, type EventCatalog, type EventType, type ExpenseDraft, type HandledEventType } from '@maestro/contracts';
import { deleteApp, type FirebaseApp } from 'firebase/app';
import { doc, getDocFromServer, setDoc, type Firestore } from 'firebase/firestore';
import { filter, firstValueFrom, merge } from 'rxjs';
import { environment } from '../../../environments/environment.development';
import { Session } from '../../core/auth/session';
import { APP_ENVIRONMENT } from '../../core/config/app-environment';
import { EventBus } from '../../core/events/event-bus';
import { EventFactory } from '../../core/events/event-factory';
import { FIREBASE_APP } from '../../core/firebase/firebase';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { LOGGER } from '../../core/logging/logger';
import { createEmulatorApp, ownerFirestore, signInAsDemo } from '../../../testing/emulator-app';
import { ExpensesOrchestrator } from './expenses-orchestrator';

// Against the real Firestore and Auth emulators and the real rules: every change is the expense,
// its activity entry and the ledger bump together; every refusal leaves all three untouched.
describe('ExpensesOrchestrator (emulator)', () => {
  const ARCHIVED_ACCOUNT = 'spec-archived-till';
  /** The emulator is shared with other suites: room for sign-in and a few round trips. */
  const SLOW_MS = 20_000;
  let app: FirebaseApp;
  let db: Firestore;
  let bus: EventBus;
  let orchestrator: ExpensesOrchestrator;
  let uid: string;
  const today = isoDate(new Date());

  const draft = (overrides: Partial<ExpenseDraft> = {}): ExpenseDraft => ({
    accountId: 'cash-register',
    categoryId: 'produce',
    amountMinor: 1_250,
    currency: 'USD',
    date: today,
    payee: '  Green Market  ',
    note: 'Tomatoes',
    tags: ['weekly'],
    ...overrides,
  });

  beforeAll(async () => {
    // An archived account to be refused, stored as it would be (rules off: no activity entry needed).
    await setDoc(doc(ownerFirestore(), `accounts/${ARCHIVED_ACCOUNT}`), {
      name: 'Old till',
      type: 'cash',
      currency: 'USD',
      openingBalanceMinor: 0,
      archived: true,
      createdBy: 'demo-staff',
    });
  }, SLOW_MS);

  beforeEach(async () => {
    const created = createEmulatorApp('expenses-spec');
    app = created.app;
    const user = await signInAsDemo(created.auth, 'staff@maestro.test');
    uid = user.uid;
    TestBed.configureTestingModule({
      providers: [
        { provide: FIREBASE_APP, useValue: app },
        { provide: APP_ENVIRONMENT, useValue: environment },
        { provide: Session, useValue: { user: signal({ uid, email: user.email!, displayName: 'Sam', role: 'staff' }), isAdmin: () => false } },
        { provide: LOGGER, useValue: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } },
      ],
    });
    bus = TestBed.inject(EventBus);
    orchestrator = TestBed.inject(ExpensesOrchestrator);
    orchestrator.start();
    db = await TestBed.inject(FirestoreLoader).firestore();
  }, SLOW_MS);

  afterEach(async () => {
    orchestrator.destroy();
    TestBed.resetTestingModule();
    await deleteApp(app);
  }, SLOW_MS);

  const read = (path: string) => getDocFromServer(doc(db, path));
  const ledgerVersion = async () => ((await read('metadata/ledger')).get('version') as number | undefined) ?? 0;

  /** Emits a request and resolves with its answer: the success event or the failure. */
  async function send<R extends HandledEventType, S extends EventType>(type: R, payload: EventCatalog[R], answeredBy: S) {
    const request = TestBed.inject(EventFactory).create(type, payload);
    const answer = firstValueFrom(
      merge(
        bus.on(answeredBy).pipe(filter((e) => e.causationId === request.id)),
        bus.on(type.replace(/_REQUESTED$/, '_FAILED') as EventType).pipe(
          filter((e) => (e.payload as { failedEvent?: DomainEvent }).failedEvent?.id === request.id),
        ),
      ),
    );
    bus.emit(request);
    return { request, answer: (await answer) as DomainEvent };
  }
  const cause = (answer: DomainEvent) => {
    expect(answer.type).toMatch(/_FAILED$/);
    return (answer.payload as { cause: { message: string; code?: string } }).cause;
  };
  const record = async (expense = draft()) => {
    const { request, answer } = await send('EXPENSE_RECORDING_REQUESTED', { expense }, 'EXPENSE_RECORDED');
    expect(answer.type).toBe('EXPENSE_RECORDED');
    return request.id;
  };

  it('records the expense, its activity entry and the ledger bump together, under the request id', async () => {
    const before = await ledgerVersion();
    const { request, answer } = await send('EXPENSE_RECORDING_REQUESTED', { expense: draft() }, 'EXPENSE_RECORDED');

    expect(answer.type).toBe('EXPENSE_RECORDED');
    expect((answer as DomainEvent<'EXPENSE_RECORDED'>).payload.expenseId).toBe(request.id);
    const expense = await read(`expenses/${request.id}`);
    expect(expense.data()).toEqual(
      jasmine.objectContaining({
        ...toExpenseDoc(draft(), uid),
        payee: 'Green Market',
        month: today.slice(0, 7),
        deleted: false,
        createdBy: uid,
        updatedBy: uid,
      }),
    );
    expect(expense.get('keywords')).toContain('gr');
    expect(expense.get('auditId')).withContext('the expense names its activity entry').toBe(request.id);
    const entry = await read(`activity/${request.id}`);
    expect(expense.get('createdAt')).toEqual(entry.get('at'));
    expect(entry.get('action')).toBe('EXPENSE_RECORDED');
    expect(entry.get('subject')).toEqual({ type: 'expense', id: request.id });
    expect(entry.get('changes.amountMinor')).toEqual({ from: null, to: 1_250 });
    expect(await ledgerVersion()).toBe(before + 1);
  }, SLOW_MS);

  it('records two expenses sent at once: the second is queued, never dropped', async () => {
    const [first, second] = await Promise.all([record(draft({ amountMinor: 100 })), record(draft({ amountMinor: 200 }))]);
    expect((await read(`expenses/${first}`)).get('amountMinor')).toBe(100);
    expect((await read(`expenses/${second}`)).get('amountMinor')).toBe(200);
  }, SLOW_MS);

  it('updates the fields, logs old → new, keeps the recorder and the import, and bumps the ledger', async () => {
    // Imported earlier by this staff member (stored as the import wrote it).
    const expenseId = `spec-imported-${crypto.randomUUID()}`;
    await setDoc(doc(ownerFirestore(), `expenses/${expenseId}`), { ...toExpenseDoc(draft(), uid), importId: 'import-1' });
    const before = await ledgerVersion();

    const { request, answer } = await send(
      'EXPENSE_UPDATE_REQUESTED',
      { expenseId, expense: draft({ amountMinor: 1_500, payee: 'Corner Shop' }) },
      'EXPENSE_UPDATED',
    );

    expect(answer.type).toBe('EXPENSE_UPDATED');
    const changes = { amountMinor: { from: 1_250, to: 1_500 }, payee: { from: 'Green Market', to: 'Corner Shop' } };
    expect((answer as DomainEvent<'EXPENSE_UPDATED'>).payload.changes).toEqual(changes);
    const expense = await read(`expenses/${expenseId}`);
    expect(expense.get('amountMinor')).toBe(1_500);
    expect(expense.get('keywords')).toContain('corner');
    expect(expense.get('keywords')).not.toContain('green');
    expect(expense.get('createdBy')).toBe(uid);
    expect(expense.get('updatedBy')).toBe(uid);
    expect(expense.get('auditId')).toBe(request.id);
    expect(expense.get('importId')).toBe('import-1');
    const entry = await read(`activity/${request.id}`);
    expect(entry.get('action')).toBe('EXPENSE_UPDATED');
    expect(entry.get('changes')).toEqual(changes);
    expect(await ledgerVersion()).toBe(before + 1);
  }, SLOW_MS);

  it('answers an update that changes nothing without writing anything', async () => {
    const expenseId = await record();
    const before = await ledgerVersion();
    const { request, answer } = await send('EXPENSE_UPDATE_REQUESTED', { expenseId, expense: draft() }, 'EXPENSE_UPDATED');
    expect((answer as DomainEvent<'EXPENSE_UPDATED'>).payload.changes).toEqual({});
    expect((await read(`activity/${request.id}`)).exists()).toBeFalse();
    expect(await ledgerVersion()).toBe(before);
  }, SLOW_MS);

  it('deletes softly and restores, each with its activity entry and a ledger bump', async () => {
    const expenseId = await record();
    const before = await ledgerVersion();

    const deletion = await send('EXPENSE_DELETION_REQUESTED', { expenseId }, 'EXPENSE_DELETED');
    expect(deletion.answer.type).toBe('EXPENSE_DELETED');
    expect((await read(`expenses/${expenseId}`)).get('deleted')).toBeTrue();
    expect((await read(`activity/${deletion.request.id}`)).get('changes')).toEqual({ deleted: { from: false, to: true } });
    expect(await ledgerVersion()).toBe(before + 1);

    const restoration = await send('EXPENSE_RESTORATION_REQUESTED', { expenseId }, 'EXPENSE_RESTORED');
    expect(restoration.answer.type).toBe('EXPENSE_RESTORED');
    const expense = await read(`expenses/${expenseId}`);
    expect(expense.get('deleted')).toBeFalse();
    expect(expense.get('amountMinor')).toBe(1_250);
    expect((await read(`activity/${restoration.request.id}`)).get('action')).toBe('EXPENSE_RESTORED');
    expect(await ledgerVersion()).toBe(before + 2);
  }, SLOW_MS);

  describe('refuses with a clear message and writes nothing', () => {
    const cases: { name: string; expense: () => ExpenseDraft; code: string; message: string }[] = [
      {
        name: 'an unknown account',
        expense: () => draft({ accountId: `no-such-account-${crypto.randomUUID()}` }),
        code: 'not-found',
        message: 'That account no longer exists. Choose another account.',
      },
      {
        name: 'an archived account',
        expense: () => draft({ accountId: ARCHIVED_ACCOUNT }),
        code: 'failed-precondition',
        message: 'Old till is archived and takes no new expenses. Choose another account.',
      },
      {
        name: 'a currency other than the account\'s',
        expense: () => draft({ currency: 'EUR' }),
        code: 'failed-precondition',
        message: 'Cash register is in USD, so the expense must be in USD too.',
      },
      {
        name: 'an invalid draft',
        expense: () => draft({ amountMinor: 0, categoryId: '', date: '2026-02-30' }),
        code: 'invalid-argument',
        message: 'Choose a category. The amount must be more than zero. Give a real date (YYYY-MM-DD).',
      },
      {
        name: 'a date more than a year ahead',
        expense: () => draft({ date: dayAfter(latestAllowedDate(new Date())) }),
        code: 'invalid-argument',
        message: 'The date is more than a year ahead.',
      },
    ];
    for (const { name, expense, code, message } of cases) {
      it(name, async () => {
        const before = await ledgerVersion();
        const { request, answer } = await send('EXPENSE_RECORDING_REQUESTED', { expense: expense() }, 'EXPENSE_RECORDED');
        expect(answer.type).toBe('EXPENSE_RECORDING_FAILED');
        expect(cause(answer)).toEqual({ code, message });
        expect((await read(`expenses/${request.id}`)).exists()).toBeFalse();
        expect((await read(`activity/${request.id}`)).exists()).toBeFalse();
        expect(await ledgerVersion()).toBe(before);
      }, SLOW_MS);
    }

    it('an unknown category: not found', async () => {
      const { request, answer } = await send('EXPENSE_RECORDING_REQUESTED', { expense: draft({ categoryId: `gone-${crypto.randomUUID()}` }) }, 'EXPENSE_RECORDED');
      expect(cause(answer)).toEqual({ code: 'not-found', message: 'That category no longer exists: someone may have deleted it. Choose another category.' });
      expect((await read(`expenses/${request.id}`)).exists()).toBeFalse();
    }, SLOW_MS);

    it('someone else\'s expense: only its recorder or an admin changes or deletes it', async () => {
      const expenseId = `spec-others-${crypto.randomUUID()}`;
      await setDoc(doc(ownerFirestore(), `expenses/${expenseId}`), toExpenseDoc(draft(), 'demo-admin'));
      const before = await ledgerVersion();
      const edit = await send('EXPENSE_UPDATE_REQUESTED', { expenseId, expense: draft({ amountMinor: 99_999_999 }) }, 'EXPENSE_UPDATED');
      const deletion = await send('EXPENSE_DELETION_REQUESTED', { expenseId }, 'EXPENSE_DELETED');
      for (const { request, answer } of [edit, deletion]) {
        expect(cause(answer)).toEqual({ code: 'permission-denied', message: recordOwnerOnly('expense') });
        expect((await read(`activity/${request.id}`)).exists()).toBeFalse();
      }
      const stored = await read(`expenses/${expenseId}`);
      expect(stored.get('amountMinor')).toBe(1_250);
      expect(stored.get('deleted')).toBeFalse();
      expect(await ledgerVersion()).toBe(before);
    }, SLOW_MS);

    it('an update of an expense that does not exist: not found', async () => {
      const expenseId = `missing-${crypto.randomUUID()}`;
      const before = await ledgerVersion();
      const { request, answer } = await send('EXPENSE_UPDATE_REQUESTED', { expenseId, expense: draft() }, 'EXPENSE_UPDATED');
      expect(cause(answer)).toEqual({ code: 'not-found', message: jasmine.stringContaining('That expense no longer exists') as unknown as string });
      expect((await read(`expenses/${expenseId}`)).exists()).toBeFalse();
      expect((await read(`activity/${request.id}`)).exists()).toBeFalse();
      expect(await ledgerVersion()).toBe(before);
    }, SLOW_MS);

    it('a deletion of an expense that does not exist: not found', async () => {
      const { answer } = await send('EXPENSE_DELETION_REQUESTED', { expenseId: `missing-${crypto.randomUUID()}` }, 'EXPENSE_DELETED');
      expect(cause(answer).code).toBe('not-found');
    }, SLOW_MS);

    it('an invalid update leaves the expense as it was', async () => {
      const expenseId = await record();
      const { answer } = await send('EXPENSE_UPDATE_REQUESTED', { expenseId, expense: draft({ amountMinor: -5 }) }, 'EXPENSE_UPDATED');
      expect(cause(answer)).toEqual({ code: 'invalid-argument', message: 'The amount must be more than zero.' });
      expect((await read(`expenses/${expenseId}`)).get('amountMinor')).toBe(1_250);
    }, SLOW_MS);
  });
});

function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return isoDate(next);
}

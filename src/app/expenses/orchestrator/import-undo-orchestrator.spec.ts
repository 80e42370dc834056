import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { IMPORT_ALREADY_UNDONE, IMPORT_UNDO_AUTHOR_ONLY, type DomainEvent, type EventType, type ExpenseDraft } from '@maestro/contracts';
import { deleteApp, type FirebaseApp } from 'firebase/app';
import { collection, doc, getDocFromServer, getDocsFromServer, query, serverTimestamp, updateDoc, where, writeBatch, type Firestore } from 'firebase/firestore';
import { firstValueFrom, race } from 'rxjs';
import { environment } from '../../../environments/environment.development';
import { createEmulatorApp, ownerFirestore, signInAsDemo } from '../../../testing/emulator-app';
import { Session, type SessionUser } from '../../core/auth/session';
import { APP_ENVIRONMENT } from '../../core/config/app-environment';
import { EventBus } from '../../core/events/event-bus';
import { EventFactory } from '../../core/events/event-factory';
import { FIREBASE_APP } from '../../core/firebase/firebase';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { LOGGER } from '../../core/logging/logger';
import { BalancesRepository } from '../data/balances-repository';
import { SpendingQueries } from '../data/summary-queries';
import { ImportOrchestrator } from './import-orchestrator';
import { ImportUndoOrchestrator } from './import-undo-orchestrator';

// Against the emulators and the real rules: an undo removes every row, balances and the summary
// come back exactly, it is logged once, and it is refused when it should be.

/** Several commits per spec against the shared emulator, which can take seconds per commit under load. */
const SLOW_EMULATOR_MS = 60_000;
describe('ImportUndoOrchestrator (emulator)', () => {
  const ROWS = 600; // two undo commits: 498 rows, then 102 with the "undone" entry and the ledger bump
  const run = `undo${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const accountId = `${run}-till`;
  const MONTH = '2002-02';
  let app: FirebaseApp;
  let bus: EventBus;
  let db: Firestore;
  let staff: SessionUser;
  let orchestrators: [ImportOrchestrator, ImportUndoOrchestrator];

  beforeAll(async () => {
    await writeBatch(ownerFirestore())
      .set(doc(ownerFirestore(), `accounts/${accountId}`), { name: `Undo spec ${run}`, type: 'cash', currency: 'USD', openingBalanceMinor: 50_000, archived: false, createdBy: 'spec' })
      .commit();
  });
  afterAll(async () => {
    await updateDoc(doc(ownerFirestore(), `accounts/${accountId}`), { archived: true });
  });

  beforeEach(async () => {
    const created = createEmulatorApp('import-undo-spec');
    app = created.app;
    const user = await signInAsDemo(created.auth, 'staff@maestro.test');
    staff = { uid: user.uid, email: user.email!, displayName: 'Sam', role: 'staff' };
    TestBed.configureTestingModule({
      providers: [
        { provide: FIREBASE_APP, useValue: app },
        { provide: APP_ENVIRONMENT, useValue: environment },
        { provide: Session, useValue: { user: signal<SessionUser | null>(staff), isAdmin: () => false } },
        { provide: LOGGER, useValue: { debug: () => undefined, warn: () => undefined, error: () => undefined } },
      ],
    });
    bus = TestBed.inject(EventBus);
    db = await TestBed.inject(FirestoreLoader).firestore();
    orchestrators = [TestBed.inject(ImportOrchestrator), TestBed.inject(ImportUndoOrchestrator)];
    orchestrators.forEach((o) => o.start());
  });

  afterEach(async () => {
    orchestrators.forEach((o) => o.destroy());
    TestBed.resetTestingModule();
    await deleteApp(app);
  });

  const drafts = (count: number): ExpenseDraft[] =>
    Array.from({ length: count }, (_, i) => ({
      accountId,
      categoryId: 'produce',
      amountMinor: 100 + i,
      currency: 'USD',
      date: `${MONTH}-1${i % 10}`,
      payee: `Undo spec ${run} ${i}`,
      note: '',
      tags: [],
    }));
  const rowsOf = async (importId: string) => (await getDocsFromServer(query(collection(db, 'expenses'), where('importId', '==', importId)))).docs;
  const entry = (id: string) => getDocFromServer(doc(ownerFirestore(), `activity/${id}`));
  const balanceFigures = async () => {
    const movements = (await TestBed.inject(BalancesRepository).movements([accountId])).get(accountId);
    const [month] = await TestBed.inject(SpendingQueries).monthTotals([MONTH], ['USD']);
    return { expensesMinor: movements?.expensesMinor, monthMinor: month?.totalMinor };
  };

  async function importRows(importId: string, count: number): Promise<void> {
    const answer = firstValueFrom(race(bus.on('EXPENSES_IMPORTED'), bus.on('EXPENSES_IMPORT_FAILED')));
    bus.emit(TestBed.inject(EventFactory).create('EXPENSES_IMPORT_REQUESTED', { importId, fileName: 'bank.csv', rows: drafts(count) }));
    const outcome = await answer;
    expect(outcome.type).withContext(JSON.stringify(outcome.payload)).toBe('EXPENSES_IMPORTED');
  }

  /** Sends an undo; resolves with its answer (done or failed). */
  function undo(importId: string): Promise<DomainEvent<'EXPENSES_IMPORT_UNDONE'> | DomainEvent<'EXPENSES_IMPORT_UNDO_FAILED'>> {
    const answer = firstValueFrom(race(bus.on('EXPENSES_IMPORT_UNDONE'), bus.on('EXPENSES_IMPORT_UNDO_FAILED')));
    bus.emit(TestBed.inject(EventFactory).create('EXPENSES_IMPORT_UNDO_REQUESTED', { importId }));
    return answer;
  }
  const failure = (outcome: { type: EventType; payload: unknown }) => (outcome.payload as { cause?: { message: string; code?: string } }).cause;

  it('removes every row in two commits, brings balances and the summary back, logs it once, refuses a second undo', async () => {
    const importId = `${run}-ok`;
    const before = await balanceFigures();
    await importRows(importId, ROWS);
    expect((await balanceFigures()).expensesMinor).toBe(before.expensesMinor! + ROWS * 100 + (ROWS * (ROWS - 1)) / 2);
    // One row edited since the import: removed too, and counted.
    await updateDoc(doc(ownerFirestore(), `expenses/${importId}-7`), { note: 'checked', updatedAt: serverTimestamp() });

    const done = await undo(importId);
    expect(done.type).withContext(JSON.stringify(failure(done))).toBe('EXPENSES_IMPORT_UNDONE');
    expect(done.payload).toEqual(jasmine.objectContaining({ importId, count: ROWS, edited: 1 }));

    const rows = await rowsOf(importId);
    expect(rows.length).toBe(ROWS);
    expect(rows.filter((r) => r.get('deleted') !== true).length).toBe(0);
    expect(await balanceFigures()).toEqual(before);
    const undone = await entry(`undone-${importId}`);
    expect(undone.get('action')).toBe('EXPENSES_IMPORT_UNDONE');
    expect(undone.get('subject')).toEqual({ type: 'import', id: importId });
    expect(undone.get('actorUid')).toBe(staff.uid);
    expect(undone.get('changes.count')).toEqual({ from: ROWS, to: 0 });
    expect((await entry(`undo-${(done as DomainEvent).causationId}-chunk-1`)).get('action')).toBe('EXPENSES_IMPORT_UNDO_CHUNK_WRITTEN');

    const again = await undo(importId);
    expect(again.type).toBe('EXPENSES_IMPORT_UNDO_FAILED');
    expect(failure(again)).toEqual({ code: 'already-undone', message: IMPORT_ALREADY_UNDONE });
  }, 180_000);

  it('refuses a staff member who did not write the import, and changes nothing', async () => {
    const importId = `${run}-theirs`;
    const batch = writeBatch(ownerFirestore());
    drafts(3).forEach((draft, i) =>
      batch.set(doc(ownerFirestore(), `expenses/${importId}-${i + 1}`), {
        ...draft, month: MONTH, keywords: [], deleted: false, createdBy: 'someone-else', updatedBy: 'someone-else', importId,
        createdAt: serverTimestamp(), updatedAt: serverTimestamp(), auditId: `${importId}-chunk-1`,
      }),
    );
    await batch.commit();
    const before = await balanceFigures();

    const refused = await undo(importId);
    expect(refused.type).toBe('EXPENSES_IMPORT_UNDO_FAILED');
    expect(failure(refused)).toEqual({ code: 'permission-denied', message: IMPORT_UNDO_AUTHOR_ONLY });
    expect((await rowsOf(importId)).every((r) => r.get('deleted') === false)).toBeTrue();
    expect(await balanceFigures()).toEqual(before);
    expect((await entry(`undone-${importId}`)).exists()).toBeFalse();
  }, SLOW_EMULATOR_MS);

  it('puts every row back when a later commit of the undo is refused: all or nothing', async () => {
    const importId = `${run}-half`;
    await importRows(importId, ROWS);
    const before = await balanceFigures();
    // A row of the second commit that this member may not change (as if someone else's): the rules refuse that commit.
    await updateDoc(doc(ownerFirestore(), `expenses/${importId}-550`), { createdBy: 'someone-else' });

    const failed = await undo(importId);
    expect(failed.type).toBe('EXPENSES_IMPORT_UNDO_FAILED');
    expect(failure(failed)?.message).toContain('Nothing was removed');
    expect((await rowsOf(importId)).filter((r) => r.get('deleted') !== false).length).toBe(0);
    expect(await balanceFigures()).toEqual(before);
    expect((await entry(`undone-${importId}`)).exists()).toBeFalse();
    expect((await entry(`undo-${(failed.payload as { failedEvent: DomainEvent }).failedEvent.id}-rollback`)).get('action')).toBe('EXPENSES_IMPORT_UNDO_ROLLED_BACK');

    // Once the row is the author's again, the undo goes through.
    await updateDoc(doc(ownerFirestore(), `expenses/${importId}-550`), { createdBy: staff.uid });
    expect((await undo(importId)).type).toBe('EXPENSES_IMPORT_UNDONE');
  }, 180_000);
});

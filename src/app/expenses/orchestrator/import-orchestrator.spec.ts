import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { DomainEvent, EventType, ExpenseDraft } from '@maestro/contracts';
import { deleteApp, type FirebaseApp } from 'firebase/app';
import { collection, deleteDoc, doc, getDocFromServer, getDocsFromServer, query, setDoc, where, writeBatch, type Firestore } from 'firebase/firestore';
import { firstValueFrom, take } from 'rxjs';
import { environment } from '../../../environments/environment.development';
import { createEmulatorApp, ownerFirestore, signInAsDemo } from '../../../testing/emulator-app';
import { Session, type SessionUser } from '../../core/auth/session';
import { APP_ENVIRONMENT } from '../../core/config/app-environment';
import { EventBus } from '../../core/events/event-bus';
import { EventFactory } from '../../core/events/event-factory';
import { FIREBASE_APP } from '../../core/firebase/firebase';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { LOGGER } from '../../core/logging/logger';
import { BatchOperationError } from '../../core/persistence/batch-write';
import { ImportOrchestrator, describeFailure } from './import-orchestrator';

// Against the real Firestore and Auth emulators and the real rules: all or nothing, for real.
describe('ImportOrchestrator (emulator)', () => {
  const ROWS = 1_200; // three chunks of 498, 498 and 204 rows, each with its activity entry (the last also the ledger bump)
  let app: FirebaseApp;
  let bus: EventBus;
  let db: Firestore;
  let orchestrator: ImportOrchestrator;
  let staff: SessionUser;
  const run = `spec${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

  beforeEach(async () => {
    const created = createEmulatorApp('import-spec');
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
    orchestrator = TestBed.inject(ImportOrchestrator);
    orchestrator.start();
  });

  afterEach(async () => {
    orchestrator.destroy();
    TestBed.resetTestingModule();
    await deleteApp(app);
  });

  const next = <K extends EventType>(type: K) => firstValueFrom(bus.on(type));
  const rows = (count: number, accountOf: (i: number) => string = () => 'cash-register'): ExpenseDraft[] =>
    Array.from({ length: count }, (_, i) => ({
      accountId: accountOf(i),
      categoryId: 'produce',
      amountMinor: 100 + i,
      currency: 'USD',
      date: `2019-0${1 + (i % 9)}-1${i % 10}`,
      payee: `Spec ${run} ${i}`,
      note: '',
      tags: ['spec'],
    }));
  const rowsOf = async (importId: string) => (await getDocsFromServer(query(collection(db, 'expenses'), where('importId', '==', importId)))).docs;
  const ledgerVersion = async () => ((await getDocFromServer(doc(db, 'metadata/ledger'))).get('version') as number | undefined) ?? 0;
  /** Clean-up as the emulator's owner: no client may hard-delete rows outside a rollback. */
  async function removeRows(importId: string) {
    const docs = await rowsOf(importId);
    const owner = ownerFirestore();
    for (let i = 0; i < docs.length; i += 500) {
      const batch = writeBatch(owner);
      docs.slice(i, i + 500).forEach((d) => batch.delete(doc(owner, d.ref.path)));
      await batch.commit();
    }
  }
  const logEntry = (id: string) => getDocFromServer(doc(ownerFirestore(), `activity/${id}`));

  function request(importId: string, drafts: ExpenseDraft[]): DomainEvent<'EXPENSES_IMPORT_REQUESTED'> {
    const event = TestBed.inject(EventFactory).create('EXPENSES_IMPORT_REQUESTED', { importId, fileName: 'march.csv', rows: drafts });
    bus.emit(event);
    return event;
  }

  function progressOf(importId: string): number[] {
    const written: number[] = [];
    bus.on('EXPENSES_IMPORT_PROGRESSED').subscribe(({ payload }) => {
      if (payload.importId === importId) written.push(payload.written);
    });
    return written;
  }

  it('writes every row in several chunks, each with its activity entry, and one ledger bump', async () => {
    const importId = `${run}-ok`;
    const versionBefore = await ledgerVersion();
    const progress = progressOf(importId);
    const imported = next('EXPENSES_IMPORTED');
    const event = request(importId, rows(ROWS));
    try {
      const done = await imported;
      expect(done.payload).toEqual({ importId, count: ROWS });
      expect(done.causationId).toBe(event.id);
      expect(progress).toEqual([498, 996, 1_200]);

      const docs = await rowsOf(importId);
      expect(docs.length).toBe(ROWS);
      const first = (await getDocFromServer(doc(db, `expenses/${importId}-1`))).data();
      expect(first).toEqual(
        jasmine.objectContaining({ accountId: 'cash-register', amountMinor: 100, month: '2019-01', importId, createdBy: staff.uid, deleted: false, auditId: `${importId}-chunk-1` }),
      );
      for (const [n, rows] of [[1, '1–498'], [2, '499–996']] as const) {
        const chunk = await logEntry(`${importId}-chunk-${n}`);
        expect(chunk.get('action')).toBe('EXPENSES_IMPORT_CHUNK_WRITTEN');
        expect(chunk.get('changes.rows')).toEqual({ from: null, to: rows });
        expect(chunk.get('correlationId')).toBe(event.correlationId);
      }
      expect((await getDocFromServer(doc(db, `expenses/${importId}-${ROWS}`))).get('auditId')).toBe(event.id);
      const entry = await getDocFromServer(doc(db, `activity/${event.id}`));
      expect(entry.get('action')).toBe('EXPENSES_IMPORTED');
      expect(entry.get('subject')).toEqual({ type: 'import', id: importId });
      expect(entry.get('changes.count')).toEqual({ from: null, to: ROWS });
      expect(entry.get('changes.fileName')).toEqual({ from: null, to: 'march.csv' });
      // Other specs may bump the ledger meanwhile: at least ours.
      expect(await ledgerVersion()).toBeGreaterThanOrEqual(versionBefore + 1);
    } finally {
      await removeRows(importId);
    }
  }, 120_000);

  it('imports rows spread over more accounts than the rules may read in one commit', async () => {
    // The rules read each row's account and category and the chunk's entry, at most 20 distinct
    // documents per commit: 40 accounts interleaved row by row would be refused in one chunk of 500
    // unless the plan splits it. (Open accounts: the rules refuse new expenses on archived ones.)
    const accounts = Array.from({ length: 40 }, (_, i) => `${run}-acct-${i}`);
    const setup = writeBatch(ownerFirestore());
    for (const id of accounts) {
      setup.set(doc(ownerFirestore(), `accounts/${id}`), { name: `Spec ${id}`, type: 'bank', currency: 'USD', openingBalanceMinor: 0, archived: false, createdBy: staff.uid });
    }
    await setup.commit();
    const importId = `${run}-accounts`;
    const progress = progressOf(importId);
    const imported = next('EXPENSES_IMPORTED');
    const failed = next('EXPENSES_IMPORT_FAILED');
    request(importId, rows(600, (i) => accounts[i % accounts.length]!));
    try {
      const outcome = await Promise.race([imported, failed]);
      expect(outcome.type).withContext(JSON.stringify(outcome.payload)).toBe('EXPENSES_IMPORTED');
      expect((await rowsOf(importId)).length).toBe(600);
      // 17 accounts (and the one category) per chunk at most: 600 rows over 40 accounts take 36 chunks.
      expect(progress.length).toBeGreaterThanOrEqual(36);
      expect(progress[progress.length - 1]).toBe(600);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
    } finally {
      await removeRows(importId);
      await removeAccounts(accounts);
    }
  }, 120_000);

  /** Clean up as the emulator's owner, so later suites never see these. */
  async function removeAccounts(ids: string[]) {
    const batch = writeBatch(ownerFirestore());
    for (const id of ids) batch.delete(doc(ownerFirestore(), `accounts/${id}`));
    await batch.commit();
  }

  it('rolls back every chunk when the rules refuse the last one: the rows go, the log says so', async () => {
    const importId = `${run}-refused`;
    const accountId = `spec-${run}-doomed`;
    await setDoc(doc(ownerFirestore(), `accounts/${accountId}`), { name: 'Doomed', type: 'cash', currency: 'USD', openingBalanceMinor: 0, archived: false, createdBy: staff.uid });
    // Only the last chunk's rows use the account; it is deleted once the first chunk is in.
    let deleted: Promise<void> | undefined;
    bus.on('EXPENSES_IMPORT_PROGRESSED').subscribe(() => (deleted ??= deleteDoc(doc(ownerFirestore(), `accounts/${accountId}`))));
    let imported = false;
    bus.on('EXPENSES_IMPORTED').subscribe(() => (imported = true));
    const failed = next('EXPENSES_IMPORT_FAILED');
    try {
      const event = request(importId, rows(ROWS, (i) => (i >= 1_000 ? accountId : 'cash-register')));
      const failure = await failed;
      await deleted;

      expect(failure.payload.failedEvent.id).toBe(event.id);
      expect(failure.payload.rolledBack).toBeTrue();
      expect(failure.payload.cause.code).toBe('permission-denied');
      expect(failure.payload.cause.message).toMatch(/^Import failed at rows 997–1,200: the database refused them/);
      expect(failure.payload.cause.message).toContain('Nothing was imported: the 996 rows already written were removed.');
      expect(imported).toBeFalse();
      expect((await rowsOf(importId)).length).toBe(0);
      expect((await logEntry(event.id)).exists()).withContext('never "imported"').toBeFalse();
      // The log is append-only: the chunks written stay logged, and the rollback is logged after them.
      expect((await logEntry(`${importId}-chunk-1`)).get('action')).toBe('EXPENSES_IMPORT_CHUNK_WRITTEN');
      const rollback = await logEntry(`rollback-${importId}`);
      expect(rollback.get('action')).toBe('EXPENSES_IMPORT_ROLLED_BACK');
      expect(rollback.get('actorUid')).toBe(staff.uid);
      expect(rollback.get('correlationId')).toBe(event.correlationId);
    } finally {
      await removeRows(importId);
    }
  }, 120_000);

  it('removes what it wrote when cancelled midway', async () => {
    const importId = `${run}-cancelled`;
    const progress = progressOf(importId);
    // Cancel at the first progress. The factory is taken now and the subscription ends with the
    // test: a progress event after it must not build a new TestBed under the next spec.
    const events = TestBed.inject(EventFactory);
    const cancelling = bus
      .on('EXPENSES_IMPORT_PROGRESSED')
      .pipe(take(1))
      .subscribe(() => bus.emit(events.create('EXPENSES_IMPORT_CANCELLATION_REQUESTED', { importId })));
    const failed = next('EXPENSES_IMPORT_FAILED');
    try {
      const event = request(importId, rows(ROWS));
      const failure = await failed;

      expect(progress[0]).toBe(498);
      expect(failure.payload.cause).toEqual({ code: 'cancelled', message: 'Import cancelled; nothing was imported.' });
      expect(failure.payload.rolledBack).toBeTrue();
      expect((await rowsOf(importId)).length).toBe(0);
      expect((await logEntry(event.id)).exists()).toBeFalse();
      expect((await logEntry(`rollback-${importId}`)).get('action')).toBe('EXPENSES_IMPORT_ROLLED_BACK');
    } finally {
      cancelling.unsubscribe();
      await removeRows(importId);
    }
  }, 120_000);

  it('refuses invalid rows before writing anything, naming them', async () => {
    const importId = `${run}-invalid`;
    const drafts = rows(3);
    drafts[1] = { ...drafts[1]!, amountMinor: 0 };
    const failed = next('EXPENSES_IMPORT_FAILED');
    request(importId, drafts);
    const failure = await failed;

    expect(failure.payload.cause.code).toBe('invalid-argument');
    expect(failure.payload.cause.message).toBe('Row 2: The amount must be more than zero. Nothing was imported.');
    expect(failure.payload.rolledBack).toBeTrue();
    expect((await getDocFromServer(doc(db, `expenses/${importId}-1`))).exists()).toBeFalse();
    expect(orchestrator.running()).toBeTrue(); // and it lives on for the next import
  });
});

describe('ImportOrchestrator failure messages', () => {
  const state = { chunks: [{ from: 1, to: 500 }, { from: 501, to: 1_000 }, { from: 1_001, to: 1_200 }], written: 1_000, total: 1_200 };
  const refused = Object.assign(new Error('Missing or insufficient permissions.'), { code: 'permission-denied' });

  it('says exactly which rows the rollback could not remove', () => {
    const error = new BatchOperationError(
      {
        reason: 'commit-failed',
        chunk: 3,
        chunksTotal: 3,
        chunksCommitted: 2,
        rollback: {
          status: 'incomplete',
          restored: 998,
          unrestored: [
            { path: 'expenses/imp-7', cause: refused },
            { path: 'expenses/imp-9', cause: refused },
          ],
        },
      },
      refused,
    );
    expect(describeFailure(error, state)).toEqual({
      cause: {
        code: 'rollback-incomplete',
        message:
          'Import failed (the database refused them (an account or category they use may have been deleted or changed meanwhile, or your sign-in expired)), and removing the rows already written did not fully succeed: 2 rows could not be removed (expenses/imp-7, expenses/imp-9). Delete them or ask an admin before importing again.',
      },
      rolledBack: false,
    });
  });

  it('warns that a single-chunk import that timed out may still land', () => {
    const error = new BatchOperationError(
      { reason: 'commit-timeout', chunk: 1, chunksTotal: 1, chunksCommitted: 0, rollback: { status: 'commit-may-still-apply' } },
      new Error('no answer'),
    );
    const failure = describeFailure(error, { chunks: [{ from: 1, to: 20 }], written: 0, total: 20 });
    expect(failure.rolledBack).toBeFalse();
    expect(failure.cause.message).toContain('may still be applied, in full or not at all');
  });
});

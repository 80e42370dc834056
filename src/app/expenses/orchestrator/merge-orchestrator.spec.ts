import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MERGE_ADMIN_ONLY, type DomainEvent } from '@maestro/contracts';
import { deleteApp, type FirebaseApp } from 'firebase/app';
import { collection, doc, getDocFromServer, getDocsFromServer, query, serverTimestamp, setDoc, where, writeBatch, type Firestore } from 'firebase/firestore';
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
import { MergeOrchestrator } from './merge-orchestrator';

// Against the emulators and the real rules: a merge of two same-named accounts moves every expense
// and transfer (two commits for 600 expenses), the survivor's balance is the sum of both, and a
// merge whose last commit is refused puts everything back as it was.

type Answer = DomainEvent<'DUPLICATES_MERGED'> | DomainEvent<'DUPLICATES_MERGE_FAILED'>;

describe('MergeOrchestrator (emulator)', () => {
  const EXPENSES = 600; // two commits: 499 moves, then 101 with the rest
  let run = '';
  let app: FirebaseApp;
  let bus: EventBus;
  let db: Firestore;
  let orchestrator: MergeOrchestrator;

  async function start(admin: boolean): Promise<void> {
    const created = createEmulatorApp('merge-spec');
    app = created.app;
    const user = await signInAsDemo(created.auth, admin ? 'admin@maestro.test' : 'staff@maestro.test');
    const member: SessionUser = { uid: user.uid, email: user.email!, displayName: 'Alex', role: admin ? 'admin' : 'staff' };
    TestBed.configureTestingModule({
      providers: [
        { provide: FIREBASE_APP, useValue: app },
        { provide: APP_ENVIRONMENT, useValue: environment },
        { provide: Session, useValue: { user: signal<SessionUser | null>(member), isAdmin: () => admin } },
        { provide: LOGGER, useValue: { debug: () => undefined, warn: () => undefined, error: () => undefined } },
      ],
    });
    bus = TestBed.inject(EventBus);
    db = await TestBed.inject(FirestoreLoader).firestore();
    orchestrator = TestBed.inject(MergeOrchestrator);
    orchestrator.start();
  }

  /** Two “Merge spec” cash registers (one with 600 expenses), a bank, a transfer out of each and one between them. */
  beforeEach(async () => {
    run = `merge${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const owner = ownerFirestore();
    const account = (name: string, openingBalanceMinor: number, auditId = 'seeded') => ({
      name, type: 'cash', currency: 'USD', openingBalanceMinor, archived: false, createdBy: 'spec', auditId,
    });
    const transfer = (fromAccountId: string, toAccountId: string, sentMinor: number) => ({
      fromAccountId, toAccountId, sentMinor, sentCurrency: 'USD', receivedMinor: sentMinor, receivedCurrency: 'USD',
      date: '2002-03-01', month: '2002-03', note: '', deleted: false, createdBy: 'spec', createdAt: serverTimestamp(), auditId: 'seeded',
    });
    let batch = writeBatch(owner)
      .set(doc(owner, `accounts/${run}-a`), account(`Merge spec ${run}`, 10_000))
      .set(doc(owner, `accounts/${run}-b`), account(`merge SPEC ${run}`, 2_500, `${run}-made`))
      .set(doc(owner, `accounts/${run}-bank`), account(`Merge spec bank ${run}`, 0))
      .set(doc(owner, `transfers/${run}-out`), transfer(`${run}-b`, `${run}-bank`, 700))
      .set(doc(owner, `transfers/${run}-between`), transfer(`${run}-a`, `${run}-b`, 300));
    for (let i = 0; i < EXPENSES; i++) {
      if (i === 400) {
        await batch.commit();
        batch = writeBatch(owner);
      }
      batch.set(doc(owner, `expenses/${run}-e${i}`), {
        accountId: `${run}-b`, categoryId: 'produce', amountMinor: 10, currency: 'USD', date: '2002-03-02', month: '2002-03',
        payee: `Merge spec ${run}`, note: '', tags: [], keywords: [], deleted: false, createdBy: 'spec', updatedBy: 'spec',
        createdAt: serverTimestamp(), updatedAt: serverTimestamp(), auditId: 'seeded',
      });
    }
    await batch.commit();
  }, 120_000);

  afterEach(async () => {
    // Gone again, so no duplicates of this run's stay in the admins' banner.
    const owner = ownerFirestore();
    const rows = await getDocsFromServer(query(collection(owner, 'expenses'), where('payee', '==', `Merge spec ${run}`)));
    for (let i = 0; i < rows.docs.length; i += 400) {
      const batch = writeBatch(owner);
      rows.docs.slice(i, i + 400).forEach((row) => batch.delete(row.ref));
      await batch.commit();
    }
    const batch = writeBatch(owner);
    for (const id of ['a', 'b', 'bank']) batch.delete(doc(owner, `accounts/${run}-${id}`));
    for (const id of ['out', 'between']) batch.delete(doc(owner, `transfers/${run}-${id}`));
    await batch.commit();
    orchestrator?.destroy();
    TestBed.resetTestingModule();
    if (app) await deleteApp(app);
    // Deleting 600 expenses outlasts Jasmine's 5 s default on a loaded machine.
  }, 60_000);

  const merge = (survivorId: string, otherIds: string[]): Promise<Answer> => {
    const answer = firstValueFrom(race(bus.on('DUPLICATES_MERGED'), bus.on('DUPLICATES_MERGE_FAILED')));
    bus.emit(TestBed.inject(EventFactory).create('DUPLICATES_MERGE_REQUESTED', { kind: 'account', survivorId, otherIds }));
    return answer;
  };
  const balances = async (ids: string[]) => {
    const movements = await TestBed.inject(BalancesRepository).movements(ids);
    const opening = await Promise.all(ids.map(async (id) => ((await getDocFromServer(doc(db, `accounts/${id}`))).get('openingBalanceMinor') as number | undefined) ?? 0));
    return ids.map((id, i) => {
      const m = movements.get(id)!;
      return opening[i]! - m.expensesMinor + m.receivedMinor - m.sentMinor;
    });
  };
  const onAccount = async (accountId: string) => (await getDocsFromServer(query(collection(db, 'expenses'), where('accountId', '==', accountId)))).size;
  const why = (answer: Answer) => JSON.stringify((answer.payload as { cause?: unknown }).cause ?? '');

  it('moves every expense and transfer in two commits; the survivor’s balance is the sum of both, the bank’s unchanged', async () => {
    await start(true);
    const [a, b, bank] = await balances([`${run}-a`, `${run}-b`, `${run}-bank`]);
    const progress: number[] = [];
    const watching = bus.on('DUPLICATES_MERGE_PROGRESSED').subscribe((e) => progress.push(e.payload.written));

    const answer = await merge(`${run}-a`, [`${run}-b`]);
    watching.unsubscribe();
    expect(answer.type).withContext(why(answer)).toBe('DUPLICATES_MERGED');
    expect((answer as DomainEvent<'DUPLICATES_MERGED'>).payload.moved).toEqual({ expenses: EXPENSES, transfers: 1, transfersRemoved: 1 });
    expect(progress.at(-1)).toBeGreaterThan(EXPENSES);

    expect(await balances([`${run}-a`, `${run}-bank`])).toEqual([a! + b!, bank!]);
    expect(await onAccount(`${run}-a`)).toBe(EXPENSES);
    expect(await onAccount(`${run}-b`)).toBe(0);
    expect((await getDocFromServer(doc(db, `accounts/${run}-b`))).exists()).toBeFalse();
    expect((await getDocFromServer(doc(db, `transfers/${run}-out`))).get('fromAccountId')).toBe(`${run}-a`);
    expect((await getDocFromServer(doc(db, `transfers/${run}-between`))).get('deleted')).toBeTrue();
    const head = await getDocFromServer(doc(ownerFirestore(), `activity/merge-${answer.causationId}`));
    expect(head.get('action')).toBe('ACCOUNTS_MERGED');
    expect(head.get('subject')).toEqual({ type: 'account', id: `${run}-a` });
    expect(head.get('changes.moved.to')).toBe('600 expenses, 1 transfer moved; 1 transfer between them removed');
    expect((await getDocFromServer(doc(ownerFirestore(), `activity/merge-${answer.causationId}-chunk-1`))).get('action')).toBe('ACCOUNT_MERGE_CHUNK_WRITTEN');
  }, 240_000);

  it('puts everything back when its last commit is refused: all or nothing', async () => {
    await start(true);
    const before = await balances([`${run}-a`, `${run}-b`, `${run}-bank`]);
    // The deletion entry the last commit writes for the other account exists already: the log is
    // append-only, so the rules refuse that commit after the first one has moved 499 expenses.
    await setDoc(doc(ownerFirestore(), `activity/del-${run}-b-${run}-made`), { action: 'IN_THE_WAY' });

    const answer = await merge(`${run}-a`, [`${run}-b`]);
    expect(answer.type).toBe('DUPLICATES_MERGE_FAILED');
    expect(why(answer)).toContain('Nothing was changed');
    expect(await balances([`${run}-a`, `${run}-b`, `${run}-bank`])).toEqual(before);
    expect(await onAccount(`${run}-b`)).toBe(EXPENSES);
    expect(await onAccount(`${run}-a`)).toBe(0);
    expect((await getDocFromServer(doc(db, `transfers/${run}-between`))).get('deleted')).toBeFalse();
    const failedId = (answer.payload as { failedEvent: DomainEvent }).failedEvent.id;
    expect((await getDocFromServer(doc(ownerFirestore(), `activity/merge-${failedId}`))).exists()).toBeFalse();
    expect((await getDocFromServer(doc(ownerFirestore(), `activity/merge-${failedId}-rollback`))).get('action')).toBe('ACCOUNT_MERGE_ROLLED_BACK');
  }, 240_000);

  it('refuses staff in words and changes nothing', async () => {
    await start(false);
    const answer = await merge(`${run}-a`, [`${run}-b`]);
    expect(answer.type).toBe('DUPLICATES_MERGE_FAILED');
    expect(why(answer)).toContain(MERGE_ADMIN_ONLY);
    expect(await onAccount(`${run}-b`)).toBe(EXPENSES);
  }, 60_000);

  it('refuses accounts that are not duplicates, naming them', async () => {
    await start(true);
    const answer = await merge(`${run}-a`, [`${run}-bank`]);
    expect(answer.type).toBe('DUPLICATES_MERGE_FAILED');
    expect(why(answer)).toContain(`“Merge spec bank ${run}” is not a duplicate`);
  }, 60_000);
});

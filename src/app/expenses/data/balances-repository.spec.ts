import { TestBed } from '@angular/core/testing';
import { toExpenseDoc, type TransferDraft } from '@maestro/contracts';
import { deleteApp, type FirebaseApp } from 'firebase/app';
import { doc, increment, serverTimestamp, updateDoc, writeBatch, type Firestore } from 'firebase/firestore';
import { filter, firstValueFrom, map, timeout } from 'rxjs';
import { environment } from '../../../environments/environment.development';
import { APP_ENVIRONMENT } from '../../core/config/app-environment';
import { FIREBASE_APP } from '../../core/firebase/firebase';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { createEmulatorApp, emulatorFirestore, ownerFirestore, signInAsDemo } from '../../../testing/emulator-app';
import { BalancesRepository } from './balances-repository';

/** A browser of its own: a Firebase app signed in as a demo user. */
interface Writer {
  db: Firestore;
  uid: string;
}

// Two users write to the same accounts at the same time; the derived balance must still be exact.
describe('BalancesRepository (emulator, two browsers at once)', () => {
  const run = Math.random().toString(36).slice(2, 8);
  const id = (name: string) => `bal-${run}-${name}`;
  // Dated 2001: out of every chart and budget of the months people look at.
  const DATE = '2001-01-15';
  let apps: FirebaseApp[];
  let staff: Writer;
  let admin: Writer;
  let repository: BalancesRepository;
  let serial = 0;

  beforeAll(async () => {
    const staffApp = createEmulatorApp('balances-staff');
    const adminApp = createEmulatorApp('balances-admin');
    apps = [staffApp.app, adminApp.app];
    const [staffUser, adminUser] = await Promise.all([
      signInAsDemo(staffApp.auth, 'staff@maestro.test'),
      signInAsDemo(adminApp.auth, 'admin@maestro.test'),
    ]);
    TestBed.configureTestingModule({
      providers: [
        { provide: FIREBASE_APP, useValue: staffApp.app },
        { provide: APP_ENVIRONMENT, useValue: environment },
      ],
    });
    // The repository reads through the staff app's Firestore, the one the app itself would use.
    staff = { db: await TestBed.inject(FirestoreLoader).firestore(), uid: staffUser.uid };
    admin = { db: emulatorFirestore(adminApp.app), uid: adminUser.uid };
    repository = TestBed.inject(BalancesRepository);

    const account = (name: string, currency: string, openingBalanceMinor: number) => ({
      name: `Balance spec ${name}`, type: 'bank', currency, openingBalanceMinor, archived: false, createdBy: staff.uid,
    });
    await writeBatch(ownerFirestore())
      .set(doc(ownerFirestore(), `accounts/${id('a')}`), account('A', 'USD', 100_000))
      .set(doc(ownerFirestore(), `accounts/${id('b')}`), account('B', 'USD', 5_000))
      .set(doc(ownerFirestore(), `accounts/${id('eur')}`), account('EUR', 'EUR', 0))
      .set(doc(ownerFirestore(), `accounts/${id('live')}`), account('Live', 'USD', 5_000))
      .commit();
  });

  afterAll(async () => {
    // Archived, so the fixtures do not crowd anyone's accounts page.
    const batch = writeBatch(ownerFirestore());
    for (const name of ['a', 'b', 'eur', 'live']) batch.update(doc(ownerFirestore(), `accounts/${id(name)}`), { archived: true });
    await batch.commit();
    TestBed.resetTestingModule();
    await Promise.all(apps.map((app) => deleteApp(app)));
  });

  /**
   * An expense and the ledger bump in one batch. Written as the emulator's owner: what is measured
   * here is the derivation under concurrent writes; the rules' audit checks have specs of their own.
   */
  async function recordExpense(writer: Writer, accountId: string, amountMinor: number, currency = 'USD'): Promise<string> {
    const expenseId = id(`e${serial++}`);
    const expense = toExpenseDoc({ accountId, categoryId: 'balance-spec', amountMinor, currency, date: DATE, payee: 'Spec', note: '', tags: [] }, writer.uid);
    await writeBatch(ownerFirestore())
      .set(doc(ownerFirestore(), `expenses/${expenseId}`), { ...expense, createdAt: serverTimestamp(), updatedAt: serverTimestamp() })
      .set(doc(ownerFirestore(), 'metadata/ledger'), { version: increment(1) }, { merge: true })
      .commit();
    return expenseId;
  }

  async function recordTransfer(writer: Writer, draft: Omit<TransferDraft, 'date' | 'note'>): Promise<string> {
    const transferId = id(`t${serial++}`);
    await writeBatch(ownerFirestore())
      .set(doc(ownerFirestore(), `transfers/${transferId}`), {
        ...draft, date: DATE, month: DATE.slice(0, 7), note: '', deleted: false, createdBy: writer.uid, updatedBy: writer.uid, createdAt: serverTimestamp(),
      })
      .set(doc(ownerFirestore(), 'metadata/ledger'), { version: increment(1) }, { merge: true })
      .commit();
    return transferId;
  }

  const softDelete = (writer: Writer, path: string) =>
    writeBatch(ownerFirestore())
      .update(doc(ownerFirestore(), path), { deleted: true, updatedBy: writer.uid, updatedAt: serverTimestamp() })
      .set(doc(ownerFirestore(), 'metadata/ledger'), { version: increment(1) }, { merge: true })
      .commit();

  it('derives exact balances after many concurrent expenses and transfers, not counting deleted ones', async () => {
    const expected = new Map([[id('a'), 100_000], [id('b'), 5_000], [id('eur'), 0]]);
    const move = (accountId: string, delta: number) => expected.set(accountId, expected.get(accountId)! + delta);

    // Both writers at once: 2 × (8 expenses, a transfer each way, one to EUR, an EUR expense) in flight together.
    // (Kept small: Karma drops a browser that reports nothing for 60 s, and the emulator is shared.)
    const work = [staff, admin].flatMap((writer, w) => [
      ...Array.from({ length: 8 }, (_, i) => {
        const accountId = i % 3 === 0 ? id('b') : id('a');
        const amount = 101 + i * 37 + w * 1_000;
        move(accountId, -amount);
        return recordExpense(writer, accountId, amount);
      }),
      ...Array.from({ length: 2 }, (_, i) => {
        const [from, to] = i % 2 ? [id('a'), id('b')] : [id('b'), id('a')];
        const amount = 2_500 + i * 11 + w;
        move(from, -amount);
        move(to, amount);
        return recordTransfer(writer, { fromAccountId: from, toAccountId: to, sentMinor: amount, sentCurrency: 'USD', receivedMinor: amount, receivedCurrency: 'USD' });
      }),
      // Between currencies the legs differ: USD leaves A, EUR arrives (no invented rate).
      ...[w].map((i) => {
        move(id('a'), -(10_000 + i));
        move(id('eur'), 9_200 + i);
        return recordTransfer(writer, {
          fromAccountId: id('a'), toAccountId: id('eur'), sentMinor: 10_000 + i, sentCurrency: 'USD', receivedMinor: 9_200 + i, receivedCurrency: 'EUR',
        });
      }),
      recordExpense(writer, id('eur'), 1_234 + w, 'EUR').then((expenseId) => (move(id('eur'), -(1_234 + w)), expenseId)),
    ]);
    await Promise.all(work);

    // Deleted rows stop counting, whoever deletes them and whoever recorded them.
    const doomedExpense = await recordExpense(staff, id('a'), 99_999);
    const doomedTransfer = await recordTransfer(admin, {
      fromAccountId: id('b'), toAccountId: id('a'), sentMinor: 77_777, sentCurrency: 'USD', receivedMinor: 77_777, receivedCurrency: 'USD',
    });
    await Promise.all([softDelete(admin, `expenses/${doomedExpense}`), softDelete(staff, `transfers/${doomedTransfer}`)]);

    const movements = await repository.movements([...expected.keys()]);
    const balances = await firstValueFrom(
      repository.watchBalances().pipe(
        map((accounts) => accounts.filter((account) => expected.has(account.id))),
        filter((accounts) => accounts.length === 3 && accounts.every((account) => account.balance.state === 'ready')),
        timeout(40_000),
      ),
    );
    for (const account of balances) {
      expect(account.balance).withContext(account.name).toEqual({ state: 'ready', balanceMinor: expected.get(account.id)! });
    }
    expect(movements.get(id('eur'))).toEqual({ expensesMinor: 1_234 + 1_235, receivedMinor: 9_200 + 9_201, sentMinor: 0 });
  }, 58_000);

  it('follows the ledger: a change in another browser shows without reloading', async () => {
    const liveBalance = repository.watchBalances().pipe(
      map((accounts) => accounts.find((account) => account.id === id('live'))?.balance),
      filter((balance) => balance?.state === 'ready'),
      map((balance) => (balance as { balanceMinor: number }).balanceMinor),
    );
    const values: number[] = [];
    const subscription = liveBalance.subscribe((value) => values.push(value));
    try {
      await waitFor(() => values.length > 0, 20_000);
      const before = values[values.length - 1]!;
      expect(before).toBe(5_000);

      const expenseId = await recordExpense(admin, id('live'), 4_321);
      await waitFor(() => values[values.length - 1] === before - 4_321);
      // An opening balance edit is on the account itself: no ledger read needed to show it.
      await updateDoc(doc(ownerFirestore(), `accounts/${id('live')}`), { openingBalanceMinor: 6_000 });
      await waitFor(() => values[values.length - 1] === before - 4_321 + 1_000);
      await softDelete(staff, `expenses/${expenseId}`);
      await waitFor(() => values[values.length - 1] === before + 1_000);
    } finally {
      subscription.unsubscribe();
    }
  }, 58_000);
});

async function waitFor(condition: () => boolean, ms = 15_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > ms) throw new Error('timed out waiting for the balance to follow');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

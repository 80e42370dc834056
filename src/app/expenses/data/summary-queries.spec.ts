import { TestBed } from '@angular/core/testing';
import { toExpenseDoc } from '@maestro/contracts';
import { deleteApp, type FirebaseApp } from 'firebase/app';
import { doc, serverTimestamp, writeBatch } from 'firebase/firestore';
import { environment } from '../../../environments/environment.development';
import { APP_ENVIRONMENT } from '../../core/config/app-environment';
import { FIREBASE_APP } from '../../core/firebase/firebase';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { createEmulatorApp, ownerFirestore, signInAsDemo } from '../../../testing/emulator-app';
import { SpendingQueries } from './summary-queries';

// The sums behind the summary and budgets, against the emulator. Each run writes into months of
// a year of its own (the rules accept any past date), so runs never count each other's expenses.
describe('SpendingQueries (emulator)', () => {
  const run = Math.random().toString(36).slice(2, 8);
  const year = String(1100 + Math.floor(Math.random() * 800));
  const [march, april, may] = ['03', '04', '05'].map((m) => `${year}-${m}`) as [string, string, string];
  const category = (name: string) => `sum-${run}-${name}`;
  const accounts = { USD: `sum-${run}-usd`, EUR: `sum-${run}-eur` } as const;
  let app: FirebaseApp;
  let uid: string;
  let queries: SpendingQueries;
  const written: string[] = [];

  beforeAll(async () => {
    const created = createEmulatorApp('summary-queries');
    app = created.app;
    uid = (await signInAsDemo(created.auth, 'staff@maestro.test')).uid;
    TestBed.configureTestingModule({ providers: [{ provide: FIREBASE_APP, useValue: app }, { provide: APP_ENVIRONMENT, useValue: environment }] });
    await TestBed.inject(FirestoreLoader).firestore();
    queries = TestBed.inject(SpendingQueries);

    const batch = writeBatch(ownerFirestore());
    for (const [currency, accountId] of Object.entries(accounts)) {
      batch.set(doc(ownerFirestore(), `accounts/${accountId}`), { name: `Sum spec ${currency}`, type: 'bank', currency, openingBalanceMinor: 0, archived: true, createdBy: uid });
    }
    await batch.commit();
    const rows: [string, 'USD' | 'EUR', string, number, boolean][] = [
      [march, 'USD', 'food', 1_000, false],
      [march, 'USD', 'food', 250, false],
      [march, 'USD', 'food', 5_000, true], // deleted: never counted
      [march, 'USD', 'rent', 90_000, false],
      [march, 'EUR', 'food', 700, false],
      [april, 'USD', 'rent', 90_000, false],
      [march, 'USD', 'gone', 40, false], // a category not asked about
    ];
    const expenses = writeBatch(ownerFirestore());
    const toDelete: string[] = [];
    rows.forEach(([month, currency, name, amountMinor, deleted], i) => {
      const path = `expenses/sum-${run}-${i}`;
      written.push(path);
      const draft = { accountId: accounts[currency], categoryId: category(name), amountMinor, currency, date: `${month}-1${i}`, payee: 'Spec', note: '', tags: [] };
      expenses.set(doc(ownerFirestore(), path), { ...toExpenseDoc(draft, uid), createdAt: serverTimestamp(), updatedAt: serverTimestamp() });
      if (deleted) toDelete.push(path);
    });
    await expenses.commit();
    // Fixtures as stored (rules off): the queries under test only read.
    const softDeletes = writeBatch(ownerFirestore());
    for (const path of toDelete) softDeletes.update(doc(ownerFirestore(), path), { deleted: true });
    await softDeletes.commit();
  });

  afterAll(async () => {
    const cleanup = writeBatch(ownerFirestore());
    for (const path of written) cleanup.delete(doc(ownerFirestore(), path));
    await cleanup.commit();
    TestBed.resetTestingModule();
    await deleteApp(app);
  });

  it('sums each month in each currency, without deleted expenses', async () => {
    const cells = await queries.monthTotals([march, april, may], ['EUR', 'USD']);
    expect(cells).toEqual(
      jasmine.arrayWithExactContents([
        { month: march, currency: 'EUR', totalMinor: 700 },
        { month: march, currency: 'USD', totalMinor: 91_290 },
        { month: april, currency: 'EUR', totalMinor: 0 },
        { month: april, currency: 'USD', totalMinor: 90_000 },
        { month: may, currency: 'EUR', totalMinor: 0 },
        { month: may, currency: 'USD', totalMinor: 0 },
      ]),
    );
  });

  it('sums one month per category and currency, and the month per currency (unknown categories included)', async () => {
    const { cells, totals } = await queries.categoryTotals(march, [category('food'), category('rent'), category('none')], ['EUR', 'USD']);
    expect(cells).toEqual(
      jasmine.arrayWithExactContents([
        { categoryId: category('food'), currency: 'EUR', totalMinor: 700 },
        { categoryId: category('food'), currency: 'USD', totalMinor: 1_250 },
        { categoryId: category('rent'), currency: 'USD', totalMinor: 90_000 },
      ]),
    );
    expect(totals).toEqual(jasmine.arrayWithExactContents([{ currency: 'EUR', totalMinor: 700 }, { currency: 'USD', totalMinor: 91_290 }]));
  });
});

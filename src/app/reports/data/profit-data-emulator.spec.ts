import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { deleteApp, type FirebaseApp } from 'firebase/app';
import { doc, setDoc, writeBatch } from 'firebase/firestore';
import { APP_ENVIRONMENT } from '../../core/config/app-environment';
import { FIREBASE_APP } from '../../core/firebase/firebase';
import { environment } from '../../../environments/environment.development';
import { createEmulatorApp, ownerFirestore, signInAsDemo } from '../../../testing/emulator-app';
import { shiftMonth } from '../model/month-math';
import { figures } from '../model/report-fixtures';
import { ProfitData, TREND_MONTHS } from './profit-data';

// The expense side reads the real emulator under the real rules, signed in as an admin; the sales
// side is the API's answer, given by Angular's testing controller (the e2e reads the real API).
// Expenses are written as the emulator's owner in a month of their own, long past, so nothing else
// in the emulator falls into it.
describe('ProfitData (emulator, as an admin)', () => {
  const run = `pd${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const month = `19${String(10 + Math.floor(Math.random() * 89))}-0${1 + Math.floor(Math.random() * 9)}`;
  const before = shiftMonth(month, -1);
  let app: FirebaseApp;
  let data: ProfitData;
  let backend: HttpTestingController;

  beforeAll(async () => {
    const owner = ownerFirestore();
    const batch = writeBatch(owner);
    batch.set(doc(owner, 'categories', `${run}-food`), { name: 'Spec ingredients', parentId: null, colour: '#2e7d32' });
    batch.set(doc(owner, 'categories', `${run}-veg`), { name: 'Spec produce', parentId: `${run}-food`, colour: '#2e7d32' });
    const expense = (id: string, amountMinor: number, categoryId: string, extra: Record<string, unknown> = {}) =>
      batch.set(doc(owner, 'expenses', `${run}-${id}`), { amountMinor, categoryId, currency: 'USD', month, deleted: false, ...extra });
    expense('food', 1_000, `${run}-food`);
    expense('veg', 500, `${run}-veg`);
    expense('deleted', 9_999, `${run}-veg`, { deleted: true });
    expense('gone', 200, `${run}-no-such-category`);
    expense('euros', 777, `${run}-food`, { currency: 'EUR' });
    expense('before', 300, `${run}-food`, { month: before });
    await batch.commit();
    // A category written after the expenses, with none of its own, has no row.
    await setDoc(doc(owner, 'categories', `${run}-idle`), { name: 'Spec idle', parentId: null, colour: '#000' });

    const emulated = createEmulatorApp('profit-data-spec');
    app = emulated.app;
    await signInAsDemo(emulated.auth, 'admin@maestro.test');
  }, 30_000);

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [{ provide: FIREBASE_APP, useValue: app }, { provide: APP_ENVIRONMENT, useValue: environment }, provideHttpClient(), provideHttpClientTesting()],
    });
    data = TestBed.inject(ProfitData);
    backend = TestBed.inject(HttpTestingController);
  });

  afterAll(() => deleteApp(app));

  it('adds the month up: net sales from the API, expenses of the currency by top category, the difference, and 12 months of trend', async () => {
    const view = data.load(month, 'USD');
    // Asked at once, beside the expense sums.
    const request = backend.expectOne((r) => r.url.endsWith('/api/reports/sales-months'));
    expect(request.request.params.toString()).toBe(`currency=USD&to=${month}&months=${TREND_MONTHS}`);
    const months = Array.from({ length: TREND_MONTHS }, (_, i) => shiftMonth(month, i - TREND_MONTHS + 1));
    request.flush({
      currency: 'USD',
      timeZone: 'Europe/Paris',
      months: months.map((m) => ({ month: m, ...figures(m === month ? { orders: 4, grossMinor: 5_500, taxMinor: 500, netMinor: 5_000 } : m === before ? { orders: 1, grossMinor: 110, taxMinor: 10, netMinor: 100 } : {}) })),
    });
    const v = await view;

    expect(v.sales.netMinor).toBe(5_000);
    expect(v.expensesMinor).toBe(1_700); // 1,000 + 500 + 200 of a deleted category; not the deleted expense, not the euros
    expect(v.categories).toEqual([
      { categoryId: `${run}-food`, name: 'Spec ingredients', colour: '#2e7d32', totalMinor: 1_500 },
      { categoryId: null, name: 'Other (category deleted)', colour: '#9e9e9e', totalMinor: 200 },
    ]);
    expect(v.trend.length).toBe(TREND_MONTHS);
    expect(v.trend.at(-1)).toEqual({ month, salesNetMinor: 5_000, expensesMinor: 1_700, profitMinor: 3_300 });
    expect(v.trend.at(-2)).toEqual({ month: before, salesNetMinor: 100, expensesMinor: 300, profitMinor: -200 });
    expect(v.trend.slice(0, -2).every((m) => m.salesNetMinor === 0 && m.expensesMinor === 0)).toBeTrue();
  }, 60_000);

  it('fails as a whole when the API refuses, so the page never shows half a profit', async () => {
    const view = data.load(month, 'USD');
    const request = backend.expectOne((r) => r.url.endsWith('/api/reports/sales-months'));
    request.flush({ error: { code: 'forbidden', message: 'Only admins may do this.' } }, { status: 403, statusText: 'Forbidden' });
    await expectAsync(view).toBeRejected();
  }, 60_000);
});


import { TestBed } from '@angular/core/testing';
import { toExpenseDoc, type ExpenseDraft } from '@maestro/contracts';
import { deleteApp, type FirebaseApp } from 'firebase/app';
import { doc, setDoc, writeBatch } from 'firebase/firestore';
import { firstValueFrom, take, tap, toArray } from 'rxjs';
import { environment } from '../../../environments/environment.development';
import { APP_ENVIRONMENT } from '../../core/config/app-environment';
import { FIREBASE_APP } from '../../core/firebase/firebase';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { createEmulatorApp, ownerFirestore, signInAsDemo } from '../../../testing/emulator-app';
import { ExpensesRepository, NO_FILTER, type Expense, type ExpenseFilter, type ExpenseSort, type PagePosition } from './expenses-repository';

// 120 expenses tagged with this run's own word, so the rest of the emulator's data never matches.
describe('ExpensesRepository (emulator)', () => {
  const run = `rt${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const basil = `${run}basil`; // a second searchable word, in the note of every fifth expense
  const EURO_ACCOUNT = 'spec-euro-till';
  const ACCOUNTS = [
    { id: 'cash-register', currency: 'USD' },
    { id: 'business-checking', currency: 'USD' },
    { id: EURO_ACCOUNT, currency: 'EUR' },
  ] as const;
  const CATEGORIES = ['produce', 'utilities', 'rent', 'ingredients'];
  let app: FirebaseApp;
  let repository: ExpensesRepository;
  let seeded: Expense[];

  // The emulator is shared with other suites: give seeding and the page walks room.
  const SEEDING_MS = 60_000;
  const WALK_MS = 20_000;

  const mine = (overrides: Partial<ExpenseFilter> = {}): ExpenseFilter => ({ ...NO_FILTER, text: run, ...overrides });

  beforeAll(async () => {
    const created = createEmulatorApp('expenses-repository-spec');
    app = created.app;
    const user = await signInAsDemo(created.auth, 'staff@maestro.test');
    TestBed.configureTestingModule({
      providers: [
        { provide: FIREBASE_APP, useValue: app },
        { provide: APP_ENVIRONMENT, useValue: environment },
      ],
    });
    repository = TestBed.inject(ExpensesRepository);
    await TestBed.inject(FirestoreLoader).firestore();
    // Archived, so it stays out of the app's pickers; the rules accept expenses in it.
    // Fixtures as stored (rules off): the repository under test only reads.
    const owner = ownerFirestore();
    await setDoc(doc(owner, `accounts/${EURO_ACCOUNT}`), {
      name: 'Spec euro till',
      type: 'cash',
      currency: 'EUR',
      openingBalanceMinor: 0,
      archived: true,
      createdBy: user.uid,
    });
    seeded = Array.from({ length: 120 }, (_, i) => {
      const account = ACCOUNTS[i % 3]!;
      const draft: ExpenseDraft = {
        accountId: account.id,
        categoryId: CATEGORIES[i % 4]!,
        // Repeats on purpose: equal amounts and dates must still page without gaps or repeats.
        amountMinor: ((i * 37) % 50) * 100 + 100,
        currency: account.currency,
        date: `2025-01-${String((i % 28) + 1).padStart(2, '0')}`,
        payee: `${run} Supplier ${i}`,
        note: i % 5 === 0 ? `with ${basil}` : 'weekly order',
        tags: [],
      };
      return { ...toExpenseDoc(draft, user.uid), id: `${run}-${String(i).padStart(3, '0')}` };
    });
    const batch = writeBatch(owner);
    for (const { id, ...data } of seeded) batch.set(doc(owner, `expenses/${id}`), data);
    await batch.commit();
    // Deleted expenses never show: one of ours is recorded, then soft-deleted.
    const deleted = doc(owner, `expenses/${run}-deleted`);
    const { id: _first, ...firstData } = seeded[0]!;
    await setDoc(deleted, firstData);
    await setDoc(deleted, { deleted: true }, { merge: true });
  }, SEEDING_MS);

  afterAll(async () => {
    TestBed.resetTestingModule();
    await deleteApp(app);
  });

  /** What the server must return: the seeded expenses, filtered and ordered here the slow way. */
  function expected(predicate: (e: Expense) => boolean, sort: ExpenseSort): string[] {
    const sign = sort.endsWith('desc') ? -1 : 1;
    const compare = (a: Expense, b: Expense) =>
      (sort.startsWith('amount') ? a.amountMinor - b.amountMinor : 0) ||
      a.date.localeCompare(b.date) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    return seeded.filter(predicate).sort((a, b) => sign * compare(a, b)).map((e) => e.id);
  }

  const page = (f: ExpenseFilter, sort: ExpenseSort, size: number, position: PagePosition) =>
    firstValueFrom(repository.watchPage(f, sort, size, position));

  /** Walks every page forward by cursor. */
  async function walk(f: ExpenseFilter, sort: ExpenseSort, size: number) {
    const pages = [await page(f, sort, size, { at: 'first' })];
    while (pages[pages.length - 1]!.expenses.length === size) {
      pages.push(await page(f, sort, size, { at: 'after', cursor: pages[pages.length - 1]!.last! }));
    }
    return pages;
  }

  for (const sort of ['date-desc', 'date-asc', 'amount-desc', 'amount-asc'] as const) {
    it(`pages through every expense by cursor, ${sort}, without gaps or repeats`, async () => {
      const pages = await walk(mine(), sort, 25);
      expect(pages.map((p) => p.expenses.length)).toEqual([25, 25, 25, 25, 20]);
      expect(pages.flatMap((p) => p.expenses.map((e) => e.id))).toEqual(expected(() => true, sort));
    }, WALK_MS);
  }

  it('goes back a page with the first row as the cursor, and straight to the last page', async () => {
    const pages = await walk(mine(), 'date-desc', 25);
    const back = await page(mine(), 'date-desc', 25, { at: 'before', cursor: pages[3]!.first! });
    expect(back.expenses.map((e) => e.id)).toEqual(pages[2]!.expenses.map((e) => e.id));
    const last = await page(mine(), 'date-desc', 25, { at: 'last', size: 120 - 4 * 25 });
    expect(last.expenses.map((e) => e.id)).toEqual(pages[4]!.expenses.map((e) => e.id));
  }, WALK_MS);

  it('filters by account, by category with its subcategories, by date range and by a word', async () => {
    const ids = async (f: ExpenseFilter, sort: ExpenseSort = 'date-desc') =>
      (await walk(f, sort, 100)).flatMap((p) => p.expenses.map((e) => e.id));

    expect(await ids(mine({ accountId: EURO_ACCOUNT }))).toEqual(expected((e) => e.accountId === EURO_ACCOUNT, 'date-desc'));
    expect(await ids(mine({ categoryIds: ['utilities'] }))).toEqual(expected((e) => e.categoryId === 'utilities', 'date-desc'));
    expect(await ids(mine({ categoryIds: ['ingredients', 'produce'] }))).toEqual(
      expected((e) => ['ingredients', 'produce'].includes(e.categoryId), 'date-desc'),
    );
    const inJanuaryTen = (e: Expense) => e.date >= '2025-01-10' && e.date <= '2025-01-19';
    expect(await ids(mine({ from: '2025-01-10', to: '2025-01-19' }))).toEqual(expected(inJanuaryTen, 'date-desc'));
    // A date range while sorting by amount (two fields with inequalities/order).
    expect(await ids(mine({ from: '2025-01-10', to: '2025-01-19' }), 'amount-desc')).toEqual(expected(inJanuaryTen, 'amount-desc'));
    // Words are matched from the start, case-insensitively; the note counts.
    expect(await ids(mine({ text: basil.toUpperCase().slice(0, -2) }))).toEqual(expected((e) => e.note.includes(basil), 'date-desc'));
    expect(
      await ids(mine({ accountId: 'cash-register', categoryIds: ['produce', 'ingredients'], from: '2025-01-05' }), 'amount-asc'),
    ).toEqual(
      expected((e) => e.accountId === 'cash-register' && ['produce', 'ingredients'].includes(e.categoryId) && e.date >= '2025-01-05', 'amount-asc'),
    );
  }, WALK_MS);

  it('counts and sums on the server, per currency, leaving out currencies with nothing', async () => {
    const sum = (currency: string, predicate: (e: Expense) => boolean = () => true) =>
      seeded.filter((e) => e.currency === currency && predicate(e)).reduce((total, e) => total + e.amountMinor, 0);

    expect(await repository.count(mine())).toBe(120);
    expect(await repository.count(mine({ categoryIds: ['rent'] }))).toBe(30);
    expect(await repository.totals(mine(), ['USD', 'EUR', 'GBP'])).toEqual([
      { currency: 'EUR', count: 40, totalMinor: sum('EUR') },
      { currency: 'USD', count: 80, totalMinor: sum('USD') },
    ]);
    const rent = (e: Expense) => e.categoryId === 'rent';
    expect(await repository.totals(mine({ categoryIds: ['rent'] }), ['USD', 'EUR'])).toEqual([
      { currency: 'EUR', count: 10, totalMinor: sum('EUR', rent) },
      { currency: 'USD', count: 20, totalMinor: sum('USD', rent) },
    ]);
  }, WALK_MS);

  it('fetches every matching expense for export in chunks, in the list\'s order', async () => {
    const seen: number[] = [];
    const all = await repository.fetchAll(mine(), 'amount-desc', { chunkSize: 50, onChunk: (n) => seen.push(n) });
    expect(seen).toEqual([50, 100, 120]);
    expect(all.map((e) => e.id)).toEqual(expected(() => true, 'amount-desc'));
  }, WALK_MS);

  it('keeps the page live: an expense entering it appears without asking again', async () => {
    const word = `live${run}`; // not starting with the run's word, so the other specs never see it
    const { id: _id, ...template } = seeded[1]!;
    const entering = toExpenseDoc({ ...template, payee: `${word} Newest` }, template.createdBy);
    // Written once the page has shown itself (not on a timer): on a slow machine the first
    // snapshot could otherwise already hold the new expense, and no second one would come.
    let written: Promise<void> | null = null;
    const emissions = firstValueFrom(
      repository.watchPage(mine({ text: word }), 'date-desc', 25, { at: 'first' }).pipe(
        tap(() => (written ??= setDoc(doc(ownerFirestore(), `expenses/${word}`), entering))),
        take(2),
        toArray(),
      ),
    );
    const [before, after] = await emissions;
    await written;
    expect(before!.expenses).toEqual([]);
    expect(after!.expenses.map((e) => e.id)).toEqual([word]);
  }, WALK_MS);
});

import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { deleteApp, type FirebaseApp } from 'firebase/app';
import { collection, deleteDoc, doc, getDocsFromServer, query, setDoc, where, writeBatch } from 'firebase/firestore';
import { filter, firstValueFrom, lastValueFrom } from 'rxjs';
import { environment } from '../../../environments/environment.development';
import { createEmulatorApp, ownerFirestore, signInAsDemo } from '../../../testing/emulator-app';
import { CARD_STATEMENT, EU_BANK, SPREADSHEET, US_BANK, type BankFile } from '../../../testing/fixtures/bank-files';
import { Session, type SessionUser } from '../../core/auth/session';
import { APP_ENVIRONMENT } from '../../core/config/app-environment';
import { FIREBASE_APP } from '../../core/firebase/firebase';
import { LOGGER } from '../../core/logging/logger';
import { AccountsRepository } from './accounts-repository';
import { CategoriesRepository } from './categories-repository';
import { ImportCommands, type ImportUpdate } from './import-commands';
import { ImportExistingExpenses } from './import-existing-expenses';
import { ImportLookups } from '../model/csv-import-lookups';
import { guessMapping, isKnownHeader, mappingProblems, type ImportMapping } from '../model/csv-import-mapping';
import { decodeCsvBytes, readCsvText } from '../model/csv-import-parse';
import { dateRange, importPlan, reviewRows, type ImportReview } from '../model/csv-import-review';
import { convertRows } from '../model/csv-import-rows';
import { ImportOrchestrator } from '../orchestrator/import-orchestrator';

// Real bank and card files, end to end through the steps the import screen takes: bytes → table →
// guessed mapping (plus the account and category a user picks) → rows → review against recorded
// expenses → plan → ImportCommands and the orchestrator into the Firestore emulator under the real
// rules; then the expenses are read back from Firestore.
describe('Import of bank files (emulator)', () => {
  const run = `bank${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const euroAccount = `${run}-euro`;
  let app: FirebaseApp;
  let orchestrator: ImportOrchestrator;
  let lookups: ImportLookups;
  beforeAll(async () => {
    // The seed has no account in euros; the owner writes one, as an admin would have.
    await setDoc(doc(ownerFirestore(), `accounts/${euroAccount}`), {
      name: `Girokonto ${run}`,
      type: 'bank',
      currency: 'EUR',
      openingBalanceMinor: 0,
      archived: false,
      createdBy: 'demo-admin',
    });
  });

  afterAll(async () => {
    await deleteDoc(doc(ownerFirestore(), `accounts/${euroAccount}`));
  });

  beforeEach(async () => {
    const created = createEmulatorApp('bank-files-spec');
    app = created.app;
    const user = await signInAsDemo(created.auth, 'staff@maestro.test');
    const staff: SessionUser = { uid: user.uid, email: user.email!, displayName: 'Sam', role: 'staff' };
    TestBed.configureTestingModule({
      providers: [
        { provide: FIREBASE_APP, useValue: app },
        { provide: APP_ENVIRONMENT, useValue: environment },
        { provide: Session, useValue: { user: signal<SessionUser | null>(staff), isAdmin: () => false } },
        { provide: LOGGER, useValue: { debug: () => undefined, warn: () => undefined, error: () => undefined } },
      ],
    });
    orchestrator = TestBed.inject(ImportOrchestrator);
    orchestrator.start();
    const [accounts, categories] = await Promise.all([
      firstValueFrom(TestBed.inject(AccountsRepository).watchAll().pipe(filter((list) => list.some((a) => a.id === euroAccount)))),
      firstValueFrom(TestBed.inject(CategoriesRepository).watchAll()),
    ]);
    lookups = new ImportLookups(accounts, categories);
  });

  afterEach(async () => {
    orchestrator.destroy();
    TestBed.resetTestingModule();
    await deleteApp(app);
  });

  const rowsOf = async (importId: string) =>
    (await getDocsFromServer(query(collection(ownerFirestore(), 'expenses'), where('importId', '==', importId)))).docs;

  async function removeRows(importId: string) {
    const batch = writeBatch(ownerFirestore());
    (await rowsOf(importId)).forEach((d) => batch.delete(d.ref));
    await batch.commit();
  }

  /** Reads the file as the screen does and guesses its mapping. */
  function readFile(text: string) {
    const decoded = decodeCsvBytes(new TextEncoder().encode(text));
    if (!decoded.ok) throw new Error(decoded.message);
    const read = readCsvText(decoded.text, isKnownHeader);
    if (!read.ok) throw new Error(read.message);
    return { table: read.table, guess: guessMapping(read.table) };
  }

  /** The review step: every row checked, then compared with the expenses recorded on its dates. */
  async function reviewFile(text: string, choose: (guess: ImportMapping) => ImportMapping): Promise<ImportReview> {
    const { table, guess } = readFile(text);
    const mapping = choose(guess);
    expect(mappingProblems(mapping)).toEqual([]);
    const rows = convertRows(table.rows, mapping, lookups, new Date());
    const range = dateRange(rows);
    const recorded = range ? await TestBed.inject(ImportExistingExpenses).inDateRange(range.from, range.to) : [];
    return reviewRows(rows, recorded);
  }

  /** Reviews the file with the user's choices and imports it; the import's id and its last word. */
  async function importFile(file: BankFile, choose: (guess: ImportMapping) => ImportMapping) {
    const review = await reviewFile(file.text, choose);
    expect(review.invalid.map((r) => [r.rowNumber, r.problems])).toEqual([]);
    expect(review.moneyIn.length).withContext('money in, skipped').toBe(file.moneyIn);
    // A run that failed before its clean-up leaves the same rows behind: they come back as duplicates.
    const plan = importPlan(review, true);
    if (plan.kind !== 'ready') throw new Error(`plan: ${JSON.stringify(plan)}`);
    const importId = `imp-${run}-${file.currency}-${Math.random().toString(36).slice(2, 8)}`;
    const outcome = await lastValueFrom(TestBed.inject(ImportCommands).start(importId, file.fileName, plan.rows));
    return { importId, outcome };
  }

  /** The written expenses in the file's order (ids end in the row's place in the import). */
  async function written(importId: string) {
    const docs = await rowsOf(importId);
    const place = (id: string) => Number(id.slice(importId.length + 1));
    return docs
      .sort((a, b) => place(a.id) - place(b.id))
      .map((d) => ({ date: d.get('date') as string, payee: d.get('payee') as string, amountMinor: d.get('amountMinor') as number, data: d.data() }));
  }

  async function expectImported(file: BankFile, importId: string, outcome: ImportUpdate, each: Record<string, unknown>) {
    expect(outcome).toEqual({ kind: 'imported', count: file.expenses.length });
    const rows = await written(importId);
    expect(rows.map(({ date, payee, amountMinor }) => ({ date, payee, amountMinor }))).toEqual([...file.expenses]);
    for (const row of rows) expect(row.data).toEqual(jasmine.objectContaining({ ...each, importId, deleted: false }));
  }

  it('a US bank export: payments in, deposits and the refund skipped, Description as payee', async () => {
    const { importId, outcome } = await importFile(US_BANK, (guess) => ({ ...guess, accountId: 'business-checking', defaultCategoryId: 'produce' }));
    try {
      await expectImported(US_BANK, importId, outcome, { accountId: 'business-checking', categoryId: 'produce', currency: 'USD' });
    } finally {
      await removeRows(importId);
    }
  }, 60_000);

  it('a German bank export: semicolons, 1.234,56, DD.MM.YYYY, into a euro account', async () => {
    const { importId, outcome } = await importFile(EU_BANK, (guess) => ({ ...guess, accountId: euroAccount, defaultCategoryId: 'utilities' }));
    try {
      await expectImported(EU_BANK, importId, outcome, { accountId: euroAccount, categoryId: 'utilities', currency: 'EUR' });
      const notes = (await written(importId)).map((row) => row.data['note']);
      expect(notes).toContain('Einkauf Markt 17, Rg. 88213');
      expect(notes).toContain('Gemüse; Kräuter');
    } finally {
      await removeRows(importId);
    }
  }, 60_000);

  it('a card statement: debits in, credits skipped; its own categories left out for one of ours', async () => {
    // The card's categories ("Merchandise") are not ours: the user maps no category column.
    const { importId, outcome } = await importFile(CARD_STATEMENT, (guess) => ({
      ...guess,
      columns: { ...guess.columns, category: null },
      accountId: 'company-card',
      defaultCategoryId: 'equipment',
    }));
    try {
      await expectImported(CARD_STATEMENT, importId, outcome, { accountId: 'company-card', categoryId: 'equipment', currency: 'USD' });
    } finally {
      await removeRows(importId);
    }
  }, 60_000);

  it('a hand-made spreadsheet: accounts and categories by name per row, the refund skipped', async () => {
    const { importId, outcome } = await importFile(SPREADSHEET, (guess) => guess);
    try {
      await expectImported(SPREADSHEET, importId, outcome, { currency: 'USD' });
      const rows = await written(importId);
      expect(rows.map((row) => [row.data['accountId'], row.data['categoryId'], row.data['note']])).toEqual([
        ['cash-register', 'produce', 'weekly veg box'],
        ['cash-register', 'ingredients', 'bread'],
        ['business-checking', 'produce', 'monthly invoice'],
        ['business-checking', 'equipment', 'sink repair'],
      ]);
    } finally {
      await removeRows(importId);
    }
  }, 60_000);

  it('a row split by an unquoted 1,234.56 is a problem showing its line, and the plan sends nothing', async () => {
    const text = 'date,account,category,amount,note\n2026-03-02,Company card,Equipment,12.50,ok\n2026-03-03,Company card,Equipment,1,234.56,"weekly order"\n';
    const review = await reviewFile(text, (guess) => guess);
    expect(review.invalid.map((r) => [r.rowNumber, r.line, r.problems.length])).toEqual([
      [3, '2026-03-03,Company card,Equipment,1,234.56,"weekly order"', 1],
    ]);
    expect(review.invalid[0]!.problems[0]).toMatch(/^This row has 6 cells where the header has 5/);
    expect(importPlan(review, false).kind).toBe('blocked');
  });
});

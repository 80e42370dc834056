import { TestBed } from '@angular/core/testing';
import type { ExpenseDraft } from '@maestro/contracts';
import { Subject, of } from 'rxjs';
import { CLOCK, ID_GENERATOR } from '../../../core/time/clock';
import { AccountsRepository, type Account } from '../../data/accounts-repository';
import { CategoriesRepository, type CategoryOption } from '../../data/categories-repository';
import { ImportCommands, type ImportUpdate } from '../../data/import-commands';
import { ImportExistingExpenses } from '../../data/import-existing-expenses';
import { ImportRulesCommands } from '../../data/import-rules-commands';
import { ImportRulesRepository } from '../../data/import-rules-repository';
import type { ImportRule } from '../../model/import-rule-match';
import { ImportFlow } from './import-flow';
import { PayeeCategoryChoices } from './payee-category-choices';

// The screen's state machine with the data layer faked: what is sent, and when nothing is.
describe('ImportFlow', () => {
  const accounts: Account[] = [
    { id: 'cash-register', name: 'Cash register', type: 'cash', currency: 'USD', openingBalanceMinor: 0, archived: false },
    { id: 'old', name: 'Old till', type: 'cash', currency: 'USD', openingBalanceMinor: 0, archived: true },
  ];
  const categories: CategoryOption[] = [
    { id: 'ingredients', name: 'Ingredients', colour: '#000000', icon: 'eco', parentId: null, depth: 0, path: 'Ingredients' },
    { id: 'produce', name: 'Produce', colour: '#000000', icon: 'eco', parentId: 'ingredients', depth: 1, path: 'Ingredients › Produce' },
  ];
  const HEADER = 'date,amount,currency,account,category,payee,note,tags';
  let flow: ImportFlow;
  let existing: jasmine.Spy;
  let start: jasmine.Spy;
  let cancel: jasmine.Spy;
  let updates: Subject<ImportUpdate>;
  let now: number;
  let rules: ImportRule[];
  let saveRules: jasmine.Spy;

  beforeEach(() => {
    updates = new Subject<ImportUpdate>();
    existing = jasmine.createSpy('inDateRange').and.resolveTo([]);
    start = jasmine.createSpy('start').and.returnValue(updates);
    cancel = jasmine.createSpy('cancel');
    now = 0;
    rules = [];
    saveRules = jasmine.createSpy('save').and.resolveTo({ ok: true, value: ['r1'] });
    TestBed.configureTestingModule({
      providers: [
        ImportFlow,
        PayeeCategoryChoices,
        { provide: ImportRulesRepository, useValue: { watchAll: () => of(rules) } },
        { provide: ImportRulesCommands, useValue: { save: saveRules } },
        { provide: AccountsRepository, useValue: { watchAll: () => of(accounts) } },
        { provide: CategoriesRepository, useValue: { watchAll: () => of(categories) } },
        { provide: ImportExistingExpenses, useValue: { inDateRange: existing } },
        { provide: ImportCommands, useValue: { start, cancel } },
        { provide: CLOCK, useValue: { now: () => new Date('2026-03-15T12:00:00Z'), monotonicMs: () => now } },
        { provide: ID_GENERATOR, useValue: () => 'fixed' },
      ],
    });
    flow = TestBed.inject(ImportFlow);
  });

  const file = (lines: string[], name = 'march.csv') => new File([lines.join('\n')], name, { type: 'text/csv' });
  const row = (i: number, payee = `Farm ${i}`) => `2026-03-0${1 + (i % 9)},${i + 1}.50,USD,Cash register,Ingredients › Produce,${payee},,veg;weekly`;

  it('fills in categories from import rules, takes a choice per payee, and learns it once the import succeeds', async () => {
    rules.push({ id: 'r0', pattern: 'farm 0', match: 'exact', categoryId: 'produce' }); // the list the fake repository holds
    await flow.chooseFile(file(['date,amount,payee', '2026-03-01,4.00,FARM 0', '2026-03-02,6.00,Bakery', '2026-03-03,2.00,bakery']));
    flow.mappingForm.patchValue({ accountId: 'cash-register' });
    expect(flow.mappingValid()).withContext('no default category needed').toBeTrue();
    await flow.startReview();
    const review = () => {
      const state = flow.reviewState();
      if (state.status !== 'ready') throw new Error(state.status);
      return state.review;
    };
    expect(review().fresh.map((r) => [r.rowNumber, r.draft.categoryId])).toEqual([[2, 'produce']]);
    expect(review().invalid.map((r) => r.problems)).toEqual([
      ['No category for “Bakery”: choose one under “Categories by payee”, or a default category in the mapping.'],
      ['No category for “bakery”: choose one under “Categories by payee”, or a default category in the mapping.'],
    ]);
    expect(flow.payeeCategories.payees().map((p) => [p.payee, p.rows, p.source.kind])).toEqual([
      ['FARM 0', 1, 'rule'],
      ['Bakery', 2, 'none'],
    ]);

    flow.chooseCategory('bakery', 'ingredients');
    expect(review().invalid).toEqual([]);
    expect(review().fresh.map((r) => r.draft.categoryId)).toEqual(['produce', 'ingredients', 'ingredients']);
    expect(saveRules).not.toHaveBeenCalled();

    flow.startImport();
    updates.next({ kind: 'imported', count: 3 });
    await new Promise((resolve) => setTimeout(resolve)); // the flow saves the rules without holding the screen up
    expect(saveRules).toHaveBeenCalledWith([{ ruleId: null, rule: { pattern: 'bakery', match: 'exact', categoryId: 'ingredients' } }]);
    expect(flow.payeeCategories.learned()).toEqual({ status: 'saved', count: 1 });
  });

  it('previews the categories the import rules give, and says where to choose the others', async () => {
    rules.push({ id: 'r0', pattern: 'farm 0', match: 'exact', categoryId: 'produce' });
    await flow.chooseFile(file(['date,amount,payee', '2026-03-01,4.00,FARM 0', '2026-03-02,6.00,Bakery']));
    flow.mappingForm.patchValue({ accountId: 'cash-register' });
    await flow.payeeCategories.loadedRules();
    expect(flow.preview().map((r) => [r.draft?.categoryId ?? null, r.problems])).toEqual([
      ['produce', []],
      [null, ['No category for “Bakery”: choose one under “Categories by payee”, or a default category in the mapping.']],
    ]);
    flow.mappingForm.patchValue({ defaultCategoryId: 'ingredients' });
    expect(flow.preview().map((r) => r.draft?.categoryId)).toEqual(['produce', 'ingredients']);
  });

  it('learns no rule when the import fails', async () => {
    await flow.chooseFile(file(['date,amount,payee', '2026-03-02,6.00,Bakery']));
    flow.mappingForm.patchValue({ accountId: 'cash-register' });
    await flow.startReview();
    flow.chooseCategory('bakery', 'ingredients');
    flow.startImport();
    updates.next({ kind: 'failed', message: 'Import failed; nothing was imported.', rolledBack: true, cancelled: false });
    expect(saveRules).not.toHaveBeenCalled();
    expect(flow.payeeCategories.learned()).toEqual({ status: 'idle' });
  });

  it('takes the list page export with no change to the mapping and previews it', async () => {
    await flow.chooseFile(file([HEADER, row(0), row(1)]));
    expect(flow.upload().status).toBe('ready');
    expect(flow.mappingValid()).toBeTrue();
    expect(flow.preview().map((r) => [r.rowNumber, r.problems, r.draft?.amountMinor])).toEqual([
      [2, [], 150],
      [3, [], 250],
    ]);
  });

  it('says why a file cannot be used: not a CSV, empty, too many rows', async () => {
    await flow.chooseFile(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])], 'receipt.csv'));
    expect(flow.upload()).toEqual(jasmine.objectContaining({ status: 'refused', fileName: 'receipt.csv', message: jasmine.stringMatching(/^This file is not a CSV/) }));
    await flow.chooseFile(new File([], 'empty.csv'));
    expect(flow.upload()).toEqual(jasmine.objectContaining({ status: 'refused', message: 'This file is empty. Choose the CSV file that holds your expenses.' }));
    await flow.chooseFile(file([HEADER, ...Array.from({ length: 10_001 }, (_, i) => row(i))]));
    expect(flow.upload()).toEqual(jasmine.objectContaining({ status: 'refused', message: jasmine.stringMatching(/^This file has 10,001 rows: an import takes at most 10,000/) }));
  });

  it('names the one bad row of 10,000 and sends nothing', async () => {
    const lines = [HEADER, ...Array.from({ length: 10_000 }, (_, i) => (i === 4_321 ? row(i).replace('Cash register', 'Petty cash') : row(i)))];
    await flow.chooseFile(file(lines));
    await flow.startReview();
    const state = flow.reviewState();
    if (state.status !== 'ready') return fail(state.status);
    expect(state.review.invalid.map((r) => [r.rowNumber, r.problems])).toEqual([[4_323, ['Unknown account “Petty cash”: no account has that name.']]]);
    expect(flow.plan()?.kind).toBe('blocked');
    expect(flow.problemsFile()?.name).toBe('march-problems.csv');

    flow.startImport();
    expect(start).not.toHaveBeenCalled();
    expect(flow.run().status).toBe('idle');
  });

  it('skips duplicates unless asked, sends the rest in file order and follows the import', async () => {
    existing.and.resolveTo([{ date: '2026-03-02', amountMinor: 250, payee: 'FARM 1' }]);
    await flow.chooseFile(file([HEADER, row(0), row(1), row(2), row(0)]));
    await flow.startReview();
    expect(existing).toHaveBeenCalledOnceWith('2026-03-01', '2026-03-03');
    const plan = flow.plan();
    expect(plan?.kind === 'ready' && plan.rowNumbers).toEqual([2, 4]);

    flow.includeDuplicates.set(true);
    flow.includeDuplicates.set(false);
    flow.startImport();
    expect(start).toHaveBeenCalledTimes(1);
    const [importId, fileName, rows] = start.calls.mostRecent().args as [string, string, ExpenseDraft[]];
    expect(importId).toBe('imp-fixed');
    expect(fileName).toBe('march.csv');
    expect(rows.map((r) => r.payee)).toEqual(['Farm 0', 'Farm 2']);

    now = 2_000;
    updates.next({ kind: 'progress', written: 1, total: 2 });
    expect(flow.run()).toEqual(jasmine.objectContaining({ status: 'running', written: 1, total: 2, rowsPerSecond: 0.5 }));
    now = 4_000;
    updates.next({ kind: 'imported', count: 2 });
    expect(flow.run()).toEqual({
      status: 'imported', importId: 'imp-fixed', count: 2, seconds: 4, dates: { from: '2026-03-01', to: '2026-03-03' }, lateCancel: false, undo: { status: 'idle' },
    });
  });

  it('says when Cancel came after the import had finished, and undoes it on request', async () => {
    const undo = jasmine.createSpy('undo').and.resolveTo({ ok: true, count: 1, edited: 0 });
    TestBed.inject(ImportCommands).undo = undo;
    await flow.chooseFile(file([HEADER, row(0)]));
    await flow.startReview();
    flow.startImport();
    flow.cancelImport();
    updates.next({ kind: 'imported', count: 1 });
    expect(flow.run()).toEqual(jasmine.objectContaining({ status: 'imported', count: 1, lateCancel: true, undo: { status: 'idle' } }));

    const undoing = flow.undoImport();
    expect(flow.run()).toEqual(jasmine.objectContaining({ undo: { status: 'undoing' } }));
    await undoing;
    expect(undo).toHaveBeenCalledOnceWith('imp-fixed');
    expect(flow.run()).toEqual(jasmine.objectContaining({ undo: { status: 'done', outcome: { ok: true, count: 1, edited: 0 } } }));
  });

  it('imports the good rows only when asked, and names the download after the skipped rows', async () => {
    await flow.chooseFile(file([HEADER, row(0), row(1).replace('Cash register', 'Petty cash'), row(2)]));
    await flow.startReview();
    expect(flow.plan()?.kind).toBe('blocked');
    flow.skipInvalid.set(true);
    const plan = flow.plan();
    expect(plan?.kind === 'ready' && [plan.rowNumbers, plan.skipped]).toEqual([[2, 4], 1]);
    expect(flow.problemsFile()?.name).toBe('march-skipped.csv');
    flow.startImport();
    expect((start.calls.mostRecent().args[2] as ExpenseDraft[]).map((r) => r.payee)).toEqual(['Farm 0', 'Farm 2']);
  });

  it('cancels once, and shows what the orchestrator said', async () => {
    await flow.chooseFile(file([HEADER, row(0)]));
    await flow.startReview();
    flow.startImport();
    flow.cancelImport();
    flow.cancelImport();
    expect(cancel).toHaveBeenCalledOnceWith('imp-fixed');
    updates.next({ kind: 'failed', message: 'Import cancelled; nothing was imported.', rolledBack: true, cancelled: true });
    expect(flow.run()).toEqual({ status: 'failed', message: 'Import cancelled; nothing was imported.', rolledBack: true, cancelled: true });
    flow.backToReview();
    expect(flow.run().status).toBe('idle');
  });

  it('needs an account and a category for every row when the file has no such column', async () => {
    await flow.chooseFile(file(['date,amount,payee', '2026-03-01,4.00,Bakery']));
    expect(flow.mappingValid()).toBeFalse();
    expect(flow.mappingForm.controls.accountId.hasError('required')).toBeTrue();
    flow.mappingForm.patchValue({ accountId: 'cash-register', defaultCategoryId: 'produce' });
    expect(flow.mappingValid()).toBeTrue();
    expect(flow.preview()[0]?.draft).toEqual(jasmine.objectContaining({ accountId: 'cash-register', categoryId: 'produce', amountMinor: 400 }));
  });
});

import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, Validators, type AbstractControl, type ValidationErrors } from '@angular/forms';
import { catchError, map, of, startWith, type Observable, type Subscription } from 'rxjs';
import { CLOCK, ID_GENERATOR } from '../../../core/time/clock';
import { AccountsRepository, type Account } from '../../data/accounts-repository';
import { CategoriesRepository, type CategoryOption } from '../../data/categories-repository';
import { ImportCommands, type UndoOutcome } from '../../data/import-commands';
import { ImportExistingExpenses } from '../../data/import-existing-expenses';
import { dateFormatsReadingAll, type DateFormat, type DecimalFormat } from '../../model/csv-import-formats';
import { ImportLookups } from '../../model/csv-import-lookups';
import { IMPORT_FIELDS, guessMapping, isKnownHeader, type ImportField, type ImportMapping } from '../../model/csv-import-mapping';
import { decodeCsvBytes, fileSizeProblem, readCsvText, type CsvTable, type Delimiter } from '../../model/csv-import-parse';
import { dateRange, importPlan, problemRowsCsv, reviewRows, type ExpenseIdentity, type ImportPlan, type ImportReview } from '../../model/csv-import-review';
import { convertRows, type ConvertedRow } from '../../model/csv-import-rows';
import { categoriseRows } from '../../model/import-payee-categories';
import { PayeeCategoryChoices } from './payee-category-choices';
import type { AmountSign } from '../../model/csv-import-sign';

export type UploadState =
  | { status: 'empty' }
  | { status: 'reading'; fileName: string }
  | { status: 'refused'; fileName: string; message: string }
  /** `text`: the file as read, to read again when the user chooses another separator. */
  | { status: 'ready'; fileName: string; table: CsvTable; text: string };

export type ReviewState =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'error'; message: string }
  | { status: 'ready'; review: ImportReview };

export type RunState =
  | { status: 'idle' }
  | { status: 'running'; importId: string; written: number; total: number; rowsPerSecond: number | null; cancelling: boolean }
  /**
   * `dates`: the imported rows' first and last date, for a link to the list. `lateCancel`: Cancel
   * was pressed but the last chunk had already committed. `undo`: the undo offered right here.
   */
  | { status: 'imported'; importId: string; count: number; seconds: number; dates: { from: string; to: string } | null; lateCancel: boolean; undo: UndoState }
  | { status: 'failed'; message: string; rolledBack: boolean; cancelled: boolean };

export type UndoState = { status: 'idle' } | { status: 'undoing' } | { status: 'done'; outcome: UndoOutcome };

type Loaded<T> = { status: 'loading' } | { status: 'ready'; items: T[] } | { status: 'error' };

const PREVIEW_ROWS = 10;

/**
 * The import screen's state, step by step: the file, the column mapping (a typed form), the review
 * and the running import. Provided by the page, so each visit starts afresh; pure rules live in
 * `model/csv-import-*`, and the import itself is the orchestrator's work, asked for by event.
 */
@Injectable()
export class ImportFlow {
  private readonly commands = inject(ImportCommands);
  private readonly existing = inject(ImportExistingExpenses);
  private readonly clock = inject(CLOCK);
  private readonly newId = inject(ID_GENERATOR);
  private running?: Subscription;
  /** Categories by payee: choices, import rules, and the rules an import teaches. */
  readonly payeeCategories = inject(PayeeCategoryChoices);
  /** The rows as the mapping reads them and the expenses already recorded: a new choice re-reviews from here. */
  private reviewBase: { rows: ConvertedRow[]; recorded: readonly ExpenseIdentity[] } | null = null;

  readonly accounts = toSignal(loaded(inject(AccountsRepository).watchAll()), { requireSync: true });
  readonly categories = toSignal(loaded(inject(CategoriesRepository).watchAll()), { requireSync: true });
  /** Null until accounts and categories have loaded. */
  readonly lookups = computed(() => {
    const accounts = this.accounts();
    const categories = this.categories();
    return accounts.status === 'ready' && categories.status === 'ready' ? new ImportLookups(accounts.items, categories.items) : null;
  });
  readonly activeAccounts = computed(() => {
    const accounts = this.accounts();
    return accounts.status === 'ready' ? accounts.items.filter((a) => !a.archived) : [];
  });
  readonly categoryOptions = computed(() => {
    const categories = this.categories();
    return categories.status === 'ready' ? categories.items : [];
  });

  readonly upload = signal<UploadState>({ status: 'empty' });
  readonly table = computed(() => {
    const upload = this.upload();
    return upload.status === 'ready' ? upload.table : null;
  });

  /** The file's column separator, as guessed or as the user chose it. */
  readonly delimiter = inject(NonNullableFormBuilder).control<Delimiter>(',');
  /** Why the chosen separator could not be used, shown beside it. */
  readonly delimiterProblem = signal<string | null>(null);
  readonly mappingForm = this.buildForm();
  private readonly formValue = toSignal(this.mappingForm.valueChanges.pipe(map(() => this.mappingForm.getRawValue())), {
    initialValue: this.mappingForm.getRawValue(),
  });
  private readonly formStatus = toSignal(this.mappingForm.statusChanges, { initialValue: this.mappingForm.status });
  readonly mappingValid = computed(() => this.formStatus() === 'VALID' && this.table() !== null && this.lookups() !== null);
  readonly mapping = computed((): ImportMapping => {
    const value = this.formValue();
    return {
      columns: Object.fromEntries(IMPORT_FIELDS.map((field) => [field, value[field]])) as Record<ImportField, number | null>,
      accountId: value.accountId,
      defaultCategoryId: value.defaultCategoryId,
      dateFormat: value.dateFormat,
      decimalFormat: value.decimalFormat,
      amountSign: value.amountSign,
      creditColumn: value.amountSign === 'debit-credit' ? value.creditColumn : null,
    };
  });

  /** The date formats that read every date of the file: two of them means day and month are for the user to say. */
  readonly dateFormatsThatFit = computed((): DateFormat[] => {
    const table = this.table();
    const column = this.mapping().columns.date;
    return table && column !== null ? dateFormatsReadingAll(table.rows.slice(0, 500).map((row) => row.cells[column] ?? '')) : [];
  });

  /** The first rows as they will be imported, live while the mapping changes (import rules included, as on the review). */
  readonly preview = computed((): ConvertedRow[] => {
    const table = this.table();
    const lookups = this.lookups();
    if (!table || !lookups) return [];
    const mapping = this.mapping();
    const today = this.clock.now();
    const rows = convertRows(table.rows.slice(0, PREVIEW_ROWS), mapping, lookups, today);
    const { rules, choices } = this.payeeCategories;
    return categoriseRows(rows, { mapping, lookups, rules: rules(), choices: choices(), today }).rows;
  });

  readonly reviewState = signal<ReviewState>({ status: 'idle' });
  readonly includeDuplicates = signal(false);
  /** "Import the N good rows, skip M": the rows with problems stay out (and can be downloaded). */
  readonly skipInvalid = signal(false);
  readonly plan = computed((): ImportPlan | null => {
    const state = this.reviewState();
    return state.status === 'ready' ? importPlan(state.review, this.includeDuplicates(), this.skipInvalid()) : null;
  });

  readonly run = signal<RunState>({ status: 'idle' });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.running?.unsubscribe());
  }

  /** Step 1: reads and checks the file; on success the mapping is guessed from it. */
  async chooseFile(file: File): Promise<void> {
    const fileName = file.name || 'expenses.csv';
    const sizeProblem = fileSizeProblem(file.size);
    if (sizeProblem) {
      this.upload.set({ status: 'refused', fileName, message: sizeProblem });
      return;
    }
    this.upload.set({ status: 'reading', fileName });
    this.reviewState.set({ status: 'idle' });
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch {
      this.upload.set({ status: 'refused', fileName, message: 'This file could not be read. Choose it again, or copy it somewhere local first.' });
      return;
    }
    const decoded = decodeCsvBytes(bytes);
    const outcome = decoded.ok ? readCsvText(decoded.text, isKnownHeader) : decoded;
    if (!outcome.ok) {
      this.upload.set({ status: 'refused', fileName, message: outcome.message });
      return;
    }
    this.applyGuess(guessMapping(outcome.table));
    this.delimiter.setValue(outcome.table.delimiter as Delimiter, { emitEvent: false });
    this.delimiterProblem.set(null);
    this.upload.set({ status: 'ready', fileName, table: outcome.table, text: decoded.ok ? decoded.text : '' });
  }

  /**
   * The user says which separator the file uses: the file is read again with it and the columns
   * guessed afresh (they are other columns now); a separator that finds no columns says so.
   */
  private readAgainWith(delimiter: Delimiter): void {
    const upload = this.upload();
    if (upload.status !== 'ready' || upload.table.delimiter === delimiter) return;
    const outcome = readCsvText(upload.text, isKnownHeader, delimiter);
    // The table read before stays: a separator that finds no columns must not lose the mapping.
    const oneColumn = !outcome.ok && outcome.message.startsWith('This file is not a CSV');
    this.delimiterProblem.set(
      outcome.ok ? null : oneColumn ? `With this separator every row is a single column: choose the one the file uses.` : outcome.message,
    );
    if (!outcome.ok) return;
    this.applyGuess(guessMapping(outcome.table));
    this.upload.set({ ...upload, table: outcome.table });
  }

  /** Step 3: checks every row, then looks for recorded duplicates in the file's date range. */
  async startReview(): Promise<void> {
    const table = this.table();
    const lookups = this.lookups();
    if (!table || !lookups || !this.mappingValid()) return;
    this.reviewState.set({ status: 'checking' });
    this.skipInvalid.set(false);
    const rules = await this.payeeCategories.loadedRules();
    const converted = convertRows(table.rows, this.mapping(), lookups, this.clock.now());
    const rows = this.payeeCategories.apply(converted, this.mapping(), lookups, this.clock.now(), rules);
    // Every row's date, not only the ready rows': a category chosen later makes more rows ready.
    const range = dateRange(rows);
    try {
      const recorded = range ? await this.existing.inDateRange(range.from, range.to) : [];
      this.reviewBase = { rows: converted, recorded };
      this.reviewState.set({ status: 'ready', review: reviewRows(rows, recorded) });
    } catch {
      this.reviewState.set({
        status: 'error',
        message: 'Could not look for expenses already recorded in these dates. Check your connection and try again.',
      });
    }
  }

  /** Step 4: sends the import, only when no row is invalid; follows its progress to the end. */
  startImport(): void {
    const plan = this.plan();
    const upload = this.upload();
    if (plan?.kind !== 'ready' || upload.status !== 'ready' || this.run().status === 'running') return;
    const importId = `imp-${this.newId()}`;
    const started = this.clock.monotonicMs();
    const total = plan.rows.length;
    const dates = plan.rows.map((row) => row.date).sort();
    const span = dates.length ? { from: dates[0]!, to: dates[dates.length - 1]! } : null;
    this.run.set({ status: 'running', importId, written: 0, total, rowsPerSecond: null, cancelling: false });
    this.running?.unsubscribe();
    this.running = this.commands.start(importId, upload.fileName, plan.rows).subscribe((update) => {
      const seconds = (this.clock.monotonicMs() - started) / 1000;
      if (update.kind === 'progress') {
        this.run.update((run) =>
          run.status === 'running' ? { ...run, written: update.written, rowsPerSecond: seconds > 0 ? update.written / seconds : null } : run,
        );
      } else if (update.kind === 'imported') {
        void this.payeeCategories.remember();
        const lateCancel = this.run().status === 'running' && (this.run() as { cancelling: boolean }).cancelling;
        this.run.set({ status: 'imported', importId, count: update.count, seconds, dates: span, lateCancel, undo: { status: 'idle' } });
      } else {
        this.run.set({ status: 'failed', message: update.message, rolledBack: update.rolledBack, cancelled: update.cancelled });
      }
    });
  }

  /** A category picked for a payee on the review: its rows take it at once (and teach a rule on import). */
  chooseCategory(payeeKey: string, categoryId: string): void {
    const base = this.reviewBase;
    const lookups = this.lookups();
    if (!base || !lookups || this.reviewState().status !== 'ready') return;
    this.payeeCategories.choose(payeeKey, categoryId);
    const rows = this.payeeCategories.apply(base.rows, this.mapping(), lookups, this.clock.now(), this.payeeCategories.rules());
    this.reviewState.set({ status: 'ready', review: reviewRows(rows, base.recorded) });
  }

  cancelImport(): void {
    const run = this.run();
    if (run.status !== 'running' || run.cancelling) return;
    this.run.set({ ...run, cancelling: true });
    this.commands.cancel(run.importId);
  }

  /** Removes every row the import just wrote (all or nothing); says how it went. */
  async undoImport(): Promise<void> {
    const run = this.run();
    if (run.status !== 'imported' || run.undo.status === 'undoing') return;
    this.run.set({ ...run, undo: { status: 'undoing' } });
    const outcome = await this.commands.undo(run.importId);
    this.run.update((current) => (current.status === 'imported' && current.importId === run.importId ? { ...current, undo: { status: 'done', outcome } } : current));
  }

  /** After a failure: back to the review, to try again. */
  backToReview(): void {
    if (this.run().status === 'failed') this.run.set({ status: 'idle' });
  }

  startOver(): void {
    this.running?.unsubscribe();
    this.upload.set({ status: 'empty' });
    this.payeeCategories.reset();
    this.reviewBase = null;
    this.reviewState.set({ status: 'idle' });
    this.includeDuplicates.set(false);
    this.skipInvalid.set(false);
    this.run.set({ status: 'idle' });
  }

  /** The rows with problems, as a CSV file to fix them in. */
  problemsFile(): { name: string; content: string } | null {
    const state = this.reviewState();
    const table = this.table();
    const upload = this.upload();
    if (state.status !== 'ready' || !table || !state.review.invalid.length) return null;
    const base = upload.status === 'ready' ? upload.fileName.replace(/\.[^.]*$/, '') : 'import';
    return { name: `${base}-${this.skipInvalid() ? 'skipped' : 'problems'}.csv`, content: problemRowsCsv(table.columns, state.review.invalid) };
  }

  private applyGuess(guess: ImportMapping): void {
    this.mappingForm.reset({
      ...guess.columns,
      accountId: null,
      defaultCategoryId: null,
      dateFormat: guess.dateFormat,
      decimalFormat: guess.decimalFormat,
      amountSign: guess.amountSign ?? 'expenses-positive',
      creditColumn: guess.creditColumn ?? null,
    });
  }

  private buildForm() {
    const fb = inject(NonNullableFormBuilder);
    const column = () => fb.control<number | null>(null);
    // Required only when the file has no column for it.
    const neededWithout = (field: ImportField) => (control: AbstractControl): ValidationErrors | null =>
      control.parent?.get(field)?.value === null && !control.value ? { required: true } : null;
    const form = fb.group({
      date: fb.control<number | null>(null, Validators.required),
      amount: fb.control<number | null>(null, Validators.required),
      currency: column(),
      account: column(),
      category: column(),
      payee: column(),
      note: column(),
      tags: column(),
      accountId: fb.control<string | null>(null, neededWithout('account')),
      // Optional: rows with no category take one from their payee's import rule or the review.
      defaultCategoryId: fb.control<string | null>(null),
      dateFormat: fb.control<DateFormat>('YYYY-MM-DD'),
      decimalFormat: fb.control<DecimalFormat>('1,234.56'),
      amountSign: fb.control<AmountSign>('expenses-positive'),
      creditColumn: column(),
    });
    // The separator is not part of the mapping: it changes the table the mapping is about.
    this.delimiter.valueChanges.subscribe((delimiter) => this.readAgainWith(delimiter));
    form.controls.account.valueChanges.subscribe(() => form.controls.accountId.updateValueAndValidity());
    return form;
  }
}

function loaded<T extends Account | CategoryOption>(source: Observable<T[]>): Observable<Loaded<T>> {
  return source.pipe(
    map((items): Loaded<T> => ({ status: 'ready', items })),
    startWith<Loaded<T>>({ status: 'loading' }),
    catchError(() => of<Loaded<T>>({ status: 'error' })),
  );
}

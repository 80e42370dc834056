import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule, type MatChipInputEvent } from '@angular/material/chips';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { COMMA, FF_SEMICOLON, SEMICOLON } from '@angular/cdk/keycodes';
import { latestAllowedDate } from '@maestro/contracts';
import { catchError, map, of, startWith } from 'rxjs';
import { Notifier } from '../../../core/notify/notifier';
import { CLOCK } from '../../../core/time/clock';
import { AccountsRepository, type Account } from '../../data/accounts-repository';
import { CategoriesRepository, type CategoryOption } from '../../data/categories-repository';
import { ExpensesCommands } from '../../data/expenses-commands';
import type { Expense } from '../../data/expenses-repository';
import { createExpenseForm, formValueOf, problemOf, tagsFrom, toExpenseDraft } from '../../model/expense-form';
import { FormError } from '../../../shared/ui/form-error';
import { LedgerAuthority } from '../ledger-authority';

export interface ExpenseDialogData {
  /** The expense to edit; absent for a new one. */
  expense?: Expense;
}

type Loaded<T> = { state: 'loading' } | { state: 'ready'; items: T[] } | { state: 'error' };

/** Records a new expense or edits one: the form checks what it can, the orchestrator has the last word. */
@Component({
  selector: 'app-expense-dialog',
  imports: [
    FormError,
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatChipsModule,
    MatButtonModule,
    MatIconModule,
    MatProgressSpinnerModule,
  ],
  templateUrl: './expense-dialog.html',
  styleUrl: './expense-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExpenseDialog {
  private readonly commands = inject(ExpensesCommands);
  private readonly notifier = inject(Notifier);
  private readonly dialog = inject(MatDialogRef<ExpenseDialog, string>);
  private readonly clock = inject(CLOCK);
  protected readonly editing = inject<ExpenseDialogData | null>(MAT_DIALOG_DATA, { optional: true })?.expense ?? null;
  private readonly authority = inject(LedgerAuthority);
  /** Why this user may not change the edited expense (the list offers no edit then; the role may change meanwhile). */
  protected readonly lock = computed(() => (this.editing ? this.authority.recordLock(this.editing, 'expense') : null));
  protected readonly separators = [COMMA, SEMICOLON, FF_SEMICOLON];
  protected readonly problemOf = problemOf;
  protected readonly latestDate = latestAllowedDate(this.clock.now());

  protected readonly accounts = toSignal(
    inject(AccountsRepository)
      .watchAll()
      .pipe(
        map((all): Loaded<Account> => ({ state: 'ready', items: all })),
        startWith<Loaded<Account>>({ state: 'loading' }),
        catchError(() => of<Loaded<Account>>({ state: 'error' })),
      ),
    { requireSync: true },
  );
  protected readonly categories = toSignal(
    inject(CategoriesRepository)
      .watchAll()
      .pipe(
        map((all): Loaded<CategoryOption> => ({ state: 'ready', items: all })),
        startWith<Loaded<CategoryOption>>({ state: 'loading' }),
        catchError(() => of<Loaded<CategoryOption>>({ state: 'error' })),
      ),
    { requireSync: true },
  );

  /** Accounts that take expenses, and the edited expense's own account even if archived since. */
  protected readonly accountOptions = computed(() => {
    const loaded = this.accounts();
    if (loaded.state !== 'ready') return [];
    return loaded.items.filter((a) => !a.archived || a.id === this.editing?.accountId);
  });
  /** Accounts exist but every one is archived: say that, not "no accounts yet". */
  protected readonly allArchived = computed(() => {
    const loaded = this.accounts();
    return loaded.state === 'ready' && loaded.items.length > 0 && loaded.items.every((a) => a.archived);
  });

  protected readonly form = createExpenseForm(
    {
      now: () => this.clock.now(),
      currencyOf: (id) => this.accountOptions().find((a) => a.id === id)?.currency ?? null,
    },
    this.editing ? formValueOf(this.editing) : undefined,
  );

  private readonly accountId = toSignal(this.form.controls.accountId.valueChanges, { initialValue: this.form.controls.accountId.value });
  protected readonly currency = computed(() => this.accountOptions().find((a) => a.id === this.accountId())?.currency ?? null);
  protected readonly chosenCategory = computed(() => {
    const loaded = this.categories();
    return loaded.state === 'ready' ? (loaded.items.find((c) => c.id === this.categoryId()) ?? null) : null;
  });
  private readonly categoryId = toSignal(this.form.controls.categoryId.valueChanges, { initialValue: this.form.controls.categoryId.value });
  protected readonly tags = toSignal(this.form.controls.tags.valueChanges, { initialValue: this.form.controls.tags.value });

  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    // Accounts may arrive after a value was typed: check the amount again in the account's currency.
    effect(() => {
      this.accountOptions();
      untracked(() => this.form.controls.amount.updateValueAndValidity());
    });
    // A locked expense is shown, not offered for editing.
    effect(() => {
      const locked = !!this.lock();
      untracked(() => {
        if (locked) this.form.disable();
        else if (this.form.disabled) this.form.enable();
      });
    });
  }

  /** Comma, semicolon or leaving the field adds what was typed as tags. */
  protected addTags(event: MatChipInputEvent): void {
    this.addTagText(event.value);
    event.chipInput.clear();
  }

  /** Enter adds the typed tags; in an empty tag field it submits, as in every other field. */
  protected tagEnter(event: Event, input: HTMLInputElement): void {
    if (!input.value.trim()) return;
    event.preventDefault();
    this.addTagText(input.value);
    input.value = '';
  }

  private addTagText(text: string): void {
    const current = this.form.controls.tags.value;
    const added = [...new Set(tagsFrom(text))].filter((tag) => !current.includes(tag));
    if (!added.length) return;
    this.form.controls.tags.setValue([...current, ...added]);
    this.form.controls.tags.markAsTouched();
  }

  protected removeTag(tag: string): void {
    this.form.controls.tags.setValue(this.form.controls.tags.value.filter((t) => t !== tag));
  }

  protected async submit(): Promise<void> {
    if (this.busy() || this.lock()) return;
    this.form.controls.amount.updateValueAndValidity();
    const currency = this.currency();
    if (this.form.invalid || !currency) {
      this.form.markAllAsTouched();
      return;
    }
    const draft = toExpenseDraft(this.form.getRawValue(), currency);
    this.busy.set(true);
    this.error.set(null);
    const outcome = this.editing ? await this.commands.update(this.editing.id, draft) : await this.commands.record(draft);
    this.busy.set(false);
    if (!outcome.ok) {
      this.error.set(outcome.message);
      return;
    }
    this.notifier.info(this.editing ? 'Expense updated.' : 'Expense recorded.');
    this.dialog.close(this.editing?.id ?? (outcome.value as string));
  }
}

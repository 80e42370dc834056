import { FormControl, FormGroup, type AbstractControl, type ValidationErrors, type ValidatorFn } from '@angular/forms';
import {
  AMOUNT_MAX_MINOR,
  NOTE_MAX,
  PAYEE_MAX,
  TAGS_MAX,
  TAG_MAX,
  isCalendarDate,
  latestAllowedDate,
  type ExpenseDraft,
} from '@maestro/contracts';
import { minorDigits, parseMoney } from '../../shared/money';

// The expense dialog's form: typed controls whose errors carry the sentence to show, so the
// template has one way to print any of them. The orchestrator checks the draft again.

export type ExpenseForm = FormGroup<{
  accountId: FormControl<string>;
  categoryId: FormControl<string>;
  amount: FormControl<string>;
  date: FormControl<string>;
  payee: FormControl<string>;
  note: FormControl<string>;
  tags: FormControl<string[]>;
}>;

export type ExpenseFormValue = ReturnType<ExpenseForm['getRawValue']>;

export interface ExpenseFormContext {
  /** The current time (the CLOCK), for "today" and the one-year limit. */
  now(): Date;
  /** The currency of an account, or null when the account is unknown. */
  currencyOf(accountId: string): string | null;
}

/** An error keyed `problem` whose value is what the user reads. */
const problem = (message: string): ValidationErrors => ({ problem: message });

/** The sentence for a control's first error, or null when it is valid. */
export function problemOf(control: AbstractControl): string | null {
  const errors = control.errors;
  if (!errors) return null;
  return typeof errors['problem'] === 'string' ? errors['problem'] : 'Check this field.';
}

/** What is wrong with a typed amount in a currency, or null. */
export function amountProblem(text: string, currency: string): string | null {
  if (!text.trim()) return 'Enter the amount.';
  const minor = parseMoney(text, currency);
  if (minor === null) return `Enter an amount like ${minorDigits(currency) === 0 ? '1500' : '12.50'}.`;
  if (minor <= 0) return 'The amount must be more than zero.';
  if (minor > AMOUNT_MAX_MINOR) return 'The amount is too large.';
  return null;
}

/** What is wrong with a date (YYYY-MM-DD), or null. */
export function dateProblem(text: string, now: Date): string | null {
  if (!isCalendarDate(text)) return 'Give a real date.';
  if (text > latestAllowedDate(now)) return 'The date is more than a year ahead.';
  return null;
}

/** The calendar date of an instant where the user is: what "today" means in a form. */
export function localDate(instant: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`;
}

/** Splits what was typed into tags: commas and semicolons separate (the CSV export joins with ;). */
export function tagsFrom(text: string): string[] {
  return text
    .split(/[,;]/)
    .map((tag) => tag.trim())
    .filter(Boolean);
}

const required =
  (message: string): ValidatorFn =>
  (control) =>
    String(control.value ?? '').trim() ? null : problem(message);

const maxLength =
  (max: number, message: string): ValidatorFn =>
  (control) =>
    String(control.value ?? '').trim().length > max ? problem(message) : null;

export function createExpenseForm(context: ExpenseFormContext, initial?: Partial<ExpenseFormValue>): ExpenseForm {
  const form: ExpenseForm = new FormGroup({
    accountId: new FormControl(initial?.accountId ?? '', { nonNullable: true, validators: required('Choose an account.') }),
    categoryId: new FormControl(initial?.categoryId ?? '', { nonNullable: true, validators: required('Choose a category.') }),
    amount: new FormControl(initial?.amount ?? '', {
      nonNullable: true,
      validators: (control) => {
        // Checked in the account's currency (JPY has no cents); USD until an account is chosen.
        const currency = context.currencyOf(String(control.parent?.get('accountId')?.value ?? '')) ?? 'USD';
        const message = amountProblem(String(control.value), currency);
        return message ? problem(message) : null;
      },
    }),
    date: new FormControl(initial?.date ?? localDate(context.now()), {
      nonNullable: true,
      validators: (control) => {
        const message = dateProblem(String(control.value), context.now());
        return message ? problem(message) : null;
      },
    }),
    payee: new FormControl(initial?.payee ?? '', { nonNullable: true, validators: maxLength(PAYEE_MAX, `Keep the payee to ${PAYEE_MAX} characters.`) }),
    note: new FormControl(initial?.note ?? '', { nonNullable: true, validators: maxLength(NOTE_MAX, `Keep the note to ${NOTE_MAX} characters.`) }),
    tags: new FormControl<string[]>(initial?.tags ?? [], {
      nonNullable: true,
      validators: (control) => {
        const tags = control.value as string[];
        if (tags.length > TAGS_MAX) return problem(`Use at most ${TAGS_MAX} tags.`);
        if (tags.some((tag) => tag.length > TAG_MAX)) return problem(`Keep each tag to ${TAG_MAX} characters.`);
        return null;
      },
    }),
  });
  form.controls.accountId.valueChanges.subscribe(() => form.controls.amount.updateValueAndValidity());
  return form;
}

/** The form's value as a draft; call only when the form is valid. */
export function toExpenseDraft(value: ExpenseFormValue, currency: string): ExpenseDraft {
  return {
    accountId: value.accountId,
    categoryId: value.categoryId,
    amountMinor: parseMoney(value.amount, currency)!,
    currency,
    date: value.date,
    payee: value.payee.trim(),
    note: value.note.trim(),
    tags: value.tags,
  };
}

/** An existing expense as form values (the amount as the user would type it). */
export function formValueOf(expense: ExpenseDraft): ExpenseFormValue {
  const digits = minorDigits(expense.currency);
  const amount = digits === 0 ? String(expense.amountMinor) : (expense.amountMinor / 10 ** digits).toFixed(digits);
  return {
    accountId: expense.accountId,
    categoryId: expense.categoryId,
    amount,
    date: expense.date,
    payee: expense.payee,
    note: expense.note,
    tags: [...expense.tags],
  };
}

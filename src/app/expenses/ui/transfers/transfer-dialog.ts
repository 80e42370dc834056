import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators, type AbstractControl, type ValidationErrors } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { AMOUNT_MAX_MINOR, NOTE_MAX, isoDate, latestAllowedDate, type TransferDraft } from '@maestro/contracts';
import { CLOCK } from '../../../core/time/clock';
import { FormError } from '../../../shared/ui/form-error';
import type { Account } from '../../data/accounts-repository';
import { TransferCommands } from '../../data/ledger-commands';
import { parseMoney } from '../../../shared/money';
import { transferRateProblem } from './transfer-rate';

/**
 * Money from one account to another. Between currencies the user types what arrived:
 * we never invent an exchange rate.
 */
@Component({
  selector: 'app-transfer-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule, MatProgressSpinnerModule, FormError],
  templateUrl: './transfer-dialog.html',
  styles: `
    .fields {
      display: flex;
      flex-direction: column;
      gap: 4px;
      width: min(480px, 80vw);
      padding-top: 8px;
    }
    .row {
      display: flex;
      gap: 12px;
    }
    .row > * {
      flex: 1;
      min-width: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TransferDialog {
  private readonly commands = inject(TransferCommands);
  private readonly dialog = inject(MatDialogRef<TransferDialog, boolean>);
  protected readonly accounts = inject<Account[]>(MAT_DIALOG_DATA).filter((a) => !a.archived);
  protected readonly noteMax = NOTE_MAX;
  private readonly today = inject(CLOCK).now();
  protected readonly latest = latestAllowedDate(this.today);

  protected readonly form = inject(NonNullableFormBuilder).group({
    fromAccountId: ['', Validators.required],
    toAccountId: ['', Validators.required],
    sent: ['', Validators.required],
    received: [''],
    date: [isoDate(this.today), Validators.required],
    note: ['', Validators.maxLength(NOTE_MAX)],
  });
  private readonly value = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });
  protected readonly from = computed(() => this.accounts.find((a) => a.id === this.value().fromAccountId));
  protected readonly to = computed(() => this.accounts.find((a) => a.id === this.value().toAccountId));
  protected readonly targets = computed(() => this.accounts.filter((a) => a.id !== this.value().fromAccountId));
  /** The received amount is asked for only when the currencies differ. */
  protected readonly crossCurrency = computed(() => !!this.from() && !!this.to() && this.from()!.currency !== this.to()!.currency);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    const amountIn = (account: () => Account | undefined, required: () => boolean) => (control: AbstractControl): ValidationErrors | null => {
      if (!required()) return null;
      const minor = parseMoney(String(control.value), account()?.currency ?? 'USD');
      return minor === null || minor <= 0 || minor > AMOUNT_MAX_MINOR ? { amount: true } : null;
    };
    const crossCurrency = () => {
      const { from, to } = this.chosen();
      return !!from && !!to && from.currency !== to.currency;
    };
    this.form.controls.sent.addValidators(amountIn(() => this.chosen().from, () => true));
    this.form.controls.received.addValidators([amountIn(() => this.chosen().to, crossCurrency), (control) => this.rateError(String(control.value))]);
    this.form.controls.date.addValidators((c) => (c.value && c.value > this.latest ? { future: true } : null));
    // A "to" that became the same as "from" is cleared rather than silently kept.
    this.form.controls.fromAccountId.valueChanges.subscribe((from) => {
      if (from && from === this.form.controls.toAccountId.value) this.form.controls.toAccountId.setValue('');
      this.form.controls.sent.updateValueAndValidity();
      this.form.controls.received.updateValueAndValidity();
    });
    this.form.controls.toAccountId.valueChanges.subscribe(() => this.form.controls.received.updateValueAndValidity());
    // The rate joins both amounts: a corrected "sent" may clear (or raise) the problem shown on "received".
    this.form.controls.sent.valueChanges.subscribe(() => this.form.controls.received.updateValueAndValidity({ emitEvent: false }));
  }

  /** The accounts chosen now, read from the controls: validators run before `value` catches up. */
  private chosen(): { from?: Account; to?: Account } {
    const { fromAccountId, toAccountId } = this.form.getRawValue();
    return { from: this.accounts.find((a) => a.id === fromAccountId), to: this.accounts.find((a) => a.id === toAccountId) };
  }

  private rateError(received: string): ValidationErrors | null {
    const { from, to } = this.chosen();
    if (!from || !to) return null;
    const sentMinor = parseMoney(this.form.controls.sent.value, from.currency);
    const problem = transferRateProblem(from, to, sentMinor, parseMoney(received, to.currency), this.today);
    return problem ? { rate: problem } : null;
  }

  protected async submit(): Promise<void> {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const from = this.from()!;
    const to = this.to()!;
    const value = this.form.getRawValue();
    const sentMinor = parseMoney(value.sent, from.currency)!;
    const transfer: TransferDraft = {
      fromAccountId: from.id,
      toAccountId: to.id,
      sentMinor,
      sentCurrency: from.currency,
      receivedMinor: this.crossCurrency() ? parseMoney(value.received, to.currency)! : sentMinor,
      receivedCurrency: to.currency,
      date: value.date,
      note: value.note.trim(),
    };
    this.busy.set(true);
    this.error.set(null);
    const outcome = await this.commands.record(transfer);
    this.busy.set(false);
    if (outcome.ok) this.dialog.close(true);
    else this.error.set(outcome.message);
  }
}

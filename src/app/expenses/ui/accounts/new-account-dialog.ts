import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators, type AbstractControl } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import type { AccountType } from '@maestro/contracts';
import { AccountsCommands } from '../../data/accounts-commands';
import { ACCOUNT_NAME_MAX } from '../../model/account-draft';
import { parseMoney } from '../../../shared/money';
import { FormError } from '../../../shared/ui/form-error';
import { showNameTaken } from '../name-taken';

/** A new account: the form checks what it can, the orchestrator has the last word. */
@Component({
  selector: 'app-new-account-dialog',
  imports: [
    FormError,
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
    MatProgressSpinnerModule,
  ],
  templateUrl: './new-account-dialog.html',
  styleUrl: './account-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewAccountDialog {
  private readonly commands = inject(AccountsCommands);
  private readonly dialog = inject(MatDialogRef<NewAccountDialog, string>);
  protected readonly nameMax = ACCOUNT_NAME_MAX;
  protected readonly types: { value: AccountType; label: string }[] = [
    { value: 'cash', label: 'Cash' },
    { value: 'bank', label: 'Bank account' },
    { value: 'card', label: 'Card' },
  ];

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(ACCOUNT_NAME_MAX), Validators.pattern(/\S/)]],
    type: ['bank' as AccountType, Validators.required],
    currency: ['USD', [Validators.required, Validators.pattern(/^[A-Za-z]{3}$/)]],
    openingBalance: ['0', [Validators.required]],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    // The balance is valid only in the chosen currency's minor units (JPY has none).
    this.form.controls.openingBalance.addValidators((control: AbstractControl) =>
      parseMoney(String(control.value), this.form?.controls.currency.value.toUpperCase() ?? 'USD') === null
        ? { amount: true }
        : null,
    );
    // Names are unique per currency: another currency may make a taken name free again.
    this.form.controls.currency.valueChanges.subscribe(() => {
      this.form.controls.openingBalance.updateValueAndValidity();
      this.form.controls.name.updateValueAndValidity();
    });
  }

  protected async submit(): Promise<void> {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { name, type, currency, openingBalance } = this.form.getRawValue();
    const code = currency.toUpperCase();
    this.busy.set(true);
    this.error.set(null);
    const outcome = await this.commands.create({
      name: name.trim(),
      type,
      currency: code,
      openingBalanceMinor: parseMoney(openingBalance, code)!,
    });
    this.busy.set(false);
    if (outcome.ok) this.dialog.close(name.trim());
    else if (!showNameTaken(this.form.controls.name, outcome)) this.error.set(outcome.message);
  }
}

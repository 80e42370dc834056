import { ChangeDetectionStrategy, Component, effect, inject, signal, untracked } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators, type AbstractControl } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import type { AccountPatch, AccountType } from '@maestro/contracts';
import { AccountsCommands } from '../../data/accounts-commands';
import type { Account } from '../../data/accounts-repository';
import { ACCOUNT_NAME_MAX } from '../../model/account-draft';
import { parseMoney } from '../../../shared/money';
import { amountInputText } from './money-format';
import { FormError } from '../../../shared/ui/form-error';
import { showNameTaken } from '../name-taken';
import { LedgerAuthority } from '../ledger-authority';

/** Closes with the saved name, or nothing when cancelled or nothing changed. */
@Component({
  selector: 'app-edit-account-dialog',
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
  templateUrl: './edit-account-dialog.html',
  styleUrl: './account-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EditAccountDialog {
  private readonly commands = inject(AccountsCommands);
  private readonly dialog = inject(MatDialogRef<EditAccountDialog, string>);
  protected readonly account = inject<Account>(MAT_DIALOG_DATA);
  protected readonly nameMax = ACCOUNT_NAME_MAX;
  /** Every balance reported so far starts from the opening balance: once created, only an admin moves it. */
  protected readonly openingBalanceLock = inject(LedgerAuthority).openingBalanceLock;
  protected readonly types: { value: AccountType; label: string }[] = [
    { value: 'cash', label: 'Cash' },
    { value: 'bank', label: 'Bank account' },
    { value: 'card', label: 'Card' },
  ];

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: [this.account.name, [Validators.required, Validators.maxLength(ACCOUNT_NAME_MAX), Validators.pattern(/\S/)]],
    type: [this.account.type, Validators.required],
    openingBalance: [
      amountInputText(this.account.openingBalanceMinor, this.account.currency),
      [Validators.required, (control: AbstractControl) => (parseMoney(String(control.value), this.account.currency) === null ? { amount: true } : null)],
    ],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    // Disabled, its value still counts in getRawValue(): unchanged, so never sent.
    effect(() => {
      const locked = !!this.openingBalanceLock();
      const control = this.form.controls.openingBalance;
      untracked(() => {
        if (locked) control.disable();
        else if (control.disabled) control.enable();
      });
    });
  }

  protected async submit(): Promise<void> {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const patch = this.changes();
    if (!Object.keys(patch).length) {
      this.dialog.close();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    const outcome = await this.commands.update(this.account.id, patch);
    this.busy.set(false);
    if (outcome.ok) this.dialog.close(this.form.controls.name.value.trim());
    else if (!showNameTaken(this.form.controls.name, outcome)) this.error.set(outcome.message);
  }

  /** Only what the user changed: an unchanged field is not re-sent (nor logged as a change). */
  private changes(): AccountPatch {
    const { name, type, openingBalance } = this.form.getRawValue();
    const patch: AccountPatch = {};
    if (name.trim() !== this.account.name) patch.name = name.trim();
    if (type !== this.account.type) patch.type = type;
    const opening = parseMoney(openingBalance, this.account.currency)!;
    if (opening !== this.account.openingBalanceMinor) patch.openingBalanceMinor = opening;
    return patch;
  }
}

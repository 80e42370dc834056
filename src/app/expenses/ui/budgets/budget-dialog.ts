import { ChangeDetectionStrategy, Component, effect, inject, signal, untracked } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators, type AbstractControl } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { AMOUNT_MAX_MINOR } from '@maestro/contracts';
import { BudgetsCommands } from '../../data/budgets-commands';
import type { CategoryOption } from '../../data/categories-repository';
import { parseMoney } from '../../../shared/money';
import { amountInputText } from '../accounts/money-format';
import { FormError } from '../../../shared/ui/form-error';
import { LedgerAuthority } from '../ledger-authority';

export interface BudgetDialogData {
  category: CategoryOption;
  currency: string;
  budgetMinor: number | null;
}

/** Closes with the new amount (0 = removed), or nothing when cancelled. */
@Component({
  selector: 'app-budget-dialog',
  imports: [FormError, ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatIconModule, MatInputModule, MatButtonModule, MatProgressSpinnerModule],
  templateUrl: './budget-dialog.html',
  styles: `
    .fields {
      display: flex;
      flex-direction: column;
      width: min(360px, 80vw);
      padding-top: 8px;
    }
    .spacer {
      flex: 1;
    }
    .read-only {
      display: flex;
      gap: 8px;
      margin: 0 0 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BudgetDialog {
  private readonly commands = inject(BudgetsCommands);
  private readonly dialog = inject(MatDialogRef<BudgetDialog, number>);
  protected readonly data = inject<BudgetDialogData>(MAT_DIALOG_DATA);
  /** The page opens this for admins only; should the role change meanwhile, the dialog says so rather than fail. */
  protected readonly lock = inject(LedgerAuthority).budgetsLock;

  protected readonly form = inject(NonNullableFormBuilder).group({
    amount: [
      this.data.budgetMinor === null ? '' : amountInputText(this.data.budgetMinor, this.data.currency),
      [
        Validators.required,
        (control: AbstractControl) => {
          const minor = parseMoney(String(control.value), this.data.currency);
          return minor === null || minor < 0 || minor > AMOUNT_MAX_MINOR ? { amount: true } : null;
        },
      ],
    ],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    effect(() => {
      const locked = !!this.lock();
      untracked(() => {
        if (locked) this.form.disable();
        else if (this.form.disabled) this.form.enable();
      });
    });
  }

  protected submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return Promise.resolve();
    }
    return this.save(parseMoney(this.form.controls.amount.value, this.data.currency)!);
  }

  protected async save(amountMinor: number): Promise<void> {
    if (this.busy() || this.lock()) return;
    this.busy.set(true);
    this.error.set(null);
    const outcome = await this.commands.set({ categoryId: this.data.category.id, currency: this.data.currency, amountMinor });
    this.busy.set(false);
    if (outcome.ok) this.dialog.close(amountMinor);
    else this.error.set(outcome.message);
  }
}

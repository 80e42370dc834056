import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MENU_STOCK_MAX, MENU_STOCK_REASON_MAX, type MenuItem } from '@maestro/contracts';
import { EventRequests } from '../../core/events/event-requests';
import { FormError } from '../../shared/ui/form-error';

/** Restock (units in) or adjust (units out: spoiled, counted wrong) with a reason; never below zero. */
@Component({
  selector: 'app-stock-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatButtonToggleModule, MatFormFieldModule, MatInputModule, FormError],
  template: `
    <h2 mat-dialog-title>Stock of {{ dish.name }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()">
      <mat-dialog-content class="fields">
        <p class="now">{{ dish.stock }} in stock now.</p>
        <app-form-error [message]="error()" />
        <mat-button-toggle-group formControlName="direction" aria-label="Add or take away units">
          <mat-button-toggle value="in">Restock (add)</mat-button-toggle>
          <mat-button-toggle value="out">Adjust (take away)</mat-button-toggle>
        </mat-button-toggle-group>
        <mat-form-field>
          <mat-label>Units</mat-label>
          <input matInput type="number" formControlName="units" min="1" [max]="stockMax" required cdkFocusInitial />
          <mat-hint>{{ after() }}</mat-hint>
          <mat-error>A whole number from 1 to {{ stockMax }}.</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Reason</mat-label>
          <input matInput formControlName="reason" [maxlength]="reasonMax" required placeholder="Morning delivery, spoiled, recount…" />
          <mat-error>Say why: it goes in the activity log.</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close [disabled]="busy()">Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()">Save stock</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .fields {
      display: flex;
      flex-direction: column;
      gap: 8px;
      min-width: min(380px, 80vw);
    }
    .now {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    mat-button-toggle-group {
      align-self: flex-start;
      margin-bottom: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StockDialog {
  protected readonly dish = inject<MenuItem>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<StockDialog, MenuItem>>(MatDialogRef);
  private readonly requests = inject(EventRequests);
  protected readonly stockMax = MENU_STOCK_MAX;
  protected readonly reasonMax = MENU_STOCK_REASON_MAX;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = new FormGroup({
    direction: new FormControl<'in' | 'out'>('in', { nonNullable: true }),
    units: new FormControl(1, { nonNullable: true, validators: [Validators.required, Validators.min(1), Validators.max(MENU_STOCK_MAX), Validators.pattern(/^\d+$/)] }),
    reason: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(/\S/)] }),
  });

  protected after(): string {
    const { direction, units } = this.form.getRawValue();
    const left = this.dish.stock + (direction === 'in' ? 1 : -1) * (Number(units) || 0);
    return left < 0 ? `That is more than the ${this.dish.stock} in stock.` : `${left} in stock after this.`;
  }

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { direction, units, reason } = this.form.getRawValue();
    const change = (direction === 'in' ? 1 : -1) * Number(units);
    if (this.dish.stock + change < 0) {
      this.error.set(`Only ${this.dish.stock} ${this.dish.name} in stock: you cannot take away ${units}.`);
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    const outcome = await this.requests.send(
      'MENU_CHANGE_REQUESTED',
      { change: { kind: 'adjustStock', menuItemId: this.dish.id, adjustment: { change, reason: reason.trim() } } },
      'MENU_CHANGED',
    );
    this.busy.set(false);
    if (!outcome.ok) {
      this.error.set(outcome.message);
      return;
    }
    const result = outcome.event.payload.result;
    this.dialogRef.close(result.kind === 'item' ? result.menuItem : undefined);
  }
}

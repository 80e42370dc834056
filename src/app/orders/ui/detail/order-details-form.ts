import { ChangeDetectionStrategy, Component, computed, input, output, type OnInit } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ORDER_CUSTOMER_NAME_MAX, ORDER_NOTES_MAX, ORDER_TABLE_MAX, type Order, type UpdateOrderRequest } from '@maestro/contracts';

type DetailsForm = FormGroup<{
  customerName: FormControl<string>;
  notes: FormControl<string>;
  table: FormControl<string>;
}>;

/**
 * Customer name, notes and (dine-in) table of a placed order. Sends only what changed, trimmed as
 * the API stores it; nothing changed closes the form without a request. The address of a delivery
 * is not here: the courier was booked for it (the API has no route to move it).
 */
@Component({
  selector: 'app-order-details-form',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" aria-label="Edit the order's details">
      @if (order().type === 'dine-in') {
        <mat-form-field appearance="outline">
          <mat-label>Table</mat-label>
          <input matInput formControlName="table" [maxlength]="tableMax" autocomplete="off" />
          @if (form.controls.table.hasError('required')) {
            <mat-error>A dine-in order needs its table.</mat-error>
          }
        </mat-form-field>
      }
      <mat-form-field appearance="outline">
        <mat-label>Customer name</mat-label>
        <input matInput formControlName="customerName" [maxlength]="nameMax" autocomplete="off" />
        <mat-hint align="end">{{ form.controls.customerName.value.length }} / {{ nameMax }}</mat-hint>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Notes</mat-label>
        <textarea matInput formControlName="notes" [maxlength]="notesMax" rows="2"></textarea>
        <mat-hint align="end">{{ form.controls.notes.value.length }} / {{ notesMax }}</mat-hint>
      </mat-form-field>
      @if (order().type === 'delivery') {
        <p class="hint">The delivery address stays as booked with the courier: cancel and place a new order to send it elsewhere.</p>
      }
      <div class="actions">
        <button mat-button type="button" (click)="cancelled.emit()">Cancel</button>
        <button mat-flat-button type="submit">Save details</button>
      </div>
    </form>
  `,
  styles: `
    form {
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    mat-form-field {
      width: 100%;
    }
    .hint {
      margin: 0 0 8px;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrderDetailsForm implements OnInit {
  readonly order = input.required<Order>();
  /** Only the fields that changed; never empty. */
  readonly saved = output<UpdateOrderRequest>();
  readonly cancelled = output<void>();

  protected readonly nameMax = ORDER_CUSTOMER_NAME_MAX;
  protected readonly notesMax = ORDER_NOTES_MAX;
  protected readonly tableMax = ORDER_TABLE_MAX;

  protected readonly form: DetailsForm = new FormGroup({
    customerName: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(ORDER_CUSTOMER_NAME_MAX)] }),
    notes: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(ORDER_NOTES_MAX)] }),
    table: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(ORDER_TABLE_MAX)] }),
  });

  private readonly start = computed(() => {
    const order = this.order();
    return { customerName: order.customerName, notes: order.notes, table: order.type === 'dine-in' ? order.table : '' };
  });

  ngOnInit(): void {
    this.form.setValue(this.start());
    if (this.order().type === 'dine-in') this.form.controls.table.addValidators(Validators.required);
    this.form.controls.table.updateValueAndValidity();
  }

  protected submit(): void {
    // Spaces only count as empty, as the API trims them.
    const value = this.form.getRawValue();
    const trimmed = { customerName: value.customerName.trim(), notes: value.notes.trim(), table: value.table.trim() };
    this.form.controls.table.setValue(trimmed.table);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const start = this.start();
    const patch: UpdateOrderRequest = {};
    if (trimmed.customerName !== start.customerName) patch.customerName = trimmed.customerName;
    if (trimmed.notes !== start.notes) patch.notes = trimmed.notes;
    if (this.order().type === 'dine-in' && trimmed.table !== start.table) patch.table = trimmed.table;
    if (Object.keys(patch).length) this.saved.emit(patch);
    else this.cancelled.emit();
  }
}

import { ChangeDetectionStrategy, Component, computed, input, output, type OnInit } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ORDER_ITEM_NOTES_MAX, ORDER_QUANTITY_MAX, ORDER_TOTAL_MAX_MINOR, type OrderItem, type UpdateOrderItemRequest } from '@maestro/contracts';
import { formatMoney } from '../../../shared/money';

/**
 * A line's quantity and instructions, in place of its row. Says before sending what the API would
 * refuse: a quantity that is not 1 to 99, or one that takes the order past its largest total.
 */
@Component({
  selector: 'app-item-line-editor',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" [attr.aria-label]="'Change ' + item().menuItem.name">
      <strong class="name">{{ item().menuItem.name }}</strong>
      <div class="fields">
        <mat-form-field appearance="outline" class="quantity">
          <mat-label>Quantity</mat-label>
          <input matInput type="number" inputmode="numeric" formControlName="quantity" min="1" [max]="quantityMax" />
          @if (form.controls.quantity.invalid) {
            <mat-error>From 1 to {{ quantityMax }}.</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline" class="notes">
          <mat-label>Instructions</mat-label>
          <input matInput formControlName="notes" [maxlength]="notesMax" autocomplete="off" />
        </mat-form-field>
      </div>
      <p class="total" [class.over]="overCap()" aria-live="polite">
        @if (overCap()) {
          That would bring the order to {{ money(newTotal()) }}; an order may come to at most {{ money(cap) }}.
        } @else {
          Line total {{ money(lineTotal()) }} · order total {{ money(newTotal()) }}
        }
      </p>
      <div class="actions">
        <button mat-button type="button" (click)="cancelled.emit()">Cancel</button>
        <button mat-flat-button type="submit" [disabled]="overCap()">Save</button>
      </div>
    </form>
  `,
  styles: `
    form {
      display: flex;
      flex-direction: column;
      gap: 4px;
      padding: 8px 0;
    }
    .fields {
      display: flex;
      flex-wrap: wrap;
      gap: 0 8px;
    }
    .quantity {
      width: 110px;
    }
    .notes {
      flex: 1 1 180px;
    }
    .total {
      margin: 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .total.over {
      color: var(--mat-sys-error);
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ItemLineEditor implements OnInit {
  readonly item = input.required<OrderItem>();
  readonly currency = input.required<string>();
  /** The order's total now, this line included. */
  readonly orderTotalMinor = input.required<number>();
  /** Only what changed; never empty. */
  readonly saved = output<UpdateOrderItemRequest>();
  readonly cancelled = output<void>();

  protected readonly quantityMax = ORDER_QUANTITY_MAX;
  protected readonly notesMax = ORDER_ITEM_NOTES_MAX;
  protected readonly cap = ORDER_TOTAL_MAX_MINOR;

  protected readonly form = new FormGroup({
    quantity: new FormControl<number | null>(null, [Validators.required, Validators.min(1), Validators.max(ORDER_QUANTITY_MAX), Validators.pattern(/^\d+$/)]),
    notes: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(ORDER_ITEM_NOTES_MAX)] }),
  });
  private readonly quantity = toSignal(this.form.controls.quantity.valueChanges, { initialValue: null });

  /** A quantity still being typed counts as the line's current one. */
  private readonly shownQuantity = computed(() => {
    const typed = this.quantity();
    return typeof typed === 'number' && Number.isInteger(typed) && typed > 0 ? typed : this.item().quantity;
  });
  protected readonly lineTotal = computed(() => this.item().unitPriceMinor * this.shownQuantity());
  protected readonly newTotal = computed(() => this.orderTotalMinor() - this.item().lineTotalMinor + this.lineTotal());
  protected readonly overCap = computed(() => this.newTotal() > ORDER_TOTAL_MAX_MINOR);

  ngOnInit(): void {
    this.form.setValue({ quantity: this.item().quantity, notes: this.item().notes });
  }

  protected money(amountMinor: number): string {
    return formatMoney(amountMinor, this.currency());
  }

  protected submit(): void {
    if (this.form.invalid || this.overCap()) {
      this.form.markAllAsTouched();
      return;
    }
    const { quantity, notes } = this.form.getRawValue();
    const patch: UpdateOrderItemRequest = {};
    if (quantity !== null && quantity !== this.item().quantity) patch.quantity = quantity;
    if (notes.trim() !== this.item().notes) patch.notes = notes.trim();
    if (Object.keys(patch).length) this.saved.emit(patch);
    else this.cancelled.emit();
  }
}

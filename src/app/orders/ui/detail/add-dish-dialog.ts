import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ORDER_ITEM_NOTES_MAX, ORDER_QUANTITY_MAX, ORDER_TOTAL_MAX_MINOR, lineTaxMinor, orderTotals, type MenuItem, type Order, type OrderItemRequest } from '@maestro/contracts';
import { MenuLive } from '../../../core/realtime/menu-live';
import { formatMoney } from '../../../shared/money';
import { FormError } from '../../../shared/ui/form-error';
import { OrderOrchestrator } from '../../orchestrator/order-orchestrator';
import { MenuPicker } from '../new-order/menu-picker';

/**
 * Pick a dish (with what is left of it), a quantity and instructions for a running order. Closes
 * with the line to add; the page sends it and says what the API answered. A quantity past the
 * stock or the order's largest total is said here, before anything is sent.
 */
@Component({
  selector: 'app-add-dish-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, FormError, MenuPicker],
  template: `
    <h2 mat-dialog-title>Add a dish to {{ data.number }}</h2>
    <mat-dialog-content>
      @if (menuError(); as problem) {
        <app-form-error icon="cloud_off" [message]="problem" />
        <button mat-stroked-button type="button" (click)="loadMenu()">Try again</button>
      } @else if (!menu()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading the menu" />
      } @else if (dish(); as d) {
        <form id="add-dish-form" [formGroup]="form" (ngSubmit)="submit(d)">
          <p class="picked">
            <strong>{{ d.name }}</strong> · {{ money(d.priceMinor) }} · {{ d.stock }} left
            <button mat-button type="button" (click)="dish.set(null)">Choose another</button>
          </p>
          <div class="fields">
            <mat-form-field appearance="outline" class="quantity">
              <mat-label>Quantity</mat-label>
              <input matInput type="number" inputmode="numeric" formControlName="quantity" min="1" [max]="maxFor(d)" />
              @if (form.controls.quantity.invalid) {
                <mat-error>From 1 to {{ maxFor(d) }}{{ d.stock < quantityMax ? ' (' + d.stock + ' left)' : '' }}.</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline" class="notes">
              <mat-label>Instructions</mat-label>
              <input matInput formControlName="notes" [maxlength]="notesMax" autocomplete="off" />
            </mat-form-field>
          </div>
          <p class="total" [class.over]="overCap(d)">
            @if (overCap(d)) {
              That would bring the order to {{ money(newTotal(d)) }}; an order may come to at most {{ money(cap) }}.
            } @else {
              Order total after this: {{ money(newTotal(d)) }}
            }
          </p>
        </form>
      } @else {
        <app-menu-picker [items]="menu()!" [categories]="categories()" [inOrder]="inOrder" [showStock]="true" (add)="pick($event)" />
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button mat-dialog-close type="button">Cancel</button>
      @if (dish(); as d) {
        <button mat-flat-button type="submit" form="add-dish-form" [disabled]="overCap(d)">Add to order</button>
      }
    </mat-dialog-actions>
  `,
  styles: `
    mat-dialog-content {
      min-width: min(480px, 80vw);
    }
    .picked {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 8px;
      margin: 0 0 12px;
    }
    .fields {
      display: flex;
      flex-wrap: wrap;
      gap: 0 8px;
    }
    .quantity {
      width: 120px;
    }
    .notes {
      flex: 1 1 200px;
    }
    .total {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .total.over {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AddDishDialog {
  protected readonly data = inject<{ order: Order; number: string }>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<AddDishDialog, OrderItemRequest>);
  private readonly facade = inject(OrderOrchestrator);

  protected readonly quantityMax = ORDER_QUANTITY_MAX;
  protected readonly notesMax = ORDER_ITEM_NOTES_MAX;
  protected readonly cap = ORDER_TOTAL_MAX_MINOR;
  protected readonly menu = signal<MenuItem[] | null>(null);
  /** The menu's category order, read with the menu (the API's listing). */
  protected readonly categories = inject(MenuLive).categories;
  protected readonly menuError = signal<string | null>(null);
  protected readonly dish = signal<MenuItem | null>(null);
  protected readonly inOrder = new Map(this.data.order.items.map((item) => [item.menuItemId, item.quantity]));

  protected readonly form = new FormGroup({
    quantity: new FormControl<number | null>(1, [Validators.required, Validators.min(1), Validators.pattern(/^\d+$/)]),
    notes: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(ORDER_ITEM_NOTES_MAX)] }),
  });
  private readonly quantity = toSignal(this.form.controls.quantity.valueChanges, { initialValue: 1 });
  private readonly typed = computed(() => {
    const quantity = this.quantity();
    return typeof quantity === 'number' && Number.isInteger(quantity) && quantity > 0 ? quantity : 1;
  });

  constructor() {
    void this.loadMenu();
  }

  protected async loadMenu(): Promise<void> {
    this.menuError.set(null);
    try {
      this.menu.set(await this.facade.listMenu());
    } catch (error) {
      this.menuError.set(`The menu could not be loaded. ${error instanceof Error ? error.message : ''}`.trim());
    }
  }

  /** Only dishes in the order's currency can join it. */
  protected pick(dish: MenuItem): void {
    if (dish.currency !== this.data.order.currency) return;
    this.dish.set(dish);
    const quantity = this.form.controls.quantity;
    quantity.setValidators([Validators.required, Validators.min(1), Validators.max(this.maxFor(dish)), Validators.pattern(/^\d+$/)]);
    quantity.setValue(1);
  }

  protected maxFor(dish: MenuItem): number {
    return Math.min(ORDER_QUANTITY_MAX, dish.stock);
  }

  /** The order's total with the dish added, priced as the API will (tax, the order's service rate). */
  protected newTotal(dish: MenuItem): number {
    const { order } = this.data;
    const lineTotalMinor = dish.priceMinor * this.typed();
    const taxInclusive = dish.taxInclusive === true;
    const added = { lineTotalMinor, taxMinor: lineTaxMinor(lineTotalMinor, dish.taxRateBasisPoints ?? 0, taxInclusive), menuItem: { taxInclusive } };
    return orderTotals([...order.items, added], order.serviceRateBasisPoints ?? 0).totalMinor;
  }

  protected overCap(dish: MenuItem): boolean {
    return this.newTotal(dish) > ORDER_TOTAL_MAX_MINOR;
  }

  protected money(amountMinor: number): string {
    return formatMoney(amountMinor, this.data.order.currency);
  }

  protected submit(dish: MenuItem): void {
    if (this.form.invalid || this.overCap(dish)) {
      this.form.markAllAsTouched();
      return;
    }
    const { quantity, notes } = this.form.getRawValue();
    this.ref.close({ menuItemId: dish.id, quantity: quantity ?? 1, ...(notes.trim() ? { notes: notes.trim() } : {}) });
  }
}

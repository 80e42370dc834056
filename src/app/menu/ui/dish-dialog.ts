import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import {
  KITCHEN_STATIONS,
  MENU_NAME_MAX,
  MENU_PRICE_MAX_MINOR,
  MENU_STOCK_MAX,
  type KitchenStation,
  type MenuCategory,
  type MenuChange,
  type MenuItem,
} from '@maestro/contracts';
import { EventRequests } from '../../core/events/event-requests';
import { FormError } from '../../shared/ui/form-error';
import { formatMoney, parseMoney, plainAmount } from '../../shared/money';

export interface DishDialogData {
  categories: readonly MenuCategory[];
  /** The dish to edit; none to add one. */
  dish?: MenuItem;
  /** A new dish's currency: the one the menu already uses. */
  currency: string;
  /** A new dish's category, when added from that category. */
  categoryId?: string;
}

/** Adds or edits a dish: the price is typed in major units (12.50) and sent in minor units (1250). */
@Component({
  selector: 'app-dish-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatSlideToggleModule, FormError],
  template: `
    <h2 mat-dialog-title>{{ data.dish ? 'Edit ' + data.dish.name : 'New dish' }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()">
      <mat-dialog-content class="fields">
        <app-form-error [message]="error()" />
        <mat-form-field>
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" [maxlength]="nameMax" required cdkFocusInitial />
          @if (form.controls.name.hasError('required')) {
            <mat-error>Give the dish a name.</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Category</mat-label>
          <mat-select formControlName="categoryId" required>
            @for (category of data.categories; track category.id) {
              <mat-option [value]="category.id">{{ category.name }}</mat-option>
            }
          </mat-select>
          @if (form.controls.categoryId.hasError('required')) {
            <mat-error>Choose a category: it gives the dish its tax.</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Station</mat-label>
          <mat-select formControlName="station">
            @for (station of stations; track station) {
              <mat-option [value]="station">{{ station }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <div class="row">
          <mat-form-field class="price">
            <mat-label>Price</mat-label>
            <input matInput formControlName="price" inputmode="decimal" required />
            <span matTextSuffix>{{ form.controls.currency.value }}</span>
            <mat-hint>As on the menu card</mat-hint>
            @if (form.controls.price.invalid) {
              <mat-error>{{ priceProblem() }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field class="currency">
            <mat-label>Currency</mat-label>
            <input matInput formControlName="currency" maxlength="3" required />
            <mat-error>A three-letter code such as USD.</mat-error>
          </mat-form-field>
        </div>
        @if (!data.dish) {
          <mat-form-field>
            <mat-label>Units in stock</mat-label>
            <input matInput type="number" formControlName="stock" min="0" [max]="stockMax" />
            <mat-error>A whole number from 0 to {{ stockMax }}.</mat-error>
          </mat-form-field>
        }
        <mat-slide-toggle formControlName="available">Available to order</mat-slide-toggle>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close [disabled]="busy()">Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()">{{ data.dish ? 'Save' : 'Add dish' }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .fields {
      display: flex;
      flex-direction: column;
      gap: 4px;
      min-width: min(420px, 80vw);
    }
    .row {
      display: flex;
      gap: 12px;
    }
    .price {
      flex: 1;
    }
    .currency {
      width: 96px;
    }
    mat-slide-toggle {
      margin-block: 8px 4px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DishDialog {
  protected readonly data = inject<DishDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<DishDialog, MenuItem>>(MatDialogRef);
  private readonly requests = inject(EventRequests);
  protected readonly stations = KITCHEN_STATIONS;
  protected readonly nameMax = MENU_NAME_MAX;
  protected readonly stockMax = MENU_STOCK_MAX;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly form = new FormGroup({
    name: new FormControl(this.data.dish?.name ?? '', { nonNullable: true, validators: [Validators.required, Validators.maxLength(MENU_NAME_MAX)] }),
    categoryId: new FormControl(this.data.dish?.categoryId || this.data.categoryId || this.data.categories[0]?.id || '', { nonNullable: true, validators: Validators.required }),
    station: new FormControl<KitchenStation>(this.data.dish?.station ?? 'grill', { nonNullable: true }),
    price: new FormControl(this.data.dish ? plainAmount(this.data.dish.priceMinor, this.data.dish.currency) : '', {
      nonNullable: true,
      validators: [Validators.required, (control) => (this.priceMinor(String(control.value)) === null ? { price: true } : null)],
    }),
    currency: new FormControl(this.data.dish?.currency ?? this.data.currency, { nonNullable: true, validators: [Validators.required, Validators.pattern(/^[A-Za-z]{3}$/)] }),
    stock: new FormControl(0, { nonNullable: true, validators: [Validators.required, Validators.min(0), Validators.max(MENU_STOCK_MAX), Validators.pattern(/^\d+$/)] }),
    available: new FormControl(this.data.dish?.available ?? true, { nonNullable: true }),
  });

  protected priceProblem(): string {
    const currency = this.form.controls.currency.value.toUpperCase();
    return this.form.controls.price.value.trim() === ''
      ? 'Type the price, e.g. 12.50.'
      : `Type a price from 0 to ${formatMoney(MENU_PRICE_MAX_MINOR, /^[A-Z]{3}$/.test(currency) ? currency : 'USD')}, e.g. 12.50.`;
  }

  /** The typed price in minor units of the typed currency, or null when it is not one. */
  private priceMinor(text: string): number | null {
    const currency = this.form?.controls.currency.value.toUpperCase() ?? 'USD';
    const minor = parseMoney(text, /^[A-Z]{3}$/.test(currency) ? currency : 'USD');
    return minor !== null && minor >= 0 && minor <= MENU_PRICE_MAX_MINOR ? minor : null;
  }

  protected async save(): Promise<void> {
    this.form.controls.price.updateValueAndValidity();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.error.set('Some fields need a fix: see the marked fields.');
      return;
    }
    const value = this.form.getRawValue();
    const fields = {
      name: value.name,
      categoryId: value.categoryId,
      station: value.station,
      priceMinor: this.priceMinor(value.price)!,
      currency: value.currency.toUpperCase(),
      available: value.available,
    };
    const change: MenuChange = this.data.dish
      ? { kind: 'updateItem', menuItemId: this.data.dish.id, patch: fields }
      : { kind: 'createItem', draft: { ...fields, stock: Number(value.stock) } };
    this.busy.set(true);
    this.error.set(null);
    const outcome = await this.requests.send('MENU_CHANGE_REQUESTED', { change }, 'MENU_CHANGED');
    this.busy.set(false);
    if (!outcome.ok) {
      this.error.set(outcome.message);
      return;
    }
    const result = outcome.event.payload.result;
    this.dialogRef.close(result.kind === 'item' ? result.menuItem : undefined);
  }
}

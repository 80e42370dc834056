import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MENU_CATEGORY_NAME_MAX, type MenuCategory, type MenuChange } from '@maestro/contracts';
import { EventRequests } from '../../core/events/event-requests';
import { FormError } from '../../shared/ui/form-error';
import { parseRatePercent, ratePercentText, taxWords } from '../model/menu-model';

/** Creates or edits a menu category: its name and the tax of its dishes (a rate, added or included). */
@Component({
  selector: 'app-category-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSlideToggleModule, FormError],
  template: `
    <h2 mat-dialog-title>{{ category ? 'Edit ' + category.name : 'New category' }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()">
      <mat-dialog-content class="fields">
        <app-form-error [message]="error()" />
        <mat-form-field>
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" [maxlength]="nameMax" required cdkFocusInitial />
          <mat-error>Give the category a name.</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Tax rate</mat-label>
          <input matInput formControlName="rate" inputmode="decimal" required />
          <span matTextSuffix>%</span>
          <mat-hint>{{ preview() }}</mat-hint>
          <mat-error>A percent from 0 to 100, at most two decimals (8.25).</mat-error>
        </mat-form-field>
        <mat-slide-toggle formControlName="inclusive">Prices include the tax</mat-slide-toggle>
        <p class="note">Orders already placed keep the tax they were placed with.</p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close [disabled]="busy()">Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()">{{ category ? 'Save' : 'Add category' }}</button>
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
    .note {
      margin: 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CategoryDialog {
  protected readonly category = inject<MenuCategory | null>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<CategoryDialog, MenuCategory>>(MatDialogRef);
  private readonly requests = inject(EventRequests);
  protected readonly nameMax = MENU_CATEGORY_NAME_MAX;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = new FormGroup({
    name: new FormControl(this.category?.name ?? '', { nonNullable: true, validators: [Validators.required, Validators.pattern(/\S/)] }),
    rate: new FormControl(this.category ? ratePercentText(this.category.taxRateBasisPoints) : '0', {
      nonNullable: true,
      validators: [(control) => (parseRatePercent(String(control.value)) === null ? { rate: true } : null)],
    }),
    inclusive: new FormControl(this.category?.taxInclusive ?? false, { nonNullable: true }),
  });

  protected preview(): string {
    const rate = parseRatePercent(this.form.controls.rate.value);
    return rate === null ? '' : taxWords({ taxRateBasisPoints: rate, taxInclusive: this.form.controls.inclusive.value });
  }

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { name, rate, inclusive } = this.form.getRawValue();
    const draft = { name: name.trim(), taxRateBasisPoints: parseRatePercent(rate)!, taxInclusive: inclusive };
    const change: MenuChange = this.category
      ? { kind: 'updateCategory', categoryId: this.category.id, patch: draft }
      : { kind: 'createCategory', draft };
    this.busy.set(true);
    this.error.set(null);
    const outcome = await this.requests.send('MENU_CHANGE_REQUESTED', { change }, 'MENU_CHANGED');
    this.busy.set(false);
    if (!outcome.ok) {
      this.error.set(outcome.message);
      return;
    }
    const result = outcome.event.payload.result;
    this.dialogRef.close(result.kind === 'category' ? result.category : undefined);
  }
}

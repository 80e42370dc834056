import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { OrderType, ServiceCharge } from '@maestro/contracts';
import { EventRequests } from '../../core/events/event-requests';
import { Notifier } from '../../core/notify/notifier';
import { FormError } from '../../shared/ui/form-error';
import { parseRatePercent, ratePercentText } from '../model/menu-model';

const rateValidator = (control: { value: unknown }) => (parseRatePercent(String(control.value)) === null ? { rate: true } : null);

/** The service charge per order type (not taxed; applies to orders placed from now on). */
@Component({
  selector: 'app-service-charge-form',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, FormError],
  template: `
    <form [formGroup]="form" (ngSubmit)="save()" aria-labelledby="service-title">
      <h2 id="service-title">Service charge</h2>
      <p class="note">On the order's subtotal before tax, not taxed itself; orders already placed keep theirs.</p>
      <app-form-error [message]="error()" />
      <div class="rates">
        @for (type of types; track type.value) {
          <mat-form-field>
            <mat-label>{{ type.label }}</mat-label>
            <input matInput [formControlName]="type.value" inputmode="decimal" />
            <span matTextSuffix>%</span>
            <mat-error>0 to 100</mat-error>
          </mat-form-field>
        }
        <button mat-stroked-button type="submit" [disabled]="busy() || form.pristine">Save service charge</button>
      </div>
    </form>
  `,
  styles: `
    h2 {
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    .note {
      margin: 4px 0 12px;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .rates {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 4px 12px;
    }
    mat-form-field {
      width: 120px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServiceChargeForm {
  readonly serviceCharge = input.required<ServiceCharge>();
  private readonly requests = inject(EventRequests);
  private readonly notifier = inject(Notifier);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly types: { value: OrderType; label: string }[] = [
    { value: 'dine-in', label: 'Dine-in' },
    { value: 'takeaway', label: 'Takeaway' },
    { value: 'delivery', label: 'Delivery' },
  ];
  protected readonly form = new FormGroup({
    'dine-in': new FormControl('0', { nonNullable: true, validators: rateValidator }),
    takeaway: new FormControl('0', { nonNullable: true, validators: rateValidator }),
    delivery: new FormControl('0', { nonNullable: true, validators: rateValidator }),
  });

  constructor() {
    // Another admin's change shows here unless this admin is typing one.
    effect(() => {
      const rates = this.serviceCharge().serviceRateBasisPoints;
      if (!this.form.pristine) return;
      this.form.reset({ 'dine-in': ratePercentText(rates['dine-in']), takeaway: ratePercentText(rates.takeaway), delivery: ratePercentText(rates.delivery) });
    });
  }

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const rates = { 'dine-in': parseRatePercent(value['dine-in'])!, takeaway: parseRatePercent(value.takeaway)!, delivery: parseRatePercent(value.delivery)! };
    this.busy.set(true);
    this.error.set(null);
    const outcome = await this.requests.send('MENU_CHANGE_REQUESTED', { change: { kind: 'setServiceCharge', request: { serviceRateBasisPoints: rates } } }, 'MENU_CHANGED');
    this.busy.set(false);
    if (!outcome.ok) {
      this.error.set(outcome.message);
      return;
    }
    this.form.markAsPristine();
    this.notifier.info('Service charge saved.');
  }
}

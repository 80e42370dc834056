import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { monthLabel, shiftMonth } from '../../data/summary-months';

/** ‹ November 2026 ›: buttons, or ← → keys anywhere in it (Home goes back to this month). */
@Component({
  selector: 'app-month-picker',
  imports: [MatButtonModule, MatIconModule],
  template: `
    <div class="picker" role="group" [attr.aria-label]="label()" (keydown)="onKey($event)">
      <button mat-icon-button type="button" aria-label="Previous month" (click)="shift(-1)">
        <mat-icon>chevron_left</mat-icon>
      </button>
      <span class="month" tabindex="0" aria-live="polite" [attr.aria-label]="monthLabel(month()) + ', use the arrow keys to change the month'">
        {{ monthLabel(month()) }}
      </span>
      <button mat-icon-button type="button" aria-label="Next month" (click)="shift(1)">
        <mat-icon>chevron_right</mat-icon>
      </button>
      @if (month() !== current()) {
        <button mat-button type="button" (click)="month.set(current())">This month</button>
      }
    </div>
  `,
  styles: `
    .picker {
      display: flex;
      align-items: center;
      gap: 4px;
    }
    .month {
      min-width: 10.5em;
      padding: 4px 8px;
      border-radius: 8px;
      text-align: center;
      font: var(--mat-sys-title-medium);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MonthPicker {
  readonly month = model.required<string>();
  /** The month "This month" and Home go back to. */
  readonly current = input.required<string>();
  readonly label = input('Month');
  protected readonly monthLabel = monthLabel;

  protected shift(delta: number): void {
    this.month.update((month) => shiftMonth(month, delta));
  }

  protected onKey(event: KeyboardEvent): void {
    const action = { ArrowLeft: () => this.shift(-1), ArrowRight: () => this.shift(1), Home: () => this.month.set(this.current()) }[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  }
}

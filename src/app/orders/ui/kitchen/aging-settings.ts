import { ChangeDetectionStrategy, Component, input, linkedSignal, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { FormError } from '../../../shared/ui/form-error';
import { checkThresholds, type AgingThresholds } from './ticket-aging';

/** The gear's panel: when tickets turn yellow and red. Refuses what would not make sense, and says why. */
@Component({
  selector: 'app-aging-settings',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, FormError],
  template: `
    <form class="panel" (submit)="save($event)" aria-labelledby="aging-settings-title" novalidate>
      <h2 id="aging-settings-title">Ticket timing</h2>
      <p class="hint">Minutes since the order was placed.</p>
      <app-form-error [message]="error()" />
      <mat-form-field appearance="outline">
        <mat-label>Yellow (getting late) after</mat-label>
        <input matInput name="warning" inputmode="numeric" [value]="warning()" (input)="warning.set(valueOf($event))" />
        <span matTextSuffix>min</span>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Red (late) after</mat-label>
        <input matInput name="late" inputmode="numeric" [value]="late()" (input)="late.set(valueOf($event))" />
        <span matTextSuffix>min</span>
      </mat-form-field>
      <div class="actions">
        <button mat-button type="button" (click)="closed.emit()">Cancel</button>
        <button mat-flat-button type="submit">Save</button>
      </div>
    </form>
  `,
  styles: `
    .panel {
      display: flex;
      flex-direction: column;
      gap: 8px;
      width: 320px;
      padding: 16px 20px;
      border-radius: 16px;
      background: var(--kds-panel);
      border: 2px solid var(--kds-ticket-border);
      box-shadow: 0 12px 32px rgb(0 0 0 / 60%);
    }
    h2 {
      margin: 0;
      font-size: 22px;
    }
    .hint {
      margin: 0 0 8px;
      color: var(--kds-muted);
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgingSettings {
  readonly thresholds = input.required<AgingThresholds>();
  readonly saved = output<AgingThresholds>();
  readonly closed = output<void>();

  protected readonly warning = linkedSignal(() => String(this.thresholds().warningMinutes));
  protected readonly late = linkedSignal(() => String(this.thresholds().lateMinutes));
  protected readonly error = signal<string | null>(null);

  protected save(event: Event): void {
    event.preventDefault();
    const check = checkThresholds(this.warning(), this.late());
    if (!check.ok) {
      this.error.set(check.message);
      return;
    }
    this.error.set(null);
    this.saved.emit(check.value);
  }

  protected valueOf(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }
}

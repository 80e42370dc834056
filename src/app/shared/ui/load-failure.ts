import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

/** A read that failed, in words, with Try again: the error state of the summary and reports pages. */
@Component({
  selector: 'app-load-failure',
  imports: [MatButtonModule, MatIconModule],
  template: `
    <div class="failed" role="alert">
      <mat-icon aria-hidden="true">error</mat-icon>
      <span>{{ message() }}</span>
      <button mat-button type="button" (click)="retry.emit()">Try again</button>
    </div>
  `,
  styles: `
    .failed {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px;
      padding: 12px 16px;
      border-radius: 12px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoadFailure {
  readonly message = input.required<string>();
  readonly retry = output<void>();
}

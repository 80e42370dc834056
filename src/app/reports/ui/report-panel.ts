import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

/** One table of a report with its title, a line on what it shows, and its CSV download. */
@Component({
  selector: 'app-report-panel',
  imports: [MatButtonModule, MatIconModule],
  template: `
    <section class="panel" [attr.aria-labelledby]="id() + '-title'">
      <div class="panel-head">
        <div>
          <h2 [id]="id() + '-title'">{{ title() }}</h2>
          @if (hint()) {
            <p class="hint">{{ hint() }}</p>
          }
        </div>
        @if (csv()) {
          <button mat-stroked-button type="button" (click)="exportCsv.emit()" [attr.aria-label]="'Download ' + title().toLowerCase() + ' as CSV'">
            <mat-icon aria-hidden="true">download</mat-icon>
            CSV
          </button>
        }
      </div>
      <ng-content />
    </section>
  `,
  styles: `
    .panel {
      padding: 16px 20px 20px;
      margin-bottom: 24px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 16px;
      background: var(--mat-sys-surface-container-lowest);
    }
    h2 {
      margin: 0;
      font: var(--mat-sys-title-large);
    }
    .panel-head {
      display: flex;
      align-items: flex-start;
      justify-content: space-between;
      gap: 8px;
      margin-bottom: 12px;
    }
    .hint {
      margin: 2px 0 0;
      color: var(--mat-sys-on-surface-variant);
    }
    @media (max-width: 599px) {
      .panel {
        padding: 12px 12px 16px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportPanel {
  readonly id = input.required<string>();
  readonly title = input.required<string>();
  readonly hint = input('');
  /** Offer the CSV download (tables with rows). */
  readonly csv = input(true);
  readonly exportCsv = output<void>();
}

import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { CalendarDatePipe } from '../../../shared/ui/date-pipes';
import type { RunState } from './import-flow';
import { countOf } from '../../../shared/count-words';

/** Step 4: the running import (rows written, rate, Cancel), then what happened, in plain words, and Undo. */
@Component({
  selector: 'app-import-run-step',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, RouterLink, CalendarDatePipe],
  template: `
    @let r = run();
    @switch (r.status) {
      @case ('running') {
        <section class="running" aria-label="Import progress">
          @if (r.written === 0) {
            <mat-progress-bar mode="query" aria-label="Preparing the import" />
          } @else {
            <mat-progress-bar mode="determinate" [value]="percent()" [attr.aria-valuetext]="progressText()" aria-label="Rows written" />
          }
          <div class="progress-line" aria-live="polite">
            <span>{{ progressText() }}</span>
            @if (r.rowsPerSecond !== null) {
              <span class="rate">{{ count(r.rowsPerSecond, 'row') }}/s</span>
            }
          </div>
          <p class="explain">
            @if (r.cancelling) {
              Cancelling: removing the rows already written…
            } @else {
              All or nothing: if anything goes wrong, or you cancel, every row written so far is removed again.
            }
          </p>
          <div class="actions">
            <button mat-stroked-button type="button" (click)="cancelImport.emit()" [disabled]="r.cancelling">
              <mat-icon>cancel</mat-icon>
              {{ r.cancelling ? 'Cancelling…' : 'Cancel import' }}
            </button>
          </div>
        </section>
      }
      @case ('imported') {
        @if (r.lateCancel) {
          <div class="outcome late" role="alert">
            <mat-icon aria-hidden="true">info</mat-icon>
            <div>
              <strong>The import had already finished: {{ count(r.count, 'expense') }} imported</strong>
              <p>Cancel came after the last rows were saved, so nothing was cancelled. Undo the import to remove {{ r.count === 1 ? 'it' : 'them all' }}.</p>
            </div>
          </div>
        } @else {
          <div class="outcome ok" role="status">
            <mat-icon aria-hidden="true">check_circle</mat-icon>
            <div>
              <strong>Imported {{ count(r.count, 'expense') }}</strong>
              <p>
                in {{ r.seconds.toFixed(1) }} s ({{ count(r.count / r.seconds, 'row') }}/s)
                @if (r.dates) {
                  · dated {{ r.dates.from | calendarDate }} to {{ r.dates.to | calendarDate }}
                }
              </p>
            </div>
          </div>
        }
        @let u = r.undo;
        @if (u.status === 'undoing') {
          <div class="running" role="status">
            <mat-progress-bar mode="indeterminate" aria-label="Undoing the import" />
            <span>Undoing the import: removing its {{ count(r.count, 'expense') }}…</span>
          </div>
        } @else if (u.status === 'done' && u.outcome.ok) {
          <div class="outcome cancelled" role="status">
            <mat-icon aria-hidden="true">undo</mat-icon>
            <p>
              Import undone: {{ count(u.outcome.count, 'expense') }} removed; balances are as before.
              @if (u.outcome.edited) {
                {{ n(u.outcome.edited) }} of them had been edited since the import and {{ u.outcome.edited === 1 ? 'was' : 'were' }} removed too.
              }
            </p>
          </div>
        } @else if (u.status === 'done' && !u.outcome.ok) {
          <div class="outcome failed" role="alert">
            <mat-icon aria-hidden="true">error</mat-icon>
            <p>{{ u.outcome.message }}</p>
          </div>
        }
        <div class="actions">
          @if (u.status !== 'done' || !u.outcome.ok) {
            <a mat-flat-button routerLink="/expenses" [queryParams]="r.dates">View expenses of these dates</a>
          }
          @if (u.status === 'idle' || (u.status === 'done' && !u.outcome.ok && !u.outcome.alreadyUndone)) {
            <button mat-stroked-button type="button" (click)="undoImport.emit()">
              <mat-icon>undo</mat-icon>
              {{ u.status === 'idle' ? 'Undo import' : 'Try the undo again' }}
            </button>
          }
          <button mat-button type="button" (click)="startOver.emit()" [disabled]="u.status === 'undoing'">Import another file</button>
        </div>
      }
      @case ('failed') {
        <div class="outcome" [class.cancelled]="r.cancelled && r.rolledBack" [class.failed]="!r.cancelled || !r.rolledBack" role="alert">
          <mat-icon aria-hidden="true">{{ r.cancelled && r.rolledBack ? 'block' : r.rolledBack ? 'error' : 'warning' }}</mat-icon>
          <p>{{ r.message }}</p>
        </div>
        <div class="actions">
          <button mat-flat-button type="button" (click)="backToReview.emit()">Back to the review</button>
          <button mat-button type="button" (click)="startOver.emit()">Start over with another file</button>
        </div>
      }
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 16px;
    }
    .running {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .progress-line {
      display: flex;
      justify-content: space-between;
      font: var(--mat-sys-title-small);
      font-variant-numeric: tabular-nums;
    }
    .rate {
      color: var(--mat-sys-on-surface-variant);
    }
    .explain {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .actions {
      display: flex;
      gap: 8px;
      flex-wrap: wrap;
    }
    .outcome {
      display: flex;
      gap: 12px;
      align-items: flex-start;
      padding: 16px;
      border-radius: 12px;
      p {
        margin: 0;
      }
      strong {
        font: var(--mat-sys-title-medium);
      }
      mat-icon {
        flex: none;
      }
    }
    .ok {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .cancelled {
      background: var(--mat-sys-surface-container-high);
    }
    .late {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .failed {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RunStep {
  readonly run = input.required<RunState>();
  readonly cancelImport = output<void>();
  readonly undoImport = output<void>();
  readonly backToReview = output<void>();
  readonly startOver = output<void>();

  protected readonly n = (x: number) => Math.round(x).toLocaleString('en-US');
  protected readonly count = countOf;
  protected readonly percent = computed(() => {
    const run = this.run();
    return run.status === 'running' && run.total ? (100 * run.written) / run.total : 0;
  });
  protected readonly progressText = computed(() => {
    const run = this.run();
    if (run.status !== 'running') return '';
    if (run.written === 0) return `Preparing to write ${countOf(run.total, 'row')}…`;
    return `${this.n(run.written)} of ${countOf(run.total, 'row')} written`;
  });
}

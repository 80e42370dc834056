import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { OrderHistoryEntry } from '@maestro/contracts';
import { actionWords, actorWords, changeLines, type ChangeContext } from './history-words';

/**
 * The order's activity log as a timeline, oldest first: when, who, what, and old → new. An odd
 * entry's unreadable parts read "unknown" (see history-words); the rest of it still shows.
 */
@Component({
  selector: 'app-order-history',
  imports: [DatePipe],
  template: `
    <ol class="timeline" aria-label="Order history">
      @for (entry of shown(); track entry.id) {
        <li class="entry">
          <div class="head">
            <span class="action">{{ entry.action }}</span>
            @if (entry.at; as at) {
              <time [attr.datetime]="at">{{ at | date: 'd MMM y, HH:mm:ss' }}</time>
            } @else {
              <span class="time">unknown time</span>
            }
          </div>
          <div class="actor">by {{ entry.actor }}</div>
          @if (entry.changes === null) {
            <div class="changes unknown">Changes unknown</div>
          } @else if (entry.changes.length || entry.omitted) {
            <ul class="changes">
              @for (change of entry.changes; track $index) {
                <li><span class="field">{{ change.field }}</span>: <span [class.from]="change.from !== '—'">{{ change.from }}</span> → <span class="to">{{ change.to }}</span></li>
              }
              @if (entry.omitted) {
                <li class="unknown">and {{ entry.omitted }} more not shown</li>
              }
            </ul>
          }
        </li>
      }
    </ol>
  `,
  styles: `
    .timeline {
      list-style: none;
      margin: 0;
      padding: 0 0 0 16px;
      border-inline-start: 2px solid var(--mat-sys-outline-variant);
    }
    .entry {
      position: relative;
      padding: 0 0 16px 12px;
    }
    .entry::before {
      content: '';
      position: absolute;
      inset-inline-start: -23px;
      top: 6px;
      width: 10px;
      height: 10px;
      border-radius: 50%;
      background: var(--mat-sys-primary);
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      align-items: baseline;
    }
    .action {
      font: var(--mat-sys-title-small);
    }
    time,
    .time,
    .actor {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .changes {
      margin: 4px 0 0;
      padding-inline-start: 18px;
      font: var(--mat-sys-body-small);
    }
    .field {
      color: var(--mat-sys-on-surface-variant);
    }
    .unknown {
      font-style: italic;
    }
    .from {
      text-decoration: line-through;
      text-decoration-color: var(--mat-sys-outline);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrderHistory {
  readonly entries = input.required<readonly OrderHistoryEntry[]>();
  readonly context = input.required<ChangeContext>();

  protected readonly shown = computed(() =>
    this.entries().map((entry) => ({
      id: entry.id,
      // The date pipe throws on text that is not a date: such a time is unknown.
      at: typeof entry.at === 'string' && !Number.isNaN(Date.parse(entry.at)) ? entry.at : null,
      action: actionWords(entry),
      actor: actorWords(entry.actor),
      changes: entry.changes === null || typeof entry.changes !== 'object' ? null : changeLines(entry, this.context()),
      omitted: typeof entry.omittedChanges === 'number' ? entry.omittedChanges : 0,
    })),
  );
}

import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { OrderHistoryEntry } from '@maestro/contracts';
import { actionWords, actorWords, changeLines, type ChangeContext } from './history-words';

/** The order's activity log as a timeline, oldest first: when, who, what, and old → new. */
@Component({
  selector: 'app-order-history',
  imports: [DatePipe],
  template: `
    <ol class="timeline" aria-label="Order history">
      @for (entry of shown(); track entry.id) {
        <li class="entry">
          <div class="head">
            <span class="action">{{ entry.action }}</span>
            <time [attr.datetime]="entry.at">{{ entry.at | date: 'd MMM y, HH:mm:ss' }}</time>
          </div>
          <div class="actor">by {{ entry.actor }}</div>
          @if (entry.changes.length) {
            <ul class="changes">
              @for (change of entry.changes; track $index) {
                <li><span class="field">{{ change.field }}</span>: <span [class.from]="change.from !== '—'">{{ change.from }}</span> → <span class="to">{{ change.to }}</span></li>
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
      at: entry.at,
      action: actionWords(entry),
      actor: actorWords(entry.actor),
      changes: changeLines(entry, this.context()),
    })),
  );
}

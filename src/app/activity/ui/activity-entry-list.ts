import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { actionWords } from '../model/activity-actions';
import { changeLines } from '../model/activity-changes';
import type { ActivityRow } from '../model/activity-entry';
import { subjectLink, subjectWords } from '../model/activity-subject';

/** The entries, newest first: time, actor, action in words, the subject as a link, old → new. */
@Component({
  selector: 'app-activity-entry-list',
  imports: [DatePipe, RouterLink],
  template: `
    <ol class="entries" aria-label="Activity entries">
      @for (entry of shown(); track entry.id) {
        <li class="entry" [class.fresh]="fresh().has(entry.id)" [attr.data-entry-id]="entry.id">
          <div class="head">
            <time [attr.datetime]="entry.iso">{{ entry.at | date: 'd MMM y, HH:mm:ss' }}</time>
            <span class="action" [title]="entry.action">{{ entry.words }}</span>
            <span class="subject">
              {{ entry.subjectWords }}
              @if (entry.link; as link) {
                <a [routerLink]="link" class="subject-link">{{ entry.subjectId }}</a>
              } @else {
                <code>{{ entry.subjectId }}</code>
              }
            </span>
          </div>
          <div class="meta">
            by <span class="actor">{{ entry.actor }}</span> ·
            <a [routerLink]="[]" [queryParams]="{ correlationId: entry.correlationId }" class="correlation" title="Show every entry of this workflow"
              >{{ entry.correlationId }}</a
            >
          </div>
          @if (entry.changes.length) {
            <ul class="changes" aria-label="Changes">
              @for (change of entry.changes; track change.key) {
                <li>
                  <span class="field">{{ change.field }}</span>:
                  @if (change.from !== null) {
                    <del class="from">{{ change.from }}</del> →
                  }
                  @if (change.to !== null) {
                    <ins class="to">{{ change.to }}</ins>
                  } @else {
                    <span class="none">removed</span>
                  }
                </li>
              }
            </ul>
          }
        </li>
      }
    </ol>
  `,
  styles: `
    a {
      color: var(--mat-sys-primary);
    }
    .entries {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .entry {
      padding: 12px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .entry.fresh {
      animation: slide-in 400ms ease-out;
      background: color-mix(in srgb, var(--mat-sys-primary) 8%, transparent);
    }
    @keyframes slide-in {
      from {
        transform: translateY(-8px);
        opacity: 0;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .entry.fresh {
        animation: none;
      }
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      align-items: baseline;
    }
    time,
    .meta {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    time {
      min-width: 150px;
    }
    .action {
      font: var(--mat-sys-title-small);
    }
    .changes {
      margin: 6px 0 0;
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
    .to {
      text-decoration: none;
      font-weight: 500;
    }
    .none {
      font-style: italic;
    }
    .from,
    .to {
      word-break: break-word;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ActivityEntryList {
  readonly entries = input.required<readonly ActivityRow[]>();
  readonly fresh = input<ReadonlySet<string>>(new Set());

  protected readonly shown = computed(() =>
    this.entries().map((entry) => ({
      id: entry.id,
      at: entry.at,
      iso: entry.at.toISOString(),
      action: entry.action,
      words: actionWords(entry.action, entry.changes),
      actor: entry.actorEmail || (entry.actorUid === 'system' ? 'System' : entry.actorUid),
      subjectWords: subjectWords(entry.subject.type),
      subjectId: entry.subject.id,
      link: subjectLink(entry.subject),
      correlationId: entry.correlationId,
      changes: changeLines(entry.changes, entry.action),
    })),
  );
}

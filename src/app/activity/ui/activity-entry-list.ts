import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { foldImportChunks, importFiles } from '../model/activity-import-units';
import { foldMerges } from '../model/activity-merge-units';
import { ActivityImportUnit } from './activity-import-unit';
import { DateTimePipe } from '../../shared/ui/date-pipes';
import { actionWords } from '../model/activity-actions';
import { changeLines } from '../model/activity-changes';
import { UNKNOWN_VALUE, type ActivityRow } from '../model/activity-entry';
import { NO_NAMES, memberName, type NameBook } from '../model/activity-names';
import { subjectLink, subjectName, subjectWords } from '../model/activity-subject';

// Lines of changes shown per entry (a real entry has a dozen at most); the export has more.
const CHANGE_LINES_MAX = 30;

/**
 * The entries, newest first: time, actor, action in words, the subject as a link, old → new.
 * A field the entry lacks (or holds in an odd shape) reads "unknown"; the rest of it still shows.
 */
@Component({
  selector: 'app-activity-entry-list',
  imports: [DateTimePipe, RouterLink, ActivityImportUnit],
  template: `
    <ol class="entries" aria-label="Activity entries">
      @for (entry of shown(); track entry.id) {
        <li class="entry" [class.fresh]="fresh().has(entry.id)" [attr.data-entry-id]="entry.id">
          <div class="head">
            @if (entry.at; as at) {
              <time [attr.datetime]="at.toISOString()">{{ at | dateTime }}</time>
            } @else {
              <span class="time unknown">unknown time</span>
            }
            <span class="action" [class.unknown]="!entry.action" [title]="entry.action ?? ''">{{ entry.words }}</span>
            @if (entry.subject; as subject) {
              <span class="subject">
                {{ subject.words }}
                @if (subject.link; as link) {
                  <a [routerLink]="link" class="subject-link" [title]="subject.id">{{ subject.name }}</a>
                } @else {
                  <code>{{ subject.name }}</code>
                }
              </span>
            } @else {
              <span class="subject unknown">unknown subject</span>
            }
          </div>
          <div class="meta">
            by <span class="actor" [class.unknown]="entry.actor === unknown" [title]="entry.actorDetail">{{ entry.actor }}</span> ·
            @if (entry.correlationId; as correlationId) {
              <a [routerLink]="[]" [queryParams]="{ correlationId }" class="correlation" title="Show every entry of this workflow">{{ correlationId }}</a>
            } @else {
              <span class="correlation unknown">unknown workflow</span>
            }
          </div>
          @if (entry.changes === null) {
            <p class="changes unknown">Changes unknown</p>
          } @else if (entry.changes.length || entry.moreChanges) {
            <ul class="changes" aria-label="Changes">
              @for (change of entry.changes; track change.key) {
                <li>
                  <span class="field">{{ change.field }}</span>:
                  @if (change.unknown) {
                    <span class="unknown">unknown</span>
                  } @else {
                    @if (change.from !== null) {
                      <del class="from">{{ change.from }}</del> →
                    }
                    @if (change.to !== null) {
                      <ins class="to">{{ change.to }}</ins>
                    } @else {
                      <span class="none">removed</span>
                    }
                  }
                </li>
              }
              @if (entry.moreChanges) {
                <li class="none">and {{ entry.moreChanges }} more not shown</li>
              }
            </ul>
          }
          @if (entry.importUnit; as unit) {
            <app-activity-import-unit [unit]="unit" />
          }
          @if (entry.mergeUnit; as unit) {
            <p class="unit-note">One merge: {{ unit.entries === 1 ? 'this entry' : unit.entries + ' entries (moves, deletions) shown as this one' }}</p>
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
    .unit-note {
      margin: 6px 0 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
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
    .time,
    .meta {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    time,
    .time {
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
    .none,
    .unknown {
      font-style: italic;
    }
    .unknown {
      color: var(--mat-sys-on-surface-variant);
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
  /** What the ids stand for; without it ids show as they are. */
  readonly names = input<NameBook>(NO_NAMES);

  protected readonly unknown = UNKNOWN_VALUE;
  /** An import and its undo each show as one unit: their chunk entries fold into the last one. */
  protected readonly foldedImports = computed(() => foldImportChunks(this.entries()));
  /** A merge of duplicates too: its commits and the entries of what it deleted fold into its last entry. */
  protected readonly foldedMerges = computed(() => foldMerges(this.foldedImports().shown));
  protected readonly shown = computed(() => {
    const names = { ...this.names(), importFiles: importFiles(this.entries()) };
    return this.foldedMerges().shown.map((entry) => {
      const lines = entry.changes ? changeLines(entry.changes, entry.action, { subject: entry.subject, names }) : null;
      const status = entry.changes?.['status'];
      return {
        id: entry.id,
        at: entry.at,
        action: entry.action,
        words: entry.action ? actionWords(entry.action, status ? { status } : {}) : 'Unknown action',
        actor: memberName(names, entry.actorUid, entry.actorEmail) ?? UNKNOWN_VALUE,
        actorDetail: [entry.actorEmail, entry.actorUid].filter(Boolean).join(' · '),
        subject: entry.subject && {
          words: subjectWords(entry.subject.type),
          id: entry.subject.id,
          name: subjectName(entry.subject, names),
          link: subjectLink(entry.subject),
        },
        correlationId: entry.correlationId,
        importUnit: this.foldedImports().units.get(entry.id) ?? null,
        mergeUnit: this.foldedMerges().units.get(entry.id) ?? null,
        changes: lines?.slice(0, CHANGE_LINES_MAX) ?? null,
        moreChanges: Math.max(0, (lines?.length ?? 0) - CHANGE_LINES_MAX) + (entry.omittedChanges ?? 0),
      };
    });
  });
}

import { ChangeDetectionStrategy, Component, computed, effect, input, output, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { ActivitySubjectType } from '@maestro/contracts';
import { FormError } from '../../shared/ui/form-error';
import { KNOWN_ACTIONS, actionWords } from '../model/activity-actions';
import { matchingActions } from '../model/activity-filter-match';
import { NO_FILTER, SUBJECT_TYPES, filterProblem, type ActivityFilter } from '../model/activity-filter';
import { subjectWords } from '../model/activity-subject';

/**
 * The filter bar. Edits stay in the form until Apply (or Enter): ids are typed, not picked, and
 * each keystroke should not query the log. A refused filter shows why and is not applied.
 */
@Component({
  selector: 'app-activity-filters',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatIconModule,
    FormError,
  ],
  template: `
    <form [formGroup]="form" (ngSubmit)="apply()" aria-label="Filter the activity log">
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="text">
        <mat-label>Actor (name or email)</mat-label>
        <input matInput formControlName="actor" autocomplete="off" />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="text">
        <mat-label>Action</mat-label>
        <input matInput formControlName="action" autocomplete="off" [matAutocomplete]="actions" />
        <mat-autocomplete #actions="matAutocomplete">
          @for (action of actionOptions(); track action) {
            <mat-option [value]="action">{{ actionWords(action) }} <small class="code">{{ action }}</small></mat-option>
          }
        </mat-autocomplete>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="type">
        <mat-label>Subject</mat-label>
        <mat-select formControlName="subjectType">
          <mat-option [value]="null">Any subject</mat-option>
          @for (type of subjectTypes; track type) {
            <mat-option [value]="type">{{ subjectWords(type) }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="text">
        <mat-label>Subject id</mat-label>
        <input matInput formControlName="subjectId" autocomplete="off" />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="date">
        <mat-label>From</mat-label>
        <input matInput type="date" formControlName="from" />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="date">
        <mat-label>To</mat-label>
        <input matInput type="date" formControlName="to" />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="text">
        <mat-label>Correlation id</mat-label>
        <input matInput formControlName="correlationId" autocomplete="off" />
      </mat-form-field>
      <div class="buttons">
        <button mat-flat-button type="submit"><mat-icon>filter_list</mat-icon>Apply</button>
        <button mat-button type="button" (click)="clear()">Clear filters</button>
      </div>
    </form>
    <app-form-error [message]="problem()" />
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 16px;
    }
    form {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px;
    }
    .text {
      flex: 1 1 180px;
    }
    .type {
      flex: 0 1 160px;
    }
    .date {
      flex: 0 0 150px;
    }
    .buttons {
      display: flex;
      gap: 8px;
    }
    .code {
      color: var(--mat-sys-on-surface-variant);
      margin-inline-start: 6px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ActivityFilters {
  /** The filter in force (from the URL). */
  readonly filter = input.required<ActivityFilter>();
  readonly applied = output<ActivityFilter>();

  protected readonly subjectTypes = SUBJECT_TYPES;
  protected readonly actionWords = actionWords;
  protected readonly subjectWords = subjectWords;

  protected readonly form = new FormGroup({
    actor: new FormControl('', { nonNullable: true }),
    action: new FormControl('', { nonNullable: true }),
    subjectType: new FormControl<ActivitySubjectType | null>(null),
    subjectId: new FormControl('', { nonNullable: true }),
    correlationId: new FormControl('', { nonNullable: true }),
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
  });

  private readonly value = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });
  /** Set by Apply; the live date check needs no Apply. */
  private readonly submittedProblem = signal<string | null>(null);

  /** Suggestions: the known actions whose words or code hold what was typed. */
  protected readonly actionOptions = computed(() => {
    const typed = this.value().action ?? '';
    const matches = matchingActions(typed);
    return typed.trim() ? KNOWN_ACTIONS.filter((action) => matches.includes(action)) : KNOWN_ACTIONS;
  });

  protected readonly problem = computed(() => {
    const { from, to } = this.value();
    // The dates are checked while typed: the mistake is plain before Apply.
    if (from && to && from > to) return 'From must be before To.';
    return this.submittedProblem();
  });

  constructor() {
    effect(() => {
      const filter = this.filter();
      this.form.setValue(
        {
          actor: filter.actor ?? '',
          action: filter.action ?? '',
          subjectType: filter.subjectType,
          subjectId: filter.subjectId ?? '',
          correlationId: filter.correlationId ?? '',
          from: filter.from ?? '',
          to: filter.to ?? '',
        },
        { emitEvent: true },
      );
      this.submittedProblem.set(null);
    });
  }

  protected apply(): void {
    const raw = this.form.getRawValue();
    const text = (value: string) => value.trim() || null;
    const filter: ActivityFilter = {
      actor: text(raw.actor),
      // One known action keeps its code in the URL; anything else ("expense rec") is matched by its words.
      action: oneAction(raw.action),
      subjectType: raw.subjectType,
      subjectId: text(raw.subjectId),
      correlationId: text(raw.correlationId),
      from: text(raw.from),
      to: text(raw.to),
    };
    const problem = filterProblem(filter);
    this.submittedProblem.set(problem);
    if (!problem) this.applied.emit(filter);
  }

  protected clear(): void {
    this.submittedProblem.set(null);
    this.applied.emit(NO_FILTER);
  }
}

/** A typed action that means one known action is kept as its code; several ("expense") stay words. */
function oneAction(typed: string): string | null {
  const matches = matchingActions(typed);
  return matches.length === 1 ? matches[0]! : typed.trim() || null;
}

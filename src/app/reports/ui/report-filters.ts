import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, output } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { RangeProblem, ReportQuery } from '../model/report-range';

/**
 * The sales report's range and currency. The URL is the truth: the form shows the query it is
 * given and emits each change; a range that cannot be asked is explained under its field.
 */
@Component({
  selector: 'app-report-filters',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  template: `
    <form [formGroup]="form" (submit)="$event.preventDefault()">
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="date" [class.has-problem]="problemOf().from">
        <mat-label>From</mat-label>
        <input matInput type="date" formControlName="from" [attr.aria-invalid]="!!problemOf().from" />
        @if (problemOf().from; as problem) {
          <mat-hint class="problem" role="alert">{{ problem }}</mat-hint>
        }
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="date" [class.has-problem]="problemOf().to">
        <mat-label>To</mat-label>
        <input matInput type="date" formControlName="to" [attr.aria-invalid]="!!problemOf().to" />
        @if (problemOf().to; as problem) {
          <mat-hint class="problem" role="alert">{{ problem }}</mat-hint>
        }
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="currency">
        <mat-label>Currency</mat-label>
        <mat-select formControlName="currency">
          @for (code of currencyChoices(); track code) {
            <mat-option [value]="code">{{ code }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    </form>
  `,
  styles: `
    form {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 12px;
      margin-bottom: 16px;
    }
    .date {
      flex: 0 1 170px;
    }
    .currency {
      flex: 0 0 120px;
    }
    /* A message can be longer than its field is wide: the field grows to hold it on two lines. */
    .has-problem.date {
      flex-basis: 260px;
    }
    .has-problem {
      --mat-form-field-outlined-outline-color: var(--mat-sys-error);
      --mat-form-field-outlined-hover-outline-color: var(--mat-sys-error);
    }
    .problem {
      color: var(--mat-sys-error);
    }
    @media (max-width: 599px) {
      .date,
      .has-problem.date {
        flex: 1 1 140px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportFilters {
  readonly query = input.required<ReportQuery>();
  readonly currencies = input.required<readonly string[]>();
  readonly problems = input<readonly RangeProblem[]>([]);
  readonly changed = output<Partial<ReportQuery>>();

  protected readonly form = new FormGroup({
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
    currency: new FormControl('', { nonNullable: true }),
  });

  protected readonly problemOf = computed(() => Object.fromEntries(this.problems().map((p) => [p.field, p.message])) as Partial<Record<RangeProblem['field'], string>>);
  /** The URL's currency stays choosable even when no dish is priced in it any more. */
  protected readonly currencyChoices = computed(() => [...new Set([...this.currencies(), this.query().currency].filter(Boolean))].sort());

  constructor() {
    effect(() => this.form.setValue(this.query(), { emitEvent: false }));
    this.form.valueChanges.pipe(takeUntilDestroyed(inject(DestroyRef))).subscribe(() => {
      const value = this.form.getRawValue();
      const changes = (Object.keys(value) as (keyof ReportQuery)[]).filter((key) => value[key].trim() !== this.query()[key]);
      if (changes.length) this.changed.emit(Object.fromEntries(changes.map((key) => [key, value[key].trim()])));
    });
  }
}

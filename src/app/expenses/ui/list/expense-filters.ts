import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, output } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { debounceTime, map } from 'rxjs';
import type { Account } from '../../data/accounts-repository';
import type { CategoryOption } from '../../data/categories-repository';
import type { ListParams, ParamProblem } from './list-params';

/** Typing pauses this long before the list is asked again. */
export const SEARCH_DEBOUNCE_MS = 300;

/** The filter bar: a word, dates, account and category. Shows the params; emits what changed. */
@Component({
  selector: 'app-expense-filters',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule, MatIconModule],
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic" class="search">
      <mat-label>Search payee, note, tags</mat-label>
      <mat-icon matPrefix aria-hidden="true">search</mat-icon>
      <input matInput type="search" [formControl]="search" autocomplete="off" />
    </mat-form-field>
    <mat-form-field appearance="outline" subscriptSizing="dynamic" class="date" [class.has-problem]="problemOf().from">
      <mat-label>From</mat-label>
      <input matInput type="date" [value]="params().from ?? ''" [max]="params().to ?? ''" (change)="dateChanged('from', $event)" />
      @if (problemOf().from; as problem) {
        <mat-hint class="problem">{{ problem }}</mat-hint>
      }
    </mat-form-field>
    <mat-form-field appearance="outline" subscriptSizing="dynamic" class="date" [class.has-problem]="problemOf().to">
      <mat-label>To</mat-label>
      <input matInput type="date" [value]="params().to ?? ''" [min]="params().from ?? ''" (change)="dateChanged('to', $event)" />
      @if (problemOf().to; as problem) {
        <mat-hint class="problem">{{ problem }}</mat-hint>
      }
    </mat-form-field>
    <mat-form-field appearance="outline" subscriptSizing="dynamic" class="pick" [class.has-problem]="problemOf().account">
      <mat-label>Account</mat-label>
      <mat-select [value]="params().account" (selectionChange)="changed.emit({ account: $event.value })">
        <mat-option [value]="null">All accounts</mat-option>
        @for (account of accounts(); track account.id) {
          <mat-option [value]="account.id">{{ account.name }}{{ account.archived ? ' (archived)' : '' }}</mat-option>
        }
      </mat-select>
      @if (problemOf().account; as problem) {
        <mat-hint class="problem">{{ problem }}</mat-hint>
      }
    </mat-form-field>
    <mat-form-field appearance="outline" subscriptSizing="dynamic" class="pick" [class.has-problem]="problemOf().category">
      <mat-label>Category</mat-label>
      <mat-select [value]="params().category" (selectionChange)="changed.emit({ category: $event.value })">
        <mat-select-trigger>{{ categoryPath() }}</mat-select-trigger>
        <mat-option [value]="null">All categories</mat-option>
        @for (category of categories(); track category.id) {
          <mat-option [value]="category.id" [attr.aria-label]="category.path">
            <span class="category" [style.padding-inline-start.px]="category.depth * 20">
              <span class="dot" [style.background]="category.colour" aria-hidden="true"></span>{{ category.name }}
            </span>
          </mat-option>
        }
      </mat-select>
      @if (problemOf().category; as problem) {
        <mat-hint class="problem">{{ problem }}</mat-hint>
      }
    </mat-form-field>
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 12px;
      margin-bottom: 16px;
    }
    .search {
      flex: 1 1 180px;
    }
    .date {
      flex: 0 0 150px;
    }
    .pick {
      flex: 0 1 190px;
    }
    /* A message can be longer than its field is wide: the field grows to hold it on two lines. */
    .has-problem.date {
      flex-basis: 200px;
    }
    .has-problem {
      --mat-form-field-outlined-outline-color: var(--mat-sys-error);
      --mat-form-field-outlined-hover-outline-color: var(--mat-sys-error);
    }
    .problem {
      color: var(--mat-sys-error);
    }
    .category {
      display: inline-flex;
      align-items: center;
      gap: 8px;
    }
    .dot {
      width: 10px;
      height: 10px;
      border-radius: 50%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExpenseFilters {
  readonly params = input.required<ListParams>();
  readonly accounts = input.required<Account[]>();
  readonly categories = input.required<CategoryOption[]>();
  /** What was ignored, shown under its field. */
  readonly problems = input<readonly ParamProblem[]>([]);
  readonly changed = output<Partial<ListParams>>();

  protected readonly problemOf = computed(() => {
    const byField: Partial<Record<ParamProblem['field'], string>> = {};
    for (const problem of this.problems()) byField[problem.field] = byField[problem.field] ? `${byField[problem.field]} ${problem.message}` : problem.message;
    return byField;
  });

  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly categoryPath = computed(() => this.categories().find((c) => c.id === this.params().category)?.path ?? '');

  constructor() {
    this.search.valueChanges
      .pipe(
        map((text) => text.trim()),
        debounceTime(SEARCH_DEBOUNCE_MS),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((q) => {
        if (q !== this.params().q) this.changed.emit({ q });
      });
    // The URL is the truth: a reload or "Clear filters" puts its word back in the field.
    effect(() => {
      const q = this.params().q;
      if (this.search.value.trim() !== q) this.search.setValue(q, { emitEvent: false });
    });
  }

  protected dateChanged(field: 'from' | 'to', event: Event): void {
    // A date the browser let through but that is no day goes to the URL too, to be named there.
    const value = (event.target as HTMLInputElement).value.trim();
    this.changed.emit({ [field]: value || null });
  }
}

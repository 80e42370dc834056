import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import type { ImportPlan } from '../../model/csv-import-review';
import { formatMoney } from '../../../shared/money';
import type { ReviewState } from './import-flow';
import { noun } from '../../../shared/count-words';

const PAGE_SIZE = 20;

/** Step 3: what will be imported, the rows that stop it (with every reason), and the duplicates. */
@Component({
  selector: 'app-import-review-step',
  imports: [MatButtonModule, MatIconModule, MatPaginatorModule, MatProgressBarModule, MatSlideToggleModule],
  templateUrl: './review-step.html',
  styleUrl: './review-step.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReviewStep {
  readonly state = input.required<ReviewState>();
  readonly plan = input.required<ImportPlan | null>();
  readonly includeDuplicates = input.required<boolean>();
  readonly includeDuplicatesChange = output<boolean>();
  readonly skipInvalid = input(false);
  readonly skipInvalidChange = output<boolean>();
  readonly downloadProblems = output<void>();
  readonly retry = output<void>();

  protected readonly pageSize = PAGE_SIZE;
  protected readonly invalidPage = signal(0);
  protected readonly duplicatesPage = signal(0);

  protected readonly review = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.review : null;
  });
  protected readonly invalidShown = computed(() => page(this.review()?.invalid ?? [], this.invalidPage()));
  protected readonly duplicatesShown = computed(() => page(this.review()?.duplicates ?? [], this.duplicatesPage()));
  /** Rows that would go in if the rows with problems were skipped. */
  protected readonly goodRows = computed(() => {
    const review = this.review();
    return review ? review.fresh.length + (this.includeDuplicates() ? review.duplicates.length : 0) : 0;
  });
  protected readonly n = (x: number) => x.toLocaleString('en-US');
  protected readonly noun = noun;
  protected readonly money = formatMoney;

  protected onPage(which: 'invalid' | 'duplicates', event: PageEvent): void {
    (which === 'invalid' ? this.invalidPage : this.duplicatesPage).set(event.pageIndex);
  }
}

function page<T>(items: readonly T[], index: number): readonly T[] {
  return items.slice(index * PAGE_SIZE, (index + 1) * PAGE_SIZE);
}

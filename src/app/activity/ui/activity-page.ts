import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  computed,
  effect,
  inject,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { ActivatedRoute, Router } from '@angular/router';
import { map } from 'rxjs';
import { Notifier } from '../../core/notify/notifier';
import { EmptyState } from '../../shared/ui/empty-state';
import { FormError } from '../../shared/ui/form-error';
import { PageHeader } from '../../shared/ui/page-header';
import { filterFromQuery, hasFilters, queryFromFilter, type ActivityFilter } from '../model/activity-filter';
import { ActivityExporter, EXPORT_CAP } from '../state/activity-exporter';
import { ActivityLogStore } from '../state/activity-log-store';
import { ActivityNames } from '../state/activity-names';
import { ActivityChainCheck } from './activity-chain-check';
import { ActivityEntryList } from './activity-entry-list';
import { ActivityFilters } from './activity-filters';

/**
 * The admin's activity log: filters in the URL (a filtered log can be linked to), cursor pages
 * newest first, an optional live tail on top, and a CSV export of the filtered entries.
 */
@Component({
  selector: 'app-activity-page',
  imports: [
    PageHeader,
    EmptyState,
    FormError,
    ActivityFilters,
    ActivityEntryList,
    ActivityChainCheck,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    MatSlideToggleModule,
  ],
  providers: [ActivityLogStore, ActivityExporter, ActivityNames],
  templateUrl: './activity-page.html',
  styleUrl: './activity-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ActivityPage {
  protected readonly store = inject(ActivityLogStore);
  protected readonly exporter = inject(ActivityExporter);
  protected readonly names = inject(ActivityNames);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);

  protected readonly exportCap = EXPORT_CAP;
  protected readonly filter = toSignal(this.route.queryParamMap.pipe(map((params) => filterFromQuery(toRecord(params)))), {
    requireSync: true,
  });
  protected readonly filtered = computed(() => hasFilters(this.filter()));
  /** False when the top of the list is scrolled out of view: live arrivals then show a count. */
  protected readonly atTop = signal(true);
  private readonly top = viewChild<ElementRef<HTMLElement>>('top');

  constructor() {
    let loaded = '';
    effect(() => {
      const filter = this.filter();
      // The query params emit again on any navigation; load only when the filter changed.
      const key = JSON.stringify(filter);
      if (key === loaded) return;
      loaded = key;
      untracked(() => this.store.load(filter));
    });
    effect(() => {
      const entries = this.store.entries();
      untracked(() => this.names.need(entries));
    });
    effect(() => {
      if (this.atTop() && this.store.unseen() > 0) untracked(() => this.store.markSeen());
    });
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      const top = this.top()?.nativeElement;
      if (!top || typeof IntersectionObserver === 'undefined') return;
      const observer = new IntersectionObserver(([entry]) => this.atTop.set(entry?.isIntersecting ?? true));
      observer.observe(top);
      destroyRef.onDestroy(() => observer.disconnect());
    });
  }

  protected applyFilter(filter: ActivityFilter): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: queryFromFilter(filter) });
  }

  protected clearFilters(): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: {} });
  }

  protected toggleLive(on: boolean): void {
    this.store.setLive(on);
  }

  protected scrollToTop(): void {
    this.top()?.nativeElement.scrollIntoView({ behavior: 'smooth', block: 'start' });
    this.store.markSeen();
  }

  protected async exportCsv(): Promise<void> {
    const outcome = await this.exporter.export(this.store.query() ?? this.filter());
    if (outcome.status === 'done') {
      const capped = outcome.capped ? ` (the first ${EXPORT_CAP.toLocaleString()}; narrow the filters for the rest)` : '';
      this.notifier.info(`Exported ${outcome.count.toLocaleString()} entries to ${outcome.fileName}${capped}.`);
    } else if (outcome.status === 'cancelled') {
      this.notifier.info('Export cancelled.');
    } else {
      this.notifier.error(outcome.message);
    }
  }
}

function toRecord(params: { keys: string[]; get(key: string): string | null }): Record<string, string | null> {
  return Object.fromEntries(params.keys.map((key) => [key, params.get(key)]));
}

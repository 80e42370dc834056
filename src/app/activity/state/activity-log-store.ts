import { Injectable, computed, inject, signal, type OnDestroy } from '@angular/core';
import type { Subscription } from 'rxjs';
import { ACTIVITY_REPOSITORY, type ActivityCursor } from '../data/activity-repository';
import type { ActivityRow } from '../model/activity-entry';
import { filterProblem, type ActivityFilter } from '../model/activity-filter';
import { resolveFilter, type ResolvedFilter } from '../model/activity-filter-match';
import type { MemberName } from '../model/activity-names';
import { loadErrorMessage } from './activity-errors';
import { ActivityNames } from './activity-names';

export const PAGE_SIZE = 50;

export type LoadStatus = 'loading' | 'loaded' | 'failed' | 'invalid';

/**
 * The log as the page shows it: the pages loaded so far for one filter, and (when Live is on)
 * the entries written since, on top. A newer `load` makes any answer still on its way stale.
 */
@Injectable()
export class ActivityLogStore implements OnDestroy {
  private readonly repository = inject(ACTIVITY_REPOSITORY);
  /** Members' names for the actor filter; without them an actor is matched exactly. */
  private readonly names = inject(ActivityNames, { optional: true });
  private generation = 0;
  private next: ActivityCursor | null = null;
  private tailSubscription: Subscription | null = null;

  readonly filter = signal<ActivityFilter | null>(null);
  /** The filter as asked of the log (actor and action matched to stored values); the export asks the same. */
  readonly query = signal<ResolvedFilter | null>(null);
  readonly entries = signal<readonly ActivityRow[]>([]);
  readonly status = signal<LoadStatus>('loading');
  readonly error = signal<string | null>(null);
  readonly loadingMore = signal(false);
  readonly moreError = signal<string | null>(null);
  readonly hasMore = signal(false);
  readonly live = signal(false);
  readonly liveError = signal<string | null>(null);
  /** Ids that arrived through the live tail: highlighted until the filter changes. */
  readonly fresh = signal<ReadonlySet<string>>(new Set());
  /** Live arrivals since the user last looked at the top of the list. */
  readonly unseen = signal(0);
  readonly empty = computed(() => this.status() === 'loaded' && this.entries().length === 0);

  load(filter: ActivityFilter): void {
    const generation = ++this.generation;
    this.stopTail();
    this.filter.set(filter);
    this.query.set(null);
    this.entries.set([]);
    this.fresh.set(new Set());
    this.unseen.set(0);
    this.next = null;
    this.hasMore.set(false);
    this.moreError.set(null);
    this.loadingMore.set(false);
    const problem = filterProblem(filter);
    if (problem) {
      this.status.set('invalid');
      this.error.set(problem);
      return;
    }
    this.status.set('loading');
    this.error.set(null);
    if (filter.actor && this.names) {
      void this.names
        .members()
        .catch(() => null)
        .then((members) => {
          if (generation === this.generation) this.loadFirst(filter, members, generation);
        });
    } else {
      this.loadFirst(filter, null, generation);
    }
  }

  private loadFirst(filter: ActivityFilter, members: ReadonlyMap<string, MemberName> | null, generation: number): void {
    const resolution = resolveFilter(filter, members);
    if (!resolution.ok) {
      this.status.set('invalid');
      this.error.set(resolution.problem);
      return;
    }
    const query = resolution.filter;
    this.query.set(query);
    this.repository.page(query, null, PAGE_SIZE).then(
      (page) => {
        if (generation !== this.generation) return;
        this.entries.set(page.entries);
        this.next = page.next;
        this.hasMore.set(page.next !== null);
        this.status.set('loaded');
        if (this.live()) this.startTail();
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.status.set('failed');
        this.error.set(loadErrorMessage(error));
      },
    );
  }

  retry(): void {
    const filter = this.filter();
    if (filter) this.load(filter);
  }

  loadMore(): void {
    const filter = this.query();
    if (!filter || !this.next || this.loadingMore()) return;
    const generation = this.generation;
    this.loadingMore.set(true);
    this.moreError.set(null);
    this.repository.page(filter, this.next, PAGE_SIZE).then(
      (page) => {
        if (generation !== this.generation) return;
        const known = new Set(this.entries().map((e) => e.id));
        this.entries.update((entries) => [...entries, ...page.entries.filter((e) => !known.has(e.id))]);
        this.next = page.next;
        this.hasMore.set(page.next !== null);
        this.loadingMore.set(false);
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.loadingMore.set(false);
        this.moreError.set(loadErrorMessage(error));
      },
    );
  }

  setLive(on: boolean): void {
    this.live.set(on);
    this.liveError.set(null);
    if (!on) this.stopTail();
    else if (this.status() === 'loaded') this.startTail();
  }

  markSeen(): void {
    this.unseen.set(0);
  }

  ngOnDestroy(): void {
    this.generation++;
    this.stopTail();
  }

  private startTail(): void {
    const filter = this.query();
    if (!filter) return;
    this.stopTail();
    const generation = this.generation;
    // From the newest entry shown (with a time); an empty list takes everything that comes.
    const since = this.entries().find((entry) => entry.at)?.at ?? new Date(0);
    this.tailSubscription = this.repository.tail(filter, since).subscribe({
      next: (rows) => {
        if (generation !== this.generation) return;
        const known = new Set(this.entries().map((e) => e.id));
        const arrived = rows.filter((row) => !known.has(row.id));
        if (!arrived.length) return;
        this.entries.update((entries) => [...arrived, ...entries].sort(newestFirst));
        this.fresh.update((fresh) => new Set([...fresh, ...arrived.map((row) => row.id)]));
        this.unseen.update((count) => count + arrived.length);
      },
      error: (error: unknown) => {
        if (generation !== this.generation) return;
        this.live.set(false);
        this.liveError.set(`Live updates stopped: ${loadErrorMessage(error)}`);
      },
    });
  }

  private stopTail(): void {
    this.tailSubscription?.unsubscribe();
    this.tailSubscription = null;
  }
}

/** Entries without a time (odd ones) sort as the oldest. */
function newestFirst(a: ActivityRow, b: ActivityRow): number {
  return (b.at?.getTime() ?? 0) - (a.at?.getTime() ?? 0) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

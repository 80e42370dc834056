import { DOCUMENT, Injectable, inject, signal } from '@angular/core';
import { CLOCK } from '../../core/time/clock';
import { ACTIVITY_REPOSITORY, type ActivityCursor } from '../data/activity-repository';
import { activityCsv, activityFileName } from '../model/activity-csv';
import type { ActivityRow } from '../model/activity-entry';
import type { ResolvedFilter } from '../model/activity-filter-match';
import { loadErrorMessage } from './activity-errors';
import { downloadCsv } from '../../shared/download-file';

/** The most entries one export holds: beyond it, narrow the filter (a date range). */
export const EXPORT_CAP = 10_000;
const EXPORT_CHUNK = 500;

export type ExportOutcome =
  | { status: 'done'; count: number; capped: boolean; fileName: string }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string };

/** Exports the filtered log to CSV: every page by cursor up to the cap, then one download. */
@Injectable()
export class ActivityExporter {
  private readonly repository = inject(ACTIVITY_REPOSITORY);
  private readonly document = inject(DOCUMENT);
  private readonly clock = inject(CLOCK);
  private controller: AbortController | null = null;

  /** Entries fetched so far; null when no export runs. */
  readonly progress = signal<number | null>(null);

  async export(filter: ResolvedFilter): Promise<ExportOutcome> {
    if (this.controller) return { status: 'failed', message: 'An export is already running.' };
    const controller = new AbortController();
    this.controller = controller;
    this.progress.set(0);
    try {
      const rows: ActivityRow[] = [];
      let cursor: ActivityCursor | null = null;
      do {
        const page = await this.repository.page(filter, cursor, Math.min(EXPORT_CHUNK, EXPORT_CAP - rows.length));
        if (controller.signal.aborted) return { status: 'cancelled' };
        rows.push(...page.entries);
        cursor = page.next;
        this.progress.set(rows.length);
      } while (cursor && rows.length < EXPORT_CAP);
      const fileName = activityFileName(this.clock.now());
      downloadCsv(this.document, activityCsv(rows), fileName);
      return { status: 'done', count: rows.length, capped: cursor !== null, fileName };
    } catch (error) {
      if (controller.signal.aborted) return { status: 'cancelled' };
      return { status: 'failed', message: loadErrorMessage(error) };
    } finally {
      this.controller = null;
      this.progress.set(null);
    }
  }

  /** Stops after the page on its way; nothing is downloaded. */
  cancel(): void {
    this.controller?.abort();
  }
}

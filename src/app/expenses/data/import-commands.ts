import { Injectable, inject } from '@angular/core';
import type { ExpenseDraft } from '@maestro/contracts';
import { Observable, filter, map, merge, of, takeWhile, timeout } from 'rxjs';
import { EventBus } from '../../core/events/event-bus';
import { EventFactory } from '../../core/events/event-factory';
import { EventRequests } from '../../core/events/event-requests';

export type ImportUpdate =
  | { readonly kind: 'progress'; readonly written: number; readonly total: number }
  | { readonly kind: 'imported'; readonly count: number }
  /** `rolledBack`: nothing of the import remains. `cancelled`: the user asked for it. */
  | { readonly kind: 'failed'; readonly message: string; readonly rolledBack: boolean; readonly cancelled: boolean };

/**
 * An import may read and write for minutes, but the orchestrator reports every chunk: this long
 * without any news means it is stuck (or this tab lost it), not merely slow.
 */
export const IMPORT_SILENCE_MS = 120_000;

export type UndoOutcome = { ok: true; count: number; edited: number } | { ok: false; message: string; alreadyUndone: boolean };

/** What the import screen asks of the import orchestrator, and its answers for that one import. */
@Injectable({ providedIn: 'root' })
export class ImportCommands {
  private readonly bus = inject(EventBus);
  private readonly events = inject(EventFactory);
  private readonly requests = inject(EventRequests);

  /**
   * Sends the import on subscribe; emits its progress, then one `imported` or `failed`, and completes.
   * Unsubscribing only stops listening: use `cancel` to stop the import.
   */
  start(importId: string, fileName: string, rows: readonly ExpenseDraft[], silenceMs = IMPORT_SILENCE_MS): Observable<ImportUpdate> {
    return new Observable<ImportUpdate>((subscriber) => {
      if (!this.bus.hasSubscribers('EXPENSES_IMPORT_REQUESTED')) {
        const message = 'The import cannot run right now. Reload the page and try again.';
        return of<ImportUpdate>({ kind: 'failed', message, rolledBack: true, cancelled: false }).subscribe(subscriber);
      }
      const request = this.events.create('EXPENSES_IMPORT_REQUESTED', { importId, fileName, rows: [...rows] });
      const answers = merge(
        this.bus.on('EXPENSES_IMPORT_PROGRESSED').pipe(
          filter((e) => e.causationId === request.id),
          map(({ payload }): ImportUpdate => ({ kind: 'progress', written: payload.written, total: payload.total })),
        ),
        this.bus.on('EXPENSES_IMPORTED').pipe(
          filter((e) => e.causationId === request.id),
          map(({ payload }): ImportUpdate => ({ kind: 'imported', count: payload.count })),
        ),
        this.bus.on('EXPENSES_IMPORT_FAILED').pipe(
          filter((e) => e.payload.failedEvent.id === request.id),
          map(({ payload }): ImportUpdate => ({
            kind: 'failed',
            message: payload.cause.message,
            rolledBack: payload.rolledBack,
            cancelled: payload.cause.code === 'cancelled',
          })),
        ),
      ).pipe(
        takeWhile((update) => update.kind === 'progress', true),
        timeout({
          each: silenceMs,
          with: () =>
            of<ImportUpdate>({
              kind: 'failed',
              message: `No news from the import for ${Math.round(silenceMs / 1000)} s. It may still finish or roll back: check the expenses list before importing this file again.`,
              rolledBack: false,
              cancelled: false,
            }),
        }),
      );
      // Listen first: the orchestrator may answer while `emit` is still running.
      const subscription = answers.subscribe(subscriber);
      this.bus.emit(request);
      return subscription;
    });
  }

  /** Asks the running import to stop; whatever it wrote is removed and it answers `failed`. */
  cancel(importId: string): void {
    this.bus.emit(this.events.create('EXPENSES_IMPORT_CANCELLATION_REQUESTED', { importId }));
  }

  /** Removes every row a finished import wrote (its author or an admin), all or nothing. */
  async undo(importId: string): Promise<UndoOutcome> {
    // As long as an import may take: an undo of 10,000 rows writes as many.
    const answer = await this.requests.send('EXPENSES_IMPORT_UNDO_REQUESTED', { importId }, 'EXPENSES_IMPORT_UNDONE', { timeoutMs: IMPORT_SILENCE_MS * 5 });
    if (answer.ok) return { ok: true, count: answer.event.payload.count, edited: answer.event.payload.edited };
    return { ok: false, message: answer.message, alreadyUndone: answer.cause.code === 'already-undone' };
  }
}

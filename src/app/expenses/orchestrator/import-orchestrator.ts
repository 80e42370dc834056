import { Injectable, inject } from '@angular/core';
import { expenseDraftProblems, type DomainEvent, type FailureCause } from '@maestro/contracts';
import { EMPTY, Observable, catchError, defer, finalize, from, switchMap, takeUntil, tap } from 'rxjs';
import { LOGGER } from '../../core/logging/logger';
import { BaseOrchestratorService } from '../../core/orchestration/base-orchestrator';
import { BatchOperationService } from '../../core/persistence/batch-operation-service';
import { BatchOperationError } from '../../core/persistence/batch-write';
import { CLOCK } from '../../core/time/clock';
import { planImport, type ImportPlan } from '../data/import-writes';
import { MAX_IMPORT_ROWS } from '../model/import-limits';
import { actorUid } from './ledger-writes';

interface Failure {
  cause: FailureCause;
  rolledBack: boolean;
}

/** What a running import knows for its failure message: rows per chunk, rows written so far. */
interface ImportState {
  /** 1-based row numbers of the import that each chunk holds. */
  chunks: { from: number; to: number }[];
  total: number;
  written: number;
}

/**
 * Imports expenses all or nothing: one write per row, in chunks through BatchOperation (rows are
 * created with no before-image read, a few chunks in flight at once, the last alone; a failure or a
 * cancel removes every chunk already written).
 * Emits EXPENSES_IMPORT_PROGRESSED per chunk acknowledged (in order), then EXPENSES_IMPORTED or
 * EXPENSES_IMPORT_FAILED.
 *
 * It emits its failure itself instead of throwing: EXPENSES_IMPORT_FAILED also says whether the
 * rollback left nothing behind, which the base class's generic failure cannot carry.
 */
@Injectable({ providedIn: 'root' })
export class ImportOrchestrator extends BaseOrchestratorService {
  readonly name = 'expense-import';
  private readonly batch = inject(BatchOperationService);
  private readonly clock = inject(CLOCK);
  private readonly log = inject(LOGGER);
  /** Imports running now, by import id: a cancel aborts its controller. */
  private readonly imports = new Map<string, AbortController>();

  protected listen(): void {
    // merge: imports are independent; a second one need not wait for the first.
    this.handleEvent('EXPENSES_IMPORT_REQUESTED', { concurrency: 'merge' });
    this.bus
      .on('EXPENSES_IMPORT_CANCELLATION_REQUESTED')
      .pipe(takeUntil(this.destroy$))
      .subscribe(({ payload }) => this.imports.get(payload.importId)?.abort(new DOMException('The user cancelled the import.', 'AbortError')));
  }

  protected eventCallback(event: DomainEvent<'EXPENSES_IMPORT_REQUESTED'>): Observable<unknown> {
    const state: ImportState = { chunks: [], written: 0, total: event.payload.rows.length };
    return defer(() => this.run(event, state)).pipe(
      catchError((error: unknown) => {
        const { cause, rolledBack } = describeFailure(error, state);
        this.log.error(`${this.name}: import ${event.payload.importId} failed`, { error, rolledBack });
        this.bus.emit(this.events.follow(event, 'EXPENSES_IMPORT_FAILED', { cause, failedEvent: event, rolledBack }));
        return EMPTY;
      }),
    );
  }

  private run(event: DomainEvent<'EXPENSES_IMPORT_REQUESTED'>, state: ImportState): Observable<unknown> {
    const { importId, rows } = event.payload;
    const problems = requestProblems(event.payload, this.clock.now());
    if (problems.length) throw Object.assign(new Error(problems.join(' ')), { code: 'invalid-argument' });
    const uid = actorUid(event);
    if (this.imports.has(importId)) throw Object.assign(new Error('This import is already running.'), { code: 'already-exists' });
    // Registered before anything asynchronous, so a cancel sent right after the request finds it.
    const controller = new AbortController();
    this.imports.set(importId, controller);

    return from(this.plan(event, uid)).pipe(
      switchMap((plan) => {
        state.chunks = plan.chunks;
        return this.batch.execute(plan.writes, { ...plan.options, signal: controller.signal });
      }),
      tap({
        next: (progress) => {
          // Every chunk also carries its activity entry (the last one the ledger bump): count rows only.
          const rowsDone = rowsIn(state.chunks, progress.chunksDone);
          if (progress.phase === 'rolling-back' || progress.phase === 'failed' || rowsDone <= state.written) return;
          state.written = rowsDone;
          this.bus.emit(this.events.follow(event, 'EXPENSES_IMPORT_PROGRESSED', { importId, written: rowsDone, total: rows.length }));
        },
        complete: () => this.bus.emit(this.events.follow(event, 'EXPENSES_IMPORTED', { importId, count: rows.length })),
      }),
      finalize(() => this.imports.delete(importId)),
    );
  }

  private async plan(event: DomainEvent<'EXPENSES_IMPORT_REQUESTED'>, uid: string): Promise<ImportPlan> {
    const { importId, fileName, rows } = event.payload;
    // Loaded here, not at start-up: the Firestore SDK stays out of the initial bundle.
    const [{ serverTimestamp, increment }, planner] = await Promise.all([import('firebase/firestore'), import('../../core/persistence/batch-operation')]);
    const email = event.actor.kind === 'user' ? (event.actor.email ?? null) : null;
    return planImport(
      { importId, fileName, rows, eventId: event.id, correlationId: event.correlationId, actor: { uid, email } },
      { serverTimestamp, increment },
      planner,
    );
  }
}

/** What the request itself gets wrong, before anything is read or written. */
function requestProblems(payload: DomainEvent<'EXPENSES_IMPORT_REQUESTED'>['payload'], today: Date): string[] {
  const { importId, fileName, rows } = payload;
  const problems: string[] = [];
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(importId)) problems.push('The import has no valid id.');
  if (!fileName.trim() || fileName.length > 255) problems.push('The import needs the name of its file.');
  if (!rows.length) problems.push('There is nothing to import.');
  if (rows.length > MAX_IMPORT_ROWS) problems.push(`An import takes at most ${MAX_IMPORT_ROWS.toLocaleString('en-US')} rows.`);
  const bad = rows.map((row, i) => ({ n: i + 1, problems: expenseDraftProblems(row, today) })).filter((r) => r.problems.length);
  if (bad.length) {
    const first = bad.slice(0, 3).map((r) => `Row ${r.n}: ${r.problems.join(' ')}`);
    problems.push(`${first.join(' ')}${bad.length > 3 ? ` And ${bad.length - 3} more rows have problems.` : ''} Nothing was imported.`);
  }
  return problems;
}

const n = (x: number) => x.toLocaleString('en-US');

/** Rows in the first `chunksDone` chunks. */
function rowsIn(chunks: readonly { from: number; to: number }[], chunksDone: number): number {
  return chunksDone > 0 ? (chunks[Math.min(chunksDone, chunks.length) - 1]?.to ?? 0) : 0;
}
const rowsWord = (x: number) => `${n(x)} ${x === 1 ? 'row' : 'rows'}`;

/** Why Firestore refused or stalled, in words a user can act on. */
function reasonOf(error: BatchOperationError): string {
  if (error.reason === 'commit-timeout') return 'the database did not answer in time';
  switch (error.code) {
    case 'permission-denied':
      return 'the database refused them (an account or category they use may have been deleted or changed meanwhile, or your sign-in expired)';
    case 'unavailable':
      return 'the database could not be reached';
    default:
      return error.cause instanceof Error ? error.cause.message : String(error.cause ?? error.message);
  }
}

/** The failure event's cause and `rolledBack` (true when nothing of the import remains). */
export function describeFailure(error: unknown, state: ImportState): Failure {
  if (!(error instanceof BatchOperationError)) {
    const code = (error as { code?: unknown } | null)?.code;
    const message = error instanceof Error ? error.message : 'The import failed.';
    return { cause: typeof code === 'string' ? { message, code } : { message }, rolledBack: true };
  }
  const total = state.total;
  const writtenRows = state.written;
  const rollback = error.rollback;
  const code = error.reason === 'cancelled' ? 'cancelled' : (error.code ?? error.reason);

  if (rollback.status === 'incomplete') {
    const left = rollback.unrestored.filter((u) => u.path.startsWith('expenses/')).map((u) => u.path);
    const shown = left.slice(0, 5).join(', ') + (left.length > 5 ? ` and ${n(left.length - 5)} more` : '');
    const what = error.reason === 'cancelled' ? 'Import cancelled' : `Import failed (${reasonOf(error)})`;
    const others = rollback.unrestored.length > left.length ? ' The activity log and the ledger may also show this import.' : '';
    return {
      cause: {
        code: 'rollback-incomplete',
        message: `${what}, and removing the rows already written did not fully succeed: ${rowsWord(left.length)} could not be removed (${shown || 'none'}).${others} Delete them or ask an admin before importing again.`,
      },
      rolledBack: false,
    };
  }
  if (rollback.status === 'commit-may-still-apply') {
    return {
      cause: { code, message: `The database did not answer in time: the import of ${rowsWord(total)} may still be applied, in full or not at all. Check the expenses list before importing this file again.` },
      rolledBack: false,
    };
  }
  if (error.reason === 'cancelled') return { cause: { code, message: 'Import cancelled; nothing was imported.' }, rolledBack: true };
  if (error.reason === 'commit-failed' || error.reason === 'commit-timeout') {
    const rows = state.chunks[(error.chunk ?? 1) - 1];
    const removed = writtenRows ? `: the ${rowsWord(writtenRows)} already written were removed.` : '.';
    const range = !rows ? 'an unknown step' : rows.from === rows.to ? `row ${n(rows.from)}` : `rows ${n(rows.from)}–${n(rows.to)}`;
    return { cause: { code, message: `Import failed at ${range}: ${reasonOf(error)}. Nothing was imported${removed}` }, rolledBack: true };
  }
  if (error.reason === 'read-failed' && writtenRows) {
    return { cause: { code, message: `Import failed: ${reasonOf(error)}. Nothing was imported: the ${rowsWord(writtenRows)} already written were removed.` }, rolledBack: true };
  }
  // Refused before anything was written: unreadable before-images, an invalid write.
  return { cause: { code, message: `Import failed before any row was written: ${reasonOf(error)}. Nothing was imported.` }, rolledBack: true };
}

import { Injectable, inject } from '@angular/core';
import { IMPORT_ALREADY_UNDONE, IMPORT_UNDO_AUTHOR_ONLY, importUndoneEntryId, type DomainEvent } from '@maestro/contracts';
import { lastValueFrom } from 'rxjs';
import { Session } from '../../core/auth/session';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { BaseOrchestratorService } from '../../core/orchestration/base-orchestrator';
import { BatchOperationService } from '../../core/persistence/batch-operation-service';
import { BatchOperationError } from '../../core/persistence/batch-write';
import { planImportUndo } from '../data/import-undo-writes';
import { actorUid } from './ledger-writes';
import { refusal } from './refusal';

interface StoredRow {
  path: string;
  n: number;
  createdBy: unknown;
  deleted: boolean;
  edited: boolean;
}

/**
 * Undoes a whole import: every row it wrote that is still there is deleted softly (balances and
 * the summary leave it out, its history stays), all or nothing through BatchOperation, by the
 * import's author or an admin. Rows edited since the import are removed too: the import brought
 * them in, and the entry says how many were edited. A second undo is refused as already done.
 */
@Injectable({ providedIn: 'root' })
export class ImportUndoOrchestrator extends BaseOrchestratorService {
  readonly name = 'expense-import-undo';
  private readonly batch = inject(BatchOperationService);
  private readonly loader = inject(FirestoreLoader);
  private readonly session = inject(Session);

  protected listen(): void {
    // exhaust: a double-clicked "Undo" must not start a second undo of the same rows.
    this.handleEvent('EXPENSES_IMPORT_UNDO_REQUESTED', { concurrency: 'exhaust' });
  }

  protected async eventCallback(event: DomainEvent<'EXPENSES_IMPORT_UNDO_REQUESTED'>): Promise<void> {
    const uid = actorUid(event);
    const { importId } = event.payload;
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(importId)) throw refusal('invalid-argument', 'This is not an import that can be undone.');
    if (await this.alreadyUndone(importId)) throw Object.assign(new Error(IMPORT_ALREADY_UNDONE), { code: 'already-undone' });
    const rows = await this.rowsOf(importId);
    if (!rows.length) throw refusal('not-found', 'No expense of this import was found: it was rolled back, or it never finished.');
    if (rows[0]!.createdBy !== uid && !this.session.isAdmin()) throw refusal('permission-denied', IMPORT_UNDO_AUTHOR_ONLY);
    const live = rows.filter((row) => !row.deleted);
    if (!live.length) throw refusal('failed-precondition', 'Every expense of this import was already deleted one by one: there is nothing left to undo.');
    const edited = live.filter((row) => row.edited).length;
    const { serverTimestamp, increment } = await import('firebase/firestore');
    const email = event.actor.kind === 'user' ? (event.actor.email ?? null) : null;
    const plan = planImportUndo(
      { importId, rows: live.map((row) => row.path), edited, eventId: event.id, correlationId: event.correlationId, actor: { uid, email } },
      { serverTimestamp, increment },
    );
    try {
      await lastValueFrom(this.batch.execute(plan.writes, plan.options));
    } catch (error) {
      throw describeUndoFailure(error, live.length);
    }
    this.bus.emit(this.events.follow(event, 'EXPENSES_IMPORT_UNDONE', { importId, count: live.length, edited }));
  }

  /** The "undone" entry exists. A member may read a missing entry, so a refused read means it is there (an admin's). */
  private async alreadyUndone(importId: string): Promise<boolean> {
    const [db, { doc, getDocFromServer }] = await Promise.all([this.loader.firestore(), import('firebase/firestore')]);
    try {
      return (await getDocFromServer(doc(db, `activity/${importUndoneEntryId(importId)}`))).exists();
    } catch (error) {
      if ((error as { code?: unknown }).code === 'permission-denied') return true;
      throw error;
    }
  }

  /** Every row the import wrote, from the server, in row order. */
  private async rowsOf(importId: string): Promise<StoredRow[]> {
    const [db, { collection, getDocsFromServer, query, where }] = await Promise.all([this.loader.firestore(), import('firebase/firestore')]);
    const snapshot = await getDocsFromServer(query(collection(db, 'expenses'), where('importId', '==', importId)));
    return snapshot.docs
      .map((d) => {
        const data = d.data();
        return {
          path: d.ref.path,
          n: Number(d.id.slice(importId.length + 1)),
          createdBy: data['createdBy'],
          deleted: data['deleted'] === true,
          // The import writes both stamps in one commit; an edit moves `updatedAt` on.
          edited: millis(data['updatedAt']) !== millis(data['createdAt']),
        };
      })
      .sort((a, b) => a.n - b.n);
  }
}

const millis = (value: unknown): number | null => (value && typeof (value as { toMillis?: unknown }).toMillis === 'function' ? (value as { toMillis(): number }).toMillis() : null);

const rowsWord = (x: number) => `${x.toLocaleString('en-US')} ${x === 1 ? 'expense' : 'expenses'}`;

/** A failed undo in words: what is left as it was, and what to do. */
export function describeUndoFailure(error: unknown, total: number): Error {
  if (!(error instanceof BatchOperationError)) return error instanceof Error ? error : new Error(String(error));
  const rollback = error.rollback;
  if (rollback.status === 'incomplete') {
    const left = rollback.unrestored.filter((u) => u.path.startsWith('expenses/')).length;
    return Object.assign(
      new Error(`The undo failed half-way and ${rowsWord(left)} of this import could not be put back. Undo the import again to remove the rest, or ask an admin.`),
      { code: 'rollback-incomplete' },
    );
  }
  if (rollback.status === 'commit-may-still-apply') {
    return Object.assign(new Error(`The database did not answer in time: the undo of ${rowsWord(total)} may still apply. Check the expenses list before trying again.`), {
      code: 'deadline-exceeded',
    });
  }
  const why = error.code === 'permission-denied' ? 'the database refused it (your sign-in may have expired, or someone else undid it meanwhile)' : 'the database could not complete it';
  return Object.assign(new Error(`The undo failed: ${why}. Nothing was removed; the import is as it was.`), { code: error.code ?? error.reason });
}

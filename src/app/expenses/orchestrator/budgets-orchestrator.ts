import { Injectable, inject } from '@angular/core';
import { BUDGETS_ADMIN_ONLY, budgetId, type DomainEvent } from '@maestro/contracts';
import { Session } from '../../core/auth/session';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { BaseOrchestratorService } from '../../core/orchestration/base-orchestrator';
import { BatchOperationService } from '../../core/persistence/batch-operation-service';
import type { BatchWrite } from '../../core/persistence/batch-write';
import { budgetDraftProblems } from '../data/budgets-draft';
import { activityWrite, actorUid, deletionEntryId } from './ledger-writes';
import { refusal } from './refusal';

/**
 * Sets a category's monthly budget in one currency: `budgets/{categoryId}_{currency}` and its
 * activity entry (old → new amount) in one batch, then BUDGET_SET. An amount of 0 removes the
 * budget. Budgets move no money, so the ledger version stays as it is.
 */
@Injectable({ providedIn: 'root' })
export class BudgetsOrchestrator extends BaseOrchestratorService {
  readonly name = 'budgets';
  private readonly batch = inject(BatchOperationService);
  private readonly loader = inject(FirestoreLoader);
  private readonly session = inject(Session);

  protected listen(): void {
    // concat (default): two quick edits of one budget land in the order they were made.
    this.handleEvent('BUDGET_SETTING_REQUESTED');
  }

  protected async eventCallback(event: DomainEvent<'BUDGET_SETTING_REQUESTED'>): Promise<void> {
    const uid = actorUid(event);
    if (!this.session.isAdmin()) throw refusal('permission-denied', BUDGETS_ADMIN_ONLY);
    const { budget } = event.payload;
    const problems = budgetDraftProblems(budget);
    if (problems.length) throw refusal('invalid-argument', problems.join(' '));

    const id = budgetId(budget.categoryId, budget.currency);
    const db = await this.loader.firestore();
    const { doc, getDocFromServer, serverTimestamp } = await import('firebase/firestore');
    const [category, current] = await Promise.all([
      getDocFromServer(doc(db, `categories/${budget.categoryId}`)),
      getDocFromServer(doc(db, `budgets/${id}`)),
    ]);
    if (!category.exists()) throw refusal('not-found', 'This category no longer exists: someone may have deleted it. Reload the page and choose another.');

    const previousAmountMinor = current.exists() ? (current.get('amountMinor') as number) : null;
    if ((previousAmountMinor ?? 0) === budget.amountMinor) {
      // Already so: nothing to write or log, but the screen still hears it is done.
      this.bus.emit(this.events.follow(event, 'BUDGET_SET', { budgetId: id, budget, previousAmountMinor }));
      return;
    }
    const removed = budget.amountMinor === 0;
    // `to: null` when removed, as `from` is null when there was none.
    const changes = { amountMinor: { from: previousAmountMinor, to: removed ? null : budget.amountMinor } };
    const writes: BatchWrite[] = removed
      ? [
          { kind: 'delete', path: `budgets/${id}` },
          // A delete names no entry: the rules expect it at the name derived from the stored version.
          await activityWrite(event, 'BUDGET_REMOVED', { type: 'budget', id }, changes, deletionEntryId(id, current.data())),
        ]
      : [
          {
            kind: 'set',
            path: `budgets/${id}`,
            data: {
              categoryId: budget.categoryId,
              currency: budget.currency,
              amountMinor: budget.amountMinor,
              updatedBy: uid,
              updatedAt: serverTimestamp(),
              auditId: event.id,
            },
          },
          await activityWrite(event, 'BUDGET_SET', { type: 'budget', id }, changes),
        ];
    await this.batch.commit(writes);
    this.bus.emit(this.events.follow(event, 'BUDGET_SET', { budgetId: id, budget, previousAmountMinor }));
  }
}

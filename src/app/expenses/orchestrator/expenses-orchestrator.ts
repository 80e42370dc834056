import { Injectable, inject } from '@angular/core';
import {
  creationChanges,
  diffChanges,
  expenseDraftProblems,
  mayChangeRecord,
  recordOwnerOnly,
  toExpenseDoc,
  type DomainEvent,
  type ExpenseDoc,
  type ExpenseDraft,
} from '@maestro/contracts';
import { Session } from '../../core/auth/session';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { BaseOrchestratorService } from '../../core/orchestration/base-orchestrator';
import { BatchOperationService } from '../../core/persistence/batch-operation-service';
import type { BatchWrite } from '../../core/persistence/batch-write';
import { CLOCK } from '../../core/time/clock';
import { activityWrite, actorUid, ledgerBump } from './ledger-writes';
import { expectedRefusal } from '../../core/orchestration/expected-refusal';

type ExpenseEvent =
  | DomainEvent<'EXPENSE_RECORDING_REQUESTED'>
  | DomainEvent<'EXPENSE_UPDATE_REQUESTED'>
  | DomainEvent<'EXPENSE_DELETION_REQUESTED'>
  | DomainEvent<'EXPENSE_RESTORATION_REQUESTED'>;

/** The fields a user edits: what the activity log compares old → new. */
const DRAFT_FIELDS = ['accountId', 'categoryId', 'amountMinor', 'currency', 'date', 'payee', 'note', 'tags'] as const;

/** An error whose message is meant for the user, with a Firestore-style code (an expected refusal). */
function refused(code: 'invalid-argument' | 'not-found' | 'failed-precondition' | 'permission-denied', message: string): Error {
  return expectedRefusal(Object.assign(new Error(message), { code }));
}

/**
 * Records, edits, deletes (softly) and restores expenses. Every change is one batch: the expense,
 * its activity entry and the ledger version bump, so either all of them are written or none is.
 */
@Injectable({ providedIn: 'root' })
export class ExpensesOrchestrator extends BaseOrchestratorService {
  readonly name = 'expenses';
  private readonly batch = inject(BatchOperationService);
  private readonly loader = inject(FirestoreLoader);
  private readonly time = inject(CLOCK);
  private readonly session = inject(Session);

  protected listen(): void {
    // concat: two expenses entered quickly are two expenses; nothing is ever dropped.
    this.handleEvent('EXPENSE_RECORDING_REQUESTED', { concurrency: 'concat' });
    // concat: edits apply in the order they were made, so the last edit wins.
    this.handleEvent('EXPENSE_UPDATE_REQUESTED', { concurrency: 'concat' });
    // merge: deleting or restoring several rows are independent one-document changes.
    this.handleEvent('EXPENSE_DELETION_REQUESTED', { concurrency: 'merge' });
    this.handleEvent('EXPENSE_RESTORATION_REQUESTED', { concurrency: 'merge' });
  }

  protected eventCallback(event: ExpenseEvent): Promise<void> {
    switch (event.type) {
      case 'EXPENSE_RECORDING_REQUESTED':
        return this.record(event);
      case 'EXPENSE_UPDATE_REQUESTED':
        return this.update(event);
      case 'EXPENSE_DELETION_REQUESTED':
        return this.setDeleted(event, true);
      case 'EXPENSE_RESTORATION_REQUESTED':
        return this.setDeleted(event, false);
    }
  }

  private async record(event: DomainEvent<'EXPENSE_RECORDING_REQUESTED'>): Promise<void> {
    const uid = actorUid(event);
    const draft = event.payload.expense;
    this.validate(draft);
    await Promise.all([this.checkAccount(draft, { allowArchived: false }), this.checkCategory(draft)]);

    // The request's id is the expense's id: a retried request writes the same expense again.
    const expenseId = event.id;
    const stored = toExpenseDoc(draft, uid);
    const { serverTimestamp } = await import('firebase/firestore');
    await this.batch.commit([
      { kind: 'set', path: `expenses/${expenseId}`, data: { ...stored, createdAt: serverTimestamp(), updatedAt: serverTimestamp(), auditId: event.id } },
      await activityWrite(event, 'EXPENSE_RECORDED', { type: 'expense', id: expenseId }, creationChanges(draftOf(stored))),
      await ledgerBump(event.id),
    ]);
    this.bus.emit(this.events.follow(event, 'EXPENSE_RECORDED', { expenseId, expense: draftOf(stored) }));
  }

  private async update(event: DomainEvent<'EXPENSE_UPDATE_REQUESTED'>): Promise<void> {
    const uid = actorUid(event);
    const { expenseId, expense: draft } = event.payload;
    this.validate(draft);
    const current = await this.readExpense(expenseId);
    this.checkAuthority(current, uid);
    if (current.deleted) throw refused('not-found', 'That expense was deleted. Restore it before editing it.');
    // An archived account takes no new expenses, but the ones it has can still be corrected.
    await Promise.all([this.checkAccount(draft, { allowArchived: draft.accountId === current.accountId }), this.checkCategory(draft)]);

    // The recorder and the import an expense came from stay as they were.
    const next = toExpenseDoc(draft, current.createdBy);
    const changes = diffChanges(draftOf(current), draftOf(next));
    if (Object.keys(changes).length === 0) {
      this.bus.emit(this.events.follow(event, 'EXPENSE_UPDATED', { expenseId, changes }));
      return;
    }
    const { serverTimestamp } = await import('firebase/firestore');
    const { createdBy: _kept, deleted: _unchanged, ...fields } = next;
    await this.batch.commit([
      { kind: 'update', path: `expenses/${expenseId}`, data: { ...fields, updatedBy: uid, updatedAt: serverTimestamp(), auditId: event.id } },
      await activityWrite(event, 'EXPENSE_UPDATED', { type: 'expense', id: expenseId }, changes),
      await ledgerBump(event.id),
    ]);
    this.bus.emit(this.events.follow(event, 'EXPENSE_UPDATED', { expenseId, changes }));
  }

  /** Soft delete (the snackbar's Undo restores it); asking for the state it is already in writes nothing. */
  private async setDeleted(
    event: DomainEvent<'EXPENSE_DELETION_REQUESTED'> | DomainEvent<'EXPENSE_RESTORATION_REQUESTED'>,
    deleted: boolean,
  ): Promise<void> {
    const uid = actorUid(event);
    const { expenseId } = event.payload;
    const current = await this.readExpense(expenseId);
    this.checkAuthority(current, uid);
    const action = deleted ? 'EXPENSE_DELETED' : 'EXPENSE_RESTORED';
    if (current.deleted !== deleted) {
      const { serverTimestamp } = await import('firebase/firestore');
      const writes: BatchWrite[] = [
        { kind: 'update', path: `expenses/${expenseId}`, data: { deleted, updatedBy: uid, updatedAt: serverTimestamp(), auditId: event.id } },
        await activityWrite(event, action, { type: 'expense', id: expenseId }, { deleted: { from: !deleted, to: deleted } }),
        await ledgerBump(event.id),
      ];
      await this.batch.commit(writes);
    }
    this.bus.emit(this.events.follow(event, action, { expenseId }));
  }

  /** The rules let only the recorder or an admin change an expense: say so in words first. */
  private checkAuthority(current: ExpenseDoc, uid: string): void {
    if (!mayChangeRecord(current, { uid, role: this.session.user()?.role ?? 'staff' })) {
      throw refused('permission-denied', recordOwnerOnly('expense'));
    }
  }

  private validate(draft: ExpenseDraft): void {
    const problems = expenseDraftProblems(draft, this.time.now());
    if (problems.length) throw refused('invalid-argument', problems.join(' '));
  }

  /** The account must exist, take expenses, and be in the expense's currency (the rules check it too). */
  private async checkAccount(draft: ExpenseDraft, options: { allowArchived: boolean }): Promise<void> {
    const account = await this.readDoc(`accounts/${draft.accountId}`);
    if (!account) throw refused('not-found', 'That account no longer exists. Choose another account.');
    const name = String(account['name'] ?? 'The account');
    if (account['archived'] === true && !options.allowArchived) {
      throw refused('failed-precondition', `${name} is archived and takes no new expenses. Choose another account.`);
    }
    if (account['currency'] !== draft.currency) {
      throw refused('failed-precondition', `${name} is in ${String(account['currency'])}, so the expense must be in ${String(account['currency'])} too.`);
    }
  }

  /** The rules refuse an expense in a category that does not exist (deleted meanwhile, say). */
  private async checkCategory(draft: ExpenseDraft): Promise<void> {
    if (!(await this.readDoc(`categories/${draft.categoryId}`))) {
      throw refused('not-found', 'That category no longer exists: someone may have deleted it. Choose another category.');
    }
  }

  private async readExpense(expenseId: string): Promise<ExpenseDoc> {
    const data = await this.readDoc(`expenses/${expenseId}`);
    if (!data) throw refused('not-found', 'That expense no longer exists: someone may have removed it. Reload the list.');
    return data as unknown as ExpenseDoc;
  }

  /** From the server, never the cache: the checks must see what the batch will be checked against. */
  private async readDoc(path: string): Promise<Record<string, unknown> | null> {
    const [db, { doc, getDocFromServer }] = await Promise.all([this.loader.firestore(), import('firebase/firestore')]);
    const snapshot = await getDocFromServer(doc(db, path));
    return snapshot.exists() ? snapshot.data() : null;
  }
}

/** The user-editable part of a stored expense. */
function draftOf(stored: ExpenseDraft): ExpenseDraft {
  return Object.fromEntries(DRAFT_FIELDS.map((key) => [key, stored[key]])) as unknown as ExpenseDraft;
}

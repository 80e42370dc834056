import { Injectable, inject } from '@angular/core';
import { creationChanges, type ActivityEntry, type DomainEvent } from '@maestro/contracts';
import { BaseOrchestratorService } from '../../core/orchestration/base-orchestrator';
import { BatchOperationService } from '../../core/persistence/batch-operation-service';
import type { BatchWrite } from '../../core/persistence/batch-write';
import { InvalidAccountError, accountDraftProblems } from '../model/account-draft';

/**
 * Creates accounts: the account, its activity entry and the account counter commit in one batch,
 * so either all three exist or none does; then ACCOUNT_CREATED (or ACCOUNT_CREATION_FAILED).
 */
@Injectable({ providedIn: 'root' })
export class AccountsOrchestrator extends BaseOrchestratorService {
  readonly name = 'accounts';
  private readonly batch = inject(BatchOperationService);

  protected listen(): void {
    // exhaust: a double-clicked "Create" must not create two accounts.
    this.handleEvent('ACCOUNT_CREATION_REQUESTED', { concurrency: 'exhaust' });
  }

  protected async eventCallback(event: DomainEvent<'ACCOUNT_CREATION_REQUESTED'>): Promise<void> {
    const problems = accountDraftProblems(event.payload.account);
    if (problems.length) throw new InvalidAccountError(problems);
    if (event.actor.kind !== 'user') throw new Error('Sign in to create an account.');

    // The request's id is the account's id: a retried request writes the same account again.
    const accountId = event.id;
    const account = { ...event.payload.account, name: event.payload.account.name.trim() };
    // Loaded here, not at start-up: the Firestore SDK stays out of the initial bundle.
    const { serverTimestamp, increment } = await import('firebase/firestore');
    const entry: ActivityEntry = {
      actorUid: event.actor.uid,
      actorEmail: event.actor.email ?? null,
      action: 'ACCOUNT_CREATED',
      subject: { type: 'account', id: accountId },
      changes: creationChanges(account),
      correlationId: event.correlationId,
      eventId: event.id,
      at: serverTimestamp(),
    };
    const writes: BatchWrite[] = [
      {
        kind: 'set',
        path: `accounts/${accountId}`,
        data: { ...account, archived: false, createdBy: event.actor.uid, createdAt: serverTimestamp() },
      },
      { kind: 'set', path: `activity/${event.id}`, data: entry },
      { kind: 'set', path: 'metadata/counters', data: { accounts: increment(1) }, merge: true },
    ];
    await this.batch.commit(writes);
    this.bus.emit(this.events.follow(event, 'ACCOUNT_CREATED', { accountId, account }));
  }
}

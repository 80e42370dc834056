import { Injectable, inject } from '@angular/core';
import {
  creationChanges,
  mayChangeRecord,
  monthOf,
  recordOwnerOnly,
  transferDraftProblems,
  type DomainEvent,
  type TransferDraft,
} from '@maestro/contracts';
import { Session } from '../../core/auth/session';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { BaseOrchestratorService } from '../../core/orchestration/base-orchestrator';
import { BatchOperationService } from '../../core/persistence/batch-operation-service';
import { CLOCK } from '../../core/time/clock';
import type { Account } from '../data/accounts-repository';
import { activityWrite, actorUid, ledgerBump } from './ledger-writes';
import { refusal } from './refusal';

type TransferEvent = DomainEvent<'TRANSFER_RECORDING_REQUESTED' | 'TRANSFER_DELETION_REQUESTED'>;

/**
 * Moves money between accounts. Both legs live in one document, so they are written (and
 * deleted) together by construction; the activity entry and the ledger bump ride in the batch.
 */
@Injectable({ providedIn: 'root' })
export class TransfersOrchestrator extends BaseOrchestratorService {
  readonly name = 'transfers';
  private readonly batch = inject(BatchOperationService);
  private readonly loader = inject(FirestoreLoader);
  private readonly clock = inject(CLOCK);
  private readonly session = inject(Session);

  protected listen(): void {
    // exhaust: a double-clicked "Transfer" must not move the money twice.
    this.handleEvent('TRANSFER_RECORDING_REQUESTED', { concurrency: 'exhaust' });
    this.handleEvent('TRANSFER_DELETION_REQUESTED');
  }

  protected async eventCallback(event: TransferEvent): Promise<void> {
    if (event.type === 'TRANSFER_RECORDING_REQUESTED') return this.recordTransfer(event as DomainEvent<'TRANSFER_RECORDING_REQUESTED'>);
    return this.remove(event as DomainEvent<'TRANSFER_DELETION_REQUESTED'>);
  }

  private async recordTransfer(event: DomainEvent<'TRANSFER_RECORDING_REQUESTED'>): Promise<void> {
    const uid = actorUid(event);
    const transfer: TransferDraft = { ...event.payload.transfer, note: event.payload.transfer.note.trim() };
    const problems = transferDraftProblems(transfer, this.clock.now());
    if (problems.length) throw refusal('invalid-argument', problems.join(' '));
    const [from, to] = await Promise.all([this.account(transfer.fromAccountId), this.account(transfer.toAccountId)]);
    for (const account of [from, to]) {
      if (account.archived) throw refusal('failed-precondition', `“${account.name}” is archived. Unarchive it to move money with it.`);
    }
    if (transfer.sentCurrency !== from.currency || transfer.receivedCurrency !== to.currency) {
      throw refusal('invalid-argument', `“${from.name}” is in ${from.currency} and “${to.name}” in ${to.currency}: enter the amounts in those currencies.`);
    }
    const transferId = event.id;
    const { serverTimestamp } = await import('firebase/firestore');
    const doc = { ...transfer, month: monthOf(transfer.date), deleted: false, createdBy: uid, updatedBy: uid };
    await this.batch.commit([
      { kind: 'set', path: `transfers/${transferId}`, data: { ...doc, createdAt: serverTimestamp(), updatedAt: serverTimestamp(), auditId: event.id } },
      await activityWrite(event, 'TRANSFER_RECORDED', { type: 'transfer', id: transferId }, creationChanges({ ...transfer })),
      await ledgerBump(event.id),
    ]);
    this.bus.emit(this.events.follow(event, 'TRANSFER_RECORDED', { transferId, transfer }));
  }

  private async remove(event: DomainEvent<'TRANSFER_DELETION_REQUESTED'>): Promise<void> {
    const uid = actorUid(event);
    const { transferId } = event.payload;
    const db = await this.loader.firestore();
    const { doc, getDocFromServer, serverTimestamp } = await import('firebase/firestore');
    const current = await getDocFromServer(doc(db, `transfers/${transferId}`));
    if (!current.exists() || current.get('deleted') === true) {
      throw refusal('not-found', 'That transfer no longer exists: someone may have deleted it.');
    }
    if (!mayChangeRecord(current.data(), { uid, role: this.session.user()?.role ?? 'staff' })) {
      throw refusal('permission-denied', recordOwnerOnly('transfer'));
    }
    // Soft: the ledger keeps what happened, balances stop counting it.
    await this.batch.commit([
      { kind: 'update', path: `transfers/${transferId}`, data: { deleted: true, updatedBy: uid, updatedAt: serverTimestamp(), auditId: event.id } },
      await activityWrite(event, 'TRANSFER_DELETED', { type: 'transfer', id: transferId }, { deleted: { from: false, to: true } }),
      await ledgerBump(event.id),
    ]);
    this.bus.emit(this.events.follow(event, 'TRANSFER_DELETED', { transferId }));
  }

  private async account(accountId: string): Promise<Account> {
    const db = await this.loader.firestore();
    const { doc, getDocFromServer } = await import('firebase/firestore');
    const snapshot = await getDocFromServer(doc(db, `accounts/${accountId}`));
    if (!snapshot.exists()) throw refusal('not-found', 'One of the accounts no longer exists. Choose another.');
    return { ...(snapshot.data() as Omit<Account, 'id'>), id: snapshot.id };
  }
}

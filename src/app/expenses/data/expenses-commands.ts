import { Injectable, inject } from '@angular/core';
import type { ExpenseDraft, FieldChanges } from '@maestro/contracts';
import { EventRequests } from '../../core/events/event-requests';
import type { CommandOutcome } from './accounts-commands';

/** What the screens ask of expenses: events on the bus, answered by the expenses orchestrator. */
@Injectable({ providedIn: 'root' })
export class ExpensesCommands {
  private readonly requests = inject(EventRequests);

  /** Resolves with the new expense's id. */
  async record(expense: ExpenseDraft): Promise<CommandOutcome<string>> {
    const outcome = await this.requests.send('EXPENSE_RECORDING_REQUESTED', { expense }, 'EXPENSE_RECORDED');
    return outcome.ok ? { ok: true, value: outcome.event.payload.expenseId } : { ok: false, message: outcome.message };
  }

  /** Resolves with the fields that changed (empty when nothing did). */
  async update(expenseId: string, expense: ExpenseDraft): Promise<CommandOutcome<FieldChanges>> {
    const outcome = await this.requests.send('EXPENSE_UPDATE_REQUESTED', { expenseId, expense }, 'EXPENSE_UPDATED');
    return outcome.ok ? { ok: true, value: outcome.event.payload.changes } : { ok: false, message: outcome.message };
  }

  async delete(expenseId: string): Promise<CommandOutcome> {
    const outcome = await this.requests.send('EXPENSE_DELETION_REQUESTED', { expenseId }, 'EXPENSE_DELETED');
    return outcome.ok ? { ok: true, value: undefined } : { ok: false, message: outcome.message };
  }

  async restore(expenseId: string): Promise<CommandOutcome> {
    const outcome = await this.requests.send('EXPENSE_RESTORATION_REQUESTED', { expenseId }, 'EXPENSE_RESTORED');
    return outcome.ok ? { ok: true, value: undefined } : { ok: false, message: outcome.message };
  }
}

import { Injectable, inject } from '@angular/core';
import type { BudgetDraft } from '@maestro/contracts';
import { EventRequests } from '../../core/events/event-requests';
import type { CommandOutcome } from './accounts-commands';

/** What the budgets screen asks for: BUDGET_SETTING_REQUESTED, answered by the budgets orchestrator. */
@Injectable({ providedIn: 'root' })
export class BudgetsCommands {
  private readonly requests = inject(EventRequests);

  /** Sets the monthly amount (0 removes the budget); resolves with the amount it replaced. */
  async set(budget: BudgetDraft): Promise<CommandOutcome<number | null>> {
    const outcome = await this.requests.send('BUDGET_SETTING_REQUESTED', { budget }, 'BUDGET_SET');
    return outcome.ok ? { ok: true, value: outcome.event.payload.previousAmountMinor } : { ok: false, message: outcome.message };
  }
}

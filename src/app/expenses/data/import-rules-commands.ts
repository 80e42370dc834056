import { Injectable, inject } from '@angular/core';
import type { ImportRuleDraft } from '@maestro/contracts';
import { EventRequests } from '../../core/events/event-requests';
import type { CommandOutcome } from './accounts-commands';

/** What the import screens ask of import rules, answered by the import rules orchestrator. */
@Injectable({ providedIn: 'root' })
export class ImportRulesCommands {
  private readonly requests = inject(EventRequests);

  /** Saves rules in one batch (`ruleId` null: a new rule); resolves with their ids. */
  async save(rules: { ruleId: string | null; rule: ImportRuleDraft }[]): Promise<CommandOutcome<string[]>> {
    const outcome = await this.requests.send('IMPORT_RULES_SAVING_REQUESTED', { rules }, 'IMPORT_RULES_SAVED');
    return outcome.ok ? { ok: true, value: outcome.event.payload.ruleIds } : { ok: false, message: outcome.message };
  }

  async delete(ruleId: string): Promise<CommandOutcome> {
    const outcome = await this.requests.send('IMPORT_RULE_DELETION_REQUESTED', { ruleId }, 'IMPORT_RULE_DELETED');
    return outcome.ok ? { ok: true, value: undefined } : { ok: false, message: outcome.message };
  }
}

import { Injectable, inject } from '@angular/core';
import type { AccountDraft, AccountPatch } from '@maestro/contracts';
import { EventRequests } from '../../core/events/event-requests';

/** `code` tells a form which field a refusal is about (`already-exists`: the name is taken). */
export type CommandOutcome<T = void> = { ok: true; value: T } | { ok: false; message: string; code?: string };

/** What the screens ask of accounts: events on the bus, answered by the accounts orchestrator. */
@Injectable({ providedIn: 'root' })
export class AccountsCommands {
  private readonly requests = inject(EventRequests);

  async create(account: AccountDraft): Promise<CommandOutcome<string>> {
    const outcome = await this.requests.send('ACCOUNT_CREATION_REQUESTED', { account }, 'ACCOUNT_CREATED');
    return outcome.ok ? { ok: true, value: outcome.event.payload.accountId } : { ok: false, message: outcome.message, code: outcome.cause.code };
  }

  async update(accountId: string, patch: AccountPatch): Promise<CommandOutcome> {
    const outcome = await this.requests.send('ACCOUNT_UPDATE_REQUESTED', { accountId, patch }, 'ACCOUNT_UPDATED');
    return outcome.ok ? { ok: true, value: undefined } : { ok: false, message: outcome.message, code: outcome.cause.code };
  }
}

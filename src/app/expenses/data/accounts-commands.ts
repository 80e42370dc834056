import { Injectable, inject } from '@angular/core';
import type { AccountDraft } from '@maestro/contracts';
import { catchError, filter, firstValueFrom, map, merge, of, timeout } from 'rxjs';
import { EventBus } from '../../core/events/event-bus';
import { EventFactory } from '../../core/events/event-factory';

const ANSWER_TIMEOUT_MS = 45_000;

export type CreateAccountOutcome = { ok: true; accountId: string } | { ok: false; message: string };

/** What the screens ask of accounts: an event on the bus, answered by the accounts orchestrator. */
@Injectable({ providedIn: 'root' })
export class AccountsCommands {
  private readonly bus = inject(EventBus);
  private readonly events = inject(EventFactory);

  /** Resolves when the orchestrator answers this request (and no other). */
  create(account: AccountDraft): Promise<CreateAccountOutcome> {
    // Nobody would answer: say so instead of leaving the form spinning.
    if (!this.bus.hasSubscribers('ACCOUNT_CREATION_REQUESTED')) {
      return Promise.resolve({ ok: false, message: 'Accounts cannot be created right now. Reload the page and try again.' });
    }
    const request = this.events.create('ACCOUNT_CREATION_REQUESTED', { account });
    const outcome = firstValueFrom(
      merge(
        this.bus.on('ACCOUNT_CREATED').pipe(
          filter((e) => e.causationId === request.id),
          map((e): CreateAccountOutcome => ({ ok: true, accountId: e.payload.accountId })),
        ),
        this.bus.on('ACCOUNT_CREATION_FAILED').pipe(
          filter((e) => e.payload.failedEvent.id === request.id),
          map((e): CreateAccountOutcome => ({ ok: false, message: friendlyCause(e.payload.cause) })),
        ),
      ).pipe(
        // The batch itself times out after 30 s and then answers with a failure; this is a backstop.
        timeout(ANSWER_TIMEOUT_MS),
        catchError(() => of<CreateAccountOutcome>({ ok: false, message: 'No answer from the database. Check your connection; the account may still appear.' })),
      ),
    );
    this.bus.emit(request);
    return outcome;
  }
}

function friendlyCause(cause: { message: string; code?: string }): string {
  if (cause.code === 'permission-denied') return 'You are not allowed to create this account. Sign in again, or ask an admin.';
  if (cause.code === 'unavailable') return 'Cannot reach the database. Check your connection and try again.';
  return cause.message;
}

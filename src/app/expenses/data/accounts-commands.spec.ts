import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Session } from '../../core/auth/session';
import { EventBus } from '../../core/events/event-bus';
import { EventFactory } from '../../core/events/event-factory';
import { AccountsCommands } from './accounts-commands';

// The bus is real; the spec plays the orchestrator's part to check the request/answer pairing.
describe('AccountsCommands', () => {
  const draft = { name: 'Till', type: 'cash', currency: 'USD', openingBalanceMinor: 0 } as const;
  let bus: EventBus;
  let commands: AccountsCommands;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [{ provide: Session, useValue: { user: signal(null) } }] });
    bus = TestBed.inject(EventBus);
    commands = TestBed.inject(AccountsCommands);
  });

  it('answers at once when no orchestrator listens, instead of waiting forever', async () => {
    expect(await commands.create(draft)).toEqual({
      ok: false,
      message: 'This cannot be done right now. Reload the page and try again.',
      code: 'no-handler',
    });
  });

  it('takes the answer to its own request, not to someone else\'s', async () => {
    const events = TestBed.inject(EventFactory);
    let requestId = '';
    bus.on('ACCOUNT_CREATION_REQUESTED').subscribe((request) => {
      requestId = request.id;
      const other = events.create('ACCOUNT_CREATION_REQUESTED', { account: draft });
      bus.emit(events.follow(other, 'ACCOUNT_CREATED', { accountId: 'not-mine', account: draft }));
      bus.emit(events.follow(request, 'ACCOUNT_CREATED', { accountId: request.id, account: draft }));
    });
    const outcome = await commands.create(draft);
    expect(outcome.ok).toBeTrue();
    expect(outcome.ok && outcome.value).toBe(requestId);
  });

  it('turns a permission failure into advice', async () => {
    const events = TestBed.inject(EventFactory);
    bus.on('ACCOUNT_CREATION_REQUESTED').subscribe((request) =>
      bus.emit(
        events.follow(request, 'ACCOUNT_CREATION_FAILED', {
          cause: { message: 'Missing or insufficient permissions.', code: 'permission-denied' },
          failedEvent: request,
        }),
      ),
    );
    expect(await commands.create(draft)).toEqual({
      ok: false,
      message: 'You are not allowed to make this change. Sign in again, or ask an admin.',
      code: 'permission-denied',
    });
  });

  it('passes the code on, so a form can show a taken name on its field', async () => {
    const events = TestBed.inject(EventFactory);
    const message = 'An account named “Till” in USD already exists.';
    bus.on('ACCOUNT_CREATION_REQUESTED').subscribe((request) =>
      bus.emit(events.follow(request, 'ACCOUNT_CREATION_FAILED', { cause: { message, code: 'already-exists' }, failedEvent: request })),
    );
    expect(await commands.create(draft)).toEqual({ ok: false, message, code: 'already-exists' });
  });
});

import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { ExpenseDraft } from '@maestro/contracts';
import { Session } from '../../core/auth/session';
import { EventBus } from '../../core/events/event-bus';
import { EventFactory } from '../../core/events/event-factory';
import { ExpensesCommands } from './expenses-commands';

// The bus is real; the spec plays the orchestrator's part to check what each command sends and returns.
describe('ExpensesCommands', () => {
  const draft: ExpenseDraft = {
    accountId: 'cash-register',
    categoryId: 'produce',
    amountMinor: 1250,
    currency: 'USD',
    date: '2026-03-01',
    payee: 'Market',
    note: '',
    tags: [],
  };
  let bus: EventBus;
  let events: EventFactory;
  let commands: ExpensesCommands;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [{ provide: Session, useValue: { user: signal(null) } }] });
    bus = TestBed.inject(EventBus);
    events = TestBed.inject(EventFactory);
    commands = TestBed.inject(ExpensesCommands);
  });

  it('records and answers with the new expense id', async () => {
    bus.on('EXPENSE_RECORDING_REQUESTED').subscribe((request) => {
      expect(request.payload.expense).toEqual(draft);
      bus.emit(events.follow(request, 'EXPENSE_RECORDED', { expenseId: request.id, expense: draft }));
    });
    const outcome = await commands.record(draft);
    expect(outcome.ok && outcome.value).toMatch(/.+/);
  });

  it('updates and answers with the changed fields', async () => {
    const changes = { amountMinor: { from: 1250, to: 1500 } };
    bus.on('EXPENSE_UPDATE_REQUESTED').subscribe((request) => {
      expect(request.payload.expenseId).toBe('e1');
      bus.emit(events.follow(request, 'EXPENSE_UPDATED', { expenseId: 'e1', changes }));
    });
    expect(await commands.update('e1', { ...draft, amountMinor: 1500 })).toEqual({ ok: true, value: changes });
  });

  it('deletes and restores by id', async () => {
    bus.on('EXPENSE_DELETION_REQUESTED').subscribe((r) => bus.emit(events.follow(r, 'EXPENSE_DELETED', r.payload)));
    bus.on('EXPENSE_RESTORATION_REQUESTED').subscribe((r) => bus.emit(events.follow(r, 'EXPENSE_RESTORED', r.payload)));
    expect(await commands.delete('e1')).toEqual({ ok: true, value: undefined });
    expect(await commands.restore('e1')).toEqual({ ok: true, value: undefined });
  });

  it('passes the orchestrator\'s message through when it refuses', async () => {
    bus.on('EXPENSE_DELETION_REQUESTED').subscribe((request) =>
      bus.emit(
        events.follow(request, 'EXPENSE_DELETION_FAILED', {
          cause: { message: 'That expense no longer exists.', code: 'not-found' },
          failedEvent: request,
        }),
      ),
    );
    expect(await commands.delete('gone')).toEqual({ ok: false, message: 'That expense no longer exists.' });
  });
});

import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { DomainEvent, ExpenseDraft } from '@maestro/contracts';
import { lastValueFrom, toArray } from 'rxjs';
import { Session } from '../../core/auth/session';
import { EventBus } from '../../core/events/event-bus';
import { EventFactory } from '../../core/events/event-factory';
import { ImportCommands } from './import-commands';

// The bus is real; the spec plays the orchestrator to check what the screen gets back.
describe('ImportCommands', () => {
  const row: ExpenseDraft = { accountId: 'a', categoryId: 'c', amountMinor: 1, currency: 'USD', date: '2026-03-01', payee: '', note: '', tags: [] };
  let bus: EventBus;
  let events: EventFactory;
  let commands: ImportCommands;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [{ provide: Session, useValue: { user: signal(null) } }] });
    bus = TestBed.inject(EventBus);
    events = TestBed.inject(EventFactory);
    commands = TestBed.inject(ImportCommands);
  });

  const updates = (importId = 'imp-1', silenceMs?: number) => lastValueFrom(commands.start(importId, 'march.csv', [row, row], silenceMs).pipe(toArray()));

  it('answers at once when no orchestrator listens', async () => {
    expect(await updates()).toEqual([
      { kind: 'failed', message: 'The import cannot run right now. Reload the page and try again.', rolledBack: true, cancelled: false },
    ]);
  });

  it('passes on its own import\'s progress and outcome, not another\'s', async () => {
    bus.on('EXPENSES_IMPORT_REQUESTED').subscribe((request) => {
      const other = events.create('EXPENSES_IMPORT_REQUESTED', { importId: 'other', fileName: 'x.csv', rows: [row] });
      bus.emit(events.follow(other, 'EXPENSES_IMPORT_PROGRESSED', { importId: 'other', written: 1, total: 1 }));
      bus.emit(events.follow(request, 'EXPENSES_IMPORT_PROGRESSED', { importId: 'imp-1', written: 1, total: 2 }));
      bus.emit(events.follow(other, 'EXPENSES_IMPORTED', { importId: 'other', count: 1 }));
      bus.emit(events.follow(request, 'EXPENSES_IMPORT_PROGRESSED', { importId: 'imp-1', written: 2, total: 2 }));
      bus.emit(events.follow(request, 'EXPENSES_IMPORTED', { importId: 'imp-1', count: 2 }));
    });
    expect(await updates()).toEqual([
      { kind: 'progress', written: 1, total: 2 },
      { kind: 'progress', written: 2, total: 2 },
      { kind: 'imported', count: 2 },
    ]);
  });

  it('turns a failure into its message, knowing a cancel from a failure', async () => {
    bus.on('EXPENSES_IMPORT_REQUESTED').subscribe((request) =>
      bus.emit(
        events.follow(request, 'EXPENSES_IMPORT_FAILED', {
          cause: { code: 'cancelled', message: 'Import cancelled; nothing was imported.' },
          failedEvent: request,
          rolledBack: true,
        }),
      ),
    );
    expect(await updates()).toEqual([{ kind: 'failed', message: 'Import cancelled; nothing was imported.', rolledBack: true, cancelled: true }]);
  });

  it('sends a cancel for its import id', () => {
    const seen: DomainEvent<'EXPENSES_IMPORT_CANCELLATION_REQUESTED'>[] = [];
    bus.on('EXPENSES_IMPORT_CANCELLATION_REQUESTED').subscribe((e) => seen.push(e));
    commands.cancel('imp-9');
    expect(seen.map((e) => e.payload)).toEqual([{ importId: 'imp-9' }]);
  });

  it('gives up waiting after a long silence, without claiming anything was undone', async () => {
    bus.on('EXPENSES_IMPORT_REQUESTED').subscribe((request) =>
      bus.emit(events.follow(request, 'EXPENSES_IMPORT_PROGRESSED', { importId: 'imp-1', written: 1, total: 2 })),
    );
    const result = await updates('imp-1', 30);
    expect(result[0]).toEqual({ kind: 'progress', written: 1, total: 2 });
    expect(result[1]).toEqual(jasmine.objectContaining({ kind: 'failed', rolledBack: false }));
    expect(result.length).toBe(2);
  });
});

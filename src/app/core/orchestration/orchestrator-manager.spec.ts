import { Injectable, provideZonelessChangeDetection, signal } from '@angular/core';
import { createApplication } from '@angular/platform-browser';
import { TestBed } from '@angular/core/testing';
import { Session } from '../auth/session';
import { EventBus } from '../events/event-bus';
import { EventFactory } from '../events/event-factory';
import { LOGGER } from '../logging/logger';
import { BaseOrchestratorService, type HandlerResult } from './base-orchestrator';
import { AppOrchestratorManager, provideOrchestration, provideOrchestrators } from './orchestrator-manager';

@Injectable()
class AccountsProbe extends BaseOrchestratorService {
  readonly name = 'accounts-probe';
  runs = 0;
  protected listen(): void {
    this.handleEvent('ACCOUNT_CREATION_REQUESTED');
  }
  protected eventCallback(): HandlerResult {
    this.runs++;
  }
}

@Injectable()
class ExpensesProbe extends BaseOrchestratorService {
  readonly name = 'expenses-probe';
  protected listen(): void {
    this.handleEvent('EXPENSE_RECORDING_REQUESTED');
  }
  protected eventCallback(): HandlerResult {
    throw new Error('always fails');
  }
}

describe('AppOrchestratorManager', () => {
  const account = { name: 'Till', type: 'cash', currency: 'USD', openingBalanceMinor: 0 } as const;
  const expense = { accountId: 'a', categoryId: 'c', amountMinor: 1, currency: 'USD', date: '2026-11-23', payee: 'p', note: '', tags: [] };

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        { provide: Session, useValue: { user: signal(null) } },
        { provide: LOGGER, useValue: { debug: () => undefined, warn: () => undefined, error: () => undefined } },
        // Two features registering their orchestrators separately.
        provideOrchestrators(AccountsProbe),
        provideOrchestrators(ExpensesProbe),
      ],
    });
  });

  it('starts every registered orchestrator and reports them with their counters', () => {
    const manager = TestBed.inject(AppOrchestratorManager);
    expect(manager.status().map((s) => [s.name, s.running])).toEqual([
      ['accounts-probe', false],
      ['expenses-probe', false],
    ]);
    manager.init();
    const bus = TestBed.inject(EventBus);
    const events = TestBed.inject(EventFactory);
    bus.emit(events.create('ACCOUNT_CREATION_REQUESTED', { account }));
    bus.emit(events.create('EXPENSE_RECORDING_REQUESTED', { expense }));

    const status = manager.status();
    expect(status.every((s) => s.running)).toBeTrue();
    expect(status[0]!.counters.handled).toBe(1);
    expect(status[1]!.counters.failed).toBe(1);
    expect(status[1]!.counters.lastError?.message).toBe('always fails');
  });

  it('stops them all with destroyAll()', () => {
    const manager = TestBed.inject(AppOrchestratorManager);
    manager.init();
    manager.destroyAll();
    const bus = TestBed.inject(EventBus);
    bus.emit(TestBed.inject(EventFactory).create('ACCOUNT_CREATION_REQUESTED', { account }));
    expect(TestBed.inject(AccountsProbe).runs).toBe(0);
    expect(manager.status().some((s) => s.running)).toBeFalse();
    expect(bus.hasSubscribers('ACCOUNT_CREATION_REQUESTED')).toBeFalse();
  });
});

describe('provideOrchestration', () => {
  it('starts the orchestrators when the app boots and stops them when it is destroyed', async () => {
    // A real application (initializers run as at bootstrap), without a root component.
    const app = await createApplication({
      providers: [
        provideZonelessChangeDetection(),
        { provide: Session, useValue: { user: signal(null) } },
        provideOrchestrators(AccountsProbe),
        provideOrchestration(),
      ],
    });
    const probe = app.injector.get(AccountsProbe);
    expect(probe.running()).toBeTrue();
    app.destroy();
    expect(probe.running()).toBeFalse();
  });
});

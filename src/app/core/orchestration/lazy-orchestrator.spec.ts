import { Injectable, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { DomainEvent } from '@maestro/contracts';
import { Session } from '../auth/session';
import { EventBus } from '../events/event-bus';
import { EventFactory } from '../events/event-factory';
import { LOGGER } from '../logging/logger';
import { BaseOrchestratorService, type HandlerResult } from './base-orchestrator';
import { provideLazyOrchestrators, type LazyOrchestrator } from './lazy-orchestrator';
import { AppOrchestratorManager } from './orchestrator-manager';

/** Records what it handles; its first handling of a given name also emits a follow-up request. */
@Injectable()
class AccountsProbe extends BaseOrchestratorService {
  readonly name = 'accounts-probe';
  static handled: string[] = [];
  protected listen(): void {
    this.handleEvent('ACCOUNT_CREATION_REQUESTED');
  }
  protected eventCallback(event: DomainEvent<'ACCOUNT_CREATION_REQUESTED'>): HandlerResult {
    AccountsProbe.handled.push(event.payload.account.name);
    if (event.payload.account.name === 'emits') this.bus.emit(this.events.create('ACCOUNT_CREATION_REQUESTED', { account: draft('emitted') }));
  }
}

/** Listens to a type its registration below forgets to name. */
@Injectable()
class ForgetfulProbe extends BaseOrchestratorService {
  readonly name = 'forgetful';
  protected listen(): void {
    this.handleEvent('ACCOUNT_CREATION_REQUESTED');
    this.handleEvent('ACCOUNT_UPDATE_REQUESTED');
  }
  protected eventCallback(): HandlerResult {
    return undefined;
  }
}

function draft(name: string) {
  return { name, type: 'cash', currency: 'USD', openingBalanceMinor: 0 } as const;
}

describe('provideLazyOrchestrators', () => {
  let loads: number;
  let release: (value: unknown) => void;
  let failNextLoad: boolean;
  let errors: string[];
  let bus: EventBus;
  let events: EventFactory;
  let manager: AppOrchestratorManager;

  function setUp(orchestrator: Partial<LazyOrchestrator> = {}): void {
    TestBed.configureTestingModule({
      providers: [
        { provide: Session, useValue: { user: signal(null) } },
        { provide: LOGGER, useValue: { debug: () => undefined, warn: () => undefined, error: (m: string) => errors.push(m) } },
        provideLazyOrchestrators({
          name: 'accounts-probe',
          events: ['ACCOUNT_CREATION_REQUESTED'],
          // Stands for import(): resolves when the spec releases it.
          load: async () => {
            loads++;
            await new Promise((resolve) => (release = resolve));
            if (failNextLoad) {
              failNextLoad = false;
              throw new TypeError('Failed to fetch dynamically imported module');
            }
            return AccountsProbe;
          },
          ...orchestrator,
        }),
      ],
    });
    bus = TestBed.inject(EventBus);
    events = TestBed.inject(EventFactory);
    manager = TestBed.inject(AppOrchestratorManager);
    manager.init();
  }

  const request = (name: string) => bus.emit(events.create('ACCOUNT_CREATION_REQUESTED', { account: draft(name) }));
  const settle = () => new Promise((resolve) => setTimeout(resolve));

  beforeEach(() => {
    AccountsProbe.handled = [];
    loads = 0;
    failNextLoad = false;
    errors = [];
  });

  it('listens from app start, loads the code once on the first event, and hands over what came meanwhile in order', async () => {
    setUp();
    expect(loads).toBe(0);
    expect(bus.hasSubscribers('ACCOUNT_CREATION_REQUESTED')).toBeTrue();
    request('one');
    request('two');
    expect(loads).toBe(1);
    expect(AccountsProbe.handled).toEqual([]);
    release(undefined);
    await settle();
    expect(AccountsProbe.handled).toEqual(['one', 'two']);
    request('three');
    expect(AccountsProbe.handled).toEqual(['one', 'two', 'three']);
    expect(loads).toBe(1);
    expect(errors).toEqual([]);
  });

  it('keeps the order when a held event makes its handler emit another', async () => {
    setUp();
    request('emits');
    request('after');
    release(undefined);
    await settle();
    expect(AccountsProbe.handled).toEqual(['emits', 'after', 'emitted']);
  });

  it('reports the name before loading and the loaded orchestrator’s counters after', async () => {
    setUp();
    expect(manager.status()).toEqual([
      { name: 'accounts-probe', running: true, counters: { handled: 0, failed: 0, lastError: null, averageHandlingMs: 0 } },
    ]);
    request('one');
    release(undefined);
    await settle();
    expect(manager.status()[0]!.counters.handled).toBe(1);
  });

  it('fails each held request with its failure event when the code does not arrive, and tries again on the next one', async () => {
    setUp();
    const failures: DomainEvent<'ACCOUNT_CREATION_FAILED'>[] = [];
    bus.on('ACCOUNT_CREATION_FAILED').subscribe((event) => failures.push(event));
    failNextLoad = true;
    request('lost');
    release(undefined);
    await settle();
    expect(failures.length).toBe(1);
    expect(failures[0]!.payload.failedEvent.payload.account.name).toBe('lost');
    expect(failures[0]!.payload.cause.message).toContain('Failed to fetch');
    expect(errors.length).toBe(1);

    request('retried');
    expect(loads).toBe(2);
    release(undefined);
    await settle();
    expect(AccountsProbe.handled).toEqual(['retried']);
  });

  it('stops with the app: nothing held or handled afterwards', async () => {
    setUp();
    request('one');
    release(undefined);
    await settle();
    manager.destroyAll();
    request('after stop');
    expect(AccountsProbe.handled).toEqual(['one']);
    expect(bus.hasSubscribers('ACCOUNT_CREATION_REQUESTED')).toBeFalse();
    expect(manager.status()[0]!.running).toBeFalse();
  });

  it('says so when the class listens to an event its entry does not name', async () => {
    setUp({ name: 'forgetful', load: () => Promise.resolve(ForgetfulProbe) });
    request('one');
    await settle();
    expect(errors).toEqual([jasmine.stringContaining('ACCOUNT_UPDATE_REQUESTED')]);
  });
});

import { Injectable, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { DomainEvent, EventType } from '@maestro/contracts';
import { Subject, type Observable } from 'rxjs';
import { Session } from '../auth/session';
import { EventBus } from '../events/event-bus';
import { EventFactory } from '../events/event-factory';
import { LOGGER } from '../logging/logger';
import { ApiRequestError } from '../http/api-error-message';
import { CLOCK } from '../time/clock';
import { BaseOrchestratorService, type Concurrency, type HandlerResult } from './base-orchestrator';
import { expectedRefusal } from './expected-refusal';

/** A controllable clock: handling time is whatever the spec says it is. */
class ManualClock {
  ms = 0;
  now = () => new Date(Date.UTC(2026, 10, 23) + this.ms);
  monotonicMs = () => this.ms;
}

/** An orchestrator whose work per event the spec decides. */
@Injectable()
class AccountsTestOrchestrator extends BaseOrchestratorService {
  readonly name = 'accounts-test';
  concurrency: Concurrency = 'concat';
  work: (event: DomainEvent) => HandlerResult = () => undefined;
  protected listen(): void {
    this.handleEvent('ACCOUNT_CREATION_REQUESTED', { concurrency: this.concurrency });
  }
  protected eventCallback(event: DomainEvent): HandlerResult {
    return this.work(event);
  }
}

describe('BaseOrchestratorService', () => {
  let bus: EventBus;
  let factory: EventFactory;
  let clock: ManualClock;
  let orchestrator: AccountsTestOrchestrator;
  let logged: string[];
  let debugged: string[];

  const draft = { name: 'Till', type: 'cash', currency: 'USD', openingBalanceMinor: 0 } as const;
  const request = (name = 'Till') => factory.create('ACCOUNT_CREATION_REQUESTED', { account: { ...draft, name } });
  const collect = <K extends EventType>(type: K) => {
    const events: DomainEvent<K>[] = [];
    bus.on(type).subscribe((e) => events.push(e));
    return events;
  };

  beforeEach(() => {
    clock = new ManualClock();
    logged = [];
    debugged = [];
    TestBed.configureTestingModule({
      providers: [
        AccountsTestOrchestrator,
        { provide: CLOCK, useValue: clock },
        { provide: LOGGER, useValue: { debug: (m: string) => debugged.push(m), warn: () => undefined, error: (m: string) => logged.push(m) } },
        { provide: Session, useValue: { user: signal({ uid: 'u1', email: 'sam@maestro.test', displayName: 'Sam', role: 'staff' }) } },
      ],
    });
    bus = TestBed.inject(EventBus);
    factory = TestBed.inject(EventFactory);
    orchestrator = TestBed.inject(AccountsTestOrchestrator);
  });

  afterEach(() => orchestrator.destroy());

  it('runs its work for each event it handles and counts it', () => {
    const seen: string[] = [];
    orchestrator.work = (e) => void seen.push((e as DomainEvent<'ACCOUNT_CREATION_REQUESTED'>).payload.account.name);
    orchestrator.start();
    bus.emit(request('Till'));
    bus.emit(request('Bank'));
    expect(seen).toEqual(['Till', 'Bank']);
    expect(orchestrator.counters()).toEqual({ handled: 2, failed: 0, lastError: null, averageHandlingMs: 0 });
  });

  it('turns a failure into the matching _FAILED event with the cause and the failed event, and lives on', async () => {
    const failures = collect('ACCOUNT_CREATION_FAILED');
    const done: string[] = [];
    orchestrator.work = (e) => {
      const name = (e as DomainEvent<'ACCOUNT_CREATION_REQUESTED'>).payload.account.name;
      if (name === 'Broken') return Promise.reject(Object.assign(new Error('Missing or insufficient permissions.'), { code: 'permission-denied' }));
      done.push(name);
      return Promise.resolve();
    };
    orchestrator.start();
    const broken = request('Broken');
    bus.emit(broken);
    bus.emit(request('Till'));
    await settle();

    expect(failures.length).toBe(1);
    expect(failures[0]!.payload.cause).toEqual({ message: 'Missing or insufficient permissions.', code: 'permission-denied' });
    expect(failures[0]!.payload.failedEvent).toBe(broken as DomainEvent<'ACCOUNT_CREATION_REQUESTED'>);
    expect(failures[0]!.correlationId).toBe(broken.correlationId);
    expect(failures[0]!.causationId).toBe(broken.id);
    expect(failures[0]!.actor).toEqual({ kind: 'user', uid: 'u1', email: 'sam@maestro.test' });
    expect(done).toEqual(['Till']);
    expect(orchestrator.counters().failed).toBe(1);
    expect(orchestrator.counters().handled).toBe(2);
    expect(orchestrator.counters().lastError?.message).toBe('Missing or insufficient permissions.');
    expect(orchestrator.counters().lastError?.eventType).toBe('ACCOUNT_CREATION_REQUESTED');
    expect(logged).toEqual(['accounts-test: handling ACCOUNT_CREATION_REQUESTED failed']);
  });

  it('keeps expected refusals (a lost race, a rule that said no) out of the console errors, but still fails them', async () => {
    const failures = collect('ACCOUNT_CREATION_FAILED');
    const refusals = [
      new ApiRequestError(409, 'illegal_transition', 'Someone already started #3DSADV; it is now Preparing.'),
      expectedRefusal(Object.assign(new Error('3 expenses use “Food”. Move them to another category first.'), { code: 'failed-precondition' })),
    ];
    orchestrator.work = () => Promise.reject(refusals.shift());
    orchestrator.start();
    bus.emit(request());
    bus.emit(request());
    await settle();
    expect(failures.map((f) => f.payload.cause.message)).toEqual([
      'Someone already started #3DSADV; it is now Preparing.',
      '3 expenses use “Food”. Move them to another category first.',
    ]);
    expect(logged).toEqual([]);
    expect(debugged.length).toBe(2);
  });

  it('still logs a server failure (5xx) as an error', async () => {
    orchestrator.work = () => Promise.reject(new ApiRequestError(500, 'internal', 'Something went wrong on our side.'));
    orchestrator.start();
    bus.emit(request());
    await settle();
    expect(logged).toEqual(['accounts-test: handling ACCOUNT_CREATION_REQUESTED failed']);
  });

  it('isolates a handler that throws synchronously too', () => {
    const failures = collect('ACCOUNT_CREATION_FAILED');
    orchestrator.work = () => {
      throw new Error('bug');
    };
    orchestrator.start();
    bus.emit(request());
    bus.emit(request());
    expect(failures.map((f) => f.payload.cause.message)).toEqual(['bug', 'bug']);
    expect(bus.hasSubscribers('ACCOUNT_CREATION_REQUESTED')).toBeTrue();
  });

  it('handles events one after another by default (concatMap): the second waits for the first', () => {
    const steps: string[] = [];
    const gates: Subject<void>[] = [];
    orchestrator.work = (e) => {
      const name = (e as DomainEvent<'ACCOUNT_CREATION_REQUESTED'>).payload.account.name;
      steps.push(`start ${name}`);
      const gate = new Subject<void>();
      gates.push(gate);
      return gate.asObservable() as Observable<void>;
    };
    orchestrator.start();
    bus.emit(request('A'));
    bus.emit(request('B'));
    expect(steps).toEqual(['start A']);
    gates[0]!.complete();
    expect(steps).toEqual(['start A', 'start B']);
  });

  it('runs events side by side when the handler declares merge', () => {
    orchestrator.concurrency = 'merge';
    const started: string[] = [];
    orchestrator.work = (e) => {
      started.push((e as DomainEvent<'ACCOUNT_CREATION_REQUESTED'>).payload.account.name);
      return new Subject<void>();
    };
    orchestrator.start();
    bus.emit(request('A'));
    bus.emit(request('B'));
    expect(started).toEqual(['A', 'B']);
  });

  it('averages handling time over every event, failed ones included', () => {
    const gates: Subject<void>[] = [];
    orchestrator.work = () => {
      const gate = new Subject<void>();
      gates.push(gate);
      return gate;
    };
    orchestrator.start();
    bus.emit(request());
    clock.ms += 30;
    gates[0]!.complete();
    bus.emit(request());
    clock.ms += 10;
    gates[1]!.error(new Error('late failure'));
    expect(orchestrator.counters().handled).toBe(2);
    expect(orchestrator.counters().failed).toBe(1);
    expect(orchestrator.counters().averageHandlingMs).toBe(20);
  });

  it('after destroy() no handler runs and no subscription is left on the bus', () => {
    let runs = 0;
    orchestrator.work = () => void runs++;
    orchestrator.start();
    bus.emit(request());
    orchestrator.destroy();

    bus.emit(request());
    expect(runs).toBe(1);
    expect(orchestrator.running()).toBeFalse();
    expect(bus.hasSubscribers('ACCOUNT_CREATION_REQUESTED')).toBeFalse();
  });

  it('cancels the work in progress when destroyed', () => {
    const inner = new Subject<void>();
    orchestrator.work = () => inner;
    orchestrator.start();
    bus.emit(request());
    expect(inner.observed).toBeTrue();
    orchestrator.destroy();
    expect(inner.observed).toBeFalse();
  });

  it('does not subscribe twice when started twice, and can start again after destroy', () => {
    let runs = 0;
    orchestrator.work = () => void runs++;
    orchestrator.start();
    orchestrator.start();
    bus.emit(request());
    expect(runs).toBe(1);
    orchestrator.destroy();
    orchestrator.start();
    bus.emit(request());
    expect(runs).toBe(2);
  });
});

function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve));
}

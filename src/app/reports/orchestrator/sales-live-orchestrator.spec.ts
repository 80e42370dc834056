import { computed, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Session } from '../../core/auth/session';
import { EventBus } from '../../core/events/event-bus';
import { EventFactory } from '../../core/events/event-factory';
import { LOGGER } from '../../core/logging/logger';
import { SalesLive } from '../state/sales-live';
import { SalesLiveOrchestrator } from './sales-live-orchestrator';

describe('SalesLiveOrchestrator (reports follow orders on the EventBus)', () => {
  let bus: EventBus;
  let events: EventFactory;
  let sales: SalesLive;
  let orchestrator: SalesLiveOrchestrator;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        { provide: Session, useValue: { user: signal(null), isAdmin: computed(() => false) } },
        { provide: LOGGER, useValue: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } },
      ],
    });
    bus = TestBed.inject(EventBus);
    events = TestBed.inject(EventFactory);
    sales = TestBed.inject(SalesLive);
    orchestrator = TestBed.inject(SalesLiveOrchestrator);
    orchestrator.start();
  });
  afterEach(() => orchestrator.destroy());

  const finished = (orderId: string, finishedAt: string) =>
    bus.emit(events.create('ORDER_FINISHED', { orderId, status: 'SERVED', finishedAt }));

  it('counts each order the orders feature announces as finished, and keeps the latest time', async () => {
    finished('o1', '2026-12-06T20:00:00.000Z');
    finished('o2', '2026-12-06T20:05:00.000Z');
    finished('o3', '2026-12-06T19:00:00.000Z'); // a late event of an earlier finish
    await new Promise((resolve) => setTimeout(resolve));

    expect(sales.finishedOrders()).toBe(3);
    expect(sales.lastFinishedAt()).toBe('2026-12-06T20:05:00.000Z');
    expect(orchestrator.counters().handled).toBe(3);
  });

  it('stops following once destroyed', async () => {
    orchestrator.destroy();
    finished('o1', '2026-12-06T20:00:00.000Z');
    await new Promise((resolve) => setTimeout(resolve));
    expect(sales.finishedOrders()).toBe(0);
  });
});

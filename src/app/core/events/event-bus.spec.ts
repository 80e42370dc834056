import { TestBed } from '@angular/core/testing';
import { createEventFactory, type DomainEvent, type EventType } from '@maestro/contracts';
import { config } from 'rxjs';
import { EventBus } from './event-bus';

const factory = createEventFactory({ now: () => new Date('2026-11-23T12:00:00Z'), newId: (() => { let n = 0; return () => `e${++n}`; })() });
const actor = { kind: 'system', name: 'spec' } as const;
const account = { name: 'Till', type: 'cash', currency: 'USD', openingBalanceMinor: 0 } as const;
const created = (accountId: string) => factory.create('ACCOUNT_CREATED', { accountId, account }, { actor });
const statusChanged = (orderId: string) =>
  factory.create('ORDER_STATUS_CHANGED', { orderId, previousStatus: 'CONFIRMED', newStatus: 'PREPARING', updatedAt: '' }, { actor });

describe('EventBus', () => {
  let bus: EventBus;

  beforeEach(() => {
    bus = TestBed.inject(EventBus);
  });

  it('delivers an event only to the subscribers of its type', () => {
    const accounts: string[] = [];
    const orders: string[] = [];
    bus.on('ACCOUNT_CREATED').subscribe((e) => accounts.push(e.payload.accountId));
    bus.on('ORDER_STATUS_CHANGED').subscribe((e) => orders.push(e.payload.orderId));

    bus.emit(created('a1'));
    bus.emit(statusChanged('o1'));
    bus.emit(created('a2'));

    expect(accounts).toEqual(['a1', 'a2']);
    expect(orders).toEqual(['o1']);
  });

  it('shows every event, in order, on events$ for the monitor', () => {
    const seen: EventType[] = [];
    bus.events$.subscribe((e) => seen.push(e.type));
    bus.emit(created('a1'));
    bus.emit(statusChanged('o1'));
    expect(seen).toEqual(['ACCOUNT_CREATED', 'ORDER_STATUS_CHANGED']);
  });

  it('delivers synchronously, so the emitter can rely on handlers having run', () => {
    let received: DomainEvent<'ACCOUNT_CREATED'> | undefined;
    bus.on('ACCOUNT_CREATED').subscribe((e) => (received = e));
    const event = created('a1');
    bus.emit(event);
    expect(received).toBe(event);
  });

  describe('when a subscriber throws', () => {
    let reported: unknown[];
    let previous: typeof config.onUnhandledError;

    beforeEach(() => {
      reported = [];
      previous = config.onUnhandledError;
      config.onUnhandledError = (error) => reported.push(error);
    });
    afterEach(() => (config.onUnhandledError = previous));

    it('still delivers to the other subscribers and to later events, and reports the error', async () => {
      const before: string[] = [];
      const after: string[] = [];
      bus.on('ACCOUNT_CREATED').subscribe((e) => before.push(e.payload.accountId));
      bus.on('ACCOUNT_CREATED').subscribe((e) => {
        if (e.payload.accountId === 'a1') throw new Error('subscriber bug');
      });
      bus.on('ACCOUNT_CREATED').subscribe((e) => after.push(e.payload.accountId));

      bus.emit(created('a1'));
      bus.emit(created('a2'));
      await new Promise((resolve) => setTimeout(resolve)); // RxJS reports asynchronously

      expect(before).toEqual(['a1', 'a2']);
      expect(after).toEqual(['a1', 'a2']);
      expect(reported.map((e) => (e as Error).message)).toEqual(['subscriber bug']);
    });
  });

  it('knows whether a type has subscribers, and forgets them when they unsubscribe', () => {
    expect(bus.hasSubscribers('ACCOUNT_CREATED')).toBeFalse();
    const subscription = bus.on('ACCOUNT_CREATED').subscribe();
    expect(bus.hasSubscribers('ACCOUNT_CREATED')).toBeTrue();
    subscription.unsubscribe();
    expect(bus.hasSubscribers('ACCOUNT_CREATED')).toBeFalse();
  });

  it('drops an event nobody listens to without error', () => {
    expect(() => bus.emit(created('a1'))).not.toThrow();
  });
});

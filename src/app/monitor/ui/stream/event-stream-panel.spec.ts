import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import type { DomainEvent, EventType } from '@maestro/contracts';
import { EventBus } from '../../../core/events/event-bus';
import { CLOCK } from '../../../core/time/clock';
import { EventStreamPanel } from './event-stream-panel';

describe('EventStreamPanel', () => {
  let fixture: ComponentFixture<EventStreamPanel>;
  let bus: EventBus;
  let now: number;
  let n = 0;

  beforeEach(async () => {
    now = Date.parse('2026-03-01T18:00:00.000Z');
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: CLOCK, useValue: { now: () => new Date(now), monotonicMs: () => now } },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    bus = TestBed.inject(EventBus);
    fixture = TestBed.createComponent(EventStreamPanel);
    await fixture.whenStable();
  });
  afterEach(() => fixture.destroy());

  function emit(type: EventType, correlationId = `corr-${++n}`) {
    bus.emit({ id: `e${++n}`, type, version: 1, payload: {}, occurredAt: new Date(now).toISOString(), correlationId, actor: { kind: 'system', name: 'spec' } } as unknown as DomainEvent);
  }
  const el = () => fixture.nativeElement as HTMLElement;
  const streamTypes = () => [...el().querySelectorAll('table[aria-label="Event stream"] tbody tr')].map((tr) => tr.querySelectorAll('td')[1]?.textContent?.trim() ?? tr.textContent?.trim());
  const rateRows = () =>
    [...el().querySelectorAll('table[aria-label="Event rates"] tbody tr')].map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent?.trim()));
  const pauseButton = () => [...el().querySelectorAll('button')].find((b) => /Pause|Resume/.test(b.textContent ?? ''))!;
  const select = () => el().querySelector('select')!;

  it('shows bus events newest first with their correlation id, linked to the activity log', async () => {
    emit('ORDER_STATUS_CHANGE_REQUESTED', 'corr-a');
    emit('ORDER_STATUS_CHANGED', 'corr-a');
    await fixture.whenStable();
    expect(streamTypes()).toEqual(['ORDER_STATUS_CHANGED', 'ORDER_STATUS_CHANGE_REQUESTED']);
    expect(el().querySelector('table[aria-label="Event stream"] a')?.getAttribute('href')).toBe('/activity?correlationId=corr-a');
  });

  it('counts each type over the last 10 s and 60 s', async () => {
    emit('ORDER_STATUS_CHANGED');
    now += 20_000;
    emit('ORDER_STATUS_CHANGED');
    emit('EXPENSE_RECORDING_REQUESTED');
    await fixture.whenStable();
    expect(rateRows()).toEqual([
      ['ORDER_STATUS_CHANGED', '1', '0.1', '2'],
      ['EXPENSE_RECORDING_REQUESTED', '1', '0.1', '1'],
    ]);
  });

  it('pauses the list (counting what arrives) and shows it all on resume', async () => {
    emit('ORDER_STATUS_CHANGED');
    await fixture.whenStable();
    pauseButton().click();
    emit('EXPENSE_RECORDING_REQUESTED');
    emit('EXPENSE_RECORDING_REQUESTED');
    await fixture.whenStable();
    expect(streamTypes()).toEqual(['ORDER_STATUS_CHANGED']);
    expect(pauseButton().textContent?.trim()).toContain('Resume (2 new)');
    expect(pauseButton().getAttribute('aria-pressed')).toBe('true');

    pauseButton().click();
    await fixture.whenStable();
    expect(streamTypes()).toEqual(['EXPENSE_RECORDING_REQUESTED', 'EXPENSE_RECORDING_REQUESTED', 'ORDER_STATUS_CHANGED']);
    expect(pauseButton().getAttribute('aria-pressed')).toBe('false');
  });

  it('filters the list by event type, and says when a type has nothing', async () => {
    emit('ORDER_STATUS_CHANGED');
    emit('EXPENSE_RECORDING_REQUESTED');
    await fixture.whenStable();
    select().value = 'ORDER_STATUS_CHANGED';
    select().dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(streamTypes()).toEqual(['ORDER_STATUS_CHANGED']);

    select().value = '';
    select().dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(streamTypes().length).toBe(2);
  });

  it('says nothing arrived yet before the first event', () => {
    expect(streamTypes()).toEqual(['No event since the monitor opened.']);
    expect(rateRows()).toEqual([['No event in the last minute.']]);
  });
});

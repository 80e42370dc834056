import { STREAM_LIMIT, emptyStream, filtered, knownTypes, paused, ratesByType, received, resumed, type EventStreamState, type StreamEvent } from './event-stream';

const event = (n: number, type: string, receivedAt: number): StreamEvent => ({
  id: `e${n}`,
  type,
  correlationId: `c${n}`,
  receivedAt,
  occurredAt: new Date(receivedAt).toISOString(),
});
const feed = (state: EventStreamState, ...events: StreamEvent[]) => events.reduce(received, state);
const ids = (events: readonly StreamEvent[]) => events.map((e) => e.id);

describe('event stream', () => {
  it('lists the newest first and keeps only the last 200', () => {
    let state = emptyStream;
    for (let n = 1; n <= STREAM_LIMIT + 5; n++) state = received(state, event(n, 'A', n));
    expect(state.shown.length).toBe(STREAM_LIMIT);
    expect(state.shown[0].id).toBe('e205');
    expect(state.shown[STREAM_LIMIT - 1].id).toBe('e6');
  });

  it('holds what arrives while paused and shows it on top, in order, on resume', () => {
    let state = feed(emptyStream, event(1, 'A', 1), event(2, 'A', 2));
    state = paused(state);
    state = feed(state, event(3, 'B', 3), event(4, 'A', 4));
    expect(ids(state.shown)).toEqual(['e2', 'e1']); // frozen while paused
    expect(ids(state.held)).toEqual(['e4', 'e3']);
    state = resumed(state);
    expect(ids(state.shown)).toEqual(['e4', 'e3', 'e2', 'e1']);
    expect(state.held).toEqual([]);
  });

  it('filters the list by type, all types when none is chosen', () => {
    const state = feed(emptyStream, event(1, 'ORDER_STATUS_CHANGED', 1), event(2, 'EXPENSE_RECORDED', 2), event(3, 'ORDER_STATUS_CHANGED', 3));
    expect(ids(filtered(state.shown, 'ORDER_STATUS_CHANGED'))).toEqual(['e3', 'e1']);
    expect(ids(filtered(state.shown, ''))).toEqual(['e3', 'e2', 'e1']);
    expect(knownTypes(state)).toEqual(['EXPENSE_RECORDED', 'ORDER_STATUS_CHANGED']);
  });

  it('counts per type over the last 10 s and the last 60 s', () => {
    const now = 100_000;
    const state = feed(
      emptyStream,
      event(1, 'A', now - 70_000), // too old for both windows
      event(2, 'A', now - 30_000), // 60 s only
      event(3, 'A', now - 9_000),
      event(4, 'A', now - 1_000),
      event(5, 'B', now - 59_999),
    );
    expect(ratesByType(state, now)).toEqual([
      { type: 'A', last10s: 2, perSecond10s: 0.2, last60s: 3, perMinute60s: 3 },
      { type: 'B', last10s: 0, perSecond10s: 0, last60s: 1, perMinute60s: 1 },
    ]);
  });

  it('keeps counting while paused: the rates describe the bus, not the list', () => {
    const state = feed(paused(emptyStream), event(1, 'A', 1_000), event(2, 'A', 2_000));
    expect(state.shown).toEqual([]);
    expect(ratesByType(state, 3_000)[0].last10s).toBe(2);
  });

  it('forgets arrivals older than a minute, so a long session does not grow', () => {
    let state = emptyStream;
    for (let n = 0; n < 1000; n++) state = received(state, event(n, 'A', n * 1_000));
    expect(state.arrivals.length).toBe(60);
    expect(ratesByType(state, 999_500)).toEqual([{ type: 'A', last10s: 10, perSecond10s: 1, last60s: 60, perMinute60s: 60 }]);
  });
});

/** The EventBus as the monitor shows it: plain data and pure steps, so pause and rates are testable. */

export interface StreamEvent {
  id: string;
  type: string;
  correlationId: string;
  /** When the monitor received it (ms since epoch): what the rates count. */
  receivedAt: number;
  occurredAt: string;
}

export interface EventStreamState {
  /** Newest first, at most STREAM_LIMIT: what the list shows. */
  readonly shown: readonly StreamEvent[];
  /** Arrived while paused, newest first (at most STREAM_LIMIT): shown on resume. */
  readonly held: readonly StreamEvent[];
  readonly paused: boolean;
  /** Arrival times per type over the longest rate window, kept while paused too. */
  readonly arrivals: readonly { type: string; at: number }[];
}

export const STREAM_LIMIT = 200;
export const RATE_WINDOWS_MS = [10_000, 60_000] as const;
const LONGEST_WINDOW = Math.max(...RATE_WINDOWS_MS);

export const emptyStream: EventStreamState = { shown: [], held: [], paused: false, arrivals: [] };

export function received(state: EventStreamState, event: StreamEvent): EventStreamState {
  const arrivals = [...state.arrivals.filter((a) => a.at > event.receivedAt - LONGEST_WINDOW), { type: event.type, at: event.receivedAt }];
  if (state.paused) return { ...state, held: [event, ...state.held].slice(0, STREAM_LIMIT), arrivals };
  return { ...state, shown: [event, ...state.shown].slice(0, STREAM_LIMIT), arrivals };
}

export function paused(state: EventStreamState): EventStreamState {
  return { ...state, paused: true };
}

/** What came while paused goes on top, in arrival order, and the list keeps its cap. */
export function resumed(state: EventStreamState): EventStreamState {
  return { ...state, paused: false, held: [], shown: [...state.held, ...state.shown].slice(0, STREAM_LIMIT) };
}

export function cleared(state: EventStreamState): EventStreamState {
  return { ...state, shown: [], held: [] };
}

/** The shown events of one type ('' for all). */
export function filtered(events: readonly StreamEvent[], type: string): readonly StreamEvent[] {
  return type ? events.filter((e) => e.type === type) : events;
}

export interface TypeRate {
  type: string;
  /** Events in the last 10 s, and per second over it. */
  last10s: number;
  perSecond10s: number;
  /** Events in the last 60 s, and per minute over it. */
  last60s: number;
  perMinute60s: number;
}

/** Per type, the busiest first: how many arrived in the last 10 s and 60 s before `now`. */
export function ratesByType(state: EventStreamState, now: number): TypeRate[] {
  const counts = new Map<string, { last10s: number; last60s: number }>();
  for (const { type, at } of state.arrivals) {
    const age = now - at;
    if (age < 0 || age >= LONGEST_WINDOW) continue;
    const count = counts.get(type) ?? { last10s: 0, last60s: 0 };
    count.last60s++;
    if (age < RATE_WINDOWS_MS[0]) count.last10s++;
    counts.set(type, count);
  }
  return [...counts]
    .map(([type, c]) => ({ type, last10s: c.last10s, perSecond10s: c.last10s / 10, last60s: c.last60s, perMinute60s: c.last60s }))
    .sort((a, b) => b.last60s - a.last60s || a.type.localeCompare(b.type));
}

/** The types seen in the last minute or in the list: the filter's choices. */
export function knownTypes(state: EventStreamState): string[] {
  return [...new Set([...state.arrivals.map((a) => a.type), ...state.shown.map((e) => e.type)])].sort();
}

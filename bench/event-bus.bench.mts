// EventBus dispatch: events per second with 1, 10 and 50 subscribers on distinct types,
// next to a naive bus (one Subject, every subscriber filters every event) in the same run.
import { Subject, filter, type Observable } from 'rxjs';
import type { DomainEvent, EventType } from '@maestro/contracts';
import { EventBus } from '../src/app/core/events/event-bus.ts';

interface Bus {
  emit(event: DomainEvent): void;
  on(type: EventType): Observable<DomainEvent>;
}

/** The baseline: what an event bus looks like when dispatch is a filter per subscriber. */
class NaiveBus implements Bus {
  private readonly all = new Subject<DomainEvent>();
  emit(event: DomainEvent): void {
    this.all.next(event);
  }
  on(type: EventType): Observable<DomainEvent> {
    return this.all.pipe(filter((event) => event.type === type));
  }
}

const EVENTS = 200_000;
const ROUNDS = 5;

function makeEvents(types: EventType[]): DomainEvent[] {
  return Array.from({ length: EVENTS }, (_, i) => ({
    id: `e${i}`,
    type: types[i % types.length]!,
    version: 1,
    payload: {} as never,
    occurredAt: '2026-11-23T00:00:00.000Z',
    correlationId: `e${i}`,
    actor: { kind: 'system', name: 'bench' },
  }));
}

/** Median events/s over ROUNDS runs after one warm-up; checks every event was delivered once. */
function measure(makeBus: () => Bus, subscribers: number): number {
  // Benchmark-only type names: the catalog's types are too few for 50 distinct subscribers.
  const types = Array.from({ length: subscribers }, (_, i) => `BENCH_${i}` as EventType);
  const events = makeEvents(types);
  const rates: number[] = [];
  for (let round = 0; round <= ROUNDS; round++) {
    const bus = makeBus();
    let delivered = 0;
    for (const type of types) bus.on(type).subscribe(() => delivered++);
    const started = performance.now();
    for (const event of events) bus.emit(event);
    const seconds = (performance.now() - started) / 1000;
    if (delivered !== EVENTS) throw new Error(`delivered ${delivered} of ${EVENTS}`);
    if (round > 0) rates.push(EVENTS / seconds);
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)]!;
}

const rows = [1, 10, 50].map((subscribers) => {
  const byType = measure(() => new EventBus(), subscribers);
  const naive = measure(() => new NaiveBus(), subscribers);
  return { subscribers, byType, naive, ratio: byType / naive };
});

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`\nEventBus: ${fmt(EVENTS)} events, median of ${ROUNDS} rounds (events/s, higher is better)\n`);
console.log('| subscribers (distinct types) | EventBus (by type) | naive (Subject + filter) | ratio |');
console.log('| ---: | ---: | ---: | ---: |');
for (const row of rows) {
  console.log(`| ${row.subscribers} | ${fmt(row.byType)} | ${fmt(row.naive)} | ${row.ratio.toFixed(1)}× |`);
}

// Realtime coalescing (MAESTRO_REALTIME_COALESCE_MS, issue 20 point 3): a burst of BENCH_RATE
// changes a second over BENCH_ORDERS orders for BENCH_SECONDS, coalescing off (the baseline) and on
// (BENCH_WINDOW_MS), rounds alternated in one run. A real socket.io-client in `kitchen` and `orders`
// records every order event; then the SPA's own orders reducer (src/app/orders/state, imported here
// through tsx) applies what it received to a board holding those orders: the client's work, timed,
// and how many board states it made (each one a re-render). Each round compares the board it ends
// with to the orders as stored.
//
// The burst enters at the API's event boundary: the same OrderEvents the routes call after each
// commit, on the API's broadcaster and coalescer over a real socket.io server, with the orders kept
// in memory as the store the coalescer reads. Through the whole API the emulator on this 2-core
// machine took no such burst: 100 transactions a second on four orders answered 67 of 300 changes
// in 85 s (the rest refused as contention), which left nothing to coalesce.
import '@angular/compiler'; // @ngrx/store's injectables want the JIT compiler outside Angular's build
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Order, OrderEventName, OrderEventPayloads } from '@maestro/contracts';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import type { MaestroServerIo } from '../server/src/realtime/realtime-types.ts';

const RATE = Number(process.env['BENCH_RATE'] ?? 100); // changes per second
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);
const ORDERS = Number(process.env['BENCH_ORDERS'] ?? 4);
const WINDOW_MS = Number(process.env['BENCH_WINDOW_MS'] ?? 50);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 2);
const APPLY_REPEATS = 20; // a reducer pass is short: time several, keep the median

// Loaded as the other benches load the API's modules (their CommonJS build through tsx).
const { orderTotals, ORDER_EVENT_NAMES } = await import('@maestro/contracts');
const { createLogger } = await import('../server/src/logger.ts');
const { orderEvents } = await import('../server/src/orders/order-events.ts');
const { coalesceOrderEvents } = await import('../server/src/realtime/order-event-coalescing.ts');
const { createOrderRoomsBroadcaster } = await import('../server/src/realtime/order-rooms-broadcaster.ts');
const { ordersFeature } = await import('../src/app/orders/state/orders.reducer.ts');
const { OrdersBoardActions, realtimeAction } = await import('../src/app/orders/state/orders.actions.ts');
const { initialOrdersState } = await import('../src/app/orders/state/orders.state.ts');
const { orderFixture, orderItemFixture } = await import('../src/app/orders/state/order-fixtures.ts');

interface Received {
  event: OrderEventName;
  payload: OrderEventPayloads[OrderEventName];
  at: number;
}

interface Round {
  windowMs: number;
  changes: number;
  seconds: number;
  events: number;
  applyMs: number;
  boardStates: number;
  /** Orders whose board copy ended unlike the stored order. */
  differing: number;
}

const FIELDS = ['status', 'items', 'subtotalMinor', 'taxMinor', 'serviceMinor', 'totalMinor', 'notes', 'version'] as const;

// Untimed: the reducer's first passes run before the JIT has compiled it.
await measure(WINDOW_MS, 1);
const rounds: Round[] = [];
for (let round = 0; round < ROUNDS; round++) {
  for (const windowMs of round % 2 === 0 ? [0, WINDOW_MS] : [WINDOW_MS, 0]) {
    const result = await measure(windowMs);
    rounds.push(result);
    console.log(
      `round ${round + 1}, window ${windowMs} ms: ${result.changes} changes in ${result.seconds.toFixed(2)} s, ${result.events} events, reducer ${result.applyMs.toFixed(2)} ms, ${result.differing} of ${ORDERS} boards unlike the store`,
    );
  }
}
print(rounds);

async function measure(windowMs: number, seconds = SECONDS): Promise<Round> {
  const http = createServer();
  const io: MaestroServerIo = new Server(http);
  io.on('connection', (socket) =>
    socket.on('join', (request: unknown, ack?: (a: unknown) => void) => {
      const rooms = (request as { rooms: string[] }).rooms;
      void Promise.resolve(socket.join(rooms)).then(() => ack?.({ ok: true, rooms }));
    }),
  );
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  const store = new Map<string, Order>();
  const board = Array.from({ length: ORDERS }, (_, i) =>
    orderFixture({
      id: `order-${i + 1}`,
      status: 'PREPARING',
      serviceRateBasisPoints: 1000,
      items: [
        orderItemFixture({ id: `burger-${i}`, name: 'Burger', unitPriceMinor: 1250, taxMinor: 100 }),
        orderItemFixture({ id: `fries-${i}`, name: 'Fries', station: 'fry', unitPriceMinor: 400, taxMinor: 32 }),
      ],
    }),
  );
  for (const order of board) store.set(order.id, order);
  const logger = createLogger('warn');
  const coalescer = coalesceOrderEvents(createOrderRoomsBroadcaster(io, logger), {
    windowMs,
    // As getOrder answers: the order as committed, a moment later.
    readOrder: async (id) => {
      await new Promise((resolve) => setImmediate(resolve));
      return store.get(id) ?? null;
    },
    logger,
  });
  const events = orderEvents(coalescer);

  const socket = connect(url, { transports: ['websocket'], reconnection: false, forceNew: true });
  try {
    await once(socket, 'connect');
    await socket.timeout(10_000).emitWithAck('join', { rooms: ['kitchen', 'orders'] });
    const received: Received[] = [];
    socket.onAny((event: string, payload: OrderEventPayloads[OrderEventName]) => {
      if ((ORDER_EVENT_NAMES as readonly string[]).includes(event))
        received.push({ event: event as OrderEventName, payload, at: performance.now() });
    });

    // One change every 1000/RATE ms, round robin over the orders. Four in five edit the notes
    // (order:updated with the whole order), one in five a line's quantity (order-item:updated).
    const total = Math.round(RATE * seconds);
    const started = performance.now();
    for (let seq = 0; seq < total; seq++) {
      const wait = started + (seq * 1000) / RATE - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      change(store, events, `order-${(seq % ORDERS) + 1}`, seq);
    }
    // The last windows end by themselves; wait until the client holds every stored version.
    const latest = (id: string) =>
      Math.max(0, ...received.filter((r) => idOf(r) === id).map((r) => r.payload.version));
    while ([...store.values()].some((order) => latest(order.id) < order.version))
      await new Promise((resolve) => setTimeout(resolve, 5));
    const took = (received.at(-1)!.at - started) / 1000;

    const { applyMs, boardStates, state } = apply(board, received);
    const differing = [...store.values()].filter((order) =>
      FIELDS.some((field) => JSON.stringify(state.entities[order.id]![field]) !== JSON.stringify(order[field])),
    ).length;
    return { windowMs, changes: total, seconds: took, events: received.length, applyMs, boardStates, differing };
  } finally {
    socket.disconnect();
    await coalescer.drain();
    await io.close();
  }
}

/** What a route does: commit (here: the store), then publish the event it always publishes. */
function change(store: Map<string, Order>, events: ReturnType<typeof orderEvents>, id: string, seq: number): void {
  const order = store.get(id)!;
  const version = order.version + 1;
  const updatedAt = new Date().toISOString();
  if (seq % 5 === 4) {
    const [first, ...rest] = order.items;
    const quantity = (first!.quantity % 3) + 1;
    const line = {
      ...first!,
      quantity,
      lineTotalMinor: first!.unitPriceMinor * quantity,
      taxMinor: (first!.taxMinor / first!.quantity) * quantity,
    };
    const items = [line, ...rest];
    store.set(id, { ...order, items, ...orderTotals(items, order.serviceRateBasisPoints), version, updatedAt });
    events.itemUpdated(id, line, version);
  } else {
    const next = { ...order, notes: `burst ${seq}`, version, updatedAt };
    store.set(id, next);
    events.updated(next, ['notes']);
  }
}

/** The SPA's reducer over what the client received: median time of a pass, and the states it made. */
function apply(board: Order[], received: Received[]) {
  const loaded = ordersFeature.reducer(
    initialOrdersState,
    OrdersBoardActions.boardLoaded({ orders: board, loadedAt: new Date().toISOString() }),
  );
  const actions = received.map(({ event, payload }) => realtimeAction(event, payload));
  const times: number[] = [];
  let state = loaded;
  let boardStates = 0;
  for (let repeat = 0; repeat < APPLY_REPEATS; repeat++) {
    const begin = performance.now();
    state = loaded;
    boardStates = 0;
    for (const action of actions) {
      const next = ordersFeature.reducer(state, action);
      if (next !== state) boardStates++;
      state = next;
    }
    times.push(performance.now() - begin);
  }
  times.sort((a, b) => a - b);
  return { applyMs: times[Math.floor(times.length / 2)]!, boardStates, state };
}

function idOf({ payload }: Received): string {
  return 'order' in payload ? payload.order.id : payload.orderId;
}

function print(all: Round[]): void {
  const sum = (windowMs: number, pick: (round: Round) => number) =>
    all.filter((round) => round.windowMs === windowMs).reduce((total, round) => total + pick(round), 0);
  const row = (windowMs: number) => {
    const changes = sum(windowMs, (r) => r.changes);
    const seconds = sum(windowMs, (r) => r.seconds);
    const events = sum(windowMs, (r) => r.events);
    return {
      eventsPerSecond: events / seconds,
      eventsPerChange: events / changes,
      applyMsPer1000Changes: (sum(windowMs, (r) => r.applyMs) / changes) * 1000,
      boardStatesPerChange: sum(windowMs, (r) => r.boardStates) / changes,
      differing: sum(windowMs, (r) => r.differing),
    };
  };
  const off = row(0);
  const on = row(WINDOW_MS);
  const fmt = (value: number, digits: number) => value.toFixed(digits).padStart(9);
  console.log(
    `\n${ORDERS} orders, ${RATE} changes/s for ${SECONDS} s, ${ROUNDS} round(s) each (1 in 5 a line's quantity, the rest notes)`,
  );
  console.log(`${''.padEnd(30)}${'off'.padStart(9)}  ${`${WINDOW_MS} ms`.padStart(9)}  ${'on/off'.padStart(9)}`);
  const lines: [string, number, number, number][] = [
    ['events received /s', off.eventsPerSecond, on.eventsPerSecond, 1],
    ['events per change', off.eventsPerChange, on.eventsPerChange, 3],
    ['reducer ms per 1,000 changes', off.applyMsPer1000Changes, on.applyMsPer1000Changes, 2],
    ['board states per change', off.boardStatesPerChange, on.boardStatesPerChange, 3],
  ];
  for (const [label, a, b, digits] of lines)
    console.log(`${label.padEnd(30)}${fmt(a, digits)}  ${fmt(b, digits)}  ${`${(b / a).toFixed(2)}×`.padStart(9)}`);
  console.log(`boards unlike the store at the end: off ${off.differing}, on ${on.differing} of ${ORDERS * ROUNDS}`);
}

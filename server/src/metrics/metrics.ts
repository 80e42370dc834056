import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { OrderRoomsBroadcaster } from '../realtime/order-rooms-broadcaster';
import type { MaestroServerIo } from '../realtime/realtime-types';

// Prometheus metrics of one API instance (README, "Running in production"). One Registry per
// createApp, never prom-client's global one: tests build several apps in one process, and two
// apps registering the same series in one registry would throw.
//
// Every label takes a bounded set of values: routes are Express patterns (`/api/orders/:id`),
// never raw URLs, and event, step and limit names come from the code, never from a request.

/** How a saga step ended (forward run) or how its undo went. */
export type SagaStepOutcome =
  'completed' | 'refused' | 'failed' | 'timed_out' | 'compensated' | 'compensation_failed';

/** What the saga reports (SagaContext.metrics). */
export interface SagaMetrics {
  sagaStep(step: string, outcome: SagaStepOutcome): void;
}

export interface Metrics extends SagaMetrics {
  registry: Registry;
  /** First middleware of the app: times every request, labelled by its route pattern. */
  httpRequests: RequestHandler;
  /** A rate limit refused a request, a handshake or a join (`limit`: its RateLimitConfig key). */
  rateLimitRefused(limit: string): void;
  /** The broadcaster, counting each emit and each failed emit by event name. */
  countEmits(broadcaster: OrderRoomsBroadcaster): OrderRoomsBroadcaster;
  /** Failed emits since this instance started, every event together (GET /api/health). */
  emitFailuresSinceStart(): number;
  /** The open-sockets gauge reads this server's connected sockets when scraped. */
  countSockets(io: MaestroServerIo): void;
  /** A message to the other nodes (an event, a heartbeat) could not be written to Redis. */
  clusterPublishFailed(): void;
}

/** The route label of requests that matched no route (404s, refusals before routing, preflights). */
export const UNMATCHED_ROUTE = 'unmatched';

// Node's parser accepts a few dozen methods; anything else is one label.
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export function createMetrics(options: { processMetrics: boolean }): Metrics {
  const registry = new Registry();
  // CPU, memory, event-loop lag, GC, handles: only where they are scraped (each call starts
  // its own event-loop and GC observers).
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const requestDuration = new Histogram({
    name: 'maestro_http_request_duration_seconds',
    help: 'HTTP requests of the API by method, route pattern and status, from arrival to the last byte sent',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  let connectedSockets: () => number = () => 0;
  new Gauge({
    name: 'maestro_sockets_open',
    help: 'socket.io connections open on this API node (authenticated)',
    registers,
    collect() {
      this.set(connectedSockets());
    },
  });
  const emitted = new Counter({
    name: 'maestro_order_events_emitted_total',
    help: 'Order events broadcast to the kitchen and orders rooms, by event name',
    labelNames: ['event'] as const,
    registers,
  });
  const emitFailures = new Counter({
    name: 'maestro_order_event_emit_failures_total',
    help: 'Order events whose broadcast threw (the write stands; clients resync), by event name',
    labelNames: ['event'] as const,
    registers,
  });
  const sagaSteps = new Counter({
    name: 'maestro_saga_steps_total',
    help: 'Fulfillment saga steps by step and outcome (completed, refused, failed, timed_out, compensated, compensation_failed)',
    labelNames: ['step', 'outcome'] as const,
    registers,
  });
  const publishFailures = new Counter({
    name: 'maestro_cluster_publish_failures_total',
    help: 'Messages to the other API nodes (order events, heartbeats) not written to the Redis stream: their clients resync once Redis is back',
    registers,
  });
  const refusals = new Counter({
    name: 'maestro_rate_limit_refusals_total',
    help: 'Requests, socket handshakes and room joins refused by a rate limit, by limit',
    labelNames: ['limit'] as const,
    registers,
  });

  // Also kept as a plain number: prom-client reads counters asynchronously, the health route cannot wait.
  let failedEmits = 0;

  return {
    registry,
    httpRequests: (req, res, next) => {
      const stop = requestDuration.startTimer();
      // The router sets `req.route` when a route matches, while `req.baseUrl` is still the
      // mount path of that route's router; read both then (by the time the response is sent,
      // an error may have unwound `baseUrl` to the app's).
      let route = UNMATCHED_ROUTE;
      let matched: unknown;
      Object.defineProperty(req, 'route', {
        configurable: true,
        enumerable: true,
        get: () => matched,
        set: (value: { path?: unknown } | undefined) => {
          matched = value;
          if (typeof value?.path === 'string') route = routeLabel(req.baseUrl, value.path);
        },
      });
      res.once('finish', () => {
        const method = METHODS.has(req.method) ? req.method : 'OTHER';
        stop({ method, route, status: String(res.statusCode) });
      });
      next();
    },
    rateLimitRefused: (limit) => refusals.inc({ limit }),
    sagaStep: (step, outcome) => sagaSteps.inc({ step, outcome }),
    countEmits: (broadcaster) => {
      const broadcast = (event: string, payload: unknown): boolean => {
        const ok = broadcaster.broadcast(event, payload);
        (ok ? emitted : emitFailures).inc({ event });
        if (!ok) failedEmits += 1;
        return ok;
      };
      return { ...broadcaster, broadcast, publish: broadcast };
    },
    emitFailuresSinceStart: () => failedEmits,
    clusterPublishFailed: () => publishFailures.inc(),
    countSockets: (io) => {
      connectedSockets = () => io.of('/').sockets.size;
    },
  };
}

/**
 * `/api/orders` + `/:id` → `/api/orders/:id`; a router's own `/` is its mount path. `baseUrl` is
 * the matched prefix itself, so this holds while routers are mounted on fixed paths (app.ts).
 */
function routeLabel(baseUrl: string, path: string): string {
  if (path === '/' && baseUrl !== '') return baseUrl;
  return `${baseUrl}${path}`;
}

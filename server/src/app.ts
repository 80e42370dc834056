import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import cors from 'cors';
import express, { type Express } from 'express';
import type { Auth } from 'firebase-admin/auth';
import type { Firestore } from 'firebase-admin/firestore';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  SYNC_REQUIRED_EVENT,
  type SyncRequiredEvent,
} from '@maestro/contracts';
import {
  createActivitySeals,
  DEFAULT_ACTIVITY_SEALS,
  type ActivitySeals,
} from './activity/activity-seals';
import { authenticate } from './auth/authenticate';
import { requireAdmin } from './auth/require-admin';
import { menuEvents } from './menu/menu-events';
import { menuRouter } from './menu/routes';
import { watchSessionRevocations, type SessionMarker } from './auth/session-revocations';
import { createCluster } from './cluster/cluster';
import {
  createTokenVerifier,
  DEFAULT_TOKEN_CACHE,
  type TokenVerifierOptions,
} from './auth/token-verifier';
import { DEFAULT_RATE_LIMITS, type Config, type RateLimitConfig, type SagaConfig } from './config';
import { compressJson } from './http/compress-json';
import { apiNotFound, errorHandler } from './http/error-handler';
import { trackInFlightRequests } from './http/in-flight-requests';
import { requestLogger } from './http/request-logger';
import { createLimiterStore } from './limits/limiter-store';
import { createRateLimits } from './limits/rate-limits';
import { JSON_BODY_LIMIT_BYTES } from './limits/size-limits';
import type { Logger } from './logger';
import { createMetrics, type Metrics } from './metrics/metrics';
import { createMetricsServer } from './metrics/metrics-server';
import { createOrders, type Orders } from './orders/orders-module';
import { getOrder } from './orders/repository';
import { reportsRouter, salesRebuildRouter, type ReportsDeps } from './reports/routes';
import { DEFAULT_BUSINESS_TIME_ZONE } from './reports/sales-calendar';
import { attachRealtime } from './realtime/realtime';
import {
  DEFAULT_SOCKET_SESSIONS,
  endRevokedSockets,
  type SocketSessionOptions,
} from './realtime/socket-sessions';
import { coalesceOrderEvents, type Schedule } from './realtime/order-event-coalescing';
import type { OrderRoomsBroadcaster } from './realtime/order-rooms-broadcaster';
import type { MaestroServerIo } from './realtime/realtime-types';
import { adminUsersRouter } from './routes/admin-users';
import { healthRouter } from './routes/health';
import { meRouter } from './routes/me';

export interface AppDeps {
  // main.ts passes the whole Config; tests pass what they need. Without `activitySeals` the log
  // is sealed only on demand (POST /api/admin/activity/seal), so tests start no sealing timer.
  config: Pick<Config, 'port' | 'host' | 'spaOrigins'> &
    Partial<Pick<Config, 'activitySeals' | 'metrics' | 'businessTimeZone' | 'realtimeCoalesceMs'>>;
  logger: Logger;
  auth: Auth;
  firestore: Firestore;
  /** How long the health check waits for Firestore. */
  healthTimeoutMs?: number;
  /** The fulfillment saga's timings; defaults as in config.ts. */
  saga?: Partial<SagaConfig>;
  /** Off: no recovery sweep of unfinished sagas (benchmarks that measure the bare API). */
  sagaRecovery?: boolean;
  /** Rate limits; any left out are DEFAULT_RATE_LIMITS (config.ts). */
  rateLimits?: Partial<RateLimitConfig>;
  /** Where rate-limit counts are shared by every node (MAESTRO_REDIS_URL); without it, memory. */
  redis?: Redis;
  /**
   * MAESTRO_REDIS_URL again, for the connections of socket.io's Redis Streams adapter (events and
   * recovery sessions of every node). With `redis`, also the stock guard and the job leases.
   */
  redisUrl?: string;
  /** Proxies in front whose X-Forwarded-For is believed (per-address limits); 0 by default. */
  trustProxyHops?: number;
  /** How long the health check reuses its Firestore read; 5 s by default. */
  healthCacheMs?: number;
  /** How long a verified token is trusted before Auth is asked again; defaults to a minute. */
  tokenCache?: TokenVerifierOptions;
  /** When sockets are asked for a fresh token before theirs runs out. */
  socketSessions?: SocketSessionOptions;
  /** Orders placed at once, and how many may wait (orders/placement-queue.ts). */
  placementQueue?: { concurrency: number; maxWaiting: number };
  /** When coalescing windows end (config.realtimeCoalesceMs); setTimeout unless a test ends them. */
  coalescingSchedule?: Schedule;
}

const DEFAULT_SAGA: SagaConfig = { stepTimeoutMs: 5000, leaseMs: 30_000, faultInjection: false };

export interface MaestroServer {
  app: Express;
  httpServer: HttpServer;
  io: MaestroServerIo;
  broadcaster: OrderRoomsBroadcaster;
  orders: Orders;
  activitySeals: ActivitySeals;
  /** This instance's Prometheus registry and hooks; served only by the metrics listener. */
  metrics: Metrics;
  /** The metrics listener's base URL once listening (config.metrics); undefined when off. */
  metricsUrl(): string | undefined;
  /** Starts listening on config.host:config.port (0 = any free port); resolves with the base URL. */
  listen(): Promise<string>;
  /** Stops accepting, disconnects sockets, lets in-flight requests finish. Safe to call twice. */
  close(): Promise<void>;
}

/** Builds the API (Express + socket.io on one HTTP server) from injected dependencies. */
export function createApp(deps: AppDeps): MaestroServer {
  const { config, logger, auth, firestore } = deps;
  // Per instance (several apps share a test process); GET /metrics on its own listener only.
  const metrics = createMetrics({ processMetrics: config.metrics !== undefined });
  const metricsServer =
    config.metrics && createMetricsServer(metrics.registry, config.metrics, logger);
  let metricsUrl: string | undefined;
  const app = express();
  const httpServer = createServer(app);
  // Registered before socket.io wraps the server's request listeners, so it sees API requests only.
  const inFlight = trackInFlightRequests(httpServer);
  const rateLimits = createRateLimits({
    config: { ...DEFAULT_RATE_LIMITS, ...deps.rateLimits },
    store: createLimiterStore(deps.redis, logger),
    logger,
    trustedHops: deps.trustProxyHops ?? 0,
    onRefused: metrics.rateLimitRefused,
  });
  const verifier = createTokenVerifier(auth, deps.tokenCache ?? DEFAULT_TOKEN_CACHE);
  const cluster = createCluster({
    redis: deps.redis,
    redisUrl: deps.redisUrl,
    logger,
    onPublishFailed: metrics.clusterPublishFailed,
  });
  const { io, broadcaster: uncounted } = attachRealtime(httpServer, {
    adapter: cluster.adapter,
    verifier,
    logger,
    spaOrigins: config.spaOrigins,
    limits: rateLimits,
    sessions: deps.socketSessions ?? DEFAULT_SOCKET_SESSIONS,
  });
  const broadcaster = metrics.countEmits(uncounted);
  metrics.countSockets(io);
  // Order events only; counted where they are really emitted (a held change is not an emit).
  const orderBroadcaster = coalesceOrderEvents(broadcaster, {
    windowMs: config.realtimeCoalesceMs ?? 0,
    readOrder: (orderId) => getOrder(firestore, orderId),
    logger,
    schedule: deps.coalescingSchedule,
  });
  // An admin ended a member's sessions (here or on another node): this node stops trusting their
  // cached tokens and closes their sockets.
  const sessionsEnded = (uid: string, marker: SessionMarker) => {
    verifier.sessionsEnded(uid, marker);
    const closed = endRevokedSockets(io, uid, marker);
    if (closed > 0) logger.info({ uid, sockets: closed }, 'ended sockets of a revoked session');
  };
  let stopWatchingSessions: () => void = () => undefined;
  // Events of other nodes may have been lost while Redis was away: this node's clients refetch.
  cluster.onInterrupted(() => {
    const payload: SyncRequiredEvent = { reason: 'cluster-interrupted' };
    io.local.emit(SYNC_REQUIRED_EVENT, payload);
  });
  const saga = { ...DEFAULT_SAGA, ...deps.saga };
  const salesTimeZone = config.businessTimeZone ?? DEFAULT_BUSINESS_TIME_ZONE;
  const orders = createOrders({
    firestore,
    logger,
    broadcaster: orderBroadcaster,
    metrics,
    saga,
    stockLock: cluster.stockLock,
    // The sweep runs every half saga lease; its job lease outlives two missed runs.
    sweepLease: cluster.lease('saga-sweep', saga.leaseMs * 1.5),
    placementQueue: deps.placementQueue,
    salesTimeZone,
  });
  const reports: ReportsDeps = {
    db: firestore,
    logger,
    timeZone: salesTimeZone,
    // Renewed before each day's transaction; a minute outlasts the longest of them.
    rebuildLease: cluster.lease('sales-rebuild', 60_000),
  };
  const sealConfig = config.activitySeals ?? { ...DEFAULT_ACTIVITY_SEALS, intervalMs: 0 };
  const activitySeals = createActivitySeals({
    firestore,
    logger,
    config: sealConfig,
    lease: cluster.lease('activity-seal', Math.max(1000, sealConfig.intervalMs * 3)),
  });

  // req.ip (logs) names the same client address the per-address limits count.
  app.set('trust proxy', deps.trustProxyHops ?? 0);
  // First, so every request is timed: refusals, 404s and errors too.
  app.use(metrics.httpRequests);
  app.use(helmet());
  // Before authentication: a CORS preflight carries no token.
  app.use(
    cors({
      origin: config.spaOrigins,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id', IDEMPOTENCY_KEY_HEADER],
      exposedHeaders: ['X-Request-Id', IDEMPOTENT_REPLAYED_HEADER, 'Location', 'Retry-After'],
      maxAge: 600,
    }),
  );
  app.use(requestLogger(logger));
  app.use(compressJson());

  app.use(
    '/api/health',
    rateLimits.publicRoute,
    healthRouter(
      firestore,
      logger,
      deps.healthTimeoutMs ?? 2000,
      deps.healthCacheMs ?? 5000,
      metrics.emitFailuresSinceStart,
    ),
  );
  // Authentication comes before body parsing: an unauthenticated body is never read.
  // A blocked address is refused before its token is checked; a member's requests are counted
  // before their body is read.
  app.use(
    '/api',
    rateLimits.guardAuthentication(authenticate(verifier)),
    rateLimits.memberRequests,
    express.json({ limit: JSON_BODY_LIMIT_BYTES }),
  );
  app.use('/api/me', meRouter(firestore));
  app.use('/api/orders', orders.ordersRouter);
  app.use('/api/menu-items', orders.menuItemsRouter);
  app.use(
    '/api/menu',
    menuRouter({ db: firestore, lock: orders.stockLock, events: menuEvents(broadcaster) }),
  );
  app.use('/api/reports', requireAdmin, reportsRouter(reports));
  app.use('/api/admin', requireAdmin);
  app.use('/api/admin/reports', salesRebuildRouter(reports));
  app.use('/api/admin/users', adminUsersRouter(auth, firestore, sessionsEnded, config.spaOrigins));
  app.use('/api/admin/activity', activitySeals.router);
  app.use(apiNotFound);
  app.use(errorHandler);

  let closing: Promise<void> | undefined;
  return {
    app,
    httpServer,
    io,
    broadcaster,
    orders,
    activitySeals,
    metrics,
    metricsUrl: () => metricsUrl,
    listen: async () => {
      const url = await listen(httpServer, config.port, config.host);
      if (metricsServer) {
        metricsUrl = await metricsServer.listen();
        logger.info({ metricsUrl: `${metricsUrl}/metrics` }, 'metrics listening (internal)');
      }
      // Sagas a crashed or stopped instance left unfinished are finished from here on.
      if (deps.sagaRecovery !== false) orders.recovery.start();
      stopWatchingSessions = watchSessionRevocations(firestore, logger, sessionsEnded);
      activitySeals.start();
      return url;
    },
    close: () => {
      closing ??= (async () => {
        stopWatchingSessions();
        await orders.recovery.stop();
        await activitySeals.stop();
        inFlight.closeConnectionsAfterResponse();
        // Held order changes go out while the sockets (and the other nodes) still listen;
        // requests that finish during the close send theirs at once.
        await orderBroadcaster.drain();
        // Disconnects every socket, then closes the HTTP server and waits for open requests.
        await io.close();
        await metricsServer?.close();
        rateLimits.close();
        await cluster.close();
      })();
      return closing;
    },
  };
}

function listen(httpServer: HttpServer, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${port} on ${host} is already in use: stop the other process or set PORT.`,
              { cause: error },
            )
          : error,
      );
    };
    httpServer.once('error', onError);
    httpServer.listen(port, host, () => {
      httpServer.off('error', onError);
      const address = httpServer.address() as AddressInfo;
      const hostname = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve(`http://${hostname}:${address.port}`);
    });
  });
}

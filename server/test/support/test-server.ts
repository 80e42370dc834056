import type { Firestore } from 'firebase-admin/firestore';
import { createApp, type AppDeps, type MaestroServer } from '../../src/app';
import type { SagaConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { testFirebase } from './firebase-test-env';

export const SPA_ORIGIN = 'http://127.0.0.1:4200';

export interface TestServer {
  baseUrl: string;
  server: MaestroServer;
  /** Every log line the server wrote, parsed. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/** The real app on a free port against the emulators; logs are captured instead of printed. */
export async function startTestServer(
  options: {
    firestore?: Firestore;
    healthTimeoutMs?: number;
    saga?: Partial<SagaConfig>;
    port?: number;
    /** Token cache and socket-session timings (tests shorten them). */
    sessions?: Pick<AppDeps, 'tokenCache' | 'socketSessions'>;
    placementQueue?: AppDeps['placementQueue'];
    /** Rate limits (small ones, so a test floods in a few requests), their store, the health cache. */
    limits?: Pick<AppDeps, 'rateLimits' | 'redis' | 'trustProxyHops' | 'healthCacheMs'>;
    /** MAESTRO_REDIS_URL for socket.io's Redis Streams adapter (with `limits.redis`: a cluster node). */
    redisUrl?: string;
    /** MAESTRO_BUSINESS_TIME_ZONE (the sales reports' days and hours); UTC otherwise. */
    businessTimeZone?: string;
    /** MAESTRO_REALTIME_COALESCE_MS, and who ends its windows (a test, instead of a timer). */
    coalescing?: { windowMs: number; schedule?: AppDeps['coalescingSchedule'] };
  } = {},
): Promise<TestServer> {
  // Fault injection (when a test asks for it) refuses to run outside test mode.
  process.env['NODE_ENV'] = 'test';
  const firebase = testFirebase();
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger('debug', {
    write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>),
  });
  const server = createApp({
    config: {
      port: options.port ?? 0,
      host: '127.0.0.1',
      spaOrigins: [SPA_ORIGIN, 'http://localhost:4200'],
      businessTimeZone: options.businessTimeZone,
      realtimeCoalesceMs: options.coalescing?.windowMs,
    },
    logger,
    auth: firebase.auth,
    firestore: options.firestore ?? firebase.firestore,
    healthTimeoutMs: options.healthTimeoutMs,
    saga: options.saga,
    ...options.sessions,
    placementQueue: options.placementQueue,
    ...options.limits,
    redisUrl: options.redisUrl,
    coalescingSchedule: options.coalescing?.schedule,
  });
  const baseUrl = await server.listen();
  return { baseUrl, server, logs, close: () => server.close() };
}

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** fetch + JSON body; `token` becomes the Bearer header. */
export async function request<T = unknown>(
  url: string,
  init: { method?: string; token?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token !== undefined) headers['Authorization'] = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['Content-Type'] ??= 'application/json';
  const response = await fetch(url, { method: init.method ?? 'GET', headers, body: init.body });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : undefined) as T,
  };
}

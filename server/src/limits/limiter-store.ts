import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createLogger, type Logger } from '../logger';
import { memoryOpenSockets, redisOpenSockets, type OpenSockets } from './open-sockets';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

export interface LimiterOptions {
  points: number;
  /** The window; 0 = counts never expire (a count of things open at once, given back with reward). */
  durationSeconds: number;
  /** Once more than `points` are used up, the key stays refused this long. */
  blockSeconds?: number;
}

/** Where the counts live: this process (one node) or Redis (every node shares them). */
export interface LimiterStore {
  readonly kind: 'memory' | 'redis';
  limiter(name: string, options: LimiterOptions): RateLimiterAbstract;
  /** A limit this node keeps to itself, even with Redis (what each node sees on its own). */
  local(name: string, options: LimiterOptions): RateLimiterAbstract;
  /** Sockets open at once per member (see open-sockets.ts: a dead node's stop counting). */
  openSockets(max: number): OpenSockets;
}

/**
 * The one place that chooses the store. Without Redis (MAESTRO_REDIS_URL unset) every node counts
 * on its own; with it the counts are shared, and while Redis is unreachable each node falls back
 * to its own memory (the insurance limiter) instead of refusing or failing requests.
 */
export function createLimiterStore(
  redis?: Redis,
  logger: Logger = createLogger('silent'),
): LimiterStore {
  const memory = (name: string, options: LimiterOptions) =>
    new RateLimiterMemory({
      keyPrefix: name,
      points: options.points,
      duration: options.durationSeconds,
      blockDuration: options.blockSeconds ?? 0,
    });
  if (!redis) return { kind: 'memory', limiter: memory, local: memory, openSockets: memoryOpenSockets };
  return {
    kind: 'redis',
    local: memory,
    openSockets: (max) => redisOpenSockets(redis, logger, randomUUID(), max),
    limiter: (name, options) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `maestro:limit:${name}`,
        points: options.points,
        duration: options.durationSeconds,
        blockDuration: options.blockSeconds ?? 0,
        // Not ready (connecting, down): answer from memory at once rather than queue the request.
        rejectIfRedisNotReady: true,
        insuranceLimiter: memory(name, options),
      }),
  };
}

import type { Redis } from 'ioredis';
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
}

// A Redis key needs an expiry: a count of open things (duration 0 in memory) lives this long in
// Redis, so a node that died with sockets open leaks its share for at most this long.
const REDIS_OPEN_COUNT_SECONDS = 6 * 60 * 60;

/**
 * The one place that chooses the store. Without Redis (MAESTRO_REDIS_URL unset) every node counts
 * on its own; with it the counts are shared, and while Redis is unreachable each node falls back
 * to its own memory (the insurance limiter) instead of refusing or failing requests.
 */
export function createLimiterStore(redis?: Redis): LimiterStore {
  const memory = (name: string, options: LimiterOptions) =>
    new RateLimiterMemory({
      keyPrefix: name,
      points: options.points,
      duration: options.durationSeconds,
      blockDuration: options.blockSeconds ?? 0,
    });
  if (!redis) return { kind: 'memory', limiter: memory };
  return {
    kind: 'redis',
    limiter: (name, options) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `maestro:limit:${name}`,
        points: options.points,
        duration: options.durationSeconds || REDIS_OPEN_COUNT_SECONDS,
        blockDuration: options.blockSeconds ?? 0,
        // Not ready (connecting, down): answer from memory at once rather than queue the request.
        rejectIfRedisNotReady: true,
        insuranceLimiter: memory(name, options),
      }),
  };
}

import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import type { KeyedLock } from '../orders/inventory/keyed-lock';

export interface ClusterLockOptions {
  /** A holder that dies frees its keys after this long. */
  ttlMs: number;
  /** Longer than this waiting for a key, the work goes ahead unguarded (transactions keep it right). */
  maxWaitMs: number;
}

export const DEFAULT_CLUSTER_LOCK: ClusterLockOptions = { ttlMs: 5_000, maxWaitMs: 5_000 };

// Deletes the key only if it still holds our token: never another holder's after our TTL ran out.
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * The per-dish guard across API nodes: this node's queue first (cheap, no Redis round trip for
 * work queued behind its own), then a Redis key per dish so two nodes do not run conflicting stock
 * transactions at once (they would abort each other and retry). Only a guard: correctness stays
 * with the Firestore transactions, so when Redis is away the work goes ahead unguarded.
 */
export function clusterKeyedLock(
  local: KeyedLock,
  redis: Redis,
  logger: Logger,
  options: ClusterLockOptions = DEFAULT_CLUSTER_LOCK,
): KeyedLock {
  let warned = false;
  const unguarded = (error: unknown) => {
    if (!warned) logger.warn({ err: error }, 'stock guard: Redis unreachable, going ahead unguarded');
    warned = true;
  };

  async function acquire(key: string, token: string): Promise<boolean> {
    const deadline = Date.now() + options.maxWaitMs;
    for (let attempt = 0; Date.now() < deadline; attempt++) {
      if ((await redis.set(key, token, 'PX', options.ttlMs, 'NX')) === 'OK') return true;
      // Short, jittered waits: a stock transaction takes milliseconds.
      await new Promise((resolve) => setTimeout(resolve, Math.min(2 + attempt * 2, 25) * (0.5 + Math.random())));
    }
    return false;
  }

  return (keys, work) =>
    local(keys, async () => {
      const token = randomUUID();
      const held: string[] = [];
      try {
        for (const key of [...new Set(keys)].sort()) {
          const redisKey = `maestro:stock-lock:${key}`;
          if (await acquire(redisKey, token)) held.push(redisKey);
        }
        warned = false;
      } catch (error) {
        unguarded(error);
      }
      try {
        return await work();
      } finally {
        for (const key of held.reverse()) await redis.eval(RELEASE, 1, key, token).catch(() => undefined);
      }
    });
}

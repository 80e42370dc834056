import { Redis } from 'ioredis';
import type { Logger } from '../logger';

/**
 * The Redis connection of MAESTRO_REDIS_URL (rate limits shared by every node). A command is never
 * queued while Redis is away: the limiters answer from memory instead (see limiter-store.ts).
 * One warning per outage, not one per reconnection attempt.
 */
export function createRedisClient(url: string, logger: Logger): Redis {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  let down = false;
  redis.on('ready', () => {
    if (down) logger.info('Redis is back: rate limits are shared again');
    down = false;
  });
  redis.on('error', (error: unknown) => {
    if (down) return;
    down = true;
    logger.warn({ err: error }, 'Redis unreachable: rate limits count per node until it is back');
  });
  return redis;
}

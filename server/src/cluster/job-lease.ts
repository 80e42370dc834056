import type { Redis } from 'ioredis';
import type { Logger } from '../logger';

/**
 * "Is this node the one doing `job` now?" for background work every node runs (the saga sweep,
 * the activity sealer). With Redis, one node holds the lease and renews it on each run; when it
 * dies the lease runs out and another takes over. Without Redis, or while it is away, every node
 * runs the job: the work is already safe to duplicate (claims and seals are Firestore
 * transactions), the lease only saves the duplicate reads and contention.
 */
export interface JobLease {
  acquire(): Promise<boolean>;
}

export const everyNodeRuns: JobLease = { acquire: () => Promise.resolve(true) };

// Renews the lease if this node holds it, takes it if nobody does.
const TAKE_OR_RENEW = `
local holder = redis.call('get', KEYS[1])
if holder == false or holder == ARGV[1] then
  redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

export function redisJobLease(
  redis: Redis,
  logger: Logger,
  job: string,
  nodeId: string,
  ttlMs: number,
): JobLease {
  return {
    async acquire() {
      try {
        return (await redis.eval(TAKE_OR_RENEW, 1, `maestro:lease:${job}`, nodeId, ttlMs)) === 1;
      } catch (error) {
        logger.debug({ err: error, job }, 'job lease: Redis unreachable, running anyway');
        return true;
      }
    },
  };
}

import { randomUUID } from 'node:crypto';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import type { ServerOptions } from 'socket.io';
import type { Logger } from '../logger';
import type { KeyedLock } from '../orders/inventory/keyed-lock';
import { clusterKeyedLock } from './cluster-lock';
import { everyNodeRuns, redisJobLease, type JobLease } from './job-lease';
import { createRedisStreamClient } from './redis-stream-client';

/**
 * What an API node shares with the others. One node (no Redis): sockets in memory, a stock queue
 * per process, every background job runs here. Several nodes (MAESTRO_REDIS_URL): events and
 * recovery sessions travel on a Redis stream, the stock guard and the job leases live in Redis.
 */
export interface Cluster {
  readonly nodeId: string;
  /** socket.io's adapter, or undefined for the in-memory one. */
  readonly adapter: ServerOptions['adapter'] | undefined;
  /** The per-dish guard: this node's queue, plus a Redis key per dish across nodes. */
  stockLock(local: KeyedLock): KeyedLock;
  /** Whether this node runs `job` now (one node at a time with Redis; every node without). */
  lease(job: string, ttlMs: number): JobLease;
  /** Called when the shared stream comes back after an outage: clients must resync. */
  onInterrupted(listener: () => void): void;
  close(): Promise<void>;
}

/**
 * The stream every node writes its events to, trimmed to about `maxLen` entries: enough to replay
 * the two minutes a disconnected client may be away (connection-state recovery) at a few dozen
 * events a second.
 */
export const REALTIME_STREAM = {
  streamName: 'maestro:realtime',
  maxLen: 10_000,
  channelPrefix: 'maestro:realtime',
};

export function createCluster(deps: {
  redis?: Redis;
  redisUrl?: string;
  logger: Logger;
  onPublishFailed?: () => void;
}): Cluster {
  const { redis, redisUrl, logger } = deps;
  const nodeId = randomUUID();
  let interrupted: () => void = () => undefined;
  const stream = redisUrl
    ? createRedisStreamClient(redisUrl, logger, () => interrupted(), deps.onPublishFailed)
    : undefined;
  return {
    nodeId,
    adapter: stream ? createAdapter(stream.client, REALTIME_STREAM) : undefined,
    stockLock: (local) => (redis ? clusterKeyedLock(local, redis, logger) : local),
    lease: (job, ttlMs) => (redis ? redisJobLease(redis, logger, job, nodeId, ttlMs) : everyNodeRuns),
    onInterrupted(listener) {
      interrupted = listener;
    },
    close: async () => stream?.close(),
  };
}

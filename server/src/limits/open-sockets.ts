import type { Redis } from 'ioredis';
import type { Logger } from '../logger';

/**
 * Sockets a member has open at once, over every API node. A plain counter would leak: a node
 * that dies (SIGKILL, OOM, a lost machine) never gives its sockets back, and after a few crashes
 * a member's screens could not connect at all. So each open socket is an entry its node keeps
 * fresh; entries not refreshed for `staleMs` (their node is gone) stop counting.
 */
export interface OpenSockets {
  /** Counts the socket in unless the member already has `max` open; false then. */
  open(uid: string, socketId: string): Promise<boolean>;
  close(uid: string, socketId: string): void;
  /** Stops refreshing (the node is shutting down). */
  stop(): void;
}

export function memoryOpenSockets(max: number): OpenSockets {
  const open = new Map<string, Set<string>>();
  return {
    open: async (uid, socketId) => {
      const sockets = open.get(uid) ?? new Set<string>();
      if (sockets.size >= max) return false;
      open.set(uid, sockets.add(socketId));
      return true;
    },
    close: (uid, socketId) => {
      const sockets = open.get(uid);
      sockets?.delete(socketId);
      if (sockets?.size === 0) open.delete(uid);
    },
    stop: () => undefined,
  };
}

// Drops entries not refreshed since ARGV[2], then admits the socket if fewer than ARGV[3] remain.
const OPEN = `
redis.call('zremrangebyscore', KEYS[1], '-inf', ARGV[2])
if redis.call('zcard', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('zadd', KEYS[1], ARGV[1], ARGV[4])
redis.call('pexpire', KEYS[1], ARGV[5])
return 1`;

export const OPEN_SOCKETS_STALE_MS = 60_000;

/**
 * The shared count: a sorted set per member (`maestro:open-sockets:{uid}`), one entry per socket
 * scored with the time its node last vouched for it; every node re-vouches for its own sockets
 * every `staleMs / 3`. While Redis is away the node counts in its own memory.
 */
export function redisOpenSockets(
  redis: Redis,
  logger: Logger,
  nodeId: string,
  max: number,
  staleMs = OPEN_SOCKETS_STALE_MS,
): OpenSockets {
  const fallback = memoryOpenSockets(max);
  const local = new Map<string, string>(); // entry → uid
  const key = (uid: string) => `maestro:open-sockets:${uid}`;
  const entry = (socketId: string) => `${nodeId}:${socketId}`;

  const refresh = setInterval(() => {
    if (local.size === 0) return;
    const now = Date.now();
    const batch = redis.pipeline();
    for (const [member, uid] of local) {
      batch.zadd(key(uid), 'XX', now, member);
      batch.pexpire(key(uid), staleMs * 2);
    }
    batch.exec().catch((error: unknown) => logger.debug({ err: error }, 'open sockets: refresh failed'));
  }, Math.max(50, Math.floor(staleMs / 3)));
  refresh.unref();

  return {
    async open(uid, socketId) {
      const now = Date.now();
      try {
        const admitted = await redis.eval(OPEN, 1, key(uid), now, now - staleMs, max, entry(socketId), staleMs * 2);
        if (admitted !== 1) return false;
        local.set(entry(socketId), uid);
        return true;
      } catch (error) {
        logger.warn({ err: error, uid }, 'open sockets: Redis unavailable, counting on this node');
        return fallback.open(uid, socketId);
      }
    },
    close(uid, socketId) {
      fallback.close(uid, socketId);
      if (!local.delete(entry(socketId))) return;
      redis.zrem(key(uid), entry(socketId)).catch(() => undefined);
    },
    stop: () => clearInterval(refresh),
  };
}

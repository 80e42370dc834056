import { Redis } from 'ioredis';
import type { Logger } from '../logger';

/**
 * The socket.io adapter's Redis client. The adapter publishes on the client it is given and
 * `duplicate()`s it for its blocking stream reads and its pub/sub subscription, so:
 * - the given connection fails at once while Redis is away: a node keeps delivering to its own
 *   sockets instead of holding every event until Redis is back;
 * - its duplicates wait for Redis (offline queue, no retry limit): the read loop pauses during an
 *   outage instead of spinning, and subscriptions come back by themselves.
 * `onInterrupted` fires once Redis is back after an outage: events of other nodes may be lost.
 */
export interface RedisStreamClient {
  client: Redis;
  close(): Promise<void>;
}

export function createRedisStreamClient(
  url: string,
  logger: Logger,
  onInterrupted: () => void,
  onPublishFailed: () => void = () => undefined,
): RedisStreamClient {
  const writer = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  const duplicates: Redis[] = [];
  let down = false;
  let closing = false;
  const lost = (error?: unknown) => {
    if (down || closing) return;
    down = true;
    logger.warn({ err: error }, "Redis stream unreachable: events reach this node's sockets only until it is back");
  };
  // A quick restart may reconnect at the first attempt, without an error: 'close' tells it.
  writer.on('close', () => lost());
  writer.on('error', lost);
  writer.on('ready', () => {
    if (!down) return;
    down = false;
    logger.info("Redis stream is back: asking this node's clients to resync");
    onInterrupted();
  });

  const client = new Proxy(writer, {
    get(target, property, receiver) {
      if (property === 'xadd') {
        // The adapter swallows a failed publish (its own sockets still get the event): count it.
        return (...args: Parameters<Redis['xadd']>) =>
          target.xadd(...args).catch((error: unknown) => {
            onPublishFailed();
            throw error;
          });
      }
      if (property !== 'duplicate') return Reflect.get(target, property, receiver);
      return () => {
        const waiting = new Redis(url, { maxRetriesPerRequest: null });
        duplicates.push(waiting);
        return waiting;
      };
    },
  });
  return {
    client,
    async close() {
      closing = true;
      for (const connection of duplicates) connection.disconnect();
      writer.disconnect();
    },
  };
}

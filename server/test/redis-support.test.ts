import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { skipWithoutRedis, startRedis } from './support/redis';

// The test Redis (support/redis.ts) that the multi-node tests start, kill and restart.
describe('test Redis', { skip: skipWithoutRedis() }, () => {
  // One try, no reconnection: a refused connection rejects the command instead of retrying.
  const connect = (url: string) =>
    new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null }).on('error', () => undefined);
  const streamLength = async (url: string) => {
    const client = connect(url);
    try {
      return await client.xlen('orders');
    } finally {
      client.disconnect();
    }
  };
  const addEntry = async (url: string) => {
    const client = connect(url);
    try {
      await client.xadd('orders', '*', 'event', 'order:updated');
    } finally {
      client.disconnect();
    }
  };

  test('with appendonly, a restart keeps the streams (same port, same folder)', async () => {
    const redis = await startRedis({ appendonly: true });
    try {
      await addEntry(redis.url);
      await addEntry(redis.url);
      await redis.restart();
      assert.equal(await streamLength(redis.url), 2);
    } finally {
      await redis.stop();
    }
  });

  test('without appendonly (the default), a restart starts empty; stop() frees the port', async () => {
    const redis = await startRedis();
    await addEntry(redis.url);
    await redis.restart();
    assert.equal(await streamLength(redis.url), 0);
    await redis.stop();
    await assert.rejects(streamLength(redis.url));
  });
});

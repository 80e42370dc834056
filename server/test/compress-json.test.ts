import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import express from 'express';
import { COMPRESS_JSON_MIN_BYTES, compressJson } from '../src/http/compress-json';

describe('compressJson', () => {
  const orders = Array.from({ length: 200 }, (_, i) => ({ id: `order-${i}`, status: 'CONFIRMED', items: [{ name: 'House burger', quantity: 2 }] }));
  let base: string;
  let close: () => void;

  before(async () => {
    const app = express();
    app.use(compressJson());
    app.get('/big', (_req, res) => res.json({ orders }));
    app.get('/small', (_req, res) => res.status(201).json({ ok: true }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  after(() => close());

  /** fetch unzips the body on its own; the headers say what was sent. */
  const get = (path: string, acceptEncoding = 'identity') => fetch(`${base}${path}`, { headers: { 'Accept-Encoding': acceptEncoding } });

  test('a large JSON answer is gzip-compressed for a client that accepts gzip, and reads back the same', async () => {
    const response = await get('/big', 'gzip, deflate, br');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-encoding'), 'gzip');
    assert.match(response.headers.get('content-type') ?? '', /application\/json/);
    assert.match(response.headers.get('vary') ?? '', /Accept-Encoding/);
    assert.deepEqual(await response.json(), { orders });
    const bytes = Number(response.headers.get('content-length'));
    assert.ok(bytes < JSON.stringify({ orders }).length / 5, `${bytes} bytes compressed`);
  });

  test('plain JSON for a client that does not accept gzip', async () => {
    const response = await get('/big');
    assert.equal(response.headers.get('content-encoding'), null);
    assert.deepEqual(await response.json(), { orders });
  });

  test(`an answer under ${COMPRESS_JSON_MIN_BYTES} bytes goes as it is, with its status`, async () => {
    const response = await get('/small', 'gzip');
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('content-encoding'), null);
    assert.deepEqual(await response.json(), { ok: true });
  });

  test('the compressed bytes are gzip of the same JSON', async () => {
    const socketBytes = await new Promise<Buffer>((resolve, reject) => {
      void import('node:http').then(({ get }) =>
        get(`${base}/big`, { headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve(Buffer.concat(chunks)));
        }).on('error', reject),
      );
    });
    assert.deepEqual(JSON.parse(gunzipSync(socketBytes).toString('utf8')), { orders });
  });
});

import type { RequestHandler } from 'express';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/** Below this, the gzip header and a turn of the CPU cost more than the bytes they save. */
export const COMPRESS_JSON_MIN_BYTES = 1024;

/**
 * JSON answers gzip-compressed for a client that accepts it: the board's list of 200 orders is
 * ~156 kB of JSON and about a tenth of that compressed, a second on a phone's slow network
 * (issue 21). Only `res.json` bodies; the socket, the metrics and small answers are untouched.
 */
export function compressJson(): RequestHandler {
  return (req, res, next) => {
    if (!req.acceptsEncodings('gzip')) return next();
    const sendJson = res.json.bind(res);
    res.json = (body: unknown) => {
      const text = JSON.stringify(body);
      res.vary('Accept-Encoding');
      if (text === undefined || Buffer.byteLength(text) < COMPRESS_JSON_MIN_BYTES) return sendJson(body);
      gzipAsync(text).then(
        (zipped) => {
          res.setHeader('Content-Encoding', 'gzip');
          res.type('application/json');
          res.send(zipped);
        },
        (error: unknown) => next(error),
      );
      return res;
    };
    next();
  };
}

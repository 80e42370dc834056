import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { Logger } from '../logger';

// A caller-supplied id (from a proxy) is kept only if it looks harmless in a log line.
const SAFE_REQUEST_ID = /^[\w.-]{1,128}$/;

/** One structured log line per request; the id is echoed as X-Request-Id so users can quote it. */
export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // Who asked (set by authenticate; read again when the response is logged).
    customProps: (req) => {
      const user = (req as { user?: AuthenticatedUser }).user;
      return user ? { uid: user.uid } : {};
    },
    // The status says enough; helmet's dozen headers on every line would bury it.
    serializers: { res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }) },
    customLogLevel: (req, res, error) => {
      if (error || res.statusCode >= 500) return 'error';
      if (res.statusCode >= 400) return 'warn';
      // Load balancers poll the health check; keep those lines out of the info stream.
      return req.url?.startsWith('/api/health') ? 'debug' : 'info';
    },
  });
}

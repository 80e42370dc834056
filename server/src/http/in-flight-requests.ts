import type { Server as HttpServer, ServerResponse } from 'node:http';

/**
 * Lets a closing server finish the requests it has started. `server.close()` stops new
 * connections and drops idle keep-alive ones, but a connection busy with a request stays open
 * for its keep-alive timeout after answering. Telling those responses `Connection: close`
 * ends each connection as soon as its answer is sent.
 */
export function trackInFlightRequests(server: HttpServer): {
  closeConnectionsAfterResponse(): void;
} {
  const inFlight = new Set<ServerResponse>();
  let closing = false;

  server.on('request', (_req, res: ServerResponse) => {
    if (closing) res.setHeader('Connection', 'close');
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });

  return {
    closeConnectionsAfterResponse() {
      closing = true;
      for (const res of inFlight) {
        if (!res.headersSent) res.setHeader('Connection', 'close');
        else res.once('finish', () => res.socket?.end());
      }
    },
  };
}

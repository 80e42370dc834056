import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { Logger } from '../logger';

/** The internal metrics listener: `GET /metrics` and nothing else. */
export interface MetricsServer {
  /** Starts listening; resolves with its base URL (port 0 = any free port). */
  listen(): Promise<string>;
  close(): Promise<void>;
}

// Who may read the metrics: whoever reaches this listener, which is not the public API's port
// (MAESTRO_METRICS_PORT, bound to 127.0.0.1 unless MAESTRO_METRICS_HOST says otherwise). The
// series name routes, limits and load, nothing about members or orders, but they still tell
// an attacker how the API is doing; a separate port keeps them off the load balancer without a
// token for Prometheus to hold, and an admin token would put the scraper through Firebase Auth.
export function createMetricsServer(
  registry: Registry,
  options: { port: number; host: string },
  logger: Logger,
): MetricsServer {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'Content-Type': registry.contentType });
        res.end(req.method === 'HEAD' ? undefined : text);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'could not collect metrics');
        res
          .writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
          .end('Metrics unavailable\n');
      },
    );
  });
  // Keep-alive scrapes must not hold a shutdown.
  server.keepAliveTimeout = 5_000;

  return {
    listen: () =>
      new Promise((resolve, reject) => {
        const onError = (error: NodeJS.ErrnoException) =>
          reject(
            error.code === 'EADDRINUSE'
              ? new Error(
                  `Port ${options.port} on ${options.host} is already in use: set MAESTRO_METRICS_PORT to a free port.`,
                  { cause: error },
                )
              : error,
          );
        server.once('error', onError);
        server.listen(options.port, options.host, () => {
          server.off('error', onError);
          const address = server.address() as AddressInfo;
          const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve(`http://${host}:${address.port}`);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// A build served as Firebase Hosting serves it: superstatic, the server firebase-tools' Hosting
// emulator runs, with firebase.json's hosting section (its rewrites, trailingSlash) over the
// build's browser folder instead of dist/maestro/browser. So a test of the build tests that file too.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import superstatic from 'superstatic';

export interface Hosted {
  url: string;
  close(): Promise<void>;
}

export async function serveAsHosting(browserDir: string): Promise<Hosted> {
  const { hosting } = JSON.parse(readFileSync('firebase.json', 'utf8')) as { hosting: Record<string, unknown> };
  const handle = superstatic({ config: { ...hosting, public: browserDir }, cwd: '/', compression: true });
  const server = createServer((req, res) =>
    handle(req, res, () => {
      res.statusCode = 404;
      res.end('not found');
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

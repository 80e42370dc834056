// A built SPA served as a static host serves it: every file gzip-compressed (once, then from
// memory), a path answered as firebase.json has Firebase Hosting answer it (hostedFile). Over HTTP/1.1, or over
// HTTP/2 with TLS (a self-signed certificate made for the run: the browser is told to accept it),
// as Firebase Hosting, the product's host (firebase.json), serves it: one connection for every file
// instead of six in parallel, so twenty files need not wait for each other.
// Caching as firebase.json's `headers` say (hashed files kept for a year, the rest revalidated:
// an ETag, answered 304 when unchanged), or, with `cache: 'none'`, every file fetched whole each
// time (how the bench served every build before those headers existed).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { createHash, createPublicKey } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/** Superstatic's matcher, which the Hosting emulator applies firebase.json's globs with. */
const { configMatcher } = createRequire(import.meta.url)('superstatic/lib/utils/patterns') as {
  configMatcher(path: string, rule: { source: string }): boolean;
};
const HEADER_RULES = (
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../firebase.json'), 'utf8')) as {
    hosting: { headers?: { source: string; headers: { key: string; value: string }[] }[] };
  }
).hosting.headers ?? [];

/** firebase.json's headers for a request path: every matching rule, a later one overriding. */
export function hostingHeaders(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rule of HEADER_RULES.filter((r) => configMatcher(path, r))) for (const { key, value } of rule.headers) out[key] = value;
  return out;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function serveBuild(dir: string, port: number, options: { http2: boolean; cache: 'firebase.json' | 'none' }): Promise<StaticServer> {
  const compressed = new Map<string, { body: Buffer; etag: string }>();
  const handle = (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = hostedFile(dir, path);
    let entry = compressed.get(file);
    if (!entry) {
      const raw = readFileSync(file);
      entry = { body: gzipSync(raw, { level: 9 }), etag: `"${createHash('sha1').update(raw).digest('base64url')}"` };
      compressed.set(file, entry);
    }
    if (options.cache === 'none') res.setHeader('Cache-Control', 'no-cache');
    else {
      for (const [key, value] of Object.entries(hostingHeaders(path))) res.setHeader(key, value);
      res.setHeader('ETag', entry.etag);
      if (req.headers['if-none-match'] === entry.etag) {
        res.statusCode = 304;
        res.end();
        return;
      }
    }
    res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    res.end(entry.body);
  };
  const server = options.http2 ? createSecureServer({ ...benchCertificate(), allowHTTP1: true }, handle) : createServer(handle);
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done());
  });
  return {
    url: `${options.http2 ? 'https' : 'http'}://127.0.0.1:${port}`,
    close: () => {
      const closed = new Promise<void>((done) => server.close(() => done()));
      for (const socket of sockets) socket.destroy();
      return closed;
    },
  };
}

/**
 * The file a path gets, as firebase.json's hosting section has it (`trailingSlash: false`): the
 * file itself, else its folder's index.html (the prerendered `/sign-in`, without a redirect to
 * `/sign-in/`), else the client-only index: `index.csr.html`, or `index.html` in a build made
 * before the sign-in page was prerendered (the web-vitals baseline).
 */
export function hostedFile(dir: string, path: string): string {
  const file = resolve(dir, `.${path}`);
  if (file.startsWith(dir)) {
    if (existsSync(file) && statSync(file).isFile()) return file;
    if (existsSync(join(file, 'index.html'))) return join(file, 'index.html');
  }
  const clientOnly = join(dir, 'index.csr.html');
  return existsSync(clientOnly) ? clientOnly : join(dir, 'index.html');
}

let certificate: { key: Buffer; cert: Buffer } | undefined;

/** A key and certificate for 127.0.0.1, made with openssl for this run only (one per process). */
function benchCertificate(): { key: Buffer; cert: Buffer } {
  if (certificate) return certificate;
  const dir = mkdtempSync(join(tmpdir(), 'bench-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return (certificate = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The Chromium flag that trusts this run's certificate. With `ignoreHTTPSErrors` instead, the
 * page loads but Chromium keeps nothing in its HTTP cache (a certificate error), so every page
 * fetched every file again whatever the caching headers said.
 */
export function trustBenchCertificateFlag(): string {
  const { key } = benchCertificate();
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  return `--ignore-certificate-errors-spki-list=${createHash('sha256').update(spki).digest('base64')}`;
}

// The SPA as the bench serves it: the `bench` build configuration (optimized, production-mode
// Angular, environment.bench.ts: API on 3101), rebuilt only when a source is newer than the build,
// and served from a static server as firebase.json has Firebase Hosting serve it (hostedFile).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import express from 'express';
// @ts-expect-error: a plain .mjs script without types
import { writePreloadHints } from '../../scripts/preload-hints.mjs';
// @ts-expect-error: a plain .mjs script without types
import { writeEarlyPaint } from '../../scripts/early-paint.mjs';
// @ts-expect-error: a plain .mjs script without types
import { writeHeadStart } from '../../scripts/head-start.mjs';
import { hostedFile } from '../support/static-build.mts';

export const SPA_DIST = 'dist/bench-order-board/browser';
/**
 * As `npm run build` builds for production: Angular's chunk optimizer merges esbuild's ~25 initial
 * files into one and the lazy ones into fewer, each file a round trip less on a slow network (issue 21).
 */
export const PRODUCTION_BUILD_ENV = { NG_BUILD_OPTIMIZE_CHUNKS: '1' };
const SOURCES = [
  'src',
  'contracts',
  'public',
  'angular.json',
  'tsconfig.json',
  'tsconfig.app.json',
  'package-lock.json',
  'bench/order-board/spa.ts', // how it is built
  'scripts/preload-hints.mjs',
  'scripts/early-paint.mjs',
  'scripts/head-start.mjs',
  'scripts/ts-constants.mjs',
  'scripts/shell-html.mjs',
];

const NG_BIN = createRequire(import.meta.url).resolve('@angular/cli/bin/ng.js');
/** The checkout this file belongs to: the only one whose build gets this checkout's inline scripts right. */
const OWN_ROOT = resolve(import.meta.dirname, '../..');

/**
 * Builds the bench configuration unless the build is newer than every source; says which.
 * Callers in other processes (test files run side by side on a larger machine) take turns: the
 * first builds, the next finds the build fresh.
 */
export async function buildSpaIfStale(root: string, ngBin = NG_BIN): Promise<string> {
  // The steps after ng build write this checkout's inline scripts: another checkout's build (a
  // bench baseline) would get them instead of its own, and measure something that never existed.
  if (resolve(root) !== OWN_ROOT)
    throw new Error(`${root} is another checkout: build it with its own scripts (cd ${root} && node --import tsx bench/order-board/build-spa.mts)`);
  const lock = join(root, 'dist', '.bench-build.lock');
  mkdirSync(join(root, 'dist'), { recursive: true });
  for (const since = Date.now(); ; await new Promise((resolve) => setTimeout(resolve, 500))) {
    try {
      mkdirSync(lock); // atomic: fails while another process holds it
      break;
    } catch {
      // A lock older than any build is left over from a killed run.
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 10 * 60_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() - since > 15 * 60_000) throw new Error(`${lock} held for 15 minutes: remove it if no build is running`);
    }
  }
  try {
    return await buildUnlessFresh(root, ngBin);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

async function buildUnlessFresh(root: string, ngBin: string): Promise<string> {
  // Written by every build: the client-only index beside the prerendered sign-in page.
  const index = join(root, SPA_DIST, 'index.csr.html');
  const builtAt = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (builtAt > newestMtime(SOURCES.map((path) => join(root, path))))
    return 'reused (newer than every source)';
  const started = performance.now();
  const output: string[] = [];
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [ngBin, 'build', '--configuration', 'bench', '--stats-json'], {
      cwd: root,
      env: { ...process.env, NG_CLI_ANALYTICS: 'false', ...PRODUCTION_BUILD_ENV },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('exit', (exitCode) => resolve(exitCode ?? 1));
  });
  if (code !== 0)
    throw new Error(`ng build --configuration bench failed:\n${output.join('').slice(-4000)}`);
  writePreloadHints(join(root, dirname(SPA_DIST))); // as npm run build does
  writeEarlyPaint(join(root, dirname(SPA_DIST)));
  writeHeadStart(join(root, dirname(SPA_DIST)));
  return `built in ${((performance.now() - started) / 1000).toFixed(0)} s`;
}

function newestMtime(paths: string[]): number {
  let newest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      const children = readdirSync(path).map((name) => join(path, name));
      newest = Math.max(newest, newestMtime(children));
    } else newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}

/** Serves the build on 127.0.0.1:port: /sign-in prerendered, client routes the client-only index. */
export function serveSpa(root: string, port: number): Promise<Server> {
  const dir = join(root, SPA_DIST);
  const app = express();
  app.use((req, res) => res.sendFile(hostedFile(dir, decodeURIComponent(req.path))));
  return new Promise((resolve, reject) => {
    const server = app.listen(port, '127.0.0.1', (error?: Error) =>
      error ? reject(error) : resolve(server),
    );
    server.once('error', reject);
  });
}

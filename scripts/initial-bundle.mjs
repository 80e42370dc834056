// What the browser must download before the app starts: the initial JavaScript of a production
// build, followed from main's static imports in the build's stats.json (esbuild's metafile), each
// file gzipped at level 9 as a static host serves it precompressed. Angular's own budget counts
// raw bytes (and estimates transfer with brotli); the goal is gzip, so this measures it.
//
//   npx ng build --stats-json --output-path /tmp/maestro-build && node scripts/initial-bundle.mjs /tmp/maestro-build
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The goal of issue 21, in kB of 1,000 bytes as Angular counts them. */
export const INITIAL_JS_GZIP_MAX_KB = 150;

/** Each initial JS file with its raw and gzip sizes and the packages (or app folders) in it. */
export function initialBundle(outputDir) {
  const { outputs } = JSON.parse(readFileSync(join(outputDir, 'stats.json'), 'utf8'));
  const files = [...staticClosure(outputs, [mainOutput(outputs)])].map((file) => {
    const bytes = readFileSync(join(outputDir, 'browser', file));
    const parts = {};
    for (const [input, { bytesInOutput }] of Object.entries(outputs[file].inputs)) {
      const owner = ownerOf(input);
      parts[owner] = (parts[owner] ?? 0) + bytesInOutput;
    }
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, parts };
  });
  files.sort((a, b) => b.raw - a.raw);
  const sum = (key) => files.reduce((total, file) => total + file[key], 0);
  return { files, raw: sum('raw'), gzip: sum('gzip') };
}

/** The output file of src/main.ts (main.js, or main-<hash>.js) in a build's metafile outputs. */
export function mainOutput(outputs) {
  const main = Object.keys(outputs).find((file) => outputs[file].entryPoint === 'src/main.ts');
  if (!main) throw new Error('No output of src/main.ts in stats.json: build with --stats-json.');
  return main;
}

/**
 * The files and everything they import statically, in a build's metafile outputs. Dynamic imports
 * are what loads later; only static ones load with the file.
 */
export function staticClosure(outputs, files) {
  const closure = new Set();
  const pending = [...files];
  while (pending.length) {
    const file = pending.pop();
    if (closure.has(file)) continue;
    closure.add(file);
    for (const { path, kind } of outputs[file].imports ?? []) if (kind === 'import-statement' && outputs[path]) pending.push(path);
  }
  return closure;
}

/** `@angular/core`, `rxjs`, `app: orders`, `contracts`… */
function ownerOf(input) {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (pkg) return pkg[1];
  const app = /^src\/app\/([^/]+)\//.exec(input);
  if (app) return `app: ${app[1]}`;
  return input.split('/')[0];
}

const kb = (bytes) => (bytes / 1000).toFixed(1);

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? 'dist/maestro';
  const { files, raw, gzip } = initialBundle(dir);
  const byOwner = {};
  for (const file of files) for (const [owner, bytes] of Object.entries(file.parts)) byOwner[owner] = (byOwner[owner] ?? 0) + bytes;
  console.log(`Initial JS of ${dir}: ${files.length} files, ${kb(raw)} kB raw, ${kb(gzip)} kB gzip (goal ≤ ${INITIAL_JS_GZIP_MAX_KB} kB gzip)`);
  for (const [owner, bytes] of Object.entries(byOwner).sort((a, b) => b[1] - a[1])) console.log(`  ${kb(bytes).padStart(6)} kB raw  ${owner}`);
  if (gzip > INITIAL_JS_GZIP_MAX_KB * 1000) process.exitCode = 1;
}

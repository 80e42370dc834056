// The production build the initial-bundle tests read (~50 s alone, minutes beside other suites).
// `npm test`'s server suite runs this file first, into the folder it names in
// MAESTRO_TEST_PRODUCTION_BUILD, so the build does not count against node:test's 2 minutes per
// file; run on its own, the test file builds into a folder of its own.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PRODUCTION_BUILD_ENV = 'MAESTRO_TEST_PRODUCTION_BUILD';

/** `ng build --configuration production --stats-json` into outputDir; throws with Angular's words. */
export function buildProduction(outputDir: string): void {
  const build = spawnSync(
    process.execPath,
    ['node_modules/@angular/cli/bin/ng.js', 'build', '--configuration', 'production', '--stats-json', '--output-path', outputDir],
    { cwd: resolve(import.meta.dirname, '../../..'), encoding: 'utf8', env: { ...process.env, NG_CLI_ANALYTICS: 'false' } },
  );
  // A build over the raw budget, or a prerender that threw, fails here with Angular's message.
  if (build.status !== 0) throw new Error(`ng build failed:\n${build.stdout}\n${build.stderr}`);
}

/** The folder the suite built into, when it did (and the build is there). */
export function prebuiltProduction(): string | null {
  const dir = process.env[PRODUCTION_BUILD_ENV];
  return dir && existsSync(join(dir, 'browser', 'index.csr.html')) ? dir : null;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.env[PRODUCTION_BUILD_ENV];
  if (!dir) {
    console.error(`${PRODUCTION_BUILD_ENV} names no folder to build into`);
    process.exit(2);
  }
  const started = Date.now();
  buildProduction(dir);
  console.log(`production build for the initial-bundle tests: ${dir} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

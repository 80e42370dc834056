// Builds the bench SPA unless it is newer than every source. `npm test`'s server suite runs this
// before its files, so the shells' tests that serve the build do not spend node:test's time limit
// per file (2 minutes) on a build.
import { resolve } from 'node:path';
import { buildSpaIfStale } from './spa.ts';

console.log(`SPA bench build: ${await buildSpaIfStale(resolve(import.meta.dirname, '../..'))}`);

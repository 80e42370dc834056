// Mutation testing of the server's pure logic the contracts rest on: idempotency and seals (see README, Tests → Mutation testing).
// Each test file is one "test" for Stryker: a mutant runs only the files that reach it.
import { reportsAs } from './stryker-shared.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'tap',
  tap: {
    testFiles: [
      'server/test/idempotency-hash.test.ts',
      'server/test/seal-records.test.ts',
    ],
    nodeArgs: ['--import', 'tsx', '-r', '{{hookFile}}', '{{testFile}}'],
  },
  coverageAnalysis: 'perTest',
  // Line ranges pick functions out of bigger files: move them with the code when it moves.
  mutate: [
    'server/src/orders/idempotency.ts',
    // What a seal hashes and how a stored one is read; the Firestore queries are left to the
    // emulator suite (activity-seals.test.ts).
    'server/src/activity/seal-chain.ts:54-54',
    'server/src/activity/seal-chain.ts:58-90',
    'server/src/activity/seal-chain.ts:128-137',
    'server/src/activity/seal-shape.ts',
  ],
  // The sandbox needs the sources, the tests and the TypeScript settings; nothing else.
  ignorePatterns: ['/*', '!/contracts', '!/server', '!/tsconfig.json', '!/package.json'],
  ...reportsAs('server'),
  timeoutMS: 20_000,
};

// Mutation testing of the whole fulfillment saga module (server/src/orders/saga/): its decisions
// (saga-decisions, saga-fields, cancellation-rules) held by fast unit tests, the transactions and
// the saga's run, undo, recovery and cancellation wiring held by tests that drive it against the
// Firestore emulator, which must be up (npm run mutation checks). Log lines are left out
// (ignore-log-lines.mjs); nothing else is. See mutation/SURVIVORS.md.
import server from './stryker.server.config.mjs';
import { reportsAs } from './stryker-shared.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...server,
  testRunner: 'tap-in-order',
  plugins: ['@stryker-mutator/*', './mutation/tap-in-order.mjs', './mutation/ignore-log-lines.mjs'],
  ignorers: ['log-lines'],
  tap: {
    ...server.tap,
    // In this order: a mutant runs the files that reach it, stopping at the first that fails.
    testFiles: [
      // No I/O, under 3 s each.
      'server/test/saga-decisions.test.ts',
      'server/test/saga-fields.test.ts',
      'server/test/saga-pieces.test.ts',
      // The saga against the emulator without the HTTP API, seconds each. The suites through the
      // API (saga-table, saga-error-words, saga-faults…) are left out: they reach nothing these
      // do not, and a mutant that survives runs every file that reaches it.
      'server/test/saga-run.test.ts',
      'server/test/saga-undo.test.ts',
      'server/test/saga-cancel.test.ts',
      'server/test/saga-sweep.test.ts',
    ],
  },
  mutate: ['server/src/orders/saga/*.ts'],
  ...reportsAs('saga'),
  // A mutant that hangs a run (a step that never answers, say) is cut here and counts as caught.
  timeoutMS: 10_000,
};

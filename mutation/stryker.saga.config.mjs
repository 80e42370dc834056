// Mutation testing of the fulfillment saga against the real thing: saga-table.test.ts and
// saga-error-words.test.ts run the API against the Firestore and Auth emulators, which must be
// up (npm run mutation checks). The saga's pure pieces are held by saga-pieces.test.ts.
import server from './stryker.server.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...server,
  tap: {
    ...server.tap,
    // The fast file first: a mutant it kills never waits for the emulator suites.
    testFiles: [
      'server/test/saga-pieces.test.ts',
      'server/test/saga-table.test.ts',
      'server/test/saga-error-words.test.ts',
    ],
  },
  mutate: [
    // The compensation table (reference 002): a failed step undoes those before it, last first,
    // and what the client is told. The forward path's races (preempted, cancelled while placing),
    // recovery and undo retries are held by the fault suites (saga-faults.test.ts alone takes
    // over a minute a run), which would take this run far past its 30 minutes.
    'server/src/orders/saga/fulfillment-saga.ts:140-181',
    'server/src/orders/saga/fulfillment-saga.ts:280-304',
    'server/src/orders/saga/faults.ts',
    'server/src/orders/saga/timing.ts',
    // needsCompensation and pendingStep; sagaRef is a Firestore path.
    'server/src/orders/saga/saga-doc.ts:85-101',
  ],
  // Each saga-table run places orders through the emulator: a mutant that hangs it is cut here.
  timeoutMS: 60_000,
  jsonReporter: { fileName: 'reports/mutation/saga.json' },
  htmlReporter: { fileName: 'reports/mutation/saga.html' },
};

// Mutation testing of the fulfillment saga against the real thing: saga-table.test.ts and
// saga-error-words.test.ts run the API against the Firestore and Auth emulators, which must be
// up (npm run mutation checks). The saga's pure pieces are held by saga-pieces.test.ts.
import server from './stryker.server.config.mjs';
import { reportsAs } from './stryker-shared.mjs';

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
    // classify: what a failed step means for the order, the saga record and the client's words.
    // The rest of the saga (its forward path's races, compensate/fail, recovery, undo retries) is
    // left out: it needs the fault and lease suites (saga-faults.test.ts alone takes over a
    // minute a run), which would take this run far past its 30 minutes. See mutation/SURVIVORS.md.
    'server/src/orders/saga/fulfillment-saga.ts:280-304',
    'server/src/orders/saga/faults.ts',
    // withTimeout; sleep and retryPause only pace retries (a test of them would time them).
    'server/src/orders/saga/timing.ts:1-14',
    // needsCompensation and pendingStep; sagaRef is a Firestore path.
    'server/src/orders/saga/saga-doc.ts:85-101',
  ],
  ...reportsAs('saga'),
  // Each saga-table run places orders through the emulator: a mutant that hangs it is cut here.
  timeoutMS: 60_000,
};

// Mutation testing of contracts/, the logic the SPA and the API share (see README, Tests → Mutation
// testing): the status machine and totals, drafts' problems in words, name keys, ids the rules look
// up, the menu's live updates, the event envelope and the wire checks. Unit tests without I/O; each
// test file is one "test" for Stryker, so a mutant runs only the files that reach it.
import server from './stryker.server.config.mjs';
import { reportsAs } from './stryker-shared.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...server,
  tap: {
    ...server.tap,
    testFiles: [
      'server/test/status-machine.test.ts',
      'server/test/pricing.test.ts',
      'server/test/contracts-expenses.test.ts',
      'server/test/contracts-names.test.ts',
      'server/test/contracts-logic.test.ts',
      'server/test/contracts-wire.test.ts',
    ],
  },
  // Type-only files make no mutants; the type tests and the barrel are not code.
  mutate: ['contracts/*.ts', '!contracts/index.ts', '!contracts/*.type-test.ts'],
  ...reportsAs('contracts'),
};

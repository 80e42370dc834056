// Mutation testing of the SPA core's pure logic (see README, Tests → Mutation testing): the files
// whose Jasmine specs run in Node as well as in Karma (no TestBed, no DOM, no Firebase). The
// wording tables (api-error-words, auth-error-message, welcome-error-message) are left out: their
// mutants are the sentences themselves, which their specs check in shape, not word for word.
import { reportsAs } from './stryker-shared.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jasmine',
  jasmineConfigFile: 'mutation/jasmine-core.json',
  coverageAnalysis: 'perTest',
  mutate: [
    'src/app/core/orchestration/circuit-breaker.ts',
    'src/app/core/orchestration/is-retryable.ts',
    'src/app/core/orchestration/operation-result.ts',
    'src/app/core/http/api-error-message.ts',
    // The state a screen reads of one call, and the orchestrator's counters per service.
    'src/app/core/orchestration/operation-state.ts',
    'src/app/core/orchestration/service-orchestrator.metrics.ts',
    // Retries, timeouts, the circuit per service, health checks, disposal; and its defaults.
    'src/app/core/orchestration/service-orchestrator.ts',
    'src/app/core/orchestration/service-orchestrator.config.ts',
  ],
  // Log lines (the orchestrator's debug lines and logger calls) are words for engineers.
  plugins: ['@stryker-mutator/*', './mutation/ignore-log-lines.mjs'],
  ignorers: ['log-lines'],
  ignorePatterns: ['/*', '!/contracts', '!/src', '!/mutation', '!/tsconfig.json', '!/package.json'],
  ...reportsAs('core'),
  // The specs run in well under a second; a mutant that loops forever (the orchestrator's retry
  // loop, the pool) is cut after this and counts as caught. 10 s per hang made the part 2.5 min.
  timeoutMS: 3_000,
};

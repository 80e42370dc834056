// A Karma reporter that lists, when the run ends, the specs that took over SLOW_SPEC_SECONDS.
// A spec that passes after a long wait (a stalled connection, an emulator pause) says nothing in
// the dots; this line is what makes it visible, in CI's log too (scripts/test-suites.mjs repeats
// these lines under its summary).
const SLOW_SPEC_SECONDS = 30;
const SLOW_SPEC_PREFIX = 'Slow spec:';

function SlowSpecsReporter() {
  const slow = [];
  this.onSpecComplete = (browser, result) => {
    if (!result.skipped && result.time > SLOW_SPEC_SECONDS * 1000) slow.push(result);
  };
  this.onRunComplete = () => {
    for (const r of slow.sort((a, b) => b.time - a.time)) {
      const name = [...r.suite, r.description].join(' › ');
      process.stdout.write(`${SLOW_SPEC_PREFIX} ${(r.time / 1000).toFixed(1).padStart(6)} s${r.success ? '' : ' (failed)'}  ${name}\n`);
    }
    slow.length = 0;
  };
}

module.exports = { SlowSpecsReporter, SLOW_SPEC_PREFIX, SLOW_SPEC_SECONDS };

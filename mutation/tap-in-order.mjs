// Stryker's tap runner, running the test files in the order the config lists them. The stock
// runner takes them in the order glob finds them, and a mutant runs the files that reach it in
// that order, stopping at the first that fails: listed fast files first, a mutant the unit tests
// kill never waits for the emulator suites.
import { PluginKind, commonTokens, declareFactoryPlugin, tokens } from '@stryker-mutator/api/plugin';
import { TapTestRunner } from '@stryker-mutator/tap-runner';

class TapInOrderTestRunner extends TapTestRunner {
  async init() {
    await super.init();
    const listed = this.options.tap.testFiles;
    const rank = (file) => (listed.includes(file) ? listed.indexOf(file) : listed.length);
    this.testFiles.sort((a, b) => rank(a) - rank(b));
  }
}

function createTapInOrderTestRunner(injector) {
  // The namespace the stock runner's factory provides (Stryker's instrumenter global).
  return injector.provideValue('globalNamespace', '__stryker__').injectClass(TapInOrderTestRunner);
}
createTapInOrderTestRunner.inject = tokens(commonTokens.injector);

export const strykerPlugins = [declareFactoryPlugin(PluginKind.TestRunner, 'tap-in-order', createTapInOrderTestRunner)];

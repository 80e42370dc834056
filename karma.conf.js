// Karma for `ng test`: Debian's Chromium, headless, with the flags a root container needs.
const chromium = require('./chromium.config.cjs');
process.env.CHROME_BIN = chromium.executablePath;

module.exports = function (config) {
  config.set({
    basePath: '',
    frameworks: ['jasmine'],
    plugins: [require('karma-jasmine'), require('karma-chrome-launcher'), require('karma-jasmine-html-reporter')],
    client: {
      jasmine: { random: true },
      clearContext: false,
    },
    jasmineHtmlReporter: { suppressAll: true },
    reporters: ['dots', 'kjhtml'],
    browsers: ['ChromeHeadlessMaestro'],
    customLaunchers: {
      ChromeHeadlessMaestro: {
        base: 'ChromeHeadless',
        flags: chromium.flags,
      },
    },
    // A spec reports when it ends; the emulator specs that import thousands of rows can go a minute
    // without a word on a loaded 2-core machine (measured: disconnected at 60 s under load 15).
    browserNoActivityTimeout: 180000,
    singleRun: true,
    restartOnFileChange: false,
  });
};

// Karma for `ng test`: Debian's Chromium, headless, with the flags a root container needs.
const chromium = require('./chromium.config.cjs');
const { SlowSpecsReporter } = require('./scripts/lib/karma-slow-specs.cjs');
process.env.CHROME_BIN = chromium.executablePath;

module.exports = function (config) {
  config.set({
    basePath: '',
    frameworks: ['jasmine'],
    plugins: [
      require('karma-jasmine'),
      require('karma-chrome-launcher'),
      require('karma-jasmine-html-reporter'),
      { 'reporter:slow-specs': ['type', SlowSpecsReporter] },
    ],
    // scripts/karma-with-api.mjs picks a free port for Karma (the API allows that origin) and
    // starts the API the orders data specs call; the specs read its URLs here (src/testing/karma-api.ts).
    ...(process.env.MAESTRO_KARMA_PORT ? { port: Number(process.env.MAESTRO_KARMA_PORT) } : {}),
    client: {
      // 30 s, not Jasmine's 5, for a spec or hook that gives none of its own: set-up and clean-up
      // hooks write to the emulators, which a loaded 2-core machine slows past 5 s. A hang still fails.
      jasmine: { random: true, timeoutInterval: 30_000 },
      clearContext: false,
      maestroApi: {
        url: process.env.MAESTRO_KARMA_API_URL ?? null,
        controlUrl: process.env.MAESTRO_KARMA_API_CONTROL_URL ?? null,
      },
    },
    jasmineHtmlReporter: { suppressAll: true },
    reporters: ['dots', 'kjhtml', 'slow-specs'],
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

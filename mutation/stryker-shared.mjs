/** What every part of npm run mutation shares: two workers (a 2-core machine), where reports go. */
export const reportsAs = (part) => ({
  concurrency: 2,
  reporters: ['clear-text', 'progress-append-only', 'json', 'html'],
  jsonReporter: { fileName: `reports/mutation/${part}.json` },
  htmlReporter: { fileName: `reports/mutation/${part}.html` },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
});

// Debian's Chromium as every browser test runs it (Karma and Playwright).
// Without the background-networking flags Chromium floods a closed network with connections.
module.exports = {
  executablePath: process.env.CHROME_BIN || '/usr/bin/chromium',
  flags: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

import { defineConfig } from '@playwright/test';
import chromium from './chromium.config.cjs';

// End-to-end journeys in Debian's Chromium against the real API and the emulators
// (`npm test` starts the emulators; Playwright starts the API and the SPA).
const emulatorEnv = {
  GCLOUD_PROJECT: 'demo-maestro',
  FIRESTORE_EMULATOR_HOST: process.env['FIRESTORE_EMULATOR_HOST'] ?? '127.0.0.1:8080',
  FIREBASE_AUTH_EMULATOR_HOST: process.env['FIREBASE_AUTH_EMULATOR_HOST'] ?? '127.0.0.1:9099',
  METADATA_SERVER_DETECTION: 'none',
};

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  globalSetup: './e2e/global-setup.ts',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: 'http://127.0.0.1:4200',
    // A failed journey's trace keeps its DOM snapshots, network and sources; not the screencast
    // (a JPEG per frame, recorded for every journey): ~20% of the journeys' time on this machine.
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: chromium.executablePath, args: ['--headless', ...chromium.flags] },
  },
  webServer: [
    {
      // A supervisor runs the API, so a journey can stop and restart it (e2e/api-supervisor.mjs).
      command: 'node e2e/api-supervisor.mjs',
      url: 'http://127.0.0.1:3001/api/health',
      // Every browser of every journey comes from 127.0.0.1, so their refused sign-ins add up on one
      // address, with the production limit (100 in 10 minutes): the journeys make about one (a cook
      // deleted while their kitchen screen is open), so a screen that starts knocking with a refused
      // token again gets the address blocked and the journeys fail. The API's warnings go to the log.
      env: { ...emulatorEnv, PORT: '3001', LOG_LEVEL: 'warn' },
      stdout: 'pipe',
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // Not watching: an edit made while the journeys run must not reload their pages. (An optimized
      // build was tried: it took longer to build than it saved in page loads.)
      command: 'node node_modules/@angular/cli/bin/ng.js serve --host 127.0.0.1 --port 4200 --watch=false --live-reload=false',
      url: 'http://127.0.0.1:4200',
      env: { NG_CLI_ANALYTICS: 'false' },
      reuseExistingServer: false,
      timeout: 180_000,
    },
  ],
});

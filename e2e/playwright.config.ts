/**
 * Browser journeys in real Chromium (Debian's /usr/bin/chromium; Playwright's own browser
 * download cannot run on these machines). global-setup.ts starts the built server on port
 * 18080 with a fresh data folder, unless E2E_BASE_URL points at one that is already running.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium';
import { baseUrl } from './support/server';

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // npm test asks for a JSON report too (PLAYWRIGHT_JSON_OUTPUT_NAME) to count the tests.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  globalSetup: './global-setup.ts',
  globalTeardown: './global-teardown.ts',
  use: {
    baseURL: baseUrl(),
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
});

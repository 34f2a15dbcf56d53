import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * Benchmarks that need real browsers (`npm run bench:answer`): the e2e server and browser
 * settings, but their own folder, so `npm test` never runs them.
 */
export default defineConfig({
  ...base,
  testDir: './bench',
  testMatch: /.*\.bench\.ts$/,
  timeout: 300_000,
  reporter: 'list',
});

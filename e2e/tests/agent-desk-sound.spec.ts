/**
 * The ringtone needs sound the browser may hold back: without a user gesture on the page (a
 * reload keeps the session but not the login click) the desk asks for a click to enable it.
 */
import { expect, test } from '@playwright/test';
import { DEMO, expectLiveConnected, logIn } from '../support/login';

test('after a reload the desk asks for a click to enable sound, and the click enables it', async ({ page }) => {
  await logIn(page, '/agent/', DEMO.agent3);
  await expectLiveConnected(page);
  await expect(page.getByRole('button', { name: 'Click to enable sound' })).toHaveCount(0);

  await page.reload();
  await expectLiveConnected(page);
  const enable = page.getByRole('button', { name: 'Click to enable sound' });
  await expect(enable).toBeVisible();
  await enable.click();
  await expect(enable).toHaveCount(0);
});

import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';

test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream'] } });

/**
 * A fake microphone is there, but nothing answers the permission prompt for the visitor
 * (no --use-fake-ui-for-media-stream): headless Chromium refuses it, as when a visitor blocks
 * the microphone. The widget says what to do instead of calling.
 */
test('a visitor whose microphone is blocked is told how to allow it, by keyboard alone', async ({ page }) => {
  await page.goto('/widget/demo.html');
  const callUs = page.getByRole('button', { name: 'Call us' });
  const viewport = page.viewportSize()!;
  const box = (await callUs.boundingBox())!;
  await callUs.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('dialog', { name: 'Call us from this page' });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('status')).toHaveText(/Your browser blocks the microphone for this site\. Allow it .* then try again\./, { timeout: 15_000 });
  // No call was attempted: no call controls, and "Call again" to retry once allowed.
  await expect(panel.getByRole('button', { name: 'Hang up' })).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Call again' })).toBeVisible();
  // The panel uses the widget's own font, not the page's serif default.
  await expect(panel).toHaveCSS('font-family', /^system-ui/);
  // The whole panel is on screen, above the button.
  const panelBox = (await panel.boundingBox())!;
  expect(panelBox.x).toBeGreaterThanOrEqual(0);
  expect(panelBox.x + panelBox.width).toBeLessThanOrEqual(viewport.width);
  expect(panelBox.y + panelBox.height).toBeLessThanOrEqual(box.y);
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(callUs).toBeFocused();
});

import { expect, test } from '@playwright/test';

test('the demo host page shows the "Call us" button and keeps its own styles', async ({ page }) => {
  await page.goto('/widget/demo.html');
  const callUs = page.getByRole('button', { name: 'Call us' });
  await expect(callUs).toBeVisible();

  // It sits in the corner the page asked for (data-position="bottom-right"), 20 px in.
  const viewport = page.viewportSize()!;
  const box = (await callUs.boundingBox())!;
  expect(Math.round(viewport.width - (box.x + box.width))).toBe(20);
  expect(Math.round(viewport.height - (box.y + box.height))).toBe(20);

  // The host page's heading keeps exactly the styles demo.html gives it.
  const heading = page.getByRole('heading', { level: 1, name: 'Northwind Bikes' });
  const headingStyle = await heading.evaluate((el) => {
    const s = getComputedStyle(el);
    return { color: s.color, fontSize: s.fontSize, textTransform: s.textTransform, fontFamily: s.fontFamily };
  });
  expect(headingStyle).toEqual({
    color: 'rgb(178, 34, 34)',
    fontSize: '40px',
    textTransform: 'uppercase',
    fontFamily: 'Georgia, "Times New Roman", serif',
  });

  // The host's loud `button { color: red; font-size: 30px }` rule does not reach the widget…
  const widgetStyle = await callUs.evaluate((el) => {
    const s = getComputedStyle(el);
    return { color: s.color, fontSize: s.fontSize, background: s.backgroundColor };
  });
  expect(widgetStyle.color).not.toBe('rgb(255, 0, 0)');
  expect(widgetStyle.fontSize).not.toBe('30px');
  expect(widgetStyle.background).toBe('rgb(11, 95, 255)');
  // …and still applies to the host's own button.
  await expect(page.locator('#host-button')).toHaveCSS('color', 'rgb(255, 0, 0)');
  // The widget added no style to the document itself.
  expect(await page.evaluate(() => document.styleSheets.length)).toBe(1);

  // The page's own form is still the page's: its button keeps the page's look.
  await expect(page.getByRole('button', { name: "Book a repair (the site's own button)" })).toHaveCSS('font-size', '30px');
  await expect(page.getByLabel('Your name')).toBeVisible();
});

/**
 * Accessibility of the logged-in desk: axe finds no serious or critical violation on the
 * desk, with a customer record open, and at 200% zoom; the desk works by keyboard alone
 * (the status selector and the customer search are reached and used with Tab and keys).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { DEMO, expectLiveConnected, logIn } from '../support/login';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('the desk has no serious accessibility violations, also with a record open and at 200% zoom', async ({ page }) => {
  await logIn(page, '/agent/', DEMO.agent3);
  await expectLiveConnected(page);
  await expect(page.getByRole('combobox', { name: 'Status' })).toBeEnabled();
  expect(await seriousViolations(page)).toEqual([]);

  const customers = page.getByRole('region', { name: 'Customers' });
  await customers.getByRole('searchbox', { name: 'Search customers' }).fill('Li Wei');
  await customers.getByRole('button', { name: 'Search' }).click();
  await customers.getByRole('button', { name: 'Li Wei' }).click();
  await expect(customers.getByRole('article', { name: 'Li Wei' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // 200% zoom of a 1280 px wide window lays the page out in 640 CSS pixels: nothing may need
  // sideways scrolling there (WCAG 1.4.10 reflow asks even 320).
  await page.setViewportSize({ width: 640, height: 720 });
  expect(await seriousViolations(page)).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('the desk works by keyboard alone: status, customer search and record', async ({ page }) => {
  await logIn(page, '/agent/', DEMO.agent3);
  await expectLiveConnected(page);
  const status = page.getByRole('combobox', { name: 'Status' });
  await expect(status).toBeEnabled();

  // Tab until the status selector has the focus, then choose Available with the keyboard.
  for (let i = 0; i < 30 && !(await status.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(status).toBeFocused();
  await status.selectOption({ label: 'Available' });
  await expect(page.getByRole('status', { name: 'Agent state' })).toHaveText('Available');

  const search = page.getByRole('searchbox', { name: 'Search customers' });
  for (let i = 0; i < 40 && !(await search.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(search).toBeFocused();
  await page.keyboard.type('Bob');
  await page.keyboard.press('Enter');
  const result = page.getByRole('list', { name: 'Search results' }).getByRole('button', { name: 'Bob Smith' });
  await expect(result).toBeVisible();
  // A few Tabs from the search box reach the first result (past the Search button; the list
  // may re-render once the names arrive, so count focus, not key presses).
  for (let i = 0; i < 5 && !(await result.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(result).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article', { name: 'Bob Smith' })).toBeVisible();
});

/**
 * The desk's CRM: agent3 searches a customer by phone number as people type it, opens the
 * record, is told what is wrong with a bad email, edits the notes, and after a reload finds
 * the change stored.
 */
import { expect, test } from '@playwright/test';
import { DEMO, expectLiveConnected, logIn } from '../support/login';

test('search a customer, edit the record, reload: the change is stored', async ({ page }) => {
  const note = `Prefers calls after 5 pm (${Date.now()})`;
  await logIn(page, '/agent/', DEMO.agent3);
  await expectLiveConnected(page);
  const customers = page.getByRole('region', { name: 'Customers' });

  await customers.getByRole('searchbox', { name: 'Search customers' }).fill('(415) 555-0103');
  await customers.getByRole('button', { name: 'Search' }).click();
  await expect(customers.getByRole('status').filter({ hasText: 'found' })).toHaveText('1 customer found');
  await customers.getByRole('list', { name: 'Search results' }).getByRole('button', { name: 'Carmen Díaz' }).click();

  const record = customers.getByRole('article', { name: 'Carmen Díaz' });
  await expect(record.getByRole('textbox', { name: 'Phone' })).toHaveValue('+14155550103');
  await expect(record.getByRole('button', { name: 'Call' })).toBeEnabled();

  // A bad email is refused next to the field, with what to type instead.
  await record.getByRole('textbox', { name: 'Email' }).fill('carmen-at-example');
  await record.getByRole('button', { name: 'Save changes' }).click();
  await expect(record.getByRole('textbox', { name: 'Email' })).toHaveAttribute('aria-invalid', 'true');
  await expect(record.getByText('an email address, e.g. name@example.com')).toBeVisible();

  await record.getByRole('textbox', { name: 'Email' }).fill('carmen@example.com');
  await record.getByRole('textbox', { name: 'Notes' }).fill(note);
  await record.getByRole('button', { name: 'Save changes' }).click();
  await expect(record.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  await page.reload();
  await expectLiveConnected(page);
  await customers.getByRole('searchbox', { name: 'Search customers' }).fill('carmen');
  await customers.getByRole('button', { name: 'Search' }).click();
  await customers.getByRole('button', { name: 'Carmen Díaz' }).click();
  const reopened = customers.getByRole('article', { name: 'Carmen Díaz' });
  await expect(reopened.getByRole('textbox', { name: 'Notes' })).toHaveValue(note);
  await expect(reopened.getByRole('textbox', { name: 'Email' })).toHaveValue('carmen@example.com');
});

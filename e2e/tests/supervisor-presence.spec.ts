import { expect, test } from '@playwright/test';
import { DEMO, expectLiveConnected, logIn } from '../support/login';

test('the supervisor sees themself online, and an agent appear live when they log in', async ({ page, browser }) => {
  await logIn(page, '/supervisor/', DEMO.supervisor);
  await expectLiveConnected(page);
  const panel = page.getByRole('region', { name: 'Who is online' });
  await expect(panel.getByRole('cell', { name: 'supervisor', exact: true })).toBeVisible();
  await expect(panel.getByRole('cell', { name: 'agent1', exact: true })).toHaveCount(0);

  const agentContext = await browser.newContext();
  try {
    const agentPage = await agentContext.newPage();
    await logIn(agentPage, '/agent/', DEMO.agent1);
    await expectLiveConnected(agentPage);

    // No reload: the row arrives through presence:snapshot.
    await expect(panel.getByRole('cell', { name: 'agent1', exact: true })).toBeVisible({ timeout: 5_000 });

    await agentPage.getByRole('button', { name: 'Log out' }).click();
    await expect(panel.getByRole('cell', { name: 'agent1', exact: true })).toHaveCount(0, { timeout: 10_000 });
  } finally {
    await agentContext.close();
  }
});

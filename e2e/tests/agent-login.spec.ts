import { type SessionUser, TokenPairSchema } from '@ccx/contracts';
import { expect, test } from '@playwright/test';
import { DEMO, expectLiveConnected, logIn } from '../support/login';

async function displayNameOf(baseURL: string | undefined, user: { username: string; password: string }): Promise<SessionUser> {
  const response = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  expect(response.status).toBe(200);
  return TokenPairSchema.parse(await response.json()).user;
}

test('an agent logs in and sees their name and a connected live channel', async ({ page, baseURL }) => {
  const agent = await displayNameOf(baseURL, DEMO.agent1);
  await logIn(page, '/agent/', DEMO.agent1);
  const header = page.getByRole('banner');
  await expect(header.getByTestId('session-display-name')).toHaveText(agent.displayName);
  await expect(header.getByText('Agent', { exact: true })).toBeVisible(); // the role, not the app name
  await expectLiveConnected(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(agent.displayName);

  // A reload keeps the session (tokens in sessionStorage) and reconnects.
  await page.reload();
  await expect(header.getByTestId('session-display-name')).toHaveText(agent.displayName);
  await expectLiveConnected(page);

  // Log out returns to the login screen.
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByLabel('Username')).toBeVisible();
});

test('a wrong password shows the error and stays on the login screen', async ({ page }) => {
  await logIn(page, '/agent/', { username: 'agent2', password: 'not-the-password' });
  await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');
  await expect(page.getByLabel('Username')).toHaveValue('agent2');
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Log out' })).toHaveCount(0);
});

test('an agent is refused by the supervisor app with a clear message', async ({ page }) => {
  await logIn(page, '/supervisor/', DEMO.agent1);
  await expect(page.getByRole('alert')).toContainText('only for supervisors and administrators');
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Who is online' })).toHaveCount(0);
  expect(await page.evaluate(() => sessionStorage.getItem('ccx.supervisor.session'))).toBeNull();
});

test('the login form works by keyboard alone', async ({ page }) => {
  await page.goto('/agent/');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Username')).toBeFocused();
  await page.keyboard.type(DEMO.agent2.username);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type(DEMO.agent2.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
});

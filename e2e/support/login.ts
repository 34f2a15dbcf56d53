import { expect, type Page } from '@playwright/test';

export const DEMO = {
  admin: { username: 'admin', password: 'admin123!' },
  supervisor: { username: 'supervisor', password: 'super123!' },
  agent1: { username: 'agent1', password: 'agent123!' },
  agent2: { username: 'agent2', password: 'agent123!' },
  agent3: { username: 'agent3', password: 'agent123!' },
  agent4: { username: 'agent4', password: 'agent123!' },
} as const;

/** Fills the shared login form by its accessible labels, as a user would. */
export async function logIn(page: Page, app: '/agent/' | '/supervisor/', user: { username: string; password: string }) {
  await page.goto(app);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

export async function expectLiveConnected(page: Page) {
  await expect(page.getByRole('banner').getByRole('status')).toHaveText(/Live: connected/);
}

/**
 * One tab per agent owns the phone: with two tabs of agent4 open in one browser, only the
 * first registers the softphone; the second says the phone is in another tab and offers
 * "Use phone here", which moves the registration (the gateway's registration list, read as
 * a supervisor, shows one binding for the extension before and after, from the other tab).
 */
import { type RegistrationList } from '@ccx/contracts';
import { expect, type Page, test } from '@playwright/test';
import { DEMO, expectLiveConnected, logIn } from '../support/login';
import { baseUrl } from '../support/server';

const EXTENSION = '2004';

async function registrationsOf(extension: string): Promise<RegistrationList['registrations']> {
  const login = await fetch(`${baseUrl()}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(DEMO.supervisor) });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const answer = await fetch(`${baseUrl()}/api/sip/registrations`, { headers: { authorization: `Bearer ${accessToken}` } });
  const list = (await answer.json()) as RegistrationList;
  return list.registrations.filter((r) => r.sipUser === extension);
}

const phoneLocation = (page: Page) => page.getByRole('status', { name: 'Phone location' });
const softphone = (page: Page) => page.getByRole('status', { name: 'Softphone' });

test('two tabs of one agent: one registers; "Use phone here" moves the registration', async ({ context }) => {
  test.setTimeout(90_000);
  const first = await context.newPage();
  await logIn(first, '/agent/', DEMO.agent4);
  await expectLiveConnected(first);
  await expect(phoneLocation(first)).toHaveText('Phone is in this tab');
  await expect(softphone(first)).toContainText('Registered', { timeout: 20_000 });

  const second = await context.newPage();
  await logIn(second, '/agent/', DEMO.agent4);
  await expectLiveConnected(second);
  await expect(phoneLocation(second)).toHaveText('Phone is in another tab');
  await expect(softphone(second)).toHaveText('In another tab');
  // Both tabs show the same agent state.
  await second.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Available' });
  await expect(first.getByRole('status', { name: 'Agent state' })).toHaveText('Available');

  await expect.poll(async () => (await registrationsOf(EXTENSION)).length, { timeout: 10_000 }).toBe(1);
  const before = (await registrationsOf(EXTENSION))[0]!.contact;

  await second.getByRole('button', { name: 'Use phone here' }).click();
  await expect(phoneLocation(second)).toHaveText('Phone is in this tab');
  await expect(softphone(second)).toContainText('Registered', { timeout: 20_000 });
  await expect(phoneLocation(first)).toHaveText('Phone is in another tab');
  await expect(first.getByRole('button', { name: 'Use phone here' })).toBeVisible();

  // The gateway has one binding for the extension, and it is the second tab's.
  await expect
    .poll(async () => (await registrationsOf(EXTENSION)).map((r) => r.contact), { timeout: 10_000 })
    .toEqual([expect.not.stringMatching(`^${before.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)]);

  // Closing the owning tab hands the phone to the one left.
  await second.close();
  await expect(phoneLocation(first)).toHaveText('Phone is in this tab', { timeout: 10_000 });
  await expect(softphone(first)).toContainText('Registered', { timeout: 20_000 });
});

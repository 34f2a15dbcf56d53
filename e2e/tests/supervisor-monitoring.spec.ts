/**
 * A supervisor steps into a live call from the wallboard (issue 6 point 2), three browsers
 * with a tone each: a customer calls the Support line (1001) from a company page with the
 * widget, agent2 answers at the desk, and the supervisor, whose own phone is registered by the
 * supervisor app, clicks Listen on agent2's row, then switches to Whisper, then Barge, then
 * ends it — all one intervention. In each mode the test measures who hears whom:
 *
 *   listen:  supervisor hears both · agent and customer do not hear the supervisor · the desk shows nothing
 *   whisper: agent hears the supervisor (the desk says so) · the customer does not
 *   barge:   everyone hears everyone (the desk says so)
 *   end:     the customer and agent2 alone again; the audit log says who stepped into whose
 *            call, each mode with its time, and how it ended
 *
 * Tones: customer 600 Hz, agent2 1000 Hz, supervisor 1700 Hz (support/call-audio.ts).
 */
import { expect, type Page, test } from '@playwright/test';
import { agentDesk, customerOnHostPage, expectHearing as hears, JOURNEY_LAUNCH, party } from '../support/journey';
import { DEMO, logIn } from '../support/login';

test.use({ launchOptions: JOURNEY_LAUNCH });

const CUSTOMER_HZ = 600;
const AGENT2_HZ = 1000;
const SUPERVISOR_HZ = 1700;
const TONES = [CUSTOMER_HZ, AGENT2_HZ, SUPERVISOR_HZ];
const CARMEN = '+14155550103';
const expectHearing = (page: Page, what: string, check: Parameters<typeof hears>[3]) => hears(page, TONES, what, check);
const share = (a: { shares: Record<number, number> }, hz: number) => a.shares[hz] ?? 0;

test('the supervisor listens, whispers and barges into a live call from the wallboard, one intervention, and who hears whom is right in each mode', async ({ browser }) => {
  test.setTimeout(180_000);
  const supervisor = await party(browser, SUPERVISOR_HZ);
  await logIn(supervisor.page, '/supervisor/', DEMO.supervisor);
  await expect(supervisor.page.getByTestId('supervisor-phone')).toContainText('ready', { timeout: 20_000 });
  const agent2 = await agentDesk(browser, AGENT2_HZ, DEMO.agent2, 'Available');
  await expect(agent2.page.getByText('Calls cannot reach you yet')).toHaveCount(0, { timeout: 15_000 });

  const customer = await customerOnHostPage(browser, CUSTOMER_HZ, '1001', CARMEN);
  await customer.page.getByRole('button', { name: 'Call us' }).click();
  const ringing = agent2.page.getByRole('region', { name: /Incoming call/ });
  await expect(ringing).toBeVisible({ timeout: 40_000 });
  await ringing.getByRole('button', { name: 'Answer' }).click();
  await expect(agent2.page.getByRole('status', { name: 'Call state' })).toHaveText('On call', { timeout: 15_000 });
  await expectHearing(customer.page, 'the customer hears agent2', (a) => share(a, AGENT2_HZ) > 0.3);

  // One click on agent2's row of the wallboard.
  const row = supervisor.page.locator('tr[data-agent="Bea Agent"]');
  await row.getByRole('button', { name: 'Listen: Bea Agent’s call' }).click();
  const bar = supervisor.page.getByRole('region', { name: 'Your intervention' });
  await expect(bar.getByTestId('intervention-status')).toContainText('Listening to Bea Agent’s call', { timeout: 20_000 });
  await expect(row).toContainText('You are in this call');

  // Listen: the supervisor hears both sides; nobody hears the supervisor; the agent is shown nothing.
  await expectHearing(supervisor.page, 'the supervisor hears the customer and agent2', (a) => share(a, CUSTOMER_HZ) > 0.15 && share(a, AGENT2_HZ) > 0.15);
  await expectHearing(customer.page, 'the customer does not hear a listening supervisor', (a) => share(a, AGENT2_HZ) > 0.3 && share(a, SUPERVISOR_HZ) < 0.05);
  await expectHearing(agent2.page, 'agent2 does not hear a listening supervisor', (a) => share(a, CUSTOMER_HZ) > 0.3 && share(a, SUPERVISOR_HZ) < 0.05);
  await expect(agent2.page.getByRole('status', { name: 'Supervisor' })).toHaveCount(0);

  // Whisper: only agent2 hears the supervisor.
  await bar.getByRole('button', { name: 'Whisper' }).click();
  await expect(bar.getByTestId('intervention-status')).toContainText('Only the agent hears you');
  await expectHearing(agent2.page, 'agent2 hears the whispering supervisor and the customer', (a) => share(a, SUPERVISOR_HZ) > 0.15 && share(a, CUSTOMER_HZ) > 0.15);
  await expectHearing(customer.page, 'the customer does not hear the whisper', (a) => share(a, AGENT2_HZ) > 0.3 && share(a, SUPERVISOR_HZ) < 0.05);
  await expect(agent2.page.getByRole('status', { name: 'Supervisor' })).toContainText('Sam Supervisor (supervisor) is coaching you');

  // Barge: everyone hears everyone.
  await bar.getByRole('button', { name: 'Barge' }).click();
  await expect(bar.getByTestId('intervention-status')).toContainText('Everyone hears you');
  await expectHearing(customer.page, 'the customer hears the supervisor and agent2', (a) => share(a, SUPERVISOR_HZ) > 0.15 && share(a, AGENT2_HZ) > 0.15);
  await expectHearing(agent2.page, 'agent2 hears the supervisor and the customer', (a) => share(a, SUPERVISOR_HZ) > 0.15 && share(a, CUSTOMER_HZ) > 0.15);
  await expectHearing(supervisor.page, 'the supervisor still hears both', (a) => share(a, CUSTOMER_HZ) > 0.15 && share(a, AGENT2_HZ) > 0.15);
  await expect(agent2.page.getByRole('status', { name: 'Supervisor' })).toContainText('has joined the call');

  // End: the supervisor leaves; the customer and agent2 are on their own again.
  await bar.getByRole('button', { name: 'End' }).click();
  await expect(bar.getByTestId('intervention-status')).toContainText('You left Bea Agent’s call');
  await expectHearing(customer.page, 'the customer hears agent2 alone', (a) => share(a, AGENT2_HZ) > 0.3 && share(a, SUPERVISOR_HZ) < 0.05);
  await expect(agent2.page.getByRole('status', { name: 'Supervisor' })).toHaveCount(0);
  await bar.getByRole('button', { name: 'Close' }).click();
  await expect(bar).toHaveCount(0);

  // The audit log, as the supervisor reads it: one intervention, its three modes, its end.
  await supervisor.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Audit log' }).click();
  const search = supervisor.page.getByRole('form', { name: 'Search the audit log' });
  await search.getByLabel('Action').selectOption({ label: 'Listen, whisper, barge (all)' });
  await search.getByRole('button', { name: 'Search' }).click();
  const entries = supervisor.page.getByRole('table').filter({ has: supervisor.page.getByRole('columnheader', { name: 'Whom' }) });
  const left = entries.getByRole('row').filter({ hasText: 'Left a call' }).first();
  await expect(left).toContainText('Sam Supervisor');
  await expect(left).toContainText(/Bea Agent’s call, \d+ s \(listen \d+ s, whisper \d+ s, barge \d+ s\); ended by the supervisor/);
  await expect(entries.getByRole('row').filter({ hasText: 'Stepped into a call' }).first()).toContainText('listen on Bea Agent’s call');

  await agent2.page.getByRole('button', { name: 'Hang up' }).click();
  const state = agent2.page.getByRole('status', { name: 'Agent state' });
  await expect(state).toHaveText('After-call work', { timeout: 15_000 });
  await agent2.page.getByRole('combobox', { name: 'Disposition' }).selectOption('resolved');
  await agent2.page.getByRole('button', { name: 'Finish wrap-up' }).click();
  await expect(state).toHaveText('Available', { timeout: 10_000 });
  await customer.context.close();
  await agent2.context.close();
  await supervisor.context.close();
});

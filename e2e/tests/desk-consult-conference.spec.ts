/**
 * Consult transfer and three-way conference from the agent desk, with real audio: a customer
 * calls the Support line (1001) from a company page with the widget; agent2 answers, then
 * consults agent1 from the Transfer dialog. While they talk the customer hears music and
 * neither agent; "Conference" brings all three together (each hears the other two); when
 * agent2 hangs up, the customer and agent1 go on. A second call: consult, then "Complete
 * transfer" hands the customer to agent1 and agent2 goes to wrap-up.
 *
 * Tones: customer 600 Hz, agent2 1000 Hz, agent1 1400 Hz (support/call-audio.ts).
 */
import { expect, type Page, test } from '@playwright/test';
import { agentDesk, customerOnHostPage, expectHearing as hears, JOURNEY_LAUNCH, transferTo } from '../support/journey';
import { DEMO } from '../support/login';

test.use({ launchOptions: JOURNEY_LAUNCH });

const CUSTOMER_HZ = 600;
const AGENT2_HZ = 1000;
const AGENT1_HZ = 1400;
const TONES = [CUSTOMER_HZ, AGENT2_HZ, AGENT1_HZ];
const CARMEN = '+14155550103';
const expectHearing = (page: Page, what: string, check: Parameters<typeof hears>[3]) => hears(page, TONES, what, check);
const share = (a: { shares: Record<number, number> }, hz: number) => a.shares[hz] ?? 0;

test('consult, conference, and consult then complete, from the desk', async ({ browser }) => {
  test.setTimeout(240_000);
  const agent2 = await agentDesk(browser, AGENT2_HZ, DEMO.agent2, 'Available');
  // agent1 has no Support skill: the queue never offers them these calls, only agent2's consults reach them.
  const agent1 = await agentDesk(browser, AGENT1_HZ, DEMO.agent1, 'Available');
  await expect(agent2.page.getByText('Calls cannot reach you yet')).toHaveCount(0, { timeout: 15_000 });
  await expect(agent1.page.getByText('Calls cannot reach you yet')).toHaveCount(0, { timeout: 15_000 });
  const state = (desk: Page) => desk.getByRole('status', { name: 'Agent state' });
  const callState = (desk: Page) => desk.getByRole('status', { name: 'Call state' });

  /** A customer call answered by agent2. */
  async function answeredCall() {
    const customer = await customerOnHostPage(browser, CUSTOMER_HZ, '1001', CARMEN);
    await customer.page.getByRole('button', { name: 'Call us' }).click();
    const ringing = agent2.page.getByRole('region', { name: /Incoming call/ });
    await expect(ringing).toBeVisible({ timeout: 40_000 });
    await ringing.getByRole('button', { name: 'Answer' }).click();
    await expect(callState(agent2.page)).toHaveText('On call', { timeout: 15_000 });
    await expectHearing(customer.page, 'the customer hears agent2', (a) => share(a, AGENT2_HZ) > 0.3);
    return customer;
  }

  async function consultAgent1(customer: { page: Page }) {
    await transferTo(agent2.page, '2001', 'consult');
    await expect(agent2.page.getByRole('status', { name: 'Consult' })).toContainText('the customer is on hold');
    const ringing = agent1.page.getByRole('region', { name: /Incoming call/ });
    await expect(ringing).toBeVisible({ timeout: 20_000 });
    await ringing.getByRole('button', { name: 'Answer' }).click();
    await expect(callState(agent1.page)).toHaveText('On call', { timeout: 15_000 });
    await expect(agent2.page.getByRole('status', { name: 'Consult' })).toContainText('talking');
    // The two agents talk on their own; the customer hears music and neither of them.
    await expectHearing(agent2.page, 'agent2 hears agent1 in the consult', (a) => share(a, AGENT1_HZ) > 0.3 && share(a, CUSTOMER_HZ) < 0.05);
    await expectHearing(agent1.page, 'agent1 hears agent2 in the consult', (a) => share(a, AGENT2_HZ) > 0.3 && share(a, CUSTOMER_HZ) < 0.05);
    await expectHearing(customer.page, 'the customer hears music, not the agents', (a) => a.rms > 0.005 && share(a, AGENT2_HZ) < 0.05 && share(a, AGENT1_HZ) < 0.05);
  }

  // 1. Consult, then conference: all three hear each other.
  const first = await answeredCall();
  await consultAgent1(first);
  await agent2.page.getByRole('group', { name: 'Consult controls' }).getByRole('button', { name: 'Conference' }).click();
  await expect(agent2.page.getByRole('status', { name: 'Conference' })).toContainText('In conference with');
  await expectHearing(first.page, 'the customer hears both agents', (a) => share(a, AGENT2_HZ) > 0.15 && share(a, AGENT1_HZ) > 0.15);
  await expectHearing(agent2.page, 'agent2 hears the customer and agent1', (a) => share(a, CUSTOMER_HZ) > 0.15 && share(a, AGENT1_HZ) > 0.15);
  await expectHearing(agent1.page, 'agent1 hears the customer and agent2', (a) => share(a, CUSTOMER_HZ) > 0.15 && share(a, AGENT2_HZ) > 0.15);
  // agent2 leaves; the customer and agent1 go on.
  await agent2.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(state(agent2.page)).toHaveText('After-call work', { timeout: 15_000 });
  await expectHearing(first.page, 'the customer hears agent1 only', (a) => share(a, AGENT1_HZ) > 0.3 && share(a, AGENT2_HZ) < 0.05);
  await agent1.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(first.page.getByRole('dialog', { name: 'Call us from this page' }).getByRole('status')).not.toHaveText(/talking/i, { timeout: 15_000 });
  await first.context.close();
  for (const desk of [agent2.page, agent1.page]) {
    await expect(state(desk)).toHaveText('After-call work', { timeout: 15_000 });
    await desk.getByRole('combobox', { name: 'Disposition' }).selectOption('resolved');
    await desk.getByRole('button', { name: 'Finish wrap-up' }).click();
    await expect(state(desk)).toHaveText('Available', { timeout: 10_000 });
  }

  // 2. Consult, then complete: the customer goes to agent1, agent2 to wrap-up.
  const second = await answeredCall();
  await consultAgent1(second);
  await agent2.page.getByRole('button', { name: 'Complete transfer' }).click();
  await expect(state(agent2.page)).toHaveText('After-call work', { timeout: 15_000 });
  await expectHearing(second.page, 'the customer hears agent1 after the transfer', (a) => share(a, AGENT1_HZ) > 0.3 && share(a, AGENT2_HZ) < 0.05);
  await expectHearing(agent1.page, 'agent1 hears the customer after the transfer', (a) => share(a, CUSTOMER_HZ) > 0.3);
  await agent1.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(state(agent1.page)).toHaveText('After-call work', { timeout: 15_000 });
  await second.context.close();
  await agent1.context.close();
  await agent2.context.close();
});

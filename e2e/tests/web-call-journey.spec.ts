/**
 * The first journey of SPEC.md, in real browsers with real audio: a customer on a web page
 * calls with the widget, goes through the IVR by keypad, waits in the Support queue, and is
 * answered by agent2 in the desk with the screen pop; agent2 holds and resumes, then
 * blind-transfers to agent1, who answers; the customer hangs up; both agents wrap up; the
 * call record shows both agents, the hold and the disposition.
 *
 * Every party's microphone is a tone of its own (customer 600 Hz, agent2 1000 Hz, agent1
 * 1400 Hz, support/call-audio.ts), so "X hears Y" is Y's frequency found in the audio X's page
 * receives from its call.
 *
 * The host page is the one a company's site would be: it embeds the widget with one script
 * tag and says who its logged-in visitor is (`data-customer-phone`), which is how the agent's
 * screen pop finds the right customer for a web call.
 */
import { expect, type Page, test } from '@playwright/test';
import { type AgentDirectory, type CallEvent, type CallList } from '@ccx/contracts';
import { adminHeaders, agentDesk, customerOnHostPage, expectHearing as hears, JOURNEY_LAUNCH, transferTo } from '../support/journey';
import { DEMO } from '../support/login';

test.use({ launchOptions: JOURNEY_LAUNCH });

const CUSTOMER_HZ = 600;
const AGENT2_HZ = 1000;
const AGENT1_HZ = 1400;
const TONES = [CUSTOMER_HZ, AGENT2_HZ, AGENT1_HZ];
const BOB = { name: 'Bob Smith', phone: '+14155550102' };
const expectHearing = (page: Page, what: string, check: Parameters<typeof hears>[3]) => hears(page, TONES, what, check);

test('web call: widget → IVR by keypad → queue → agent with screen pop → hold → blind transfer → hang up → wrap-up → record', async ({ browser, request }) => {
  test.setTimeout(240_000);
  const auth = await adminHeaders(request);
  const agent2 = await agentDesk(browser, AGENT2_HZ, DEMO.agent2, 'Available');
  // agent1 (Sales, not Support) waits Not ready so the queue cannot offer them the call.
  const agent1 = await agentDesk(browser, AGENT1_HZ, DEMO.agent1, 'Not ready');
  await expect(agent2.page.getByText('Calls cannot reach you yet')).toHaveCount(0, { timeout: 15_000 });

  const customer = await customerOnHostPage(browser, CUSTOMER_HZ, '1000', BOB.phone);
  const since = Date.now();
  await customer.page.getByRole('button', { name: 'Call us' }).click();
  const panel = customer.page.getByRole('dialog', { name: 'Call us from this page' });
  await expect(panel.getByRole('status')).toHaveText('Connected. Listen to the menu and use the keypad to choose.', { timeout: 20_000 });

  // The IVR's prompts arrive: sound, and none of the parties' tones.
  await expectHearing(customer.page, 'the customer hears the IVR', (a) => a.rms > 0.01);

  let callId = '';
  await expect
    .poll(async () => {
      const list = (await (await request.get('/api/calls', { headers: auth })).json()) as CallList;
      callId = list.calls.find((c) => c.callerNumber.startsWith('widget.1000.') && Date.parse(c.startedAt) >= since - 5_000)?.id ?? '';
      return callId;
    }, { timeout: 10_000 })
    .not.toBe('');
  const timeline = async () => ((await (await request.get(`/api/calls/${callId}/events`, { headers: auth })).json()) as { events: CallEvent[] }).events;
  const lastNode = async () => (await timeline()).flatMap((e) => (e.type === 'ivr.node-entered' ? [e.data.nodeId] : [])).at(-1);

  // 2 for English, then 2 for Support; the support menu's "stay on the line" queues the call.
  await panel.getByRole('button', { name: 'Keypad' }).click();
  await expect.poll(lastNode, { timeout: 20_000 }).toBe('choose-language');
  await panel.getByRole('button', { name: '2', exact: true }).click();
  await expect.poll(lastNode, { timeout: 20_000 }).toBe('main-menu');
  await panel.getByRole('button', { name: '2', exact: true }).click();

  // agent2's tab rings with the screen pop of the customer the web page named.
  const ringing = agent2.page.getByRole('region', { name: /Incoming call/ });
  await expect(ringing).toBeVisible({ timeout: 60_000 });
  await expect(ringing.getByTestId('screen-pop-name')).toHaveText(BOB.name);
  await expect(ringing.getByText('Identified by the website (not verified)')).toBeVisible();
  await ringing.getByRole('button', { name: 'Answer' }).click();
  const agent2Call = agent2.page.getByRole('status', { name: 'Call state' });
  await expect(agent2Call).toHaveText('On call', { timeout: 15_000 });
  await expect(panel.getByRole('status')).toContainText(/talking|connected to an agent/i, { timeout: 15_000 });

  // Two-way audio: each hears the other's tone.
  await expectHearing(customer.page, 'the customer hears agent2', (a) => a.shares[AGENT2_HZ]! > 0.3);
  await expectHearing(agent2.page, 'agent2 hears the customer', (a) => a.shares[CUSTOMER_HZ]! > 0.3);

  // Hold: the customer hears music, not agent2; resume brings agent2 back.
  await agent2.page.getByRole('button', { name: 'Hold' }).click();
  await expect(agent2Call).toHaveText('On hold');
  await expectHearing(customer.page, 'the customer hears music on hold, not agent2', (a) => a.rms > 0.005 && a.shares[AGENT2_HZ]! < 0.05);
  await agent2.page.getByRole('button', { name: 'Resume' }).click();
  await expect(agent2Call).toHaveText('On call');
  await expectHearing(customer.page, 'the customer hears agent2 again after resume', (a) => a.shares[AGENT2_HZ]! > 0.3);

  // Blind transfer to agent1, who is now available.
  await agent1.page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Available' });
  await expect(agent1.page.getByText('Calls cannot reach you yet')).toHaveCount(0, { timeout: 15_000 });
  await transferTo(agent2.page, '2001', 'blind');
  await expect(agent2.page.getByRole('status', { name: 'Agent state' })).toHaveText('After-call work', { timeout: 15_000 });

  const agent1Ringing = agent1.page.getByRole('region', { name: /Incoming call/ });
  await expect(agent1Ringing).toBeVisible({ timeout: 20_000 });
  await expect(agent1Ringing.getByTestId('screen-pop-name')).toHaveText(BOB.name);
  await agent1Ringing.getByRole('button', { name: 'Answer' }).click();
  await expect(agent1.page.getByRole('status', { name: 'Call state' })).toHaveText('On call', { timeout: 15_000 });
  await expectHearing(customer.page, 'the customer hears agent1', (a) => a.shares[AGENT1_HZ]! > 0.3 && a.shares[AGENT2_HZ]! < 0.05);
  await expectHearing(agent1.page, 'agent1 hears the customer', (a) => a.shares[CUSTOMER_HZ]! > 0.3);

  // The customer hangs up; both agents file their wrap-up.
  await panel.getByRole('button', { name: 'Hang up' }).click();
  await expect(panel.getByRole('status')).toHaveText('Call ended.');
  await expect(agent1.page.getByRole('status', { name: 'Agent state' })).toHaveText('After-call work', { timeout: 15_000 });
  for (const [desk, code, notes] of [
    [agent2.page, 'escalated', 'Handed to Alex for the billing question.'],
    [agent1.page, 'resolved', 'Explained the bill; customer satisfied.'],
  ] as const) {
    await desk.getByRole('combobox', { name: 'Disposition' }).selectOption(code);
    await desk.getByRole('textbox', { name: 'Notes' }).fill(notes);
    await desk.getByRole('button', { name: 'Finish wrap-up' }).click();
    await expect(desk.getByRole('status', { name: 'Agent state' })).toHaveText('Available', { timeout: 10_000 });
  }

  // The record: both agents, the hold, the transfer, the disposition.
  const directory = (await (await request.get('/api/agents/directory', { headers: auth })).json()) as AgentDirectory;
  const agentIdOf = (extension: string) => directory.agents.find((a) => a.extension === extension)?.agentId;
  const [agent2Id, agent1Id] = [agentIdOf('2002'), agentIdOf('2001')];
  expect(agent2Id && agent1Id).toBeTruthy();
  await expect
    .poll(async () => {
      const list = (await (await request.get('/api/calls', { headers: auth })).json()) as CallList;
      const call = list.calls.find((c) => c.id === callId);
      return call
        ? {
            status: call.status,
            customerId: call.customerId !== null,
            agents: call.agents.map((a) => [a.agentId, a.joinedBy]),
            holdCount: call.holdCount,
            held: (call.holdSeconds ?? 0) > 0,
            transfers: call.transfers.map((t) => [t.kind, t.toAgentId, t.result]),
            dispositions: (await timeline()).flatMap((e) => (e.type === 'disposition.set' ? [[e.data.agentId, e.data.code]] : [])),
          }
        : null;
    }, { timeout: 15_000 })
    .toEqual({
      status: 'ended',
      customerId: true,
      agents: [
        [agent2Id, 'answer'],
        [agent1Id, 'transfer'],
      ],
      holdCount: 1,
      held: true,
      transfers: [['blind', agent1Id, 'completed']],
      dispositions: [
        [agent2Id, 'escalated'],
        [agent1Id, 'resolved'],
      ],
    });

  await customer.context.close();
  await agent1.context.close();
  await agent2.context.close();
});

/**
 * `npm run bench:answer` (`BENCH_WRITE=1` writes docs/benchmarks.md): how long from an agent's click on Answer until each
 * side hears the other, on loopback. One of the pain points issue 5 names: "slow call setup
 * from ICE gathering (target: answer to audio under 1 s on loopback, and no waiting on
 * unreachable STUN)".
 *
 * A customer calls the Support line (1001) with the widget, their microphone a 600 Hz tone;
 * agent2 answers in the desk, their microphone a 1000 Hz tone. Both pages listen to their
 * call's remote track; the first 43 ms window where the other's tone is most of the sound
 * counts as heard. Times are epoch ms of one machine: click → heard, per side. CALLS (env
 * BENCH_CALLS, default 5) calls in a row; the median and the worst are reported.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { firstHeard, useToneMicrophone } from '../support/call-audio';
import { CHROMIUM_MEDIA_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { DEMO, logIn } from '../support/login';

// The host page is served by the test itself (page.route), so Chromium counts it as a public
// page calling a loopback server; local network access checks would block its WebSockets.
test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_MEDIA_ARGS, '--autoplay-policy=no-user-gesture-required', '--disable-features=LocalNetworkAccessChecks'],
  },
});

const CUSTOMER_HZ = 600;
const AGENT_HZ = 1000;
const CALLS = Number(process.env.BENCH_CALLS ?? 5);
const HOST_PAGE = (entry: string) =>
  `<!doctype html><html lang="en"><head><title>Bench host</title></head><body><h1>Bench host</h1><script src="/widget/widget.js" data-entry-point="${entry}" async></script></body></html>`;

test('answer to audio, both ways', async ({ browser }) => {
  const agentContext = await browser.newContext();
  await useToneMicrophone(agentContext, AGENT_HZ);
  const agent = await agentContext.newPage();
  await logIn(agent, '/agent/', DEMO.agent2);
  await expect(agent.getByRole('status', { name: 'Softphone' })).toContainText('Registered', { timeout: 20_000 });
  await agent.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Available' });
  await expect(agent.getByText('Calls cannot reach you yet')).toHaveCount(0, { timeout: 15_000 });

  const samples: { agentHears: number; customerHears: number }[] = [];
  for (let i = 0; i < CALLS; i++) {
    const customerContext = await browser.newContext();
    await useToneMicrophone(customerContext, CUSTOMER_HZ);
    const customer = await customerContext.newPage();
    await customer.route('**/bench-host.html', (route) => route.fulfill({ contentType: 'text/html', body: HOST_PAGE('1001') }));
    await customer.goto('/bench-host.html');
    await customer.getByRole('button', { name: 'Call us' }).click();

    const ringing = agent.getByRole('region', { name: /Incoming call/ });
    await expect(ringing, 'the call rings the agent').toBeVisible({ timeout: 30_000 }).catch(async (error: unknown) => {
      const status = await customer.evaluate(() => document.querySelector('ccx-call-widget')?.shadowRoot?.querySelector('[role="status"]')?.textContent);
      throw new Error(`${String(error)}\nthe widget says: ${status}`);
    });
    const answer = ringing.getByRole('button', { name: 'Answer' });
    await answer.evaluate((button) => button.addEventListener('click', () => ((window as unknown as { clickedAt: number }).clickedAt = Date.now()), { capture: true, once: true }));
    const agentHeard = firstHeard(agent, CUSTOMER_HZ, 15_000);
    const customerHeard = firstHeard(customer, AGENT_HZ, 15_000);
    await answer.click();
    const [heardByAgent, heardByCustomer] = await Promise.all([agentHeard, customerHeard]);
    const clickedAt = await agent.evaluate(() => (window as unknown as { clickedAt: number }).clickedAt);
    expect(heardByAgent, 'the agent hears the customer').not.toBeNull();
    expect(heardByCustomer, 'the customer hears the agent').not.toBeNull();
    samples.push({ agentHears: heardByAgent! - clickedAt, customerHears: heardByCustomer! - clickedAt });
    console.log(`call ${i + 1}: agent hears the customer ${heardByAgent! - clickedAt} ms after Answer, the customer hears the agent ${heardByCustomer! - clickedAt} ms after`);

    await agent.getByRole('button', { name: 'Hang up' }).click();
    await expect(agent.getByRole('status', { name: 'Agent state' })).toHaveText('After-call work', { timeout: 10_000 });
    await customerContext.close();
    await agent.getByRole('button', { name: 'End wrap-up' }).click();
    await expect(agent.getByRole('status', { name: 'Agent state' })).toHaveText('Available');
  }
  await agentContext.close();

  const summary = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { median: sorted[Math.floor(sorted.length / 2)]!, worst: sorted[sorted.length - 1]! };
  };
  const agentSide = summary(samples.map((s) => s.agentHears));
  const customerSide = summary(samples.map((s) => s.customerHears));
  const lines = [
    `| calls | agent hears the customer: median / worst | customer hears the agent: median / worst |`,
    `| --- | --- | --- |`,
    `| ${samples.length} | ${agentSide.median} / ${agentSide.worst} ms | ${customerSide.median} / ${customerSide.worst} ms |`,
  ];
  console.log(lines.join('\n'));
  if (process.env.BENCH_WRITE === '1') writeResults(lines);
});

function writeResults(table: string[]): void {
  const file = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'benchmarks.md');
  const start = '<!-- bench:answer results -->';
  const end = '<!-- /bench:answer results -->';
  const text = readFileSync(file, 'utf8');
  const at = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const block = `${start}\nRun ${at} UTC (\`BENCH_WRITE=1 npm run bench:answer\`):\n\n${table.join('\n')}\n${end}`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < 0) throw new Error(`docs/benchmarks.md has no ${start} … ${end} block`);
  writeFileSync(file, text.slice(0, a) + block + text.slice(b + end.length));
}

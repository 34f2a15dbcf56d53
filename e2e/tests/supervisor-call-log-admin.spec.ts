/**
 * The supervisor's call log and the administrator's screens in real Chromium.
 *
 * A caller with a number no other test uses (sipp over the trunk to 1001, the Support queue)
 * is answered by agent2 in the desk and hung up; the supervisor finds that call by its
 * number, reads its timeline, plays its stereo recording one side at a time, and exports
 * the filtered CSV (that call and no other). An agent's token cannot read the call log
 * (403). The admin adds a disposition and sees it listed; a flow naming a queue that does
 * not exist is refused at publish with the node and field shown beside the editor; a
 * supervisor has no Administration section.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { CHROMIUM_MEDIA_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { DEMO, expectLiveConnected, logIn } from '../support/login';
import { sipUdpPort } from '../support/server';
import { callWithSipp, type SippCall } from '../support/sipp';

test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_MEDIA_ARGS, '--autoplay-policy=no-user-gesture-required'] } });

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

test('the supervisor finds a trunk call by caller number, reads its timeline, plays its recording and exports exactly it', async ({ browser }) => {
  test.setTimeout(180_000);
  const caller = `+1555${String(Date.now() % 10_000_000).padStart(7, '0')}`;

  // agent2 (Support) answers the call in the desk.
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await logIn(agent, '/agent/', DEMO.agent2);
  await expectLiveConnected(agent);
  await expect(agent.getByRole('status', { name: 'Softphone' })).toContainText('Registered', { timeout: 20_000 });
  await agent.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Available' });
  await expect(agent.getByText('Calls cannot reach you yet')).toHaveCount(0, { timeout: 15_000 });

  let sipp: SippCall | null = null;
  try {
    sipp = await callWithSipp('caller-until-bye.xml', sipUdpPort(), { service: '1001', rtpEcho: true, keys: { caller } });
    const ringing = agent.getByRole('region', { name: /Incoming call/ });
    await expect(ringing).toBeVisible({ timeout: 30_000 });
    await expect(ringing.getByTestId('screen-pop-number')).toHaveText(caller);
    await ringing.getByRole('button', { name: 'Answer' }).click();
    await expect(agent.getByRole('status', { name: 'Call state' })).toHaveText('On call', { timeout: 15_000 });
    await agent.getByRole('button', { name: 'Hang up' }).click();
    await expect(agent.getByRole('status', { name: 'Agent state' })).toHaveText('After-call work', { timeout: 10_000 });
    const result = await sipp.done;
    expect(result.code, result.output).toBe(0);
    await agent.getByRole('button', { name: 'End wrap-up' }).click();
  } finally {
    sipp?.kill();
    await agentContext.close();
  }

  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await logIn(page, '/supervisor/', DEMO.supervisor);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Call log' }).click();
  const search = page.getByRole('form', { name: 'Search calls' });
  // A bad filter is refused beside its field, before anything is sent.
  await search.getByLabel('Minimum wait (seconds)').fill('-3');
  await search.getByRole('button', { name: 'Search' }).click();
  await expect(search.getByText('at least 0')).toBeVisible();
  await search.getByLabel('Minimum wait (seconds)').fill('');
  await search.getByLabel('Caller number').fill(caller);
  await search.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/#\/calls\?callerNumber=%2B1555/);

  const rows = page.getByRole('region', { name: 'Calls' }).getByRole('row');
  await expect(rows).toHaveCount(2); // header + the one call
  await expect(rows.nth(1)).toContainText(caller);
  await expect(rows.nth(1)).toContainText('Support');
  await rows.nth(1).getByRole('button', { name: `Open call from ${caller}` }).click();

  const details = page.getByRole('region', { name: `Call from ${caller}` });
  const timeline = details.getByRole('table', { name: 'Timeline' });
  await expect(timeline.getByRole('row', { name: /Call started .*inbound trunk call from \+1555\d+ to 1001/ })).toBeVisible();
  await expect(timeline.getByRole('row', { name: /Queued\s+Support/ })).toBeVisible();
  await expect(timeline.getByRole('row', { name: /Answered\s+by / })).toBeVisible();
  await expect(timeline.getByRole('row', { name: /Call ended/ })).toBeVisible();

  // The stereo recording: loaded as a WAV blob, played through the channel choice.
  const audio = details.getByTestId('recording-audio').first();
  await expect(audio).toBeVisible({ timeout: 15_000 });
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.duration), { message: 'the WAV loads with a duration' }).toBeGreaterThan(0);
  await details.getByRole('radio', { name: 'Customer (left)' }).check();
  await expect(details.getByRole('radio', { name: 'Agent (right)' })).toBeVisible();
  await audio.evaluate((a: HTMLAudioElement) => a.play());
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime), { message: 'the recording plays' }).toBeGreaterThan(0);

  // The export of the filtered set: the header and this call, nothing else.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^calls-\d{8}-\d{6}\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^call_id,direction,channel,caller_number/);
  expect(lines[1]).toContain(`'${caller}`);
  await context.close();
});

test('an agent cannot read the call log API', async ({ request }) => {
  const login = await request.post('/api/auth/login', { data: DEMO.agent1 });
  const { accessToken } = (await login.json()) as { accessToken: string };
  for (const path of ['/api/calls', '/api/calls/export.csv?channel=trunk']) {
    const answer = await request.get(path, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(answer.status(), path).toBe(403);
  }
});

test('a supervisor does not see Administration, even by its address', async ({ page }) => {
  await logIn(page, '/supervisor/', DEMO.supervisor);
  const sections = page.getByRole('navigation', { name: 'Sections' });
  await expect(sections.getByRole('link', { name: 'Call log' })).toBeVisible();
  await expect(sections.getByRole('link', { name: 'Administration' })).toHaveCount(0);
  await page.goto('/supervisor/#/admin');
  await expect(sections.getByRole('link', { name: 'Wallboard' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { name: 'Administration' })).toHaveCount(0);
});

test('the admin adds a disposition, and a flow naming an unknown queue is refused at the node and field', async ({ page }) => {
  const code = `e2e-${Date.now().toString(36)}`;
  await logIn(page, '/supervisor/', DEMO.admin);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Administration' }).click();
  const admin = page.getByRole('navigation', { name: 'Administration' });

  await admin.getByRole('button', { name: 'Reasons and dispositions' }).click();
  const form = page.getByRole('form', { name: 'New disposition' });
  // The contract's rule shows beside the field before anything is sent.
  await form.getByLabel('Code of the new disposition').fill('Not A Code');
  await form.getByRole('button', { name: 'Add disposition' }).click();
  await expect(form.getByText(/lower-case letters/)).toBeVisible();
  await form.getByLabel('Code of the new disposition').fill(code);
  await form.getByLabel('Label of the new disposition').fill('Sent a brochure');
  await form.getByRole('button', { name: 'Add disposition' }).click();
  const dispositions = page.getByRole('table', { name: 'Dispositions' });
  await expect(dispositions.getByRole('row', { name: new RegExp(code) })).toContainText('active');
  // The server's own refusal (the code is taken) lands beside the same field.
  await form.getByLabel('Code of the new disposition').fill(code);
  await form.getByLabel('Label of the new disposition').fill('Again');
  await form.getByRole('button', { name: 'Add disposition' }).click();
  await expect(form.getByText('already taken')).toBeVisible();

  await admin.getByRole('button', { name: 'IVR flows' }).click();
  const name = `E2E flow ${Date.now().toString(36)}`;
  const create = page.getByRole('form', { name: 'New flow' });
  await create.getByLabel('New flow name').fill(name);
  await create.getByRole('button', { name: 'Create flow' }).click();
  await page.getByRole('button', { name: `Edit flow ${name}` }).click();
  const broken = readFileSync(join(repoRoot, 'packages/contracts/src/ivr/fixtures/good/demo-support.json'), 'utf8').replace('"queue": "Support"', '"queue": "Nowhere"');
  const editor = page.getByLabel(`Definition of ${name}`);
  await editor.fill(broken);
  await page.getByRole('button', { name: 'Save and publish' }).click();
  const problems = page.getByRole('list', { name: 'Flow problems' });
  await expect(problems).toContainText(/Node \S+, field queue: no queue "Nowhere"/);
  await expect(editor).toHaveAttribute('aria-invalid', 'true');
  // Broken JSON is caught in the browser, with its place.
  await editor.fill('{\n  "schemaVersion": 1,\n  oops\n}');
  await page.getByRole('button', { name: 'Save version' }).click();
  await expect(page.getByText(/Not valid JSON at line 3/)).toBeVisible();
});

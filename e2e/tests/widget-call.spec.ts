/**
 * A visitor calls from the demo host page with the widget: Chromium's fake microphone, a real
 * call over /sip to entry 1000 (the main IVR). The status line goes from connecting to the
 * IVR, the IVR's prompts are heard in the page, a key pressed on the widget's keypad is on
 * the call's timeline, the caller reaches the Support queue and sees their position, and
 * hangs up.
 */
import { type APIRequestContext, expect, test } from '@playwright/test';
import { type CallEvent, type CallList } from '@ccx/contracts';
import { remoteAudioPeak } from '../support/audio';
import { CHROMIUM_MEDIA_ARGS, CHROMIUM_PATH } from '../support/chromium';

test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_MEDIA_ARGS, '--autoplay-policy=no-user-gesture-required'] } });

async function adminToken(request: APIRequestContext): Promise<string> {
  const answer = await request.post('/api/auth/login', { data: { username: 'admin', password: 'admin123!' } });
  expect(answer.status()).toBe(200);
  return ((await answer.json()) as { accessToken: string }).accessToken;
}

test('a visitor calls from the demo page: connecting, the IVR heard, a key on the timeline, the queue position, hang up', async ({ page, request }) => {
  test.setTimeout(120_000);
  await page.goto('/widget/demo.html');
  const callUs = page.getByRole('button', { name: 'Call us' });
  await expect(callUs).toBeVisible();
  // Nothing of the call part is loaded before the click.
  const loadedBefore = await page.evaluate(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/widget/widget-call.js')));
  expect(loadedBefore).toBe(false);

  // Every text the status line shows, in order (it exists from the start, in the shadow root).
  await page.evaluate(() => {
    const status = document.querySelector('ccx-call-widget')!.shadowRoot!.querySelector('[role="status"]')!;
    const seen: string[] = [];
    (window as unknown as { statuses: string[] }).statuses = seen;
    new MutationObserver(() => seen.push(status.textContent ?? '')).observe(status, { childList: true, characterData: true, subtree: true });
  });
  const since = Date.now();
  await callUs.click();
  const panel = page.getByRole('dialog', { name: 'Call us from this page' });
  const status = panel.getByRole('status');
  await expect(status).toHaveText('Connected. Listen to the menu and use the keypad to choose.', { timeout: 20_000 });
  const statuses = await page.evaluate(() => (window as unknown as { statuses: string[] }).statuses);
  expect(statuses.indexOf('Connecting…')).toBeGreaterThanOrEqual(0);
  expect(statuses.indexOf('Connecting…')).toBeLessThan(statuses.indexOf('Connected. Listen to the menu and use the keypad to choose.'));
  expect(await page.evaluate(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/widget/widget-call.js')))).toBe(true);

  // The IVR's greeting and menu prompts really arrive in the page.
  await expect.poll(() => remoteAudioPeak(page, 1500, 'widget'), { timeout: 20_000, message: 'IVR prompt audio reaches the widget' }).toBeGreaterThan(0.01);

  // The call on the call log: the visitor's call to 1000, on the web channel.
  const token = await adminToken(request);
  const auth = { authorization: `Bearer ${token}` };
  let callId = '';
  await expect
    .poll(async () => {
      const list = (await (await request.get('/api/calls', { headers: auth })).json()) as CallList;
      const call = list.calls.find((c) => c.callerNumber.startsWith('widget.1000.') && Date.parse(c.startedAt) >= since - 5_000);
      callId = call?.id ?? '';
      return call ? { channel: call.channel, dialedNumber: call.dialedNumber } : null;
    }, { timeout: 10_000 })
    .toEqual({ channel: 'web', dialedNumber: '1000' });

  // Keypad: 2 for English (the language menu), then 2 for support, by keyboard.
  const keypadToggle = panel.getByRole('button', { name: 'Keypad' });
  await keypadToggle.focus();
  await page.keyboard.press('Enter');
  await expect(keypadToggle).toHaveAttribute('aria-expanded', 'true');
  for (const key of ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']) await expect(panel.getByRole('button', { name: key, exact: true })).toBeVisible();
  const timeline = async () => ((await (await request.get(`/api/calls/${callId}/events`, { headers: auth })).json()) as { events: CallEvent[] }).events;
  const digits = async () => (await timeline()).flatMap((e) => (e.type === 'digit.pressed' ? [e.data.digit] : []));
  const lastNode = async () => (await timeline()).flatMap((e) => (e.type === 'ivr.node-entered' ? [e.data.nodeId] : [])).at(-1);
  // Each key once its menu listens (a key during the greeting only cuts the greeting short).
  await expect.poll(lastNode, { timeout: 20_000 }).toBe('choose-language');
  await panel.getByRole('button', { name: '2', exact: true }).click();
  await expect.poll(digits, { timeout: 10_000, message: 'the key pressed on the widget is on the timeline' }).toEqual(['2']);
  await expect.poll(lastNode, { timeout: 20_000 }).toBe('main-menu');
  await panel.getByRole('button', { name: '2', exact: true }).click();
  await expect.poll(digits, { timeout: 10_000 }).toEqual(['2', '2']);

  // The support menu: "to reach a support agent, stay on the line". No agent is online, so
  // the caller waits, first in line, and may ask to be called back instead.
  await expect(status).toHaveText('Waiting for the next agent: you are number 1 in the queue.', { timeout: 40_000 });
  await expect(panel.getByLabel('Your phone number')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Call me back' })).toBeVisible();

  // Mute and unmute by name, then hang up.
  await panel.getByRole('button', { name: 'Mute' }).click();
  await expect(panel.getByRole('button', { name: 'Unmute' })).toBeVisible();
  await panel.getByRole('button', { name: 'Unmute' }).click();
  await panel.getByRole('button', { name: 'Hang up' }).click();
  await expect(status).toHaveText('Call ended.');
  await expect(panel.getByRole('button', { name: 'Call again' })).toBeFocused();
  await expect
    .poll(async () => {
      const list = (await (await request.get('/api/calls', { headers: auth })).json()) as CallList;
      return list.calls.find((c) => c.id === callId)?.status;
    }, { timeout: 10_000 })
    .toBe('ended');
});

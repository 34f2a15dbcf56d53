/**
 * The agent desk takes a real call from the phone network: sipp calls 1001 (straight to the
 * Support queue) as Bob Smith, a demo CRM customer, and echoes the audio it receives; agent2
 * (Support skill) is Available in the desk, sees it ring with the screen pop, answers, hears
 * the call (its own microphone echoed back), mutes (the echo stops) and unmutes, holds,
 * resumes and hangs up into after-call work.
 */
import { expect, test } from '@playwright/test';
import { remoteAudioPeak } from '../support/audio';
import { CHROMIUM_MEDIA_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { DEMO, expectLiveConnected, logIn } from '../support/login';
import { sipUdpPort } from '../support/server';
import { callWithSipp, type SippCall } from '../support/sipp';

test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_MEDIA_ARGS, '--autoplay-policy=no-user-gesture-required'] } });

test('agent2 answers a trunk call in the desk, hears it, mutes, holds, resumes and hangs up', async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page, '/agent/', DEMO.agent2);
  await expectLiveConnected(page);
  await expect(page.getByRole('status', { name: 'Softphone' })).toContainText('Registered', { timeout: 20_000 });

  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Available' });
  await expect(page.getByRole('status', { name: 'Agent state' })).toHaveText('Available');
  // Offers reach only an agent with a live tab and a registered softphone.
  await expect(page.getByText('Calls cannot reach you yet')).toHaveCount(0, { timeout: 15_000 });

  let sipp: SippCall | null = null;
  try {
    sipp = await callWithSipp('customer-until-bye.xml', sipUdpPort(), { service: '1001', rtpEcho: true });
    const ringing = page.getByRole('region', { name: /Incoming call/ });
    await expect(ringing).toBeVisible({ timeout: 30_000 });
    await expect(ringing.getByTestId('screen-pop-number')).toHaveText('+14155550102');
    await expect(ringing.getByTestId('screen-pop-name')).toHaveText('Bob Smith');
    await expect(page.getByRole('status', { name: 'Agent state' })).toHaveText('Ringing');

    await ringing.getByRole('button', { name: 'Answer' }).click();
    const callState = page.getByRole('status', { name: 'Call state' });
    await expect(callState).toHaveText('On call', { timeout: 15_000 });
    await expect(page.getByRole('status', { name: 'Agent state' })).toHaveText('On call');
    await expect(page.getByRole('region', { name: /Incoming call/ })).toHaveCount(0);

    // sipp echoes the agent's (fake) microphone: sound must come back to the agent's speaker.
    await expect.poll(() => remoteAudioPeak(page, 1500), { timeout: 20_000, message: 'audio from the far end reaches the agent' }).toBeGreaterThan(0.01);

    // Muted, the agent's microphone sends silence, so the echo falls silent too.
    await page.getByRole('button', { name: 'Mute' }).click();
    await expect(page.getByRole('button', { name: 'Unmute' })).toBeVisible();
    await expect.poll(() => remoteAudioPeak(page, 1500), { timeout: 10_000, message: 'the echo stops while muted' }).toBeLessThan(0.005);
    await page.getByRole('button', { name: 'Unmute' }).click();
    await expect.poll(() => remoteAudioPeak(page, 1500), { timeout: 10_000, message: 'the echo returns when unmuted' }).toBeGreaterThan(0.01);
    // The level meter shows the microphone is live (Chromium's fake microphone beeps).
    await expect
      .poll(() => page.getByRole('meter', { name: 'Microphone level' }).evaluate((m: HTMLMeterElement) => m.value), { timeout: 10_000, message: 'the microphone level meter moves' })
      .toBeGreaterThan(0.2);
    // The quality badge reads the call's getStats(); loopback is good.
    await expect(page.getByLabel('Call quality good')).toBeVisible();
    // The documented shortcut does what the button does.
    await page.keyboard.press('Alt+M');
    await expect(page.getByRole('button', { name: 'Unmute' })).toBeVisible();
    await page.keyboard.press('Alt+M');
    await expect(page.getByRole('button', { name: 'Mute', exact: true })).toBeVisible();
    // The keypad sends RFC 4733 digits into the call (the call carries on).
    await page.getByRole('button', { name: 'Keypad' }).click();
    await page.getByRole('group', { name: 'Keypad digits' }).getByRole('button', { name: 'Digit 5' }).click();
    await page.getByRole('group', { name: 'Keypad digits' }).getByRole('button', { name: 'Digit #' }).click();
    await expect(page.getByRole('status', { name: 'Digits sent' })).toHaveText('5#');
    await expect(callState).toHaveText('On call');

    await page.getByRole('button', { name: 'Hold' }).click();
    await expect(callState).toHaveText('On hold');
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect(callState).toHaveText('On call');

    await page.getByRole('button', { name: 'Hang up' }).click();
    await expect(page.getByRole('status', { name: 'Agent state' })).toHaveText('After-call work', { timeout: 10_000 });
    await expect(page.getByRole('button', { name: 'End wrap-up' })).toBeVisible();
    const result = await sipp.done;
    expect(result.code, result.output).toBe(0);

    await page.getByRole('button', { name: 'End wrap-up' }).click();
    await expect(page.getByRole('status', { name: 'Agent state' })).toHaveText('Available');
  } finally {
    sipp?.kill();
  }
});

test('agent2 rejects a ringing call: the desk stops ringing and the agent stays available', async ({ page }) => {
  test.setTimeout(90_000);
  await logIn(page, '/agent/', DEMO.agent2);
  await expect(page.getByRole('status', { name: 'Softphone' })).toContainText('Registered', { timeout: 20_000 });
  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Available' });
  await expect(page.getByRole('status', { name: 'Agent state' })).toHaveText('Available');
  await expect(page.getByText('Calls cannot reach you yet')).toHaveCount(0, { timeout: 15_000 });

  // With its only Support agent refusing, the queue gives up on the call (the flow's onFailure:
  // a sorry prompt, then the server hangs up), so nothing stays queued for later tests.
  const sipp = await callWithSipp('customer-until-bye.xml', sipUdpPort(), { service: '1001' });
  try {
    const ringing = page.getByRole('region', { name: /Incoming call/ });
    await expect(ringing).toBeVisible({ timeout: 20_000 });
    await expect(ringing.getByTestId('screen-pop-name')).toHaveText('Bob Smith');
    await ringing.getByRole('button', { name: 'Reject' }).click();
    await expect(ringing).toHaveCount(0);
    await expect(page.getByRole('status', { name: 'Agent state' })).toHaveText('Available');
    const result = await sipp.done;
    expect(result.code, result.output).toBe(0);
  } finally {
    sipp.kill();
  }
});

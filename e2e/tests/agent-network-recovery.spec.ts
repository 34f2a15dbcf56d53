/**
 * A call survives the agent's SIP WebSocket dropping: sipp calls the Support line and echoes
 * what it hears; agent2 answers in the desk; the test cuts the /sip WebSocket mid-call. The
 * softphone reconnects, registers again and restarts ICE on the call with a re-INVITE over
 * the new socket; the call stays up with audio both ways, and hanging up afterwards reaches
 * the caller (the gateway moved the dialog to the new connection).
 */
import { expect, test, type WebSocketRoute } from '@playwright/test';
import { remoteAudioPeak } from '../support/audio';
import { CHROMIUM_MEDIA_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { DEMO, expectLiveConnected, logIn } from '../support/login';
import { sipUdpPort } from '../support/server';
import { callWithSipp, type SippCall } from '../support/sipp';

test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_MEDIA_ARGS, '--autoplay-policy=no-user-gesture-required'] } });

test('a call survives a dropped SIP WebSocket: reconnect, register, ICE restart, audio, hang-up', async ({ page }) => {
  test.setTimeout(120_000);
  const sockets: WebSocketRoute[] = [];
  /** SIP requests the page sent, per socket (in order of the sockets). */
  const sent: string[][] = [];
  await page.routeWebSocket(/\/sip$/, (ws) => {
    const index = sockets.push(ws) - 1;
    sent[index] = [];
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      sent[index]!.push(typeof message === 'string' ? message : message.toString('utf8'));
      server.send(message);
    });
  });
  await logIn(page, '/agent/', DEMO.agent2);
  await expectLiveConnected(page);
  const softphone = page.getByRole('status', { name: 'Softphone' });
  await expect(softphone).toContainText('Registered', { timeout: 20_000 });
  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Available' });
  await expect(page.getByText('Calls cannot reach you yet')).toHaveCount(0, { timeout: 15_000 });

  let sipp: SippCall | null = null;
  try {
    sipp = await callWithSipp('customer-until-bye.xml', sipUdpPort(), { service: '1001', rtpEcho: true });
    const ringing = page.getByRole('region', { name: /Incoming call/ });
    await expect(ringing).toBeVisible({ timeout: 30_000 });
    await ringing.getByRole('button', { name: 'Answer' }).click();
    const callState = page.getByRole('status', { name: 'Call state' });
    await expect(callState).toHaveText('On call', { timeout: 15_000 });
    await expect.poll(() => remoteAudioPeak(page, 1500), { timeout: 20_000, message: 'the echo reaches the agent before the drop' }).toBeGreaterThan(0.01);

    expect(sockets).toHaveLength(1);
    await sockets[0]!.close({ code: 1006, reason: 'network lost' });
    await expect(softphone).toContainText('Not registered');
    await expect(softphone).toContainText('Registered', { timeout: 20_000 });
    await expect(softphone).not.toContainText('Not registered');
    expect(sockets.length).toBeGreaterThanOrEqual(2);

    // The call went on, and its ICE was restarted by a re-INVITE on the new socket.
    await expect(callState).toHaveText('On call');
    await expect
      .poll(() => sent.slice(1).flat().filter((m) => m.startsWith('INVITE ') && /\r\nTo: [^\r\n]*;tag=/i.test(m)).length, { timeout: 15_000, message: 'an in-dialog re-INVITE over the new socket' })
      .toBeGreaterThanOrEqual(1);
    await expect.poll(() => remoteAudioPeak(page, 1500), { timeout: 20_000, message: 'the echo still reaches the agent after the drop' }).toBeGreaterThan(0.01);

    // Hanging up reaches the caller: sipp ends on the BYE it was waiting for.
    await page.getByRole('button', { name: 'Hang up' }).click();
    await expect(page.getByRole('status', { name: 'Agent state' })).toHaveText('After-call work', { timeout: 10_000 });
    const result = await sipp.done;
    expect(result.code, result.output).toBe(0);
  } finally {
    sipp?.kill();
  }
});

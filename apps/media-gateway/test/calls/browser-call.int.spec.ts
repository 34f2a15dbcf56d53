import { type AddressInfo } from 'node:net';
import { type GatewayEvent } from '@ccx/contracts';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LegsMediaBackend } from '../../src/calls/legs-media-backend.js';
import { loadGatewayConfig } from '../../src/config.js';
import { type GatewayControl } from '../../src/control/gateway-control.js';
import { MediaGateway } from '../../src/media-gateway.js';
import { mintCredential } from '../../src/sip/digest.js';
import { createTestPageServer, levelsInPage, placeCallInPage, registerAndAnswerInPage } from './browser-page.js';

/**
 * Browser → gateway calls in real Chromium over SIP.js: the test plays the server's part
 * through the control API (answer, play, bridge) and proves with tones that audio crossed:
 * caller A's microphone sends 440 Hz, caller B's 1000 Hz, a prompt is 1800 Hz.
 */
const SECRET = 'browser-call-test-secret-browser-call';
const A_HZ = 440;
const B_HZ = 1000;
const PROMPT_HZ = 1800;
const SUPERVISOR_HZ = 1400;

describe('browser calls through the gateway', () => {
  const server = createTestPageServer();
  let gateway: MediaGateway;
  let control: GatewayControl;
  let browser: Browser;
  let base: string;
  const events: GatewayEvent[] = [];

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    gateway = new MediaGateway(
      loadGatewayConfig({ SIP_UDP_ENABLED: 'false', SIP_CREDENTIAL_SECRET: SECRET }),
      new LegsMediaBackend({ rtpPortRange: { min: 40000, max: 40999 }, rtpBindAddress: '127.0.0.1' }),
    );
    await gateway.start({ httpServer: server });
    control = gateway.localControl();
    control.onEvent((event) => {
      events.push(event);
      // The server's part, reduced to what this test needs: answer every call.
      if (event.event === 'incoming') void control.execute({ command: 'answer', legId: event.legId });
    });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await new Promise((resolve) => server.close(resolve));
  });

  async function caller(sipUser: string, toneHz: number): Promise<{ page: Page; legId: string }> {
    const credential = mintCredential(SECRET, sipUser, 600);
    const page = await (await browser.newContext()).newPage();
    await page.goto(base);
    const state = await page.evaluate(placeCallInPage, {
      sipUri: `sip:${sipUser}@ccx.invalid`,
      authorizationUsername: credential.authorizationUsername,
      password: credential.password,
      toneHz,
      target: 'sip:1001@ccx.invalid',
    });
    expect(state).toBe('Established');
    const incoming = events.filter((e) => e.event === 'incoming' && e.sipUser === sipUser).at(-1) as { legId: string };
    return { page, legId: incoming.legId };
  }

  /** Waits until the page hears `expected` clearly above the other candidates. */
  async function waitToHear(page: Page, expected: number, others: number[]): Promise<void> {
    await expect
      .poll(async () => {
        const [target, ...rest] = await page.evaluate(levelsInPage, [expected, ...others]);
        return target! > -70 && rest.every((level) => target! - level > 20);
      }, { timeout: 10_000, interval: 250 })
      .toBe(true);
  }

  it('answers a browser call, plays a prompt it hears, bridges two callers who hear each other, and takes their digits', async () => {
    const a = await caller('2001', A_HZ);
    expect(events.find((e) => e.event === 'incoming' && e.legId === a.legId)).toMatchObject({ channel: 'web', to: '1001', sipUser: '2001' });
    expect(await control.execute({ command: 'play', legId: a.legId, playbackId: 'greeting', prompts: [{ kind: 'tone', frequencies: [PROMPT_HZ], durationMs: 8000 }] })).toEqual({ ok: true });
    await waitToHear(a.page, PROMPT_HZ, [A_HZ, B_HZ]);
    await control.execute({ command: 'stopPlayback', legId: a.legId, playbackId: 'greeting' });

    const b = await caller('2002', B_HZ);
    expect(await control.execute({ command: 'bridge', bridgeId: 'call-1', legIds: [a.legId, b.legId] })).toEqual({ ok: true });
    await waitToHear(a.page, B_HZ, [A_HZ, PROMPT_HZ]);
    await waitToHear(b.page, A_HZ, [B_HZ, PROMPT_HZ]);

    await a.page.evaluate(() => {
      const phone = (window as unknown as { phone: { inviter: { sessionDescriptionHandler: { sendDtmf(t: string): boolean } } } }).phone;
      phone.inviter.sessionDescriptionHandler.sendDtmf('5');
    });
    await expect.poll(() => events.some((e) => e.event === 'digit' && e.legId === a.legId && e.digit === '5' && e.source === 'rfc4733'), { timeout: 5000 }).toBe(true);

    await a.page.evaluate(() => (window as unknown as { phone: { inviter: { bye(): Promise<void> } } }).phone.inviter.bye());
    await expect.poll(() => events.find((e) => e.event === 'hangup' && e.legId === a.legId), { timeout: 5000 }).toMatchObject({ cause: 'remote-bye' });
    await control.execute({ command: 'hangup', legId: b.legId });
    await expect.poll(() => events.find((e) => e.event === 'hangup' && e.legId === b.legId), { timeout: 5000 }).toMatchObject({ cause: 'local' });
  }, 60_000);

  /** Waits until each page hears what it should (above -70 dB) and not what it should not (30 dB below the loudest heard). */
  async function waitForMix(expectations: { page: Page; hears: number[]; not: number[] }[]): Promise<void> {
    await expect
      .poll(async () => {
        for (const { page, hears, not } of expectations) {
          const levels = await page.evaluate(levelsInPage, [...hears, ...not]);
          const heard = levels.slice(0, hears.length);
          const loudest = Math.max(...heard);
          if (heard.some((level) => level < -70)) return false;
          if (levels.slice(hears.length).some((level) => level > loudest - 30)) return false;
        }
        return true;
      }, { timeout: 10_000, interval: 250 })
      .toBe(true);
  }

  it('lets a supervisor in three browsers listen, whisper to the agent, then barge, each heard by its tone', async () => {
    const customer = await caller('2011', A_HZ);
    const agent = await caller('2012', B_HZ);
    const supervisor = await caller('2013', SUPERVISOR_HZ);
    await control.execute({ command: 'bridge', bridgeId: 'call-roles', legIds: [customer.legId, agent.legId] });
    expect(await control.execute({ command: 'addParticipant', bridgeId: 'call-roles', legId: supervisor.legId, role: 'listen', kind: 'supervisor' })).toEqual({ ok: true });
    await waitForMix([
      { page: supervisor.page, hears: [A_HZ, B_HZ], not: [SUPERVISOR_HZ] },
      { page: customer.page, hears: [B_HZ], not: [SUPERVISOR_HZ, A_HZ] },
      { page: agent.page, hears: [A_HZ], not: [SUPERVISOR_HZ, B_HZ] },
    ]);

    await control.execute({ command: 'changeRole', bridgeId: 'call-roles', legId: supervisor.legId, role: 'whisper' });
    await waitForMix([
      { page: agent.page, hears: [A_HZ, SUPERVISOR_HZ], not: [B_HZ] },
      { page: customer.page, hears: [B_HZ], not: [SUPERVISOR_HZ, A_HZ] },
      { page: supervisor.page, hears: [A_HZ, B_HZ], not: [SUPERVISOR_HZ] },
    ]);

    await control.execute({ command: 'changeRole', bridgeId: 'call-roles', legId: supervisor.legId, role: 'barge' });
    await waitForMix([
      { page: customer.page, hears: [B_HZ, SUPERVISOR_HZ], not: [A_HZ] },
      { page: agent.page, hears: [A_HZ, SUPERVISOR_HZ], not: [B_HZ] },
    ]);

    for (const leg of [customer, agent, supervisor]) {
      await control.execute({ command: 'hangup', legId: leg.legId });
      await leg.page.context().close();
    }
  }, 60_000);

  it('calls a registered softphone, which answers and hears a prompt, and hangs up on it', async () => {
    const credential = mintCredential(SECRET, '2003', 600);
    const page = await (await browser.newContext()).newPage();
    await page.goto(base);
    const registered = await page.evaluate(registerAndAnswerInPage, {
      sipUri: 'sip:2003@ccx.invalid',
      authorizationUsername: credential.authorizationUsername,
      password: credential.password,
      toneHz: A_HZ,
    });
    expect(registered).toBe('Registered');

    expect(await control.execute({ command: 'originate', legId: 'agent-leg-1', to: { kind: 'user', sipUser: '2003' }, callerId: '1001' })).toEqual({ ok: true });
    await expect.poll(() => events.find((e) => e.event === 'answered' && e.legId === 'agent-leg-1'), { timeout: 10_000 }).toBeDefined();
    await control.execute({ command: 'play', legId: 'agent-leg-1', playbackId: 'whisper', prompts: [{ kind: 'tone', frequencies: [PROMPT_HZ], durationMs: 8000 }] });
    await waitToHear(page, PROMPT_HZ, [A_HZ, B_HZ]);

    await control.execute({ command: 'hangup', legId: 'agent-leg-1' });
    await expect.poll(() => page.evaluate(() => (window as unknown as { softphone: { terminated: boolean } }).softphone.terminated), { timeout: 5000 }).toBe(true);
    expect(events.find((e) => e.event === 'hangup' && e.legId === 'agent-leg-1')).toMatchObject({ cause: 'local' });
  }, 60_000);
});

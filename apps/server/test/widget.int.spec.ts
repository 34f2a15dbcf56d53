import { type CallList, type WidgetCallToken } from '@ccx/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Rig, startRig, until } from './support/contact-center-rig.js';
import { hangupCallerInPage, placeCallInPage } from './support/softphone-page.js';

/**
 * The click-to-call widget's visitor: an anonymous call token for one entry point, good for
 * calling that number from a browser and nothing else, rate limited per address. The call
 * is a real one: SIP.js in Chromium over /sip with WebRTC, answered by the IVR.
 */
describe('widget call tokens', () => {
  let rig: Rig;

  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => {
    await rig?.close();
  });

  const token = (entryPoint: unknown) => rig.api.call<WidgetCallToken>('POST', '/api/widget/call-token', { body: { entryPoint } });

  it('gives a visitor a credential for the entry point of a published flow, by name or number, and refuses others', async () => {
    const main = await token('main-ivr');
    expect(main.status).toBe(201);
    expect(main.body).toMatchObject({ dial: '1000', webSocketPath: '/sip', sipUri: expect.stringMatching(/^sip:widget\.1000\.[\w-]+@/) });
    expect(Date.parse(main.body.expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
    const byNumber = await token('1001');
    expect(byNumber.body).toMatchObject({ dial: '1001', sipUri: expect.stringMatching(/^sip:widget\.1001\./) });
    // Each visitor is someone new.
    expect((await token('main-ivr')).body.sipUri).not.toBe(main.body.sipUri);

    expect((await token('no-such-flow')).status).toBe(404);
    expect((await token('2001')).status).toBe(404); // an agent's extension is no entry point
    const bad = await token('../admin');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'request/invalid', issues: [expect.objectContaining({ path: 'entryPoint' })] });
    expect((await rig.api.call('POST', '/api/widget/call-token', { body: {} })).status).toBe(400);
  });

  it('lets the visitor call that entry point from the browser, answered by the IVR, and no other number', async () => {
    const { body: credential } = await token('main-ivr');
    const page = await rig.newPage();
    const caller = {
      server: `${rig.server.url.replace('http', 'ws')}${credential.webSocketPath}`,
      sipUri: credential.sipUri,
      authorizationUsername: credential.authorizationUsername,
      password: credential.password,
      toneHz: 600,
    };
    // Another public number with this token: refused by the gateway before any call exists.
    expect(await page.evaluate(placeCallInPage, { ...caller, to: '1001' })).toBe('403');
    expect(await page.evaluate(placeCallInPage, { ...caller, to: '1000' })).toBe('Established');

    const supervisor = await rig.api.login('supervisor', 'super123!');
    const visitorUser = credential.sipUri.slice('sip:'.length, credential.sipUri.indexOf('@'));
    const call = await until('the web call in the call log', async () => {
      const list = (await rig.api.call<CallList>('GET', '/api/calls', { token: supervisor.accessToken })).body;
      return list.calls.find((c) => c.callerNumber === visitorUser);
    });
    expect(call).toMatchObject({ channel: 'web', direction: 'inbound', dialedNumber: '1000', entryPoint: 'main-ivr' });
    await page.evaluate(hangupCallerInPage);
    await until('the web call ended', async () => {
      const list = (await rig.api.call<CallList>('GET', '/api/calls', { token: supervisor.accessToken })).body;
      return list.calls.find((c) => c.id === call.id && c.status === 'ended');
    });
  }, 30_000);

  it('limits how many tokens one address takes a minute, saying when to come back', async () => {
    const answers = [];
    for (let i = 0; i < 12; i++) answers.push(await token('main-ivr'));
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused).toBeDefined();
    // Ten a minute per address; this file's earlier tests took some of them.
    expect(answers.filter((a) => a.status === 201).length).toBeLessThanOrEqual(10);
    expect(refused.body).toMatchObject({ code: 'request/rate-limited', retryAfterSeconds: expect.any(Number) });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

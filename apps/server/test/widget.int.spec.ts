import { type CallEvent, type CallList, type WidgetCallStatus, type WidgetCallToken, type WidgetServerToClientEvents } from '@ccx/contracts';
import { mintCredential } from '@ccx/media-gateway';
import { io, type Socket } from 'socket.io-client';
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

  /** The visitor's status channel: connects with the credential, or fails with the refusal's code. */
  function statusChannel(auth: unknown): Promise<{ socket: Socket<WidgetServerToClientEvents>; seen: WidgetCallStatus[] } | { refused: string }> {
    const socket: Socket<WidgetServerToClientEvents> = io(`${rig.server.url}/widget`, { auth: auth as object, transports: ['websocket'], reconnection: false, forceNew: true });
    const seen: WidgetCallStatus[] = [];
    socket.on('widget:status', (status) => seen.push(status));
    return new Promise((resolve) => {
      socket.once('connect', () => resolve({ socket, seen }));
      socket.once('connect_error', (error) => {
        socket.close();
        resolve({ refused: error.message });
      });
    });
  }
  const credentialOf = (t: WidgetCallToken) => ({ authorizationUsername: t.authorizationUsername, password: t.password });
  const callerOf = (t: WidgetCallToken) => ({
    server: `${rig.server.url.replace('http', 'ws')}${t.webSocketPath}`,
    sipUri: t.sipUri,
    authorizationUsername: t.authorizationUsername,
    password: t.password,
    toneHz: 600,
    to: t.dial,
  });

  it("tells a visitor their own call's status, and refuses a forged, expired or missing credential", async () => {
    const mine = (await token('main-ivr')).body;
    const theirs = (await token('main-ivr')).body;
    const secret = rig.server.config.sip.credentialSecret;
    const sipUser = mine.sipUri.slice('sip:'.length, mine.sipUri.indexOf('@'));

    expect(await statusChannel({})).toEqual({ refused: 'auth/unauthenticated' });
    expect(await statusChannel({ authorizationUsername: mine.authorizationUsername, password: theirs.password })).toEqual({ refused: 'auth/unauthenticated' });
    const expired = mintCredential(secret, sipUser, -10);
    expect(await statusChannel({ authorizationUsername: expired.authorizationUsername, password: expired.password })).toEqual({ refused: 'auth/unauthenticated' });
    // A genuine credential of an agent is no visitor's.
    const agent = mintCredential(secret, '2001', 60);
    expect(await statusChannel({ authorizationUsername: agent.authorizationUsername, password: agent.password })).toEqual({ refused: 'auth/unauthenticated' });

    const channel = await statusChannel(credentialOf(mine));
    const other = await statusChannel(credentialOf(theirs));
    if ('refused' in channel || 'refused' in other) throw new Error('a genuine credential was refused');
    await until('the status before any call', () => channel.seen.length > 0);
    expect(channel.seen).toEqual([{ phase: 'waiting' }]);

    const page = await rig.newPage();
    expect(await page.evaluate(placeCallInPage, callerOf(mine))).toBe('Established');
    await until('the IVR status', () => channel.seen.some((s) => s.phase === 'ivr'));
    await page.evaluate(hangupCallerInPage);
    await until('the ended status', () => channel.seen.some((s) => s.phase === 'ended'));
    // The other visitor heard nothing of this call.
    expect(other.seen).toEqual([{ phase: 'waiting' }]);
    channel.socket.close();
    other.socket.close();
    await page.close();
  }, 30_000);

  it('books a callback for a visitor waiting in the queue, at a valid number only', async () => {
    const visitor = (await token('1001')).body; // straight to the Support queue
    const callback = (body: Record<string, unknown>) => rig.api.call('POST', '/api/widget/callback', { body: { ...credentialOf(visitor), ...body } });

    const badNumber = await callback({ number: 'call me maybe' });
    expect(badNumber.status).toBe(400);
    expect(badNumber.body).toMatchObject({ code: 'request/invalid', issues: [expect.objectContaining({ path: 'number' })] });
    expect((await callback({ number: '+14155550100', password: 'forged' })).status).toBe(401);
    expect((await callback({ number: '+14155550100' })).status).toBe(404); // no call yet

    const channel = await statusChannel(credentialOf(visitor));
    if ('refused' in channel) throw new Error('a genuine credential was refused');
    const page = await rig.newPage();
    expect(await page.evaluate(placeCallInPage, callerOf(visitor))).toBe('Established');
    await until('queued', () => channel.seen.find((s) => s.phase === 'queued'), 15_000);

    const booked = await callback({ number: '+14155550100' });
    expect(booked).toMatchObject({ status: 201, body: { number: '+14155550100' } });
    await until('the callback on the status channel', () => channel.seen.find((s) => s.phase === 'callback-booked' && s.number === '+14155550100'));
    // Once booked, the call no longer waits: a second request is refused.
    expect((await callback({ number: '+14155550100' })).status).toBe(409);

    const admin = await rig.api.login('admin', 'admin123!');
    const list = (await rig.api.call<CallList>('GET', '/api/calls', { token: admin.accessToken })).body;
    const sipUser = visitor.sipUri.slice('sip:'.length, visitor.sipUri.indexOf('@'));
    const call = list.calls.find((c) => c.callerNumber === sipUser)!;
    const timeline = await until('the callback on the timeline', async () => {
      const events = (await rig.api.call<{ events: CallEvent[] }>('GET', `/api/calls/${call.id}/events`, { token: admin.accessToken })).body.events;
      return events.some((e) => e.type === 'callback.requested') && events;
    });
    expect(timeline.find((e) => e.type === 'callback.requested')).toMatchObject({ data: { number: '+14155550100' } });
    channel.socket.close();
    await page.close();
  }, 40_000);

  describe('the identity a page declares for its visitor', () => {
    const tokenFor = (body: Record<string, unknown>) => rig.api.call<WidgetCallToken>('POST', '/api/widget/call-token', { body: { entryPoint: '1001', ...body } });

    /** Places a web call to the Support line (lookup by caller, then the queue) and answers its timeline once past the lookup. */
    async function timelineOfWebCall(t: WidgetCallToken): Promise<CallEvent[]> {
      const admin = await rig.api.login('admin', 'admin123!');
      const sipUser = t.sipUri.slice('sip:'.length, t.sipUri.indexOf('@'));
      const page = await rig.newPage();
      expect(await page.evaluate(placeCallInPage, callerOf(t))).toBe('Established');
      const call = await until('the web call in the call log', async () => {
        const list = (await rig.api.call<CallList>('GET', '/api/calls', { token: admin.accessToken })).body;
        return list.calls.find((c) => c.callerNumber === sipUser);
      });
      const events = await until('past the CRM lookup', async () => {
        const all = (await rig.api.call<{ events: CallEvent[] }>('GET', `/api/calls/${call.id}/events`, { token: admin.accessToken })).body.events;
        return all.some((e) => e.type === 'ivr.node-entered' && e.data.nodeId === 'to-support') && all;
      });
      await page.evaluate(hangupCallerInPage);
      await page.close();
      return events;
    }
    const matches = (events: CallEvent[]) => events.filter((e) => e.type === 'crm.matched').map((e) => e.data);

    it('refuses a bad declared identity with 400 naming the field', async () => {
      for (const [visitor, path] of [
        [{ phone: 'call me' }, 'visitor.phone'],
        [{ email: 'bob at example' }, 'visitor.email'],
        [{ email: `${'b'.repeat(250)}@example.com` }, 'visitor.email'],
        [{ phone: '+14155550102', name: 'Bob' }, 'visitor'],
        ['+14155550102', 'visitor'],
      ] as const) {
        const answer = await tokenFor({ visitor });
        expect(answer.status).toBe(400);
        expect(answer.body).toMatchObject({ code: 'request/invalid', issues: [expect.objectContaining({ path })] });
      }
    });

    it('finds the customer by the declared phone number, else by the e-mail in any case, and records it as the web visitor\'s', async () => {
      const prisma = rig.server.database.prisma;
      const bob = await prisma.customer.findFirstOrThrow({ where: { phoneNumber: '+14155550102' } });
      const carmen = await prisma.customer.update({ where: { accountNumber: '10004' }, data: { email: 'carmen.diaz@example.com' } });

      const byPhone = await tokenFor({ visitor: { phone: '+14155550102' } });
      expect(byPhone.status).toBe(201);
      expect(matches(await timelineOfWebCall(byPhone.body))).toEqual([{ customerId: bob.id, matchedBy: 'web-visitor' }]);

      // No customer has this number: the e-mail decides.
      const byEmail = await tokenFor({ visitor: { phone: '+14155559876', email: 'Carmen.Diaz@Example.COM' } });
      expect(byEmail.status).toBe(201);
      expect(matches(await timelineOfWebCall(byEmail.body))).toEqual([{ customerId: carmen.id, matchedBy: 'web-visitor' }]);
    }, 60_000);

    it('finds no customer for a visitor whose page declared nobody', async () => {
      const anonymous = await tokenFor({});
      expect(anonymous.status).toBe(201);
      const events = await timelineOfWebCall(anonymous.body);
      expect(events.find((e) => e.type === 'ivr.node-entered' && e.data.nodeId === 'lookup-caller')).toBeDefined();
      expect(matches(events)).toEqual([]);
    }, 30_000);
  });

  it('may be called from any web site (the widget is embedded cross-origin), and no other API is opened', async () => {
    const preflight = await fetch(`${rig.server.url}/api/widget/call-token`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('content-type');
    const answer = await fetch(`${rig.server.url}/api/widget/callback`, {
      method: 'POST',
      headers: { origin: 'https://shop.example', 'content-type': 'application/json' },
      body: JSON.stringify({ number: '123' }),
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    const other = await fetch(`${rig.server.url}/api/users`, { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'GET' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

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

import { type GatewayEvent } from '@ccx/contracts';
import { describe, expect, it } from 'vitest';
import { createSipStack } from '../sip-stack.js';
import { digestResponse, mintCredential } from '../sip/digest.js';
import { parseSipMessage, type SipRequest, type SipResponse } from '../sip/message.js';
import { RecordingConnection, sipRequest } from '../sip/test-support.js';
import { FakeScheduler, T1 } from '../sip/timers.js';
import { type MediaBackend, MediaBackendError, MediaBackendErrorCode, type MediaEndpointEvents, type MediaPlacement } from './media-backend.js';

const SECRET = 'call-test-secret-call-test-secret-call';
const NOW = Date.UTC(2026, 10, 22, 9, 0, 0);
const OFFER = 'v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n';

/** Media that answers every offer at once and remembers what happened to it. */
class FakeMedia implements MediaBackend {
  closed = 0;
  digitsSent: string[] = [];
  events: MediaEndpointEvents | null = null;
  held = false;
  /** The next answer() rejects with this. */
  failNext: Error | null = null;
  /** The placement group each answer() and offer() was asked for, in order. */
  placements: (string | undefined)[] = [];
  async answer(_offer: string, kind: string, events: MediaEndpointEvents, placement?: MediaPlacement) {
    this.events = events;
    this.placements.push(placement?.group);
    const failure = this.failNext;
    this.failNext = null;
    if (failure) throw failure;
    const heldByRemote = () => this.held;
    return {
      answer: `v=0\r\ns=${kind}-answer\r\n`,
      endpoint: {
        id: 'm1',
        get heldByRemote() {
          return heldByRemote();
        },
        reoffer: async (sdp: string) => {
          this.held = /a=sendonly/.test(sdp);
          return 'v=0\r\ns=reanswer\r\n';
        },
        sendFrame: () => undefined,
        sendDigits: async (digits: string) => {
          this.digitsSent.push(digits);
          return true;
        },
        close: () => this.closed++,
      },
    };
  }
  accepted: string[] = [];
  async offer(kind: string, events: MediaEndpointEvents, placement?: MediaPlacement) {
    const { endpoint } = await this.answer('', kind, events, placement);
    return { endpoint, offer: `v=0\r\ns=${kind}-offer\r\n`, accept: async (answer: string) => void this.accepted.push(answer) };
  }
}

function setup() {
  const scheduler = new FakeScheduler(NOW);
  const media = new FakeMedia();
  const events: GatewayEvent[] = [];
  const stack = createSipStack(
    { registrar: { realm: 'ccx.invalid', secret: SECRET }, calls: { publicNumbers: ['1000', '1001'], setupTimeoutMs: 60_000 }, udpSentBy: '203.0.113.5:5060' },
    scheduler,
    media,
    (e) => events.push(e),
  );
  const trunk = new RecordingConnection('udp:192.0.2.1:5060', 'UDP', '192.0.2.1', 5060);
  const browser = new RecordingConnection('ws:b1', 'WS', '198.51.100.20', 50000);
  const invite = (to: string, extra: string[] = [], branch = 'z9hG4bKinv') =>
    sipRequest(
      [
        `INVITE sip:${to}@ccx.invalid SIP/2.0`,
        `Via: SIP/2.0/UDP 192.0.2.1:5060;branch=${branch}`,
        'From: <sip:+14155550102@192.0.2.1>;tag=caller',
        `To: <sip:${to}@ccx.invalid>`,
        'Call-ID: trunk-call-1',
        'CSeq: 1 INVITE',
        'Contact: <sip:caller@192.0.2.1:5060>',
        'Max-Forwards: 70',
        'Content-Type: application/sdp',
        ...extra,
      ],
      OFFER,
    );
  const inDialog = (method: string, cseq: number, toTag: string, body = '', extra: string[] = []) =>
    sipRequest(
      [
        `${method} sip:gateway@gateway.invalid SIP/2.0`,
        `Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK${method}${cseq}`,
        'From: <sip:+14155550102@192.0.2.1>;tag=caller',
        `To: <sip:1000@ccx.invalid>;tag=${toTag}`,
        'Call-ID: trunk-call-1',
        `CSeq: ${cseq} ${method}`,
        'Max-Forwards: 70',
        ...extra,
      ],
      body,
    );
  const statuses = (connection: RecordingConnection) =>
    connection.sent.map((b) => parseSipMessage(b)).filter((m): m is SipResponse => m.type === 'response').map((m) => m.status);
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  return { scheduler, media, events, stack, trunk, browser, invite, inDialog, statuses, flush };
}

describe('CallManager', () => {
  it('takes a trunk call to a DID through ringing, answer, ACK and the caller’s BYE', async () => {
    const { stack, trunk, invite, inDialog, events, statuses, flush, scheduler, media } = setup();
    stack.endpoint.receive(invite('1000'), trunk);
    expect(statuses(trunk)).toEqual([100]);
    const incoming = events[0]!;
    expect(incoming).toMatchObject({ event: 'incoming', channel: 'trunk', from: '+14155550102', to: '1000', sipUser: null });
    const legId = (incoming as { legId: string }).legId;

    stack.calls.ring(legId);
    await stack.calls.answer(legId);
    await flush();
    const ok = trunk.last() as SipResponse;
    expect(ok.status).toBe(200);
    expect(ok.body.toString()).toBe('v=0\r\ns=rtp-answer\r\n');
    // The trunk sends its BYE to this Contact: our real UDP address, not a placeholder.
    expect(ok.headers.get('contact')).toBe('<sip:gateway@203.0.113.5:5060>');
    const toTag = /tag=(\w+)/.exec(ok.headers.get('to')!)![1]!;

    scheduler.advance(T1); // no ACK yet: the 200 is sent again
    expect(statuses(trunk)).toEqual([100, 180, 200, 200]);
    stack.endpoint.receive(inDialog('ACK', 1, toTag), trunk);
    scheduler.advance(10 * T1);
    expect(statuses(trunk)).toEqual([100, 180, 200, 200]);

    stack.endpoint.receive(inDialog('BYE', 2, toTag), trunk);
    expect(statuses(trunk).at(-1)).toBe(200);
    expect(events.map((e) => e.event)).toEqual(['incoming', 'ringing', 'answered', 'hangup']);
    expect(events.at(-1)).toMatchObject({ cause: 'remote-bye' });
    expect(media.closed).toBe(1);
    expect(stack.calls.activeLegs).toBe(0);
  });

  it('answers a trunk INVITE to an unknown number with 404 and tells nobody', () => {
    const { stack, trunk, invite, events, statuses } = setup();
    stack.endpoint.receive(invite('5555'), trunk);
    expect(statuses(trunk)).toEqual([404]);
    expect(events).toEqual([]);
  });

  it('takes the numbers the server publishes in place of the ones it started with', () => {
    const { stack, trunk, invite, events, statuses } = setup();
    stack.calls.setPublicNumbers(['5555']);
    stack.endpoint.receive(invite('1000', [], 'z9hG4bKold'), trunk);
    expect(statuses(trunk)).toEqual([404]);
    stack.endpoint.receive(invite('5555', [], 'z9hG4bKnew'), trunk);
    expect(statuses(trunk)).toEqual([404, 100]);
    expect(events[0]).toMatchObject({ event: 'incoming', to: '5555' });
  });

  it('challenges a browser’s INVITE and accepts it with the caller’s own credential', () => {
    const { stack, browser, events, statuses } = setup();
    const credential = mintCredential(SECRET, '2001', 600, NOW);
    const browserInvite = (authorization?: string) =>
      sipRequest(
        [
          'INVITE sip:1001@ccx.invalid SIP/2.0',
          `Via: SIP/2.0/WS abc.invalid;branch=z9hG4bK${authorization ? 'b2' : 'b1'}`,
          'From: <sip:2001@ccx.invalid>;tag=agent',
          'To: <sip:1001@ccx.invalid>',
          'Call-ID: web-call-1',
          `CSeq: ${authorization ? 2 : 1} INVITE`,
          'Contact: <sip:x@abc.invalid;transport=ws>',
          'Max-Forwards: 70',
          'Content-Type: application/sdp',
          ...(authorization ? [`Proxy-Authorization: ${authorization}`] : []),
        ],
        OFFER,
      );
    stack.endpoint.receive(browserInvite(), browser);
    const challenge = browser.last() as SipResponse;
    expect(challenge.status).toBe(407);
    const nonce = /nonce="([^"]+)"/.exec(challenge.headers.get('proxy-authenticate')!)![1]!;
    const response = digestResponse({ username: credential.authorizationUsername, password: credential.password, realm: 'ccx.invalid', nonce, method: 'INVITE', uri: 'sip:1001@ccx.invalid', nc: '00000001', cnonce: 'cn' });
    stack.endpoint.receive(
      browserInvite(`Digest username="${credential.authorizationUsername}", realm="ccx.invalid", nonce="${nonce}", uri="sip:1001@ccx.invalid", response="${response}", algorithm=MD5, qop=auth, nc=00000001, cnonce="cn"`),
      browser,
    );
    expect(statuses(browser)).toEqual([407, 100]);
    expect(events[0]).toMatchObject({ event: 'incoming', channel: 'web', sipUser: '2001', to: '1001' });
  });

  /** A widget visitor's INVITE to `to`, answered with the digest of a credential for `sipUser`; the final status. */
  function visitorCall(stack: ReturnType<typeof setup>['stack'], browser: ReturnType<typeof setup>['browser'], sipUser: string, to: string, branch: string): number {
    const credential = mintCredential(SECRET, sipUser, 600, NOW);
    const lines = (authorization?: string) => [
      `INVITE sip:${to}@ccx.invalid SIP/2.0`,
      `Via: SIP/2.0/WS abc.invalid;branch=z9hG4bK${branch}${authorization ? 'b' : 'a'}`,
      `From: <sip:${sipUser}@ccx.invalid>;tag=visitor`,
      `To: <sip:${to}@ccx.invalid>`,
      `Call-ID: widget-${branch}`,
      `CSeq: ${authorization ? 2 : 1} INVITE`,
      'Contact: <sip:v@abc.invalid;transport=ws>',
      'Max-Forwards: 70',
      'Content-Type: application/sdp',
      ...(authorization ? [`Proxy-Authorization: ${authorization}`] : []),
    ];
    stack.endpoint.receive(sipRequest(lines(), OFFER), browser);
    const nonce = /nonce="([^"]+)"/.exec((browser.last() as SipResponse).headers.get('proxy-authenticate')!)![1]!;
    const uri = `sip:${to}@ccx.invalid`;
    const response = digestResponse({ username: credential.authorizationUsername, password: credential.password, realm: 'ccx.invalid', nonce, method: 'INVITE', uri, nc: '00000001', cnonce: 'cn' });
    const authorization = `Digest username="${credential.authorizationUsername}", realm="ccx.invalid", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=MD5, qop=auth, nc=00000001, cnonce="cn"`;
    stack.endpoint.receive(sipRequest(lines(authorization), OFFER), browser);
    return (browser.last() as SipResponse).status;
  }

  it('lets a widget visitor call an entry number, and nothing else', () => {
    const { stack, browser, events } = setup();
    expect(visitorCall(stack, browser, 'widget.v1', '2001', 'agent')).toBe(403); // an agent's extension: not for visitors
    expect(events).toEqual([]);
    expect(visitorCall(stack, browser, 'widget.v1', '1000', 'ivr')).toBe(100);
    expect(events[0]).toMatchObject({ event: 'incoming', channel: 'web', sipUser: 'widget.v1', to: '1000' });
  });

  it('holds a visitor whose credential names an entry number to that number, though others are public too', () => {
    const { stack, browser, events } = setup();
    expect(visitorCall(stack, browser, 'widget.1000.v2', '1001', 'other')).toBe(403);
    expect(events).toEqual([]);
    expect(visitorCall(stack, browser, 'widget.1000.v2', '1000', 'own')).toBe(100);
    expect(events[0]).toMatchObject({ event: 'incoming', channel: 'web', sipUser: 'widget.1000.v2', to: '1000' });
  });

  it('ends a call cancelled before the answer: 200 for the CANCEL, 487 for the INVITE', () => {
    const { stack, trunk, invite, events, statuses } = setup();
    stack.endpoint.receive(invite('1000'), trunk);
    stack.endpoint.receive(
      sipRequest(['CANCEL sip:1000@ccx.invalid SIP/2.0', 'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKinv', 'From: <sip:+14155550102@192.0.2.1>;tag=caller', 'To: <sip:1000@ccx.invalid>', 'Call-ID: trunk-call-1', 'CSeq: 1 CANCEL', 'Max-Forwards: 70']),
      trunk,
    );
    expect(statuses(trunk)).toEqual([100, 200, 487]);
    expect(events.at(-1)).toMatchObject({ event: 'hangup', cause: 'cancelled' });
    // The 200 for the CANCEL and the 487 for the INVITE speak for one To tag (RFC 3261 9.2).
    const tags = trunk.sent.map((b) => parseSipMessage(b)).filter((m) => m.type === 'response' && m.status >= 200).map((m) => /tag=(\w+)/.exec(m.headers.get('to')!)?.[1]);
    expect(tags[0]).toBeDefined();
    expect(tags[1]).toBe(tags[0]);
  });

  it('sends BYE when the server hangs up an answered call, and reports digits from SIP INFO and holds', async () => {
    const { stack, trunk, invite, inDialog, events, flush } = setup();
    stack.endpoint.receive(invite('1000'), trunk);
    const legId = (events[0] as { legId: string }).legId;
    await stack.calls.answer(legId);
    await flush();
    const toTag = /tag=(\w+)/.exec((trunk.last() as SipResponse).headers.get('to')!)![1]!;
    stack.endpoint.receive(inDialog('ACK', 1, toTag), trunk);
    stack.endpoint.receive(inDialog('INFO', 2, toTag, 'Signal=5\r\nDuration=160\r\n', ['Content-Type: application/dtmf-relay']), trunk);
    stack.endpoint.receive(inDialog('INVITE', 3, toTag, OFFER.replace('a=rtpmap', 'a=sendonly\r\na=rtpmap'), ['Content-Type: application/sdp']), trunk);
    await flush();
    stack.calls.hangup(legId);
    const bye = trunk.sent.map((b) => parseSipMessage(b)).find((m) => m.type === 'request' && m.method === 'BYE');
    expect(bye).toBeDefined();
    expect(events.map((e) => e.event)).toEqual(['incoming', 'answered', 'digit', 'held', 'hangup']);
    expect(events[2]).toMatchObject({ digit: '5', source: 'info', durationMs: 160 });
    expect(events[3]).toMatchObject({ held: true });
    expect(events[4]).toMatchObject({ cause: 'local' });
  });

  it('sends key presses to an answered leg only', async () => {
    const { stack, trunk, invite, inDialog, events, media, flush } = setup();
    stack.endpoint.receive(invite('1000'), trunk);
    const legId = (events[0] as { legId: string }).legId;
    await expect(stack.calls.sendDigits(legId, '12', 100)).rejects.toThrow(/is incoming/);
    await stack.calls.answer(legId);
    await flush();
    const toTag = /tag=(\w+)/.exec((trunk.last() as SipResponse).headers.get('to')!)![1]!;
    stack.endpoint.receive(inDialog('ACK', 1, toTag), trunk);
    expect(await stack.calls.sendDigits(legId, '12#', 100)).toBe(true);
    expect(media.digitsSent).toEqual(['12#']);
  });

  it('gives up on a leg nobody answers, and on a 2xx never acknowledged', async () => {
    const { stack, trunk, invite, events, statuses, scheduler, flush } = setup();
    stack.endpoint.receive(invite('1000'), trunk);
    scheduler.advance(60_000);
    expect(statuses(trunk)).toEqual([100, 480]);
    expect(events.at(-1)).toMatchObject({ event: 'hangup', cause: 'setup-timeout' });

    stack.endpoint.receive(invite('1001', [], 'z9hG4bKinv2'), trunk);
    const legId = (events.at(-1) as { legId: string }).legId;
    await stack.calls.answer(legId);
    await flush();
    scheduler.advance(64 * T1);
    expect(events.at(-1)).toMatchObject({ event: 'hangup', cause: 'failure' });
  });

  it('places the media of a leg answered near another in that leg\'s group, and so on down a chain', async () => {
    const { stack, trunk, invite, events, media } = setup();
    const legIds: string[] = [];
    for (const branch of ['z9hG4bKa', 'z9hG4bKb', 'z9hG4bKc']) {
      stack.endpoint.receive(invite('1000', [], branch), trunk);
      legIds.push((events.at(-1) as { legId: string }).legId);
    }
    const [first, second, third] = legIds as [string, string, string];
    await stack.calls.answer(first);
    await stack.calls.answer(second, first);
    await stack.calls.answer(third, second);
    expect(media.placements).toEqual([first, first, first]);
  });

  it('answers 503 with Retry-After when the media refuses the setup as overloaded, and 488 when it fails', async () => {
    const { stack, trunk, invite, events, statuses, media } = setup();
    stack.endpoint.receive(invite('1000'), trunk);
    media.failNext = new MediaBackendError(MediaBackendErrorCode.Overloaded, 'setup queue full', 7);
    await stack.calls.answer((events[0] as { legId: string }).legId);
    const refused = trunk.last() as SipResponse;
    expect(refused.status).toBe(503);
    expect(refused.reason).toBe('Service Unavailable');
    expect(refused.headers.get('retry-after')).toBe('7');
    expect(events.at(-1)).toMatchObject({ event: 'hangup', cause: 'failure' });

    stack.endpoint.receive(invite('1001', [], 'z9hG4bKinv2'), trunk);
    media.failNext = new Error('no common codec');
    await stack.calls.answer((events.at(-1) as { legId: string }).legId);
    expect(statuses(trunk)).toEqual([100, 503, 100, 488]);
    expect(trunk.sent.map((b) => parseSipMessage(b)).some((m) => m.type === 'request' && m.method === 'BYE')).toBe(false);
    expect(stack.calls.activeLegs).toBe(0);
  });

  it('hangs up with BYE and reports the cause when the media of an answered call dies', async () => {
    const { stack, trunk, invite, inDialog, events, flush, media } = setup();
    stack.endpoint.receive(invite('1000'), trunk);
    const legId = (events[0] as { legId: string }).legId;
    await stack.calls.answer(legId);
    await flush();
    const toTag = /tag=(\w+)/.exec((trunk.last() as SipResponse).headers.get('to')!)![1]!;
    stack.endpoint.receive(inDialog('ACK', 1, toTag), trunk);
    media.events!.failed('media-timeout');
    const bye = trunk.sent.map((b) => parseSipMessage(b)).find((m) => m.type === 'request' && m.method === 'BYE');
    expect(bye).toBeDefined();
    expect(events.at(-1)).toMatchObject({ event: 'hangup', legId, cause: 'media-timeout' });
    expect(media.closed).toBe(1);
    expect(stack.calls.activeLegs).toBe(0);
  });

  it('keeps a browser’s call when its WebSocket drops and moves the dialog to the connection it comes back on', async () => {
    const { stack, browser, events, flush } = setup();
    expect(visitorCall(stack, browser, 'widget.1000.v9', '1000', 'back')).toBe(100);
    const legId = (events[0] as { legId: string }).legId;
    await stack.calls.answer(legId);
    await flush();
    const toTag = /tag=(\w+)/.exec((browser.last() as SipResponse).headers.get('to')!)![1]!;
    const request = (method: string, cseq: number, body = '') =>
      sipRequest(
        [
          `${method} sip:gateway@gateway.invalid SIP/2.0`,
          `Via: SIP/2.0/WS abc.invalid;branch=z9hG4bK${method}${cseq}r`,
          'From: <sip:widget.1000.v9@ccx.invalid>;tag=visitor',
          `To: <sip:1000@ccx.invalid>;tag=${toTag}`,
          'Call-ID: widget-back',
          `CSeq: ${cseq} ${method}`,
          'Max-Forwards: 70',
          ...(body ? ['Content-Type: application/sdp'] : []),
        ],
        body,
      );
    stack.endpoint.receive(request('ACK', 2), browser);

    // Another connection that knows the dialog cannot take it while the browser's is alive.
    const intruder = new RecordingConnection('ws:intruder', 'WS', '203.0.113.66', 50001);
    stack.endpoint.receive(request('INVITE', 3, OFFER), intruder);
    await flush();
    stack.endpoint.receive(request('ACK', 3), intruder);

    stack.endpoint.connectionClosed(browser);
    expect(stack.calls.activeLegs).toBe(1);
    const back = new RecordingConnection('ws:b2', 'WS', '198.51.100.20', 50002);
    stack.endpoint.receive(request('INVITE', 4, OFFER), back);
    await flush();
    expect((back.last() as SipResponse).status).toBe(200);
    stack.endpoint.receive(request('ACK', 4), back);

    stack.calls.hangup(legId);
    const byes = (connection: RecordingConnection) => connection.sent.map((b) => parseSipMessage(b)).filter((m) => m.type === 'request' && m.method === 'BYE');
    expect(byes(back)).toHaveLength(1);
    expect(byes(browser)).toHaveLength(0);
    expect(byes(intruder)).toHaveLength(0);
    expect(events.at(-1)).toMatchObject({ event: 'hangup', legId, cause: 'local' });
  });

  it('refuses commands for legs it does not know or in the wrong state', async () => {
    const { stack } = setup();
    expect(() => stack.calls.ring('leg-nope')).toThrow(/no leg/);
    await expect(stack.calls.answer('leg-nope')).rejects.toThrow(/no leg/);
  });

  it('calls out: INVITE with our offer, ringing, the answer acknowledged, and the far end’s BYE', async () => {
    const { stack, browser, events, media, flush } = setup();
    const target = { connection: browser, requestUri: 'sip:x@abc.invalid;transport=ws', toUri: '<sip:2001@ccx.invalid>', channel: 'web' as const };
    await stack.calls.originate('out-1', target, '1001', 'ccx.invalid', 30_000);
    const invite = parseSipMessage(browser.sent[0]!) as SipRequest;
    expect(invite).toMatchObject({ method: 'INVITE', uri: 'sip:x@abc.invalid;transport=ws' });
    expect(invite.body.toString()).toBe('v=0\r\ns=webrtc-offer\r\n');
    const reply = (status: number, reason: string, body = '') =>
      sipRequestLike(invite, status, reason, body);
    stack.endpoint.receive(reply(180, 'Ringing'), browser);
    stack.endpoint.receive(reply(200, 'OK', 'v=0\r\ns=browser-answer\r\n'), browser);
    await flush();
    const ack = parseSipMessage(browser.sent.at(-1)!) as SipRequest;
    expect(ack.method).toBe('ACK');
    expect(ack.headers.get('cseq')).toBe(invite.headers.get('cseq')!.replace('INVITE', 'ACK'));
    expect(ack.uri).toBe('sip:answerer@abc.invalid;transport=ws');
    expect(media.accepted).toEqual(['v=0\r\ns=browser-answer\r\n']);
    expect(events.map((e) => e.event)).toEqual(['ringing', 'answered']);

    stack.endpoint.receive(
      sipRequest([
        'BYE sip:gateway@gateway.invalid;transport=ws SIP/2.0',
        'Via: SIP/2.0/WS abc.invalid;branch=z9hG4bKbye1',
        `From: <sip:2001@ccx.invalid>;tag=answerer-tag`,
        `To: ${invite.headers.get('from')}`,
        `Call-ID: ${invite.headers.get('call-id')}`,
        'CSeq: 5 BYE',
        'Max-Forwards: 70',
      ]),
      browser,
    );
    expect(events.at(-1)).toMatchObject({ event: 'hangup', legId: 'out-1', cause: 'remote-bye' });
  });

  it('acknowledges again a 2xx the trunk repeats because our ACK was lost, and answers the call once', async () => {
    const { stack, trunk, events, flush } = setup();
    const target = { connection: trunk, requestUri: 'sip:5550100@192.0.2.1:5060', toUri: '<sip:5550100@192.0.2.1>', channel: 'trunk' as const };
    await stack.calls.originate('out-3', target, '1000', 'ccx.invalid', 30_000);
    const invite = parseSipMessage(trunk.sent[0]!) as SipRequest;
    expect(invite.headers.get('contact')).toBe('<sip:gateway@203.0.113.5:5060>');
    const ok = sipRequestLike(invite, 200, 'OK', 'v=0\r\ns=trunk-answer\r\n');
    stack.endpoint.receive(ok, trunk);
    await flush();
    const acks = () => trunk.sent.map((b) => parseSipMessage(b)).filter((m) => m.type === 'request' && m.method === 'ACK');
    expect(acks()).toHaveLength(1);
    stack.endpoint.receive(ok, trunk);
    stack.endpoint.receive(ok, trunk);
    await flush();
    expect(acks()).toHaveLength(3);
    expect(events.map((e) => e.event)).toEqual(['answered']);
  });

  it('cancels a call out nobody answers before its ring timeout', async () => {
    const { stack, browser, events, scheduler } = setup();
    await stack.calls.originate('out-2', { connection: browser, requestUri: 'sip:x@abc.invalid', toUri: '<sip:2001@ccx.invalid>', channel: 'web' }, '1001', 'ccx.invalid', 15_000);
    const invite = parseSipMessage(browser.sent[0]!) as SipRequest;
    stack.endpoint.receive(sipRequestLike(invite, 180, 'Ringing'), browser);
    scheduler.advance(15_000);
    const cancel = parseSipMessage(browser.sent.at(-1)!) as SipRequest;
    expect(cancel.method).toBe('CANCEL');
    expect(cancel.headers.get('via')).toBe(invite.headers.get('via'));
    expect(events.at(-1)).toMatchObject({ event: 'hangup', legId: 'out-2', cause: 'no-answer' });
  });
});

/** The far end's response to a request we sent, with its To tag and Contact. */
function sipRequestLike(request: SipRequest, status: number, reason: string, body = ''): Buffer {
  const lines = [
    `SIP/2.0 ${status} ${reason}`,
    ...request.headers.getAll('via').map((v) => `Via: ${v}`),
    `From: ${request.headers.get('from')}`,
    `To: ${request.headers.get('to')};tag=answerer-tag`,
    `Call-ID: ${request.headers.get('call-id')}`,
    `CSeq: ${request.headers.get('cseq')}`,
    'Contact: <sip:answerer@abc.invalid;transport=ws>',
    ...(body ? ['Content-Type: application/sdp'] : []),
  ];
  return Buffer.from(`${lines.join('\r\n')}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

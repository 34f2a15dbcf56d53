import { describe, expect, it } from 'vitest';
import { digestResponse, mintCredential, type SipCredential } from './digest.js';
import { type SipResponse } from './message.js';
import { type Binding, DEFAULT_REGISTRAR_OPTIONS, Registrar, type UnregisterReason } from './registrar.js';
import { SipEndpoint } from './sip-endpoint.js';
import { RecordingConnection, sipRequest } from './test-support.js';
import { FakeScheduler } from './timers.js';

const SECRET = 'test-secret-test-secret-test-secret';
const REALM = 'ccx.invalid';
// Credentials are minted against the fake clock's time.
const NOW = Date.UTC(2026, 10, 22, 9, 0, 0);

function setup(overrides: Partial<typeof DEFAULT_REGISTRAR_OPTIONS> = {}) {
  const scheduler = new FakeScheduler(NOW);
  const log: { event: string; binding: Binding; reason?: UnregisterReason }[] = [];
  const registrar = new Registrar({ ...DEFAULT_REGISTRAR_OPTIONS, realm: REALM, secret: SECRET, ...overrides }, scheduler, {
    registered: (binding) => log.push({ event: 'registered', binding }),
    unregistered: (binding, reason) => log.push({ event: 'unregistered', binding, reason }),
  });
  const endpoint = new SipEndpoint(registrar, scheduler);
  let cseq = 1;
  function register(connection: RecordingConnection, user: string, auth?: { credential: SipCredential; nonce: string; tamper?: boolean }, expires = 600): SipResponse {
    const lines = [
      `REGISTER sip:${REALM} SIP/2.0`,
      `Via: SIP/2.0/WSS abc.invalid;branch=z9hG4bK${Math.random().toString(36).slice(2)}`,
      `From: <sip:${user}@${REALM}>;tag=ft`,
      `To: <sip:${user}@${REALM}>`,
      'Call-ID: reg-call-1',
      `CSeq: ${cseq++} REGISTER`,
      'Max-Forwards: 70',
      `Contact: <sip:xyz@abc.invalid;transport=ws>;expires=${expires}`,
    ];
    if (auth) {
      const response = digestResponse({
        username: auth.credential.authorizationUsername,
        password: auth.tamper ? 'guess' : auth.credential.password,
        realm: REALM,
        nonce: auth.nonce,
        method: 'REGISTER',
        uri: `sip:${REALM}`,
        nc: '00000001',
        cnonce: 'c0ffee',
      });
      lines.push(
        `Authorization: Digest username="${auth.credential.authorizationUsername}", realm="${REALM}", nonce="${auth.nonce}", uri="sip:${REALM}", response="${response}", algorithm=MD5, qop=auth, nc=00000001, cnonce="c0ffee"`,
      );
    }
    endpoint.receive(sipRequest(lines), connection);
    return connection.last() as SipResponse;
  }
  const nonceOf = (challenge: SipResponse) => /nonce="([^"]+)"/.exec(challenge.headers.get('www-authenticate')!)![1]!;
  return { scheduler, registrar, endpoint, register, nonceOf, log };
}

describe(Registrar.name, () => {
  it('challenges, then registers a user with a valid credential for their own address', () => {
    const { register, nonceOf, registrar, log } = setup();
    const connection = new RecordingConnection();
    const credential = mintCredential(SECRET, '2001', 300, NOW);
    const challenge = register(connection, '2001');
    expect(challenge.status).toBe(401);
    expect(challenge.headers.get('www-authenticate')).toMatch(/^Digest realm="ccx.invalid", nonce="[^"]+", algorithm=MD5, qop="auth"$/);
    const ok = register(connection, '2001', { credential, nonce: nonceOf(challenge) });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('contact')).toBe('<sip:xyz@abc.invalid;transport=ws>;expires=600');
    expect(registrar.lookup('2001')).toHaveLength(1);
    expect(log.map((l) => l.event)).toEqual(['registered']);
  });

  it('refuses a wrong password, an unknown user and someone else’s address alike, and never registers them', () => {
    const { register, nonceOf, registrar } = setup();
    const connection = new RecordingConnection();
    const nonce = nonceOf(register(connection, '2001'));
    const mine = mintCredential(SECRET, '2001', 300, NOW);
    const forged = mintCredential('another-secret-entirely-another-secret', '9999', 300, NOW);
    const answers = [
      register(connection, '2001', { credential: mine, nonce, tamper: true }),
      register(connection, '9999', { credential: forged, nonce }),
      register(connection, '2002', { credential: mine, nonce }),
    ];
    expect(answers.map((a) => `${a.status} ${a.reason}`)).toEqual(['403 Forbidden', '403 Forbidden', '403 Forbidden']);
    expect(registrar.lookup('2001')).toEqual([]);
    expect(registrar.lookup('2002')).toEqual([]);
  });

  it('refuses to register a widget visitor, whose credential is good for calls to entry numbers only', () => {
    const { register, nonceOf, registrar, log } = setup();
    const connection = new RecordingConnection();
    const credential = mintCredential(SECRET, 'widget.v1', 300, NOW);
    const refused = register(connection, 'widget.v1', { credential, nonce: nonceOf(register(connection, 'widget.v1')) });
    expect(refused.status).toBe(403);
    expect(registrar.lookup('widget.v1')).toEqual([]);
    expect(log).toEqual([]);
  });

  it('refuses an expired credential', () => {
    const { register, nonceOf, scheduler } = setup();
    const connection = new RecordingConnection();
    const credential = mintCredential(SECRET, '2001', 60, NOW);
    scheduler.advance(61_000);
    const nonce = nonceOf(register(connection, '2001'));
    expect(register(connection, '2001', { credential, nonce }).status).toBe(403);
  });

  it('throttles an address after repeated failures, even for a then-correct credential', () => {
    const { register, nonceOf, registrar } = setup({ maxFailuresPerAddress: 3 });
    const attacker = new RecordingConnection('ws:a', 'WS', '198.51.100.66');
    const credential = mintCredential(SECRET, '2001', 300, NOW);
    const nonce = nonceOf(register(attacker, '2001'));
    for (let i = 0; i < 3; i++) register(attacker, '2001', { credential, nonce, tamper: true });
    expect(register(attacker, '2001', { credential, nonce }).status).toBe(403);
    expect(register(attacker, '2001').status).toBe(403); // not even challenged any more
    expect(registrar.lookup('2001')).toEqual([]);
    const colleague = new RecordingConnection('ws:b', 'WS', '198.51.100.7');
    expect(register(colleague, '2001', { credential, nonce }).status).toBe(200);
  });

  it('drops a binding that is not refreshed, keeps one that is, and drops them when the socket closes', () => {
    const { register, nonceOf, registrar, scheduler, endpoint, log } = setup();
    const connection = new RecordingConnection();
    const credential = mintCredential(SECRET, '2001', 3600, NOW);
    const nonce = nonceOf(register(connection, '2001'));
    register(connection, '2001', { credential, nonce }, 120);
    scheduler.advance(100_000);
    register(connection, '2001', { credential, nonce: nonceOf(register(connection, '2001')) }, 120);
    scheduler.advance(100_000);
    expect(registrar.lookup('2001')).toHaveLength(1);
    scheduler.advance(21_000);
    expect(registrar.lookup('2001')).toEqual([]);
    expect(log.at(-1)).toMatchObject({ event: 'unregistered', reason: 'expired' });

    register(connection, '2001', { credential, nonce: nonceOf(register(connection, '2001')) }, 600);
    endpoint.connectionClosed(connection);
    expect(registrar.lookup('2001')).toEqual([]);
    expect(log.at(-1)).toMatchObject({ event: 'unregistered', reason: 'connection-closed' });
  });

  it('answers 423 with Min-Expires for a too-short registration', () => {
    const { register, nonceOf } = setup();
    const connection = new RecordingConnection();
    const credential = mintCredential(SECRET, '2001', 300, NOW);
    const tooBrief = register(connection, '2001', { credential, nonce: nonceOf(register(connection, '2001')) }, 5);
    expect(tooBrief.status).toBe(423);
    expect(tooBrief.headers.get('min-expires')).toBe('60');
  });

  it('asks again with stale=true when the nonce is old', () => {
    const { register, nonceOf, scheduler } = setup();
    const connection = new RecordingConnection();
    const credential = mintCredential(SECRET, '2001', 3600, NOW);
    const nonce = nonceOf(register(connection, '2001'));
    scheduler.advance(301_000);
    const again = register(connection, '2001', { credential, nonce });
    expect(again.status).toBe(401);
    expect(again.headers.get('www-authenticate')).toContain('stale=true');
  });
});

describe(SipEndpoint.name, () => {
  it('answers what a UAS must refuse: unknown scheme 416, unknown method 501, Require 420, hop limit 483', () => {
    const { endpoint } = setup();
    const send = (first: string, extra: string[] = [], method = first.split(' ')[0]!) => {
      const connection = new RecordingConnection();
      endpoint.receive(
        sipRequest([first, 'Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK' + Math.random(), 'From: <sip:a@b.example>;tag=1', 'To: <sip:c@d.example>', 'Call-ID: x', `CSeq: 1 ${method}`, ...extra]),
        connection,
      );
      return (connection.last() as SipResponse).status;
    };
    expect(send('OPTIONS tel:+1555 SIP/2.0')).toBe(416);
    expect(send('SUBSCRIBEX sip:a@b SIP/2.0')).toBe(501);
    expect(send('OPTIONS sip:a@b SIP/2.0', ['Require: nonsense'])).toBe(420);
    expect(send('INVITE sip:a@b SIP/2.0', ['Max-Forwards: 0'])).toBe(483);
    expect(send('OPTIONS sip:a@b SIP/2.0')).toBe(200);
  });

  it('answers garbage that still has a Via with 400 and drops garbage without one', () => {
    const { endpoint } = setup();
    const connection = new RecordingConnection();
    endpoint.receive(Buffer.from('INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\nCSeq: one INVITE\r\n\r\n'), connection);
    expect(connection.sent[0]!.toString()).toMatch(/^SIP\/2.0 400 Bad Request \(missing from header\)\r\n/);
    endpoint.receive(Buffer.from('\x00\x01garbage\r\n\r\n'), connection);
    expect(connection.sent).toHaveLength(1);
    expect(endpoint.stats).toMatchObject({ rejected: 1, dropped: 1 });
  });
});

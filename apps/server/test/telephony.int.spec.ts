import { createSocket } from 'node:dgram';
import { createHash } from 'node:crypto';
import { type RegistrationList, type SipCredentials } from '@ccx/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { apiClient, bootServer, type TestServer } from './harness.js';

/** SIP over the server's own port: credentials, registration over WebSocket, UDP trunk side. */
describe('telephony on the embedded gateway', () => {
  let server: TestServer;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    server = await bootServer('embedded');
    api = apiClient(server.url);
  });
  afterAll(() => server?.destroy());

  it('issues short-lived SIP credentials for the caller’s own address: agents their extension', async () => {
    const agent = await api.login('agent1', 'agent123!');
    const credentials = await api.call<SipCredentials>('POST', '/api/sip/credentials', { token: agent.accessToken });
    expect(credentials.status).toBe(200);
    expect(credentials.body).toMatchObject({ sipUri: 'sip:2001@ccx.invalid', realm: 'ccx.invalid', webSocketPath: '/sip' });
    expect(credentials.body.authorizationUsername).toMatch(/^\d+\.2001$/);
    const lifetime = Date.parse(credentials.body.expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(3500_000);
    expect(lifetime).toBeLessThanOrEqual(3600_000);

    const supervisor = await api.login('supervisor', 'super123!');
    const theirs = await api.call<SipCredentials>('POST', '/api/sip/credentials', { token: supervisor.accessToken });
    expect(theirs.body.sipUri).toBe('sip:u.supervisor@ccx.invalid');
    expect((await api.call('POST', '/api/sip/credentials')).status).toBe(401);
  });

  it('registers a softphone over WebSocket with those credentials and forgets it when the socket closes', async () => {
    const agent = await api.login('agent2', 'agent123!');
    const credentials = (await api.call<SipCredentials>('POST', '/api/sip/credentials', { token: agent.accessToken })).body;
    const supervisor = await api.login('supervisor', 'super123!');
    const registered = async () =>
      (await api.call<RegistrationList>('GET', '/api/sip/registrations', { token: supervisor.accessToken })).body.registrations.map((r) => r.sipUser);

    const phone = await openSipSocket(server.url);
    const challenge = await phone.request(register(credentials, 1));
    expect(challenge).toMatch(/^SIP\/2.0 401 Unauthorized/);
    const nonce = /nonce="([^"]+)"/.exec(challenge)![1]!;
    expect(await phone.request(register(credentials, 2, { nonce, password: 'wrong' }))).toMatch(/^SIP\/2.0 403 Forbidden/);
    expect(await registered()).not.toContain('2002');
    expect(await phone.request(register(credentials, 3, { nonce, password: credentials.password }))).toMatch(/^SIP\/2.0 200 OK/);
    expect(await registered()).toContain('2002');
    expect((await api.call('GET', '/api/sip/registrations', { token: agent.accessToken })).status).toBe(403);

    phone.close();
    await waitFor(async () => !(await registered()).includes('2002'));
  });

  it('refuses a WebSocket without the sip subprotocol', async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/sip`);
    const outcome = await new Promise<string>((resolve) => {
      ws.on('open', () => resolve('open'));
      ws.on('error', (error) => resolve(error.message));
    });
    expect(outcome).toMatch(/400/);
  });

  it('answers OPTIONS over UDP, refuses a malformed request with 400, ignores garbage, and keeps serving', async () => {
    const udpPort = await sipUdpPort(server);
    const socket = createSocket('udp4');
    const replies: string[] = [];
    socket.on('message', (data) => replies.push(data.toString()));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    const { port } = socket.address();
    const send = (text: string) => socket.send(Buffer.from(text), udpPort, '127.0.0.1');
    send(options(port, 'good'));
    send(options(port, 'bad').replace('CSeq: 1 OPTIONS', 'CSeq: 1 INVITE'));
    send('\u0000\u0001 not sip at all');
    await waitFor(async () => replies.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.close();
    expect(replies.map((r) => r.split('\r\n')[0]).sort()).toEqual(['SIP/2.0 200 OK', 'SIP/2.0 400 Bad Request (CSeq method INVITE does not match OPTIONS)']);
    expect(replies.find((r) => r.startsWith('SIP/2.0 200'))).toMatch(/Via: SIP\/2.0\/UDP 127.0.0.1:\d+;branch=z9hG4bKgood;rport=\d+/);
    expect((await api.call('GET', '/api/health')).status).toBe(200);
  });
});

function options(port: number, branch: string): string {
  return [
    'OPTIONS sip:1000@ccx.invalid SIP/2.0',
    `Via: SIP/2.0/UDP 127.0.0.1:${port};branch=z9hG4bK${branch};rport`,
    'From: <sip:probe@example.com>;tag=p1',
    'To: <sip:1000@ccx.invalid>',
    `Call-ID: options-${branch}`,
    'CSeq: 1 OPTIONS',
    'Max-Forwards: 70',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

function register(credentials: SipCredentials, cseq: number, auth?: { nonce: string; password: string }): string {
  const user = credentials.sipUri.slice(4);
  const lines = [
    `REGISTER sip:${credentials.realm} SIP/2.0`,
    `Via: SIP/2.0/WS test.invalid;branch=z9hG4bKreg${cseq}`,
    `From: <${credentials.sipUri}>;tag=reg`,
    `To: <${credentials.sipUri}>`,
    'Call-ID: registration-test',
    `CSeq: ${cseq} REGISTER`,
    'Max-Forwards: 70',
    `Contact: <sip:${user.split('@')[0]}x@test.invalid;transport=ws>;expires=600`,
  ];
  if (auth) {
    const md5 = (s: string) => createHash('md5').update(s).digest('hex');
    const ha1 = md5(`${credentials.authorizationUsername}:${credentials.realm}:${auth.password}`);
    const ha2 = md5(`REGISTER:sip:${credentials.realm}`);
    const response = md5(`${ha1}:${auth.nonce}:00000001:abc:auth:${ha2}`);
    lines.push(
      `Authorization: Digest username="${credentials.authorizationUsername}", realm="${credentials.realm}", nonce="${auth.nonce}", uri="sip:${credentials.realm}", response="${response}", algorithm=MD5, qop=auth, nc=00000001, cnonce="abc"`,
    );
  }
  return `${lines.join('\r\n')}\r\nContent-Length: 0\r\n\r\n`;
}

async function openSipSocket(baseUrl: string) {
  const ws = new WebSocket(`${baseUrl.replace('http', 'ws')}/sip`, 'sip');
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return {
    request: (text: string) =>
      new Promise<string>((resolve) => {
        ws.once('message', (data) => resolve(data.toString()));
        ws.send(text);
      }),
    close: () => ws.close(),
  };
}

async function sipUdpPort(server: TestServer): Promise<number> {
  const { TelephonyService } = await import('../src/telephony/telephony.service.js');
  return server.app.get(TelephonyService).sipUdpAddress!.port;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

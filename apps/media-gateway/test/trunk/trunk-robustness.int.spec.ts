import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { killAllSipp, runSipp } from './sipp.js';
import { startTrunkGateway, type TrunkGateway } from './trunk-gateway.js';

/**
 * What a trunk port meets on the internet: datagrams that are not SIP, requests broken in
 * ways RFC 3261 says to answer 400 (or 513), and requests too broken to answer. The gateway
 * must answer exactly those it can answer, ignore the rest, and keep serving a real peer.
 */
describe('the trunk port under malformed UDP', () => {
  let gw: TrunkGateway;
  let socket: Socket;
  const received: string[] = [];

  beforeAll(async () => {
    gw = await startTrunkGateway();
    socket = createSocket('udp4');
    socket.on('message', (data) => received.push(data.toString('latin1')));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  });
  afterEach(() => killAllSipp());
  afterAll(async () => {
    killAllSipp();
    socket?.close();
    await gw?.stop();
  });

  function request(lines: { start: string; branch: string | null; cseq: string; extra?: string[] }): Buffer {
    const port = socket.address().port;
    return Buffer.from(
      [
        lines.start,
        ...(lines.branch ? [`Via: SIP/2.0/UDP 127.0.0.1:${port};branch=${lines.branch}`] : []),
        'Max-Forwards: 70',
        `From: <sip:probe@127.0.0.1:${port}>;tag=probe`,
        `To: <sip:1000@127.0.0.1:${gw.sipPort}>`,
        `Call-ID: ${randomBytes(8).toString('hex')}@127.0.0.1`,
        `CSeq: ${lines.cseq}`,
        ...(lines.extra ?? []),
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n'),
    );
  }

  const send = (data: Buffer) => new Promise<void>((resolve, reject) => socket.send(data, gw.sipPort, '127.0.0.1', (error) => (error ? reject(error) : resolve())));
  const statusAndBranch = (response: string) => [/^SIP\/2\.0 (\d{3})/.exec(response)?.[1], /branch=([^;\s]+)/.exec(response)?.[1]];

  it('answers 400/513 to broken requests that carry a Via, drops garbage, and still answers OPTIONS with 200', async () => {
    const uri = `sip:1000@127.0.0.1:${gw.sipPort}`;
    // Not SIP at all: nothing to answer to.
    await send(randomBytes(300));
    await send(Buffer.from('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'));
    // Broken CSeq: a number that is not one, and a method other than the request's.
    await send(request({ start: `OPTIONS ${uri} SIP/2.0`, branch: 'z9hG4bK-cseq-not-a-number', cseq: 'one OPTIONS' }));
    await send(request({ start: `INVITE ${uri} SIP/2.0`, branch: 'z9hG4bK-cseq-wrong-method', cseq: '1 BYE' }));
    // Broken, and no Via to send an answer to: dropped.
    await send(request({ start: `OPTIONS ${uri} SIP/2.0`, branch: null, cseq: 'x OPTIONS' }));
    // Larger than the gateway takes.
    await send(request({ start: `OPTIONS ${uri} SIP/2.0`, branch: 'z9hG4bK-oversized', cseq: '1 OPTIONS', extra: [`X-Padding: ${'a'.repeat(40_000)}`] }));
    // And then an ordinary keep-alive.
    await send(request({ start: `OPTIONS ${uri} SIP/2.0`, branch: 'z9hG4bK-good-options', cseq: '1 OPTIONS' }));

    await expect.poll(() => received.length, { timeout: 5000 }).toBeGreaterThanOrEqual(4);
    // Anything the gateway said to the garbage would be here too (UDP on loopback keeps order).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.map(statusAndBranch)).toEqual([
      ['400', 'z9hG4bK-cseq-not-a-number'],
      ['400', 'z9hG4bK-cseq-wrong-method'],
      ['513', 'z9hG4bK-oversized'],
      ['200', 'z9hG4bK-good-options'],
    ]);
    expect(received[0]).toMatch(/^SIP\/2\.0 400 Bad Request \(malformed CSeq\)\r\n/);
    expect(received[3]).toMatch(/\r\nAllow: [^\r]*INVITE/);

    // A real peer afterwards: sipp's OPTIONS gets 200 (sipp exits 0 only then).
    const sipp = await runSipp('uac-options.xml', gw.sipPort, { service: '1000' });
    const result = await sipp.done;
    expect(result.code, result.output).toBe(0);
    expect(gw.events).toEqual([]);
  });
});

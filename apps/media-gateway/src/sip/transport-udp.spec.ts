import { describe, expect, it } from 'vitest';
import { UdpSipTransport } from './transport-udp.js';

describe(UdpSipTransport.name, () => {
  it('drops what a transaction sends after the socket closed instead of throwing (a retransmission timer at shutdown)', async () => {
    const transport = await UdpSipTransport.listen('127.0.0.1', 0, { message: () => undefined, closed: () => undefined });
    const connection = transport.connectionTo('127.0.0.1', 9);
    await transport.close();
    expect(() => connection.send(Buffer.from('SIP/2.0 404 Not Found\r\n\r\n'))).not.toThrow();
    await expect(transport.close()).resolves.toBeUndefined();
  });
});

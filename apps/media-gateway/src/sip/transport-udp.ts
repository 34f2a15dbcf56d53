import { createSocket, type Socket } from 'node:dgram';
import { type AddressInfo } from 'node:net';
import { type SipConnection, type SipTransportEvents } from './transport.js';

/**
 * SIP over UDP for trunks (RFC 3261 18). Responses go to the address a request came from
 * (RFC 3581 symmetric response routing), which is what NATed trunks need.
 */
export class UdpSipTransport {
  private closed = false;

  private constructor(private readonly socket: Socket) {}

  static async listen(host: string, port: number, events: SipTransportEvents): Promise<UdpSipTransport> {
    const socket = createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', reuseAddr: false });
    const transport = new UdpSipTransport(socket);
    socket.on('message', (data, remote) => events.message(data, transport.connectionTo(remote.address, remote.port)));
    socket.on('error', () => undefined); // ICMP unreachable and the like: UDP is best effort
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    return transport;
  }

  get address(): AddressInfo {
    return this.socket.address();
  }

  connectionTo(address: string, port: number): SipConnection {
    return {
      id: `udp:${address}:${port}`,
      protocol: 'UDP',
      remoteAddress: address,
      remotePort: port,
      reliable: false,
      // A transaction's timer may retransmit after shutdown closed the socket: there is
      // nobody left to hear it, and a throw from a timer would take the process down.
      send: (data: Buffer) => {
        if (!this.closed) this.socket.send(data, port, address);
      },
    };
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}

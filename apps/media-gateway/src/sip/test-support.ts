import { parseSipMessage, type SipMessage } from './message.js';
import { type SipConnection, type TransportProtocol } from './transport.js';

/** A connection that keeps what was sent on it, for tests. */
export class RecordingConnection implements SipConnection {
  readonly sent: Buffer[] = [];
  constructor(
    readonly id = 'ws:test',
    readonly protocol: TransportProtocol = 'WS',
    readonly remoteAddress = '192.0.2.10',
    readonly remotePort = 40000,
  ) {}
  get reliable(): boolean {
    return this.protocol !== 'UDP';
  }
  send(data: Buffer): void {
    this.sent.push(data);
  }
  last(): SipMessage {
    return parseSipMessage(this.sent[this.sent.length - 1]!);
  }
}

export function sipRequest(lines: string[], body = ''): Buffer {
  return Buffer.from(`${lines.join('\r\n')}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

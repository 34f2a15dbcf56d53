/**
 * Where a SIP message came from and how to answer it. Responses go back on the connection a
 * request arrived on (a browser's WebSocket, or the UDP address it came from, RFC 3581).
 */
export type TransportProtocol = 'UDP' | 'WS' | 'WSS';

export interface SipConnection {
  /** Stable for a WebSocket's life; for UDP, `udp:<address>:<port>`. */
  readonly id: string;
  readonly protocol: TransportProtocol;
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** Reliable transports need no retransmissions (RFC 3261 17). */
  readonly reliable: boolean;
  send(data: Buffer): void;
}

export interface SipTransportEvents {
  message(data: Buffer, connection: SipConnection): void;
  /** A WebSocket closed: its registrations are gone; its dialogs wait for the far end to come back on another one. */
  closed(connection: SipConnection): void;
}

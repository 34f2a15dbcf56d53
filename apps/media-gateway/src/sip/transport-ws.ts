import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server } from 'node:http';
import { type Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { MAX_MESSAGE_BYTES } from './message.js';
import { type SipConnection, type SipTransportEvents } from './transport.js';

/**
 * SIP over WebSocket (RFC 7118) on an existing HTTP server, at one path (`/sip`), with the
 * `sip` subprotocol required. One WebSocket message is one SIP message; a frame larger than
 * the message limit closes the socket (1009). Pings find sockets whose tab froze or whose
 * network vanished, so their registrations end within a minute rather than at expiry.
 */
export interface WsTransportOptions {
  path: string;
  /** How often to ping; a socket that missed one ping is closed. */
  pingIntervalMs: number;
}

export class WsSipTransport {
  private readonly wss: WebSocketServer;
  private readonly connections = new Map<WebSocket, SipConnection & { alive: boolean }>();
  private readonly pinger: NodeJS.Timeout;
  private readonly onUpgrade: (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

  constructor(
    private readonly server: Server,
    private readonly events: SipTransportEvents,
    private readonly options: WsTransportOptions = { path: '/sip', pingIntervalMs: 20_000 },
  ) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: MAX_MESSAGE_BYTES,
      handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
    });
    this.onUpgrade = (request, socket, head) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (path !== this.options.path) return; // another upgrade handler (Socket.IO) owns it
      const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
      if (!offered.includes('sip')) {
        socket.end('HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\n\r\nSIP over WebSocket needs the "sip" subprotocol\n');
        return;
      }
      this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, request));
    };
    server.on('upgrade', this.onUpgrade);
    this.pinger = setInterval(() => this.ping(), this.options.pingIntervalMs);
    this.pinger.unref();
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  private accept(ws: WebSocket, request: IncomingMessage): void {
    const secure = (request.socket as { encrypted?: boolean }).encrypted === true;
    const connection = {
      id: `ws:${randomUUID()}`,
      protocol: secure ? ('WSS' as const) : ('WS' as const),
      remoteAddress: request.socket.remoteAddress ?? 'unknown',
      remotePort: request.socket.remotePort ?? 0,
      reliable: true,
      alive: true,
      send: (data: Buffer) => {
        if (ws.readyState === ws.OPEN) ws.send(data.toString('utf8'));
      },
    };
    this.connections.set(ws, connection);
    ws.on('pong', () => (connection.alive = true));
    ws.on('message', (data, isBinary) => {
      const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
      void isBinary;
      this.events.message(buffer, connection);
    });
    ws.on('close', () => {
      this.connections.delete(ws);
      this.events.closed(connection);
    });
    ws.on('error', () => ws.terminate());
  }

  private ping(): void {
    for (const [ws, connection] of this.connections) {
      if (!connection.alive) {
        ws.terminate();
        continue;
      }
      connection.alive = false;
      ws.ping();
    }
  }

  async close(): Promise<void> {
    clearInterval(this.pinger);
    this.server.off('upgrade', this.onUpgrade);
    for (const ws of this.connections.keys()) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

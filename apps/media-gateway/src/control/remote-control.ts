import { createHmac, timingSafeEqual } from 'node:crypto';
import { type IncomingMessage, type Server } from 'node:http';
import { type Duplex } from 'node:stream';
import { type CommandResult, type GatewayCommandInput, type GatewayEvent, GatewayEventSchema } from '@ccx/contracts';
import WebSocket, { WebSocketServer } from 'ws';
import { type CommandExecutor, type GatewayControl, runCommand } from './gateway-control.js';

/**
 * The control API between processes: one WebSocket at the gateway's `/control`, JSON
 * frames `{type:'command', id, command}` → `{type:'result', id, result}`, and
 * `{type:'event', event}` pushed to every connected server. The server authenticates with a
 * bearer token derived from the secret both sides share.
 */
export function controlToken(secret: string): string {
  return createHmac('sha256', secret).update('gateway-control').digest('base64url');
}

export class ControlSocketServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });
  private readonly onUpgrade: (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

  constructor(
    private readonly server: Server,
    secret: string,
    executor: CommandExecutor,
    subscribe: (listener: (event: GatewayEvent) => void) => () => void,
  ) {
    const expected = Buffer.from(`Bearer ${controlToken(secret)}`);
    this.onUpgrade = (request, socket, head) => {
      if (new URL(request.url ?? '/', 'http://localhost').pathname !== '/control') return;
      const given = Buffer.from(request.headers.authorization ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(request, socket, head, (ws) => {
        const unsubscribe = subscribe((event) => ws.readyState === ws.OPEN && ws.send(JSON.stringify({ type: 'event', event })));
        ws.on('message', async (data) => {
          let frame: { type?: unknown; id?: unknown; command?: unknown };
          try {
            frame = JSON.parse(data.toString()) as typeof frame;
          } catch {
            return ws.send(JSON.stringify({ type: 'error', message: 'frame is not JSON' }));
          }
          if (frame.type !== 'command' || typeof frame.id !== 'string') {
            return ws.send(JSON.stringify({ type: 'error', message: 'expected {type:"command", id, command}' }));
          }
          const result = await runCommand(executor, frame.command);
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'result', id: frame.id, result }));
        });
        ws.on('close', unsubscribe);
      });
    };
    server.on('upgrade', this.onUpgrade);
  }

  async close(): Promise<void> {
    this.server.off('upgrade', this.onUpgrade);
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

/** The server's side of a gateway in another process. */
export class RemoteGatewayControl implements GatewayControl {
  private readonly pending = new Map<string, (result: CommandResult) => void>();
  private readonly listeners = new Set<(event: GatewayEvent) => void>();
  private nextId = 1;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { type: string; id?: string; result?: CommandResult; event?: unknown };
      if (frame.type === 'result' && frame.id) {
        this.pending.get(frame.id)?.(frame.result!);
        this.pending.delete(frame.id);
      } else if (frame.type === 'event') {
        const event = GatewayEventSchema.safeParse(frame.event);
        if (event.success) for (const listener of this.listeners) listener(event.data);
      }
    });
    ws.on('close', () => {
      for (const resolve of this.pending.values()) resolve({ ok: false, error: { code: 'gateway/unreachable', message: 'control connection closed' } });
      this.pending.clear();
    });
  }

  static async connect(url: string, secret: string): Promise<RemoteGatewayControl> {
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${controlToken(secret)}` } });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`gateway control refused: HTTP ${res.statusCode}`)));
    });
    return new RemoteGatewayControl(ws);
  }

  execute(command: GatewayCommandInput): Promise<CommandResult> {
    const id = String(this.nextId++);
    return new Promise((resolve) => {
      if (this.ws.readyState !== WebSocket.OPEN) {
        resolve({ ok: false, error: { code: 'gateway/unreachable', message: 'control connection is not open' } });
        return;
      }
      this.pending.set(id, resolve);
      this.ws.send(JSON.stringify({ type: 'command', id, command }));
    });
  }

  onEvent(listener: (event: GatewayEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.ws.close();
  }
}

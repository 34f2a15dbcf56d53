import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

export interface GatewayStatus {
  status: 'ok';
  /** What this gateway can do now; `sip`, `webrtc`, `rtp`, `mixer` … join with issue 3. */
  capabilities: string[];
  uptimeSeconds: number;
}

/**
 * The gateway's control endpoint, where the server will send commands and hear events
 * (issue 3). Today it answers `GET /health` so deployments can check the process.
 */
export class ControlServer {
  private readonly http: Server;

  /** SIP over WebSocket shares this server in standalone mode. */
  get httpServer(): Server {
    return this.http;
  }
  private readonly startedAt = Date.now();

  constructor(private readonly capabilities: () => string[]) {
    this.http = createServer((req, res) => {
      if (req.method === 'GET' && req.url === '/health') {
        const body: GatewayStatus = {
          status: 'ok',
          capabilities: this.capabilities(),
          uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
        };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'common/not-found', message: 'no such endpoint' }));
    });
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => resolve(this.http.address() as AddressInfo));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.http.closeAllConnections();
      this.http.close(() => resolve());
    });
  }
}

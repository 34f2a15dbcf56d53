import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * The embedded default: real PostgreSQL (PGlite, WASM) persisted in the data folder and
 * served on a loopback port with the PostgreSQL wire protocol, so the rest of the server
 * uses one code path (`pg` + Prisma's pg adapter) for embedded and external databases.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly socketServer: PGLiteSocketServer,
    readonly connectionString: string,
  ) {}

  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    const dir = join(dataDir, 'pgdata');
    mkdirSync(dir, { recursive: true });
    const db = await PGlite.create(dir);
    const port = await freeLoopbackPort();
    // One PGlite executes one query at a time; the socket server queues the rest. A few
    // connections let a pool of clients interleave without waiting on each other's sockets.
    const socketServer = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 10 });
    await socketServer.start();
    return new EmbeddedPostgres(db, socketServer, `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`);
  }

  async stop(): Promise<void> {
    await this.socketServer.stop();
    await this.db.close();
  }
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';
import { EmbeddedPostgres } from './embedded-postgres.js';
import { migrate, readMigrations, type MigrationResult } from './migrator.js';

export interface DatabaseOptions {
  /** `null` → embedded PGlite in dataDir. */
  databaseUrl: string | null;
  dataDir: string;
  migrationsDir: string;
}

/**
 * Owns the database for the process: the embedded server when there is one, the pg pool
 * and the Prisma client on top of it. Opened before Nest starts (so migrations have run
 * before anything serves) and closed after Nest stops.
 */
export class Database {
  private constructor(
    readonly prisma: PrismaClient,
    readonly pool: pg.Pool,
    readonly kind: 'embedded' | 'postgresql',
    private readonly embedded: EmbeddedPostgres | null,
  ) {}

  static async open(options: DatabaseOptions): Promise<Database> {
    const embedded = options.databaseUrl ? null : await EmbeddedPostgres.start(options.dataDir);
    const connectionString = options.databaseUrl ?? embedded!.connectionString;
    // Embedded: one connection. PGlite runs one statement at a time anyway, and its socket
    // server queues the wire protocol message by message, so two connections' extended
    // queries (Parse, Bind, Execute) can interleave and one finds the other's unnamed
    // statement ("unnamed prepared statement does not exist"). Code inside a transaction
    // uses only the transaction's client, so one connection cannot deadlock.
    const pool = new pg.Pool({ connectionString, max: embedded ? 1 : 10 });
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    return new Database(prisma, pool, embedded ? 'embedded' : 'postgresql', embedded);
  }

  async migrate(migrationsDir: string): Promise<MigrationResult> {
    return migrate(this.pool, readMigrations(migrationsDir));
  }

  async close(): Promise<void> {
    await this.prisma.$disconnect();
    await this.pool.end();
    await this.embedded?.stop();
  }
}

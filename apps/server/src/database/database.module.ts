import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Database } from './database.js';
import { PrismaClient } from '../generated/prisma/client.js';

/**
 * The database is opened (and migrated) before Nest starts; this module only hands the
 * open instance to providers. Repositories inject `PrismaClient`.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(database: Database): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: Database, useValue: database },
        { provide: PrismaClient, useValue: database.prisma },
      ],
      exports: [Database, PrismaClient],
    };
  }
}

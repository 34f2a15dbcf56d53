// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded
// database in DATA_DIR when DATABASE_URL is not set, and exits.
import { loadConfig } from '../config/config.js';
import { Database } from './database.js';

const config = loadConfig();
const database = await Database.open(config);
try {
  const result = await database.migrate(config.migrationsDir);
  console.log(
    `migrations: ${result.applied.length} applied (${result.applied.join(', ') || 'none'}), ` +
      `${result.alreadyApplied} already there; database: ${database.kind}`,
  );
} finally {
  await database.close();
}

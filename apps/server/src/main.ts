// The server process: `node dist/main.js` (what `npm start` runs after building).
import { ConfigError, loadConfig, type AppConfig } from './config/config.js';
import { DEMO_CALLERS, DEMO_LOGINS } from './demo/demo-tenant.js';
import { startServer } from './server.js';

let config: AppConfig;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`The server cannot start: ${error.message}`);
    process.exit(78); // EX_CONFIG
  }
  throw error;
}

const server = await startServer(config).catch((error: unknown) => {
  console.error('The server failed to start:', error);
  process.exit(1);
});

printBanner(config, server.url.replace('127.0.0.1', 'localhost'));

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${signal}: stopping (closing connections, database) …`);
    // Past the calls' drain time and a little for the rest, a stuck stop is cut short.
    const force = setTimeout(() => process.exit(1), (config.contactCenter.drainSeconds + 10) * 1000).unref();
    server
      .close()
      .then(() => {
        clearTimeout(force);
        console.error('stopped.');
        process.exit(0);
      })
      .catch((error: unknown) => {
        console.error('error while stopping:', error);
        process.exit(1);
      });
  });
}

function printBanner(cfg: AppConfig, base: string): void {
  const lines = [
    '',
    `Contact center is running (${cfg.databaseUrl ? 'PostgreSQL' : `embedded PostgreSQL in ${cfg.dataDir}`}).`,
    `  Agent desktop     ${base}/agent/`,
    `  Supervisor/admin  ${base}/supervisor/`,
    `  Widget demo page  ${base}/widget/demo.html`,
    `  REST API docs     ${base}/api/docs`,
    `  Health, metrics   ${base}/api/health  ${base}/metrics`,
  ];
  if (cfg.demoMode) {
    lines.push('', 'Demo logins (embedded demo mode only):');
    for (const login of DEMO_LOGINS) lines.push(`  ${login.role.padEnd(10)} ${login.username.padEnd(11)} ${login.password}`);
    lines.push(`  VIP caller ${DEMO_CALLERS.vip}, blacklisted caller ${DEMO_CALLERS.blacklisted}`);
  }
  lines.push('', 'Press Ctrl-C to stop.', '');
  console.log(lines.join('\n'));
}

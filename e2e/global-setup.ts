import { startServer } from './support/server';

/** Starts the server unless E2E_BASE_URL names one; the teardown finds it through the env. */
export default async function globalSetup(): Promise<void> {
  if (process.env.E2E_BASE_URL) return;
  const server = await startServer();
  process.env.E2E_SERVER_PID = String(server.pid);
  process.env.E2E_SIP_UDP_PORT = String(server.sipUdpPort);
  process.env.E2E_SERVER_DATA_DIR = server.dataDir;
  process.env.E2E_SERVER_LOG = server.logFile;
}

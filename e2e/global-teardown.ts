import { stopServer } from './support/server';

export default async function globalTeardown(): Promise<void> {
  const pid = Number(process.env.E2E_SERVER_PID);
  if (!pid) return;
  await stopServer({
    pid,
    sipUdpPort: Number(process.env.E2E_SIP_UDP_PORT),
    dataDir: process.env.E2E_SERVER_DATA_DIR ?? '',
    logFile: process.env.E2E_SERVER_LOG ?? '',
  });
}

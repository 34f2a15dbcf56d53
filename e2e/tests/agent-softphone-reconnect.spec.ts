/**
 * The desk's softphone keeps itself registered: it renews its short-lived SIP credentials
 * before they expire, and it survives a dropped SIP WebSocket. The tests carry the /sip
 * WebSocket through Playwright to watch it and to cut it.
 */
import { expect, test, type WebSocketRoute } from '@playwright/test';
import { DEMO, expectLiveConnected, logIn } from '../support/login';

test('the softphone reconnects and registers again after its WebSocket drops', async ({ page }) => {
  test.setTimeout(60_000);
  const sockets: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/sip$/, (ws) => {
    sockets.push(ws);
    ws.connectToServer();
  });
  await logIn(page, '/agent/', DEMO.agent1);
  await expectLiveConnected(page);
  const softphone = page.getByRole('status', { name: 'Softphone' });
  await expect(softphone).toContainText('Registered', { timeout: 20_000 });
  expect(sockets).toHaveLength(1);

  await sockets[0]?.close({ code: 1006, reason: 'network lost' });
  await expect(softphone).toContainText('Not registered');
  await expect(softphone).toContainText('Registered', { timeout: 20_000 });
  await expect(softphone).not.toContainText('Not registered');
  expect(sockets.length).toBeGreaterThanOrEqual(2);
});

test('the softphone renews its credentials before they expire and stays registered', async ({ page }) => {
  // The e2e server issues 60 s credentials (support/server.ts): renewal is due after 30 s.
  test.setTimeout(90_000);
  const usernames: string[] = [];
  await page.routeWebSocket(/\/sip$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const text = typeof message === 'string' ? message : message.toString('utf8');
      const username = /^REGISTER [\s\S]*?\r\nAuthorization: Digest [^\r\n]*username="([^"]+)"/.exec(text)?.[1];
      if (username && !usernames.includes(username)) usernames.push(username);
      server.send(message);
    });
  });
  await logIn(page, '/agent/', DEMO.agent3);
  const softphone = page.getByRole('status', { name: 'Softphone' });
  await expect(softphone).toContainText('Registered', { timeout: 20_000 });
  // Authorization usernames carry their expiry: a second one is a renewed credential.
  await expect.poll(() => usernames.length, { timeout: 50_000, message: 'a REGISTER with renewed credentials' }).toBeGreaterThanOrEqual(2);
  await expect(softphone).toContainText('Registered');
  await expect(softphone).not.toContainText('Not registered');
});

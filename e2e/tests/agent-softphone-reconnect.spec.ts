/**
 * The desk's softphone survives a dropped SIP WebSocket: the test carries the /sip WebSocket
 * through Playwright, cuts it once, and the softphone reconnects (with fresh credentials,
 * after a backoff) and registers again by itself.
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

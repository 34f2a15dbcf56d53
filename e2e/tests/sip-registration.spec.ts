import { type APIRequestContext, expect, test } from '@playwright/test';
import { type RegistrationList, type SipCredentials } from '@ccx/contracts';
import { serveSipJs } from '../support/sipjs';

/**
 * A real SIP.js user agent in Chromium registers over WebSocket at /sip with credentials
 * the server issued to the logged-in user (the e2e server grants registrations of 4 s).
 */
async function tokenFor(request: APIRequestContext, username: string, password: string): Promise<string> {
  const answer = await request.post('/api/auth/login', { data: { username, password } });
  expect(answer.status()).toBe(200);
  return ((await answer.json()) as { accessToken: string }).accessToken;
}

async function credentialsFor(request: APIRequestContext, username: string): Promise<SipCredentials> {
  const token = await tokenFor(request, username, 'agent123!');
  const answer = await request.post('/api/sip/credentials', { headers: { authorization: `Bearer ${token}` } });
  expect(answer.status()).toBe(200);
  return (await answer.json()) as SipCredentials;
}

async function registeredUsers(request: APIRequestContext): Promise<string[]> {
  const token = await tokenFor(request, 'supervisor', 'super123!');
  const answer = await request.get('/api/sip/registrations', { headers: { authorization: `Bearer ${token}` } });
  return ((await answer.json()) as RegistrationList).registrations.map((r) => r.sipUser);
}

/** Registers in the page; resolves with 'Registered' or the rejecting status code. */
const registerInPage = (credentials: SipCredentials & { passwordOverride?: string }) =>
  (async (c: SipCredentials & { passwordOverride?: string }) => {
    const SIP = await import(/* @vite-ignore */ '/__sipjs/index.js' as string);
    const userAgent = new SIP.UserAgent({
      uri: SIP.UserAgent.makeURI(c.sipUri),
      transportOptions: { server: `ws://${location.host}${c.webSocketPath}` },
      authorizationUsername: c.authorizationUsername,
      authorizationPassword: c.passwordOverride ?? c.password,
      logLevel: 'error',
    });
    await userAgent.start();
    const registerer = new SIP.Registerer(userAgent, { expires: 4, refreshFrequency: 50 });
    (window as unknown as { registerer: unknown }).registerer = registerer;
    return new Promise<string>((resolve) => {
      registerer.stateChange.addListener((state: string) => state === 'Registered' && resolve(state));
      registerer.register({ requestDelegate: { onReject: (response: { message: { statusCode: number } }) => resolve(String(response.message.statusCode)) } });
    });
  })(credentials);

test('a softphone registers with its issued credentials, stays registered by refreshing, and is dropped when it stops', async ({ page, request }) => {
  const credentials = await credentialsFor(request, 'agent3');
  await serveSipJs(page);
  await page.goto('/widget/demo.html');
  expect(await page.evaluate(registerInPage, credentials)).toBe('Registered');
  expect(await registeredUsers(request)).toContain('2003');

  // Three registration lifetimes later it is still there: SIP.js refreshed it in time.
  await page.waitForTimeout(12_000);
  expect(await registeredUsers(request)).toContain('2003');

  // The tab stops refreshing (every timer cleared, socket left open, like a frozen tab):
  // the binding expires and the gateway drops it.
  await page.evaluate(() => {
    const last = window.setTimeout(() => undefined, 0);
    for (let id = 0; id <= last; id++) window.clearTimeout(id);
  });
  await expect.poll(() => registeredUsers(request), { timeout: 8_000 }).not.toContain('2003');
});

test('wrong credentials are refused and never registered', async ({ page, request }) => {
  const credentials = await credentialsFor(request, 'agent4');
  await serveSipJs(page);
  await page.goto('/widget/demo.html');
  expect(await page.evaluate(registerInPage, { ...credentials, passwordOverride: `${credentials.password}x` })).toBe('403');
  expect(await registeredUsers(request)).not.toContain('2004');
});

/**
 * What the multi-party browser tests share: parties with tone microphones, agents logged in
 * to the desk, a company web page with the widget, and "X hears Y" checks.
 */
import { type APIRequestContext, type Browser, type BrowserContext, expect, type Page } from '@playwright/test';
import { receivedAudio, useToneMicrophone } from './call-audio';
import { CHROMIUM_MEDIA_ARGS, CHROMIUM_PATH } from './chromium';
import { DEMO, logIn } from './login';

/**
 * Launch options for tests whose host page the test serves itself (page.route): Chromium sees
 * a public page calling a loopback server, and local network access checks would block its
 * WebSockets.
 */
export const JOURNEY_LAUNCH = {
  executablePath: CHROMIUM_PATH,
  args: [...CHROMIUM_MEDIA_ARGS, '--autoplay-policy=no-user-gesture-required', '--disable-features=LocalNetworkAccessChecks'],
};

export async function party(browser: Browser, hz: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  await useToneMicrophone(context, hz);
  return { context, page: await context.newPage() };
}

export async function agentDesk(browser: Browser, hz: number, user: { username: string; password: string }, state: 'Available' | 'Not ready') {
  const { context, page } = await party(browser, hz);
  await logIn(page, '/agent/', user);
  await expect(page.getByRole('status', { name: 'Softphone' })).toContainText('Registered', { timeout: 20_000 });
  const status = page.getByRole('combobox', { name: 'Status' });
  if (state === 'Available') await status.selectOption({ label: 'Available' });
  else await status.selectOption({ index: (await status.locator('option').allTextContents()).findIndex((t) => t.startsWith('Not ready')) });
  return { context, page };
}

/** A company page embedding the widget for `entry`, naming its signed-in visitor by phone. */
export async function customerOnHostPage(browser: Browser, hz: number, entry: string, visitorPhone: string) {
  const customer = await party(browser, hz);
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Example Company: your account</title>
<style>body { font-family: Georgia, serif; margin: 2rem; } h1 { color: #7c2d12; }</style></head>
<body><h1>Your account</h1><p>Signed in.</p>
<script src="/widget/widget.js" data-entry-point="${entry}" data-customer-phone="${visitorPhone}" async></script>
</body></html>`;
  await customer.page.route('**/account.html', (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await customer.page.goto('/account.html');
  return customer;
}

/** Polls what `page` hears until `check` holds (the shares of `tones` in its call's audio). */
export async function expectHearing(page: Page, tones: number[], what: string, check: (audio: Awaited<ReturnType<typeof receivedAudio>>) => boolean) {
  let last = await receivedAudio(page, tones, 1000);
  await expect
    .poll(
      async () => {
        last = await receivedAudio(page, tones, 1000);
        return check(last);
      },
      { timeout: 20_000, message: `${what}; last heard ${JSON.stringify(last)}` },
    )
    .toBe(true);
}

export async function adminHeaders(request: APIRequestContext) {
  const answer = await request.post('/api/auth/login', { data: DEMO.admin });
  expect(answer.status()).toBe(200);
  return { authorization: `Bearer ${((await answer.json()) as { accessToken: string }).accessToken}` };
}

/** Picks an agent in the desk's Transfer dialog by extension and starts a blind transfer or a consult. */
export async function transferTo(desk: Page, extension: string, kind: 'blind' | 'consult') {
  await desk.getByRole('button', { name: 'Transfer', exact: true }).click();
  const dialog = desk.getByRole('dialog', { name: 'Transfer the call' });
  await dialog.getByRole('radio', { name: kind === 'blind' ? /Blind/ : /Consult first/ }).check();
  await dialog.getByRole('radio', { name: 'An agent' }).check();
  const option = dialog.getByRole('combobox', { name: 'Agent' }).locator('option', { hasText: `(${extension})` });
  await expect(option).toHaveCount(1);
  await dialog.getByRole('combobox', { name: 'Agent' }).selectOption(await option.getAttribute('value'));
  await dialog.getByRole('button', { name: kind === 'blind' ? 'Transfer now' : 'Start consult' }).click();
}

/**
 * Serves SIP.js (an ES module tree with only relative imports) to pages under test at
 * `/__sipjs/`, so a test page can `import('/__sipjs/index.js')` without an app bundling it.
 * The softphone package of the agent app takes this over with the next issue.
 */
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import { type Page } from '@playwright/test';

const require = createRequire(import.meta.url);
const sipjsLib = join(dirname(require.resolve('sip.js/package.json')), 'lib');

export async function serveSipJs(page: Page): Promise<void> {
  await page.route('**/__sipjs/**', async (route) => {
    const relative = normalize(new URL(route.request().url()).pathname.replace(/^\/__sipjs\//, ''));
    if (relative.startsWith('..')) return route.fulfill({ status: 403 });
    return route.fulfill({ path: join(sipjsLib, relative), contentType: 'text/javascript' });
  });
}

export interface PageSipCredentials {
  sipUri: string;
  authorizationUsername: string;
  password: string;
  webSocketPath: string;
}

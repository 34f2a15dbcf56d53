import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const dataDir = () => mkdtempSync(join(tmpdir(), 'ccx-config-'));

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('gives the embedded demo defaults with an empty environment', () => {
    const config = loadConfig({ DATA_DIR: dataDir() });
    expect(config).toMatchObject({ port: 8080, databaseUrl: null, demoMode: true, production: false, accessTokenTtlSeconds: 900 });
  });

  it('keeps the generated token key in the data folder so tokens survive a restart', () => {
    const dir = dataDir();
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toEqual(loadConfig({ DATA_DIR: dir }).jwtSecret);
  });

  it('names each bad variable', () => {
    const problems = problemsOf({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
  });

  it('reads the contact-center settings, with the speech cache and the prompts in the data folder by default', () => {
    const dir = dataDir();
    expect(loadConfig({ DATA_DIR: dir })).toMatchObject({
      sip: { trunkUri: null, callerId: '1000', speechCacheDir: join(dir, 'speech-cache'), promptsDir: join(dir, 'prompts') },
      contactCenter: { hoursOverride: null, heartbeatTimeoutSeconds: 15 },
    });
    const set = loadConfig({ DATA_DIR: dir, IVR_HOURS_OVERRIDE: 'closed', SIP_TRUNK_URI: 'sip:192.0.2.1:5060', SIP_CALLER_ID: '+15550100' });
    expect(set).toMatchObject({ sip: { trunkUri: 'sip:192.0.2.1:5060', callerId: '+15550100' }, contactCenter: { hoursOverride: 'closed' } });
    const problems = problemsOf({ DATA_DIR: dir, IVR_HOURS_OVERRIDE: 'lunch', SIP_TRUNK_URI: 'http://trunk', SIP_CALLER_ID: 'me' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['IVR_HOURS_OVERRIDE', 'SIP_CALLER_ID', 'SIP_TRUNK_URI']);
  });

  it('refuses production without a token key or admin credentials, and seeds no demo there', () => {
    expect(problemsOf({ NODE_ENV: 'production' }).join('\n')).toMatch(/JWT_SECRET[\s\S]*ADMIN_USERNAME and ADMIN_PASSWORD/);
    const config = loadConfig({
      NODE_ENV: 'production',
      DATA_DIR: dataDir(),
      JWT_SECRET: 'x'.repeat(32),
      ADMIN_USERNAME: 'root',
      ADMIN_PASSWORD: 'a long enough password',
    });
    expect(config.demoMode).toBe(false);
    expect(config.bootstrapAdmin).toEqual({ username: 'root', password: 'a long enough password' });
  });

  it('uses an external database without the demo tenant', () => {
    const config = loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/x' });
    expect(config.demoMode).toBe(false);
  });
});

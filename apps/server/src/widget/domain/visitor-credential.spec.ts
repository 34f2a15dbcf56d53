import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkVisitorCredential } from './visitor-credential.js';

const mint = (sipUser: string, expiry: number) => createHmac('sha256', 'secret').update(`${expiry}.${sipUser}`).digest('base64url');
const NOW = 1_800_000_000_000;

describe(checkVisitorCredential.name, () => {
  const expiry = NOW / 1000 + 300;
  const username = `${expiry}.widget.1000.visitor01`;

  it('accepts the genuine password and names the visitor', () => {
    expect(checkVisitorCredential(username, mint('widget.1000.visitor01', expiry), mint, NOW)).toEqual({ valid: true, sipUser: 'widget.1000.visitor01', expired: false });
  });

  it('says when a genuine credential has expired', () => {
    expect(checkVisitorCredential(username, mint('widget.1000.visitor01', expiry), mint, (expiry + 1) * 1000)).toMatchObject({ valid: true, expired: true });
  });

  it('refuses a wrong password, another visitor\'s password and a malformed username', () => {
    expect(checkVisitorCredential(username, 'x'.repeat(43), mint, NOW)).toEqual({ valid: false });
    expect(checkVisitorCredential(username, mint('widget.1000.visitor02', expiry), mint, NOW)).toEqual({ valid: false });
    expect(checkVisitorCredential(`${expiry + 1}.widget.1000.visitor01`, mint('widget.1000.visitor01', expiry), mint, NOW)).toEqual({ valid: false });
    expect(checkVisitorCredential('widget.1000.visitor01', mint('widget.1000.visitor01', expiry), mint, NOW)).toEqual({ valid: false });
  });
});

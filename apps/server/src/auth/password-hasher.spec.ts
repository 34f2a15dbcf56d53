import { describe, expect, it } from 'vitest';
import { hashSecret, verifySecret } from './password-hasher.js';

describe('password hasher', () => {
  it('verifies the right password and refuses a wrong one, with a fresh salt each time', async () => {
    const a = await hashSecret('agent123!');
    const b = await hashSecret('agent123!');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toEqual(b);
    expect(await verifySecret('agent123!', a)).toBe(true);
    expect(await verifySecret('agent123?', a)).toBe(false);
  });

  it('refuses a malformed stored hash instead of throwing', async () => {
    expect(await verifySecret('x', 'plain-text')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { DeclaredIdentities } from './declared-identities.js';

const bob = { phone: '+14155550102', email: null };
const carmen = { phone: null, email: 'carmen@example.com' };

describe(DeclaredIdentities.name, () => {
  it('answers a declared identity until it expires, then forgets it', () => {
    const sut = new DeclaredIdentities({ maxEntries: 10 });
    sut.declare('widget.1001.a', bob, 1_000, 0);
    expect(sut.identityOf('widget.1001.a', 999)).toEqual(bob);
    expect(sut.identityOf('widget.1001.b', 999)).toBeNull();
    expect(sut.identityOf('widget.1001.a', 1_000)).toBeNull();
    expect(sut.size).toBe(0);
  });

  it('remembers nothing for an empty or already expired identity, and a new declaration replaces the old', () => {
    const sut = new DeclaredIdentities({ maxEntries: 10 });
    sut.declare('a', { phone: null, email: null }, 1_000, 0);
    sut.declare('b', bob, 500, 500);
    expect(sut.size).toBe(0);
    sut.declare('c', bob, 1_000, 0);
    sut.declare('c', carmen, 2_000, 10);
    expect(sut.identityOf('c', 1_500)).toEqual(carmen);
    sut.declare('c', { phone: null, email: null }, 2_000, 20);
    expect(sut.identityOf('c', 30)).toBeNull();
  });

  it('never holds more than its bound: the oldest go first', () => {
    const sut = new DeclaredIdentities({ maxEntries: 3 });
    for (let i = 0; i < 50; i++) sut.declare(`v${i}`, bob, 1_000_000, i);
    expect(sut.size).toBe(3);
    expect(sut.identityOf('v46', 100)).toBeNull();
    expect(['v47', 'v48', 'v49'].map((v) => sut.identityOf(v, 100))).toEqual([bob, bob, bob]);
  });

  it('drops expired entries as new ones come, without waiting for the bound', () => {
    const sut = new DeclaredIdentities({ maxEntries: 10_000 });
    for (let i = 0; i < 100; i++) sut.declare(`v${i}`, bob, i + 300, i);
    // At 1,000 every earlier one has expired: one declaration sweeps them.
    sut.declare('late', carmen, 1_300, 1_000);
    expect(sut.size).toBe(1);
    expect(sut.identityOf('late', 1_000)).toEqual(carmen);
  });
});

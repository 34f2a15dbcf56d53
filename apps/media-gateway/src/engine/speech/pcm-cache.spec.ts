import { describe, expect, it } from 'vitest';
import { PcmLruCache } from './pcm-cache.js';

const samples = (n: number) => new Int16Array(n);

describe(PcmLruCache.name, () => {
  it('evicts the least recently used until the samples fit the budget', () => {
    const sut = new PcmLruCache(100);
    sut.set('a', samples(40));
    sut.set('b', samples(40));
    expect(sut.get('a')).toBeDefined(); // a is now the most recent
    sut.set('c', samples(40));
    expect(sut.get('b')).toBeUndefined();
    expect(sut.get('a')).toBeDefined();
    expect(sut.get('c')).toBeDefined();
    expect(sut.totalSamples).toBe(80);
  });

  it('does not keep a prompt larger than the whole budget', () => {
    const sut = new PcmLruCache(100);
    sut.set('a', samples(50));
    sut.set('huge', samples(101));
    expect(sut.get('huge')).toBeUndefined();
    expect(sut.get('a')).toBeDefined();
  });

  it('counts a replaced entry once', () => {
    const sut = new PcmLruCache(100);
    sut.set('a', samples(30));
    sut.set('a', samples(60));
    expect(sut.totalSamples).toBe(60);
    expect(sut.size).toBe(1);
  });
});

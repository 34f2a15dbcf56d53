import { describe, expect, it } from 'vitest';
import { SortedList } from './sorted-list.js';

interface Item {
  key: number;
  id: number;
}
const compare = (a: Item, b: Item) => a.key - b.key || a.id - b.id;

function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe(SortedList.name, () => {
  it('stays sorted and answers ranks like a plain sorted array under random inserts and removes', () => {
    const rnd = random(7);
    const sut = new SortedList<Item>(compare, 4); // tiny chunks: many splits and empty chunks
    let reference: Item[] = [];
    for (let step = 0; step < 3000; step++) {
      if (reference.length === 0 || rnd() < 0.6) {
        const item = { key: Math.floor(rnd() * 50), id: step };
        sut.insert(item);
        reference.push(item);
        reference.sort(compare);
      } else {
        const victim = reference[Math.floor(rnd() * reference.length)]!;
        expect(sut.remove(victim)).toBe(true);
        reference = reference.filter((item) => item !== victim);
      }
      if (step % 97 === 0) {
        expect(sut.toArray()).toEqual(reference);
        const probe = { key: Math.floor(rnd() * 50), id: -1 };
        expect(sut.countBefore(probe)).toBe(reference.filter((item) => compare(item, probe) < 0).length);
      }
    }
    expect(sut.size).toBe(reference.length);
    expect(sut.first()).toBe(reference[0]);
  });

  it('refuses to remove an element that is not in it, even with an equal key', () => {
    const sut = new SortedList<Item>(compare);
    const inside = { key: 1, id: 1 };
    sut.insert(inside);
    expect(sut.remove({ key: 1, id: 1 })).toBe(false);
    expect(sut.remove(inside)).toBe(true);
    expect(sut.remove(inside)).toBe(false);
  });

  it('finds and filters in order', () => {
    const sut = new SortedList<Item>(compare, 2);
    for (const key of [5, 3, 9, 1, 7]) sut.insert({ key, id: key });
    expect(sut.find((item) => item.key > 4)?.key).toBe(5);
    expect(sut.filter((item) => item.key % 3 !== 0).map((item) => item.key)).toEqual([1, 5, 7]);
  });
});

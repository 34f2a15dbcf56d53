/**
 * A sorted list under a strict total order (the comparator never returns 0 for two different
 * elements: callers end their keys with a unique sequence number). Kept as sorted chunks of
 * at most 2 × `load` elements, the shape of Python's sortedcontainers: insert and remove cost
 * a binary search over the chunks, one inside a chunk, and a splice of at most 2 × `load`
 * slots; `first` is O(1); `countBefore` (a contact's position in its queue) adds one pass
 * over the chunk sizes. Elements must not change their key while in the list: callers freeze
 * the key in the element.
 */
export class SortedList<T> {
  private chunks: T[][] = [];
  private count = 0;

  constructor(
    private readonly compare: (a: T, b: T) => number,
    private readonly load = 256,
  ) {}

  get size(): number {
    return this.count;
  }

  first(): T | undefined {
    return this.chunks[0]?.[0];
  }

  insert(item: T): void {
    this.count++;
    if (this.chunks.length === 0) {
      this.chunks.push([item]);
      return;
    }
    let c = this.chunkFor(item);
    if (c === this.chunks.length) c--;
    const chunk = this.chunks[c]!;
    chunk.splice(this.lowerBound(chunk, item), 0, item);
    if (chunk.length > 2 * this.load) this.chunks.splice(c + 1, 0, chunk.splice(this.load));
  }

  /** Removes this very element; false when it is not in the list. */
  remove(item: T): boolean {
    const c = this.chunkFor(item);
    const chunk = this.chunks[c];
    if (!chunk) return false;
    const i = this.lowerBound(chunk, item);
    if (chunk[i] !== item) return false;
    chunk.splice(i, 1);
    if (chunk.length === 0) this.chunks.splice(c, 1);
    this.count--;
    return true;
  }

  /** How many elements order before `item` (which need not be in the list). */
  countBefore(item: T): number {
    const c = this.chunkFor(item);
    let before = 0;
    for (let i = 0; i < c; i++) before += this.chunks[i]!.length;
    const chunk = this.chunks[c];
    return chunk ? before + this.lowerBound(chunk, item) : before;
  }

  /** The first element, in order, that satisfies `test`. */
  find(test: (item: T) => boolean): T | undefined {
    for (const chunk of this.chunks) {
      for (const item of chunk) if (test(item)) return item;
    }
    return undefined;
  }

  /** Every element that satisfies `test`, in order. */
  filter(test: (item: T) => boolean): T[] {
    const out: T[] = [];
    for (const chunk of this.chunks) {
      for (const item of chunk) if (test(item)) out.push(item);
    }
    return out;
  }

  toArray(): T[] {
    return this.chunks.flat();
  }

  /** Index of the first chunk whose last element is not before `item`; chunks.length if none. */
  private chunkFor(item: T): number {
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = this.chunks[mid]!;
      if (this.compare(chunk[chunk.length - 1]!, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private lowerBound(chunk: readonly T[], item: T): number {
    let lo = 0;
    let hi = chunk.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(chunk[mid]!, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

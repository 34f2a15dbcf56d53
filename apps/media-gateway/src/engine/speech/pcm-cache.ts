/**
 * Rendered prompts in memory, least recently used first out, bounded by the samples held
 * (2 bytes each) rather than by count: one long announcement weighs as much as many short
 * menu options. A prompt larger than the whole budget is not kept at all.
 */
export class PcmLruCache {
  private readonly entries = new Map<string, Int16Array>();
  private total = 0;

  constructor(readonly limitSamples: number) {}

  get totalSamples(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): Int16Array | undefined {
    const samples = this.entries.get(key);
    if (samples) {
      // Map order is insertion order: re-inserting marks it the most recently used.
      this.entries.delete(key);
      this.entries.set(key, samples);
    }
    return samples;
  }

  set(key: string, samples: Int16Array): void {
    this.delete(key);
    if (samples.length > this.limitSamples) return;
    this.entries.set(key, samples);
    this.total += samples.length;
    for (const [oldest, evicted] of this.entries) {
      if (this.total <= this.limitSamples) break;
      this.entries.delete(oldest);
      this.total -= evicted.length;
    }
  }

  delete(key: string): void {
    const samples = this.entries.get(key);
    if (!samples) return;
    this.entries.delete(key);
    this.total -= samples.length;
  }
}

import { describe, expect, it } from 'vitest';
import { Event } from 'werift';

/** patches/werift@0.24.4.patch: Event.execute no longer starts an async loop nobody awaits. */
describe('patched werift Event', () => {
  it('is the patched one (pnpm applied patches/werift@0.24.4.patch)', () => {
    expect(new Event().execute.toString()).toContain('promiseStack.length === 0');
  });

  it('still calls plain subscribers at once, in order, with the arguments', () => {
    const event = new Event<[number, string]>();
    const seen: string[] = [];
    event.subscribe((n, s) => seen.push(`a${n}${s}`));
    event.subscribe((n, s) => seen.push(`b${n}${s}`));
    event.execute(1, 'x');
    expect(seen).toEqual(['a1x', 'b1x']);
  });

  it('still runs queuing subscribers one after another, each awaited', async () => {
    const event = new Event<[number]>();
    const seen: string[] = [];
    event.queuingSubscribe(async (n) => {
      seen.push(`start${n}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(`end${n}`);
    });
    event.queuingSubscribe(async (n) => {
      seen.push(`second${n}`);
    });
    event.execute(7);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(seen).toEqual(['start7', 'end7', 'second7']);
  });

  it('fires nothing after it ended', () => {
    const event = new Event<[number]>();
    const seen: number[] = [];
    event.subscribe((n) => seen.push(n));
    event.complete();
    event.execute(1);
    expect(seen).toEqual([]);
  });
});

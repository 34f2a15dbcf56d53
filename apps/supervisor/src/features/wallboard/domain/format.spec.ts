import { describe, expect, it } from 'vitest';
import { formatDuration, formatPercent, secondsSince } from './format';

describe('wallboard formats', () => {
  it('writes durations as m:ss, and h:mm:ss from an hour', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(59.9)).toBe('0:59');
    expect(formatDuration(61)).toBe('1:01');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(null)).toBe('—');
  });

  it('writes ratios as whole percentages', () => {
    expect(formatPercent(0.666)).toBe('67%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(null)).toBe('—');
  });

  it('counts time in a state from its start, never below zero', () => {
    const since = '2025-03-03T09:00:00.000Z';
    expect(secondsSince(since, Date.parse(since) + 90_500)).toBe(90.5);
    expect(secondsSince(since, Date.parse(since) - 300)).toBe(0);
  });
});

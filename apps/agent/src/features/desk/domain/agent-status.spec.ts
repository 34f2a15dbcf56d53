import { describe, expect, it } from 'vitest';
import { canChooseStatus, formatDuration, stateTimer, statusChoice } from './agent-status';

describe('agent status', () => {
  it('shows the agent’s own choice, or busy while the ACD holds them', () => {
    expect(statusChoice('available')).toBe('available');
    expect(statusChoice(null)).toBe('offline');
    expect(statusChoice('on-call')).toBe('busy');
    expect(canChooseStatus('on-call')).toBe(false);
    expect(canChooseStatus('after-call-work')).toBe(true);
  });

  it('formats durations', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65_400)).toBe('1:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(-5)).toBe('0:00');
  });

  it('counts wrap-up down and other states up', () => {
    const since = '2026-01-01T00:00:00.000Z';
    const t0 = Date.parse(since);
    expect(stateTimer({ state: 'after-call-work', since, wrapUpUntil: '2026-01-01T00:00:30.000Z' }, t0 + 10_000)).toEqual({ label: 'Wrap-up ends in', value: '0:20' });
    expect(stateTimer({ state: 'on-call', since, wrapUpUntil: null }, t0 + 75_000)).toEqual({ label: 'For', value: '1:15' });
  });
});

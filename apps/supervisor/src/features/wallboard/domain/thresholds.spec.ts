import { DEFAULT_WALLBOARD_THRESHOLDS as t } from '@ccx/contracts';
import { describe, expect, it } from 'vitest';
import { longestWaitVerdict, serviceLevelVerdict } from './thresholds';

describe('serviceLevelVerdict', () => {
  it('alerts below the alert level, warns below the warning level, in words', () => {
    expect(serviceLevelVerdict(0.59, t)).toEqual({ level: 'alert', text: 'Alert: below 60%' });
    expect(serviceLevelVerdict(0.6, t)).toEqual({ level: 'warning', text: 'Warning: below 80%' });
    expect(serviceLevelVerdict(0.8, t)).toEqual({ level: 'ok', text: 'On target' });
  });

  it('gives no verdict without calls or without thresholds', () => {
    expect(serviceLevelVerdict(null, t)).toBeNull();
    expect(serviceLevelVerdict(0.1, { ...t, serviceLevelWarnBelowPercent: null, serviceLevelAlertBelowPercent: null })).toBeNull();
  });

  it('uses whichever threshold is set', () => {
    expect(serviceLevelVerdict(0.7, { ...t, serviceLevelAlertBelowPercent: null })).toMatchObject({ level: 'warning' });
    expect(serviceLevelVerdict(0.5, { ...t, serviceLevelWarnBelowPercent: null })).toMatchObject({ level: 'alert' });
  });
});

describe('longestWaitVerdict', () => {
  it('warns over the warning wait and alerts over the alert wait (the limits themselves are fine)', () => {
    expect(longestWaitVerdict(30, t)).toEqual({ level: 'ok', text: 'On target' });
    expect(longestWaitVerdict(30.5, t)).toEqual({ level: 'warning', text: 'Warning: over 30 s' });
    expect(longestWaitVerdict(61, t)).toEqual({ level: 'alert', text: 'Alert: over 60 s' });
  });

  it('gives no verdict while nobody waits', () => {
    expect(longestWaitVerdict(null, t)).toBeNull();
  });
});

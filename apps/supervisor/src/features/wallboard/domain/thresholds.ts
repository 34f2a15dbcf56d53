/**
 * A queue's wallboard thresholds applied to its figures: each verdict has a level (for the
 * colour) and words (so the state is never told by colour alone). Service level warns or
 * alerts *below* a percentage; the longest wait *above* a number of seconds. A missing
 * figure (no calls yet, nobody waiting) or a threshold left empty gives no verdict.
 */
import type { WallboardThresholds } from '@ccx/contracts';

export type ThresholdLevel = 'ok' | 'warning' | 'alert';

export interface Verdict {
  level: ThresholdLevel;
  /** Said beside the figure, e.g. "Alert: below 60%". */
  text: string;
}

export function serviceLevelVerdict(serviceLevel: number | null, t: WallboardThresholds): Verdict | null {
  if (serviceLevel === null) return null;
  const percent = serviceLevel * 100;
  if (t.serviceLevelAlertBelowPercent !== null && percent < t.serviceLevelAlertBelowPercent) {
    return { level: 'alert', text: `Alert: below ${t.serviceLevelAlertBelowPercent}%` };
  }
  if (t.serviceLevelWarnBelowPercent !== null && percent < t.serviceLevelWarnBelowPercent) {
    return { level: 'warning', text: `Warning: below ${t.serviceLevelWarnBelowPercent}%` };
  }
  if (t.serviceLevelAlertBelowPercent === null && t.serviceLevelWarnBelowPercent === null) return null;
  return { level: 'ok', text: 'On target' };
}

export function longestWaitVerdict(seconds: number | null, t: WallboardThresholds): Verdict | null {
  if (seconds === null) return null;
  if (t.longestWaitAlertSeconds !== null && seconds > t.longestWaitAlertSeconds) {
    return { level: 'alert', text: `Alert: over ${t.longestWaitAlertSeconds} s` };
  }
  if (t.longestWaitWarnSeconds !== null && seconds > t.longestWaitWarnSeconds) {
    return { level: 'warning', text: `Warning: over ${t.longestWaitWarnSeconds} s` };
  }
  if (t.longestWaitAlertSeconds === null && t.longestWaitWarnSeconds === null) return null;
  return { level: 'ok', text: 'On target' };
}

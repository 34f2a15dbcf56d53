import type { IntervalFigures } from '@ccx/contracts';
import { describe, expect, it } from 'vitest';
import { chartGeometry } from './chart';

const interval = (offered: number, serviceLevel: number | null): IntervalFigures => ({
  start: '2025-03-03T00:00:00.000Z',
  offered,
  answered: offered,
  answeredWithinThreshold: 0,
  serviceLevel,
});

describe('chartGeometry', () => {
  it('scales bars to the busiest interval and draws the service level on 0–100%', () => {
    const g = chartGeometry([interval(2, 1), interval(4, 0.5), interval(0, null), interval(1, 0)], { width: 400, height: 100 });
    expect(g.maxOffered).toBe(4);
    expect(g.bars.map((b) => b.height)).toEqual([50, 100, 0, 25]);
    expect(g.bars.map((b) => b.y)).toEqual([50, 0, 100, 75]);
    expect(g.bars[1]).toMatchObject({ x: 115, width: 70 });
    // The unknown third interval breaks the line in two.
    expect(g.serviceLevelLines).toEqual(['50,0 150,50', '350,100']);
  });

  it('draws nothing tall on an empty day', () => {
    const g = chartGeometry([interval(0, null)], { width: 100, height: 50 });
    expect(g.bars[0]?.height).toBe(0);
    expect(g.serviceLevelLines).toEqual([]);
  });
});

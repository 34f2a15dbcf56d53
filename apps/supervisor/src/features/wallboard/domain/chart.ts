/**
 * The intraday chart's geometry: one bar per 15-minute interval for the calls offered
 * (scaled to the busiest interval) and a line for the service level (0–100%) through the
 * intervals that have one. Pure, so the SVG component only draws.
 */
import type { IntervalFigures } from '@ccx/contracts';

export interface ChartBox {
  width: number;
  height: number;
}

export interface ChartGeometry {
  bars: { x: number; y: number; width: number; height: number; offered: number; start: string }[];
  /** "x,y x,y …" for an SVG polyline; segments break where the service level is unknown. */
  serviceLevelLines: string[];
  maxOffered: number;
}

export function chartGeometry(intervals: readonly IntervalFigures[], box: ChartBox): ChartGeometry {
  const slot = intervals.length === 0 ? box.width : box.width / intervals.length;
  const maxOffered = Math.max(1, ...intervals.map((i) => i.offered));
  const bars = intervals.map((interval, index) => {
    const height = (interval.offered / maxOffered) * box.height;
    return { x: index * slot + slot * 0.15, y: box.height - height, width: slot * 0.7, height, offered: interval.offered, start: interval.start };
  });
  const serviceLevelLines: string[] = [];
  let line: string[] = [];
  intervals.forEach((interval, index) => {
    if (interval.serviceLevel === null) {
      if (line.length > 0) serviceLevelLines.push(line.join(' '));
      line = [];
      return;
    }
    line.push(`${round(index * slot + slot / 2)},${round(box.height - interval.serviceLevel * box.height)}`);
  });
  if (line.length > 0) serviceLevelLines.push(line.join(' '));
  return { bars, serviceLevelLines, maxOffered };
}

const round = (n: number) => Math.round(n * 10) / 10;

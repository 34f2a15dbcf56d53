/**
 * Today's calls offered (bars) and service level (line) per 15 minutes, for one queue or all,
 * as an SVG with a title and description, and the same figures as a table.
 */
import type { WallboardSnapshot } from '@ccx/contracts';
import { useId, useState } from 'react';
import { chartGeometry } from '../domain/chart';
import { formatPercent } from '../domain/format';

const BOX = { width: 720, height: 160 };

const clock = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

export function IntradayChart({ snapshot }: { snapshot: WallboardSnapshot }) {
  const [queueId, setQueueId] = useState('all');
  const id = useId();
  const { intraday } = snapshot.figures;
  const intervals = queueId === 'all' ? intraday.totals : (intraday.queues.find((q) => q.queueId === queueId)?.intervals ?? []);
  const name = queueId === 'all' ? 'all queues' : (snapshot.queues.find((q) => q.queueId === queueId)?.name ?? 'queue');
  const g = chartGeometry(intervals, BOX);
  const offered = intervals.reduce((sum, i) => sum + i.offered, 0);
  const busiest = intervals.reduce<(typeof intervals)[number] | null>((best, i) => (best === null || i.offered > best.offered ? i : best), null);
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Today by 15 minutes</h2>
      <label>
        Chart of{' '}
        <select value={queueId} onChange={(e) => setQueueId(e.target.value)}>
          <option value="all">All queues</option>
          {snapshot.queues.map((q) => (
            <option key={q.queueId} value={q.queueId}>
              {q.name}
            </option>
          ))}
        </select>
      </label>
      <svg className="intraday" viewBox={`0 -10 ${BOX.width} ${BOX.height + 20}`} role="img" aria-labelledby={`${id}-svg-title ${id}-svg-desc`}>
        <title id={`${id}-svg-title`}>Calls offered and service level per 15 minutes today, {name}</title>
        <desc id={`${id}-svg-desc`}>
          Bars: calls offered in each interval ({offered} today, at most {g.maxOffered} in one interval
          {busiest && busiest.offered > 0 ? `, from ${clock(busiest.start)}` : ''}). Line: service level, 0 to 100 percent, where known.
        </desc>
        <line x1={0} x2={BOX.width} y1={BOX.height} y2={BOX.height} className="axis" />
        {g.bars.map((b) => (
          <rect key={b.start} x={b.x} y={b.y} width={b.width} height={b.height} className="bar" />
        ))}
        {g.serviceLevelLines.map((points) => (
          <polyline key={points} points={points} className="sl-line" />
        ))}
      </svg>
      <p className="legend">
        <span className="legend-bar" aria-hidden="true" /> Calls offered (scale 0–{g.maxOffered}) <span className="legend-line" aria-hidden="true" /> Service level (0–100%)
      </p>
      <details>
        <summary>Table of the intraday figures</summary>
        <table className="wallboard-table" aria-label={`Intraday figures, ${name}`}>
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">Offered</th>
              <th scope="col">Answered</th>
              <th scope="col">Answered within T</th>
              <th scope="col">Service level</th>
            </tr>
          </thead>
          <tbody>
            {intervals.map((i) => (
              <tr key={i.start}>
                <th scope="row">{clock(i.start)}</th>
                <td>{i.offered}</td>
                <td>{i.answered}</td>
                <td>{i.answeredWithinThreshold}</td>
                <td>{formatPercent(i.serviceLevel)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

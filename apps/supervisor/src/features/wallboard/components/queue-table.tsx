/** Per-queue figures with the queues' thresholds applied, and the totals row. */
import type { QueueFigures, WallboardSnapshot, WallboardThresholds } from '@ccx/contracts';
import { formatDuration, formatPercent } from '../domain/format';
import { longestWaitVerdict, serviceLevelVerdict, type Verdict } from '../domain/thresholds';

function Judged({ value, verdict }: { value: string; verdict: Verdict | null }) {
  if (!verdict || verdict.level === 'ok') return <>{value}</>;
  return (
    <span className={`verdict verdict-${verdict.level}`}>
      {value} <span className="verdict-text">({verdict.text})</span>
    </span>
  );
}

function FigureCells({ figures, thresholds }: { figures: QueueFigures; thresholds: WallboardThresholds | null }) {
  const a = figures.agentsByState;
  return (
    <>
      <td>{figures.waiting}</td>
      <td>
        <Judged value={formatDuration(figures.longestWaitSeconds)} verdict={thresholds && longestWaitVerdict(figures.longestWaitSeconds, thresholds)} />
      </td>
      <td>{figures.offered}</td>
      <td>{figures.answered}</td>
      <td>{figures.abandoned}</td>
      <td>
        <Judged value={formatPercent(figures.serviceLevel)} verdict={thresholds && serviceLevelVerdict(figures.serviceLevel, thresholds)} />
      </td>
      <td>{formatDuration(figures.asaSeconds)}</td>
      <td>{formatDuration(figures.ahtSeconds)}</td>
      <td>{formatPercent(figures.abandonRate)}</td>
      <td>{formatDuration(figures.ewtSeconds)}</td>
      <td>
        {formatDuration(figures.ewtError.meanAbsoluteErrorSeconds)}
        {figures.ewtError.samples > 0 && (
          <span className="muted">
            {' '}
            ({figures.ewtError.samples} told{figures.ewtError.meanSignedErrorSeconds !== null && `, ${figures.ewtError.meanSignedErrorSeconds >= 0 ? 'too long' : 'too short'} on average`})
          </span>
        )}
      </td>
      <td>{a.available}</td>
      <td>{a['on-call'] + a.ringing}</td>
      <td>{a['wrap-up']}</td>
      <td>{a['not-ready']}</td>
    </>
  );
}

export function QueueTable({ snapshot }: { snapshot: WallboardSnapshot }) {
  const names = new Map(snapshot.queues.map((q) => [q.queueId, q]));
  return (
    <table className="wallboard-table" aria-label="Queues">
      <thead>
        <tr>
          <th scope="col">Queue</th>
          <th scope="col">Waiting</th>
          <th scope="col">Longest wait</th>
          <th scope="col">Offered</th>
          <th scope="col">Answered</th>
          <th scope="col">Abandoned</th>
          <th scope="col">
            <abbr title="Service level: answered within T ÷ (offered − short abandons)">SL</abbr>
          </th>
          <th scope="col">
            <abbr title="Average speed of answer">ASA</abbr>
          </th>
          <th scope="col">
            <abbr title="Average handle time">AHT</abbr>
          </th>
          <th scope="col">Abandon rate</th>
          <th scope="col">
            <abbr title="Estimated wait time of a caller joining now">EWT</abbr>
          </th>
          <th scope="col">
            <abbr title="Mean difference between the waits announced to callers and the waits they had">EWT error</abbr>
          </th>
          <th scope="col">Available</th>
          <th scope="col">On call</th>
          <th scope="col">Wrap-up</th>
          <th scope="col">Not ready</th>
        </tr>
      </thead>
      <tbody>
        {snapshot.figures.queues.map((q) => {
          const queue = names.get(q.queueId);
          return (
            <tr key={q.queueId} data-queue={queue?.name}>
              <th scope="row">
                {queue?.name ?? q.queueId} <span className="muted">(T {q.serviceLevelSeconds} s)</span>
              </th>
              <FigureCells figures={q} thresholds={queue?.thresholds ?? null} />
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr data-queue="Total">
          <th scope="row">All queues</th>
          <FigureCells figures={snapshot.figures.totals} thresholds={null} />
        </tr>
      </tfoot>
    </table>
  );
}

/** One call opened from the list: its summary, its recordings and its event timeline. */
import { type CallRecord } from '@ccx/contracts';
import { useCallTimeline } from '../api/calls';
import { formatDuration, timelineRows, type TimelineNames } from '../domain/call-timeline';
import { RecordingPlayer } from './recording-player';

const seconds = (value: number | null) => (value === null ? '–' : formatDuration(value));

export function CallDetails({ call, names, onClose }: { call: CallRecord; names: TimelineNames; onClose: () => void }) {
  const timeline = useCallTimeline(call.id);
  const kept = call.recordings.filter((r) => r.path !== null);
  return (
    <section className="card call-details" aria-labelledby="call-details-title">
      <div className="card-head">
        <h2 id="call-details-title">
          Call from {call.callerNumber || '(withheld)'} at {new Date(call.startedAt).toLocaleString()}
        </h2>
        <button type="button" onClick={onClose}>
          Close call details
        </button>
      </div>
      <dl className="summary">
        <dt>Call id</dt>
        <dd>{call.id}</dd>
        <dt>Direction / channel</dt>
        <dd>
          {call.direction} / {call.channel}
        </dd>
        <dt>Dialed</dt>
        <dd>{call.dialedNumber}</dd>
        <dt>Queue</dt>
        <dd>{call.queueId ? names.queue(call.queueId) : '–'}</dd>
        <dt>Agents</dt>
        <dd>{[...new Set(call.agents.map((a) => a.agentId))].map(names.agent).join(', ') || '–'}</dd>
        <dt>Wait / talk / hold / wrap-up</dt>
        <dd>
          {seconds(call.waitSeconds)} / {seconds(call.talkSeconds)} / {seconds(call.holdSeconds)} / {seconds(call.wrapUpSeconds)}
        </dd>
        <dt>Ended</dt>
        <dd>{call.endedAt ? `${call.endedBy ?? ''} ${call.endCause ?? ''}`.trim() : 'in progress'}</dd>
        <dt>Disposition</dt>
        <dd>{call.disposition ?? '–'}</dd>
        <dt>Survey score</dt>
        <dd>{call.surveyScore ?? '–'}</dd>
      </dl>

      <h3>Recordings</h3>
      {kept.length === 0 && !call.voicemail?.path && <p className="empty">No recording of this call is on file.</p>}
      {kept.map((r, i) => (
        <RecordingPlayer key={r.recordingId} callId={call.id} recordingId={r.recordingId} stereo title={`Recording ${i + 1}${r.durationSeconds === null ? '' : ` (${formatDuration(r.durationSeconds)})`}: customer left, agent right`} />
      ))}
      {call.voicemail?.path && <RecordingPlayer callId={call.id} recordingId={call.voicemail.recordingId} stereo={false} title={`Voicemail (${formatDuration(call.voicemail.durationSeconds)})`} />}

      <h3 id="timeline-title">Timeline</h3>
      {timeline.isPending && <p className="empty">Loading the timeline…</p>}
      {timeline.isError && (
        <p className="field-error" role="alert">
          The timeline could not be loaded: {timeline.error.message}
        </p>
      )}
      {timeline.data && (
        <table className="timeline" aria-labelledby="timeline-title">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Since start</th>
              <th scope="col">Event</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {timelineRows(timeline.data.events, names).map((row) => (
              <tr key={row.seq}>
                <td>{row.time}</td>
                <td>{row.offset}</td>
                <td>{row.event}</td>
                <td>{row.details}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
